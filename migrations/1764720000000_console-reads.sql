-- Up Migration

-- The console's incident search matches text anywhere in the title or the reference, in any case
-- (ILIKE '%…%'): a B-tree cannot serve that, a trigram index can. pg_trgm is a trusted extension
-- (PostgreSQL 13+), so the database owner may create it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX incidents_title_trgm_idx ON incidents USING gin (title gin_trgm_ops);
CREATE INDEX incidents_reference_trgm_idx ON incidents USING gin (reference gin_trgm_ops);

-- The incident list filtered by stage, newest first.
CREATE INDEX incidents_stage_created_at_id_idx ON incidents (stage, created_at DESC, id DESC);

-- The deadline board filtered by owner: that owner's incidents first, then their clocks.
CREATE INDEX incidents_owner_contact_id_idx ON incidents (owner_contact_id) WHERE owner_contact_id IS NOT NULL;

-- The deadline board's escalations of each clock: how many are unacknowledged and which came last, read from the
-- index alone.
CREATE INDEX escalations_clock_raised_at_idx ON escalations (incident_id, regime, obligation, raised_at DESC, id DESC)
  INCLUDE (acknowledged_at, escalation_id, rung, kind);

-- Down Migration

DROP INDEX escalations_clock_raised_at_idx;
DROP INDEX incidents_owner_contact_id_idx;
DROP INDEX incidents_stage_created_at_id_idx;
DROP INDEX incidents_reference_trgm_idx;
DROP INDEX incidents_title_trgm_idx;
DROP EXTENSION IF EXISTS pg_trgm;

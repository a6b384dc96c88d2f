-- Up Migration

-- The console's incident search matches text anywhere in the title or the reference, in any case
-- (ILIKE '%…%'): a B-tree cannot serve that, a trigram index can. pg_trgm is a trusted extension
-- (PostgreSQL 13+), so the database owner may create it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX incidents_title_trgm_idx ON incidents USING gin (title gin_trgm_ops);
CREATE INDEX incidents_reference_trgm_idx ON incidents USING gin (reference gin_trgm_ops);

-- The incident list filtered by stage, newest first.
CREATE INDEX incidents_stage_created_at_id_idx ON incidents (stage, created_at DESC, id DESC);

-- Down Migration

DROP INDEX incidents_stage_created_at_id_idx;
DROP INDEX incidents_reference_trgm_idx;
DROP INDEX incidents_title_trgm_idx;
DROP EXTENSION IF EXISTS pg_trgm;

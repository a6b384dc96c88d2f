-- Up Migration
-- Affected people per country and per US state (or other ISO 3166-2 subdivision): the thresholds of the US
-- state laws, HIPAA, NYDFS and others are counted there. Scope versions recorded before carry none.
ALTER TABLE scope_versions ADD COLUMN affected jsonb NOT NULL DEFAULT '[]'::jsonb;

-- Down Migration
ALTER TABLE scope_versions DROP COLUMN affected;

-- Up Migration
-- The application connects as breach_app (a LOGIN role with a password is set up where it is deployed; the
-- local stack does so in src/stack/app-role.ts); migrations run as the owner of the tables. The application may
-- read and write the case file, and append to the audit trail and read it — nothing else on it: no UPDATE,
-- DELETE or TRUNCATE, and as it owns nothing it can neither ALTER the table nor DISABLE its triggers.
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'breach_app') THEN
    CREATE ROLE breach_app NOLOGIN;
  END IF;
  EXECUTE format('GRANT CONNECT ON DATABASE %I TO breach_app', current_database());
END
$$;

GRANT USAGE ON SCHEMA public TO breach_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO breach_app;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO breach_app;
REVOKE UPDATE, DELETE, TRUNCATE ON audit_events FROM breach_app;
-- The migration log is the owner's.
REVOKE ALL ON pgmigrations FROM breach_app;
-- Tables later migrations create get the same grants; a migration that adds an append-only table revokes as above.
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO breach_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO breach_app;

-- Down Migration
ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE USAGE, SELECT ON SEQUENCES FROM breach_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE SELECT, INSERT, UPDATE, DELETE ON TABLES FROM breach_app;
REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM breach_app;
REVOKE ALL ON ALL TABLES IN SCHEMA public FROM breach_app;
REVOKE USAGE ON SCHEMA public FROM breach_app;
DO $$
BEGIN
  EXECUTE format('REVOKE CONNECT ON DATABASE %I FROM breach_app', current_database());
END
$$;

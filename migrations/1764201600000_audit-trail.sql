-- Up Migration

-- Append-only, hash-chained record of every change to an incident. Each row's hash covers its content and the
-- previous row's hash (src/db/audit-repository.ts, hashAuditEvent), so an edit that bypasses the trigger below
-- still shows up when the chain is verified.
CREATE TABLE audit_events (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  incident_id uuid NOT NULL REFERENCES incidents (id),
  seq integer NOT NULL,
  occurred_at timestamptz NOT NULL,
  -- No foreign key: the actor's name and role are recorded as they were, and the key id is kept as a plain value.
  actor_key_id uuid,
  actor_name text NOT NULL,
  actor_role text NOT NULL,
  event_type text NOT NULL,
  payload jsonb NOT NULL,
  idempotency_key text NOT NULL,
  prev_hash text NOT NULL,
  hash text NOT NULL,
  -- One row per position: two concurrent appends can never fork the chain.
  CONSTRAINT audit_events_incident_seq_key UNIQUE (incident_id, seq),
  -- An activity retry finds its row and appends nothing.
  CONSTRAINT audit_events_idempotency_key_key UNIQUE (idempotency_key),
  CONSTRAINT audit_events_seq_check CHECK (seq >= 1),
  CONSTRAINT audit_events_hash_check CHECK (hash ~ '^[0-9a-f]{64}$' AND prev_hash ~ '^[0-9a-f]{64}$'),
  -- The first row links to 64 zeros, and only the first.
  CONSTRAINT audit_events_genesis_check CHECK ((seq = 1) = (prev_hash = repeat('0', 64))),
  CONSTRAINT audit_events_payload_check CHECK (jsonb_typeof(payload) = 'object')
);

-- Refuses UPDATE, DELETE and TRUNCATE with SQLSTATE 42501 (insufficient_privilege): the rows are evidence and
-- nobody, the table owner included, may change or remove them. A superuser can still bypass triggers
-- (session_replication_role = replica, ALTER TABLE ... DISABLE TRIGGER); verifying the hash chain detects that.
CREATE FUNCTION audit_events_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only: % refused', TG_OP
    USING ERRCODE = 'insufficient_privilege', SCHEMA = TG_TABLE_SCHEMA, TABLE = TG_TABLE_NAME,
          HINT = 'Record a correction as a new audit event.';
END;
$$;

CREATE TRIGGER audit_events_refuse_update_delete
  BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_refuse_change();

CREATE TRIGGER audit_events_refuse_truncate
  BEFORE TRUNCATE ON audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION audit_events_refuse_change();

-- Down Migration

DROP TABLE audit_events;
DROP FUNCTION audit_events_refuse_change();

-- Up Migration

-- One row per (API key, Idempotency-Key): a retried POST, PUT or PATCH finds its first response here and changes
-- nothing. The primary key is what makes two API processes racing on one key see a single winner.
CREATE TABLE idempotency_keys (
  -- Keys are scoped to the API key that sent them; no foreign key, like audit_events.actor_key_id.
  api_key_id uuid NOT NULL,
  idempotency_key text NOT NULL,
  method text,
  path text,
  -- sha256 hex of method, path and canonical JSON body: the same key with another request is refused.
  request_hash text NOT NULL,
  state text NOT NULL,
  response_status integer,
  response_headers jsonb,
  response_body jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  completed_at timestamptz,
  expires_at timestamptz NOT NULL,
  CONSTRAINT idempotency_keys_pkey PRIMARY KEY (api_key_id, idempotency_key),
  CONSTRAINT idempotency_keys_key_check CHECK (idempotency_key ~ '^[\x20-\x7e]{1,255}$'),
  CONSTRAINT idempotency_keys_state_check CHECK (state IN ('in-progress', 'completed')),
  CONSTRAINT idempotency_keys_request_hash_check CHECK (request_hash ~ '^[0-9a-f]{64}$'),
  -- A completed row always carries the response it replays.
  CONSTRAINT idempotency_keys_completed_check CHECK ((state = 'completed') = (response_status IS NOT NULL AND completed_at IS NOT NULL))
);
CREATE INDEX idempotency_keys_expires_at_idx ON idempotency_keys (expires_at);

-- Down Migration

DROP TABLE idempotency_keys;

-- Up Migration

CREATE TABLE api_keys (
  id uuid PRIMARY KEY,
  name text NOT NULL,
  role text NOT NULL,
  -- SHA-256 of the whole key: keys are 256-bit random, so a fast hash is enough and the key itself is never stored.
  key_hash text NOT NULL,
  key_prefix text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz,
  CONSTRAINT api_keys_role_check CHECK (role IN ('admin', 'dpo', 'responder', 'viewer')),
  CONSTRAINT api_keys_key_hash_key UNIQUE (key_hash)
);

CREATE TABLE incident_reference_counters (
  year integer PRIMARY KEY,
  last_value integer NOT NULL
);

CREATE TABLE incidents (
  id uuid PRIMARY KEY,
  reference text NOT NULL,
  workflow_id text NOT NULL,
  title text NOT NULL,
  description text,
  status text NOT NULL DEFAULT 'open',
  stage text NOT NULL DEFAULT 'detected',
  detected_at timestamptz NOT NULL,
  aware_at timestamptz,
  reported_by text,
  created_by uuid REFERENCES api_keys (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT incidents_reference_key UNIQUE (reference),
  CONSTRAINT incidents_workflow_id_key UNIQUE (workflow_id),
  CONSTRAINT incidents_status_check CHECK (status IN ('open', 'closed'))
);
CREATE INDEX incidents_created_at_id_idx ON incidents (created_at DESC, id DESC);
CREATE INDEX incidents_status_created_at_id_idx ON incidents (status, created_at DESC, id DESC);

CREATE TABLE deadlines (
  incident_id uuid NOT NULL REFERENCES incidents (id),
  regime text NOT NULL,
  obligation text NOT NULL,
  starts_at timestamptz NOT NULL,
  due_at timestamptz NOT NULL,
  status text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT deadlines_pkey PRIMARY KEY (incident_id, regime, obligation),
  CONSTRAINT deadlines_status_check CHECK (status IN ('pending', 'met', 'overdue', 'waived'))
);
CREATE INDEX deadlines_status_due_at_idx ON deadlines (status, due_at);

CREATE TABLE escalations (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  incident_id uuid NOT NULL REFERENCES incidents (id),
  regime text NOT NULL,
  obligation text NOT NULL,
  rung text NOT NULL,
  due_at timestamptz NOT NULL,
  raised_at timestamptz NOT NULL,
  -- One row per rung: an activity retry must not record the same escalation twice.
  CONSTRAINT escalations_rung_key UNIQUE (incident_id, regime, obligation, rung)
);

-- Down Migration

DROP TABLE escalations;
DROP TABLE deadlines;
DROP TABLE incidents;
DROP TABLE incident_reference_counters;
DROP TABLE api_keys;

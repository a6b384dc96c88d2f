-- Up Migration

ALTER TABLE incidents
  ADD COLUMN containment_status text NOT NULL DEFAULT 'not-started',
  ADD COLUMN contained_at timestamptz,
  ADD COLUMN closure_kind text,
  ADD COLUMN closure_reason text,
  ADD COLUMN lessons_learned text,
  ADD COLUMN closed_at timestamptz,
  ADD CONSTRAINT incidents_containment_status_check CHECK (containment_status IN ('not-started', 'in-progress', 'contained')),
  ADD CONSTRAINT incidents_closure_kind_check CHECK (closure_kind IN ('resolved', 'not-a-breach'));

ALTER TABLE deadlines
  ADD COLUMN met_at timestamptz,
  ADD COLUMN waived_reason text;

-- Every lifecycle row's id is the workflow's event id, so a retried activity inserts nothing new.
CREATE TABLE containment_actions (
  id uuid PRIMARY KEY,
  incident_id uuid NOT NULL REFERENCES incidents (id),
  action text NOT NULL,
  performed_by text NOT NULL,
  performed_at timestamptz NOT NULL,
  recorded_by text NOT NULL,
  recorded_at timestamptz NOT NULL
);
CREATE INDEX containment_actions_incident_idx ON containment_actions (incident_id, performed_at);

CREATE TABLE findings (
  id uuid PRIMARY KEY,
  incident_id uuid NOT NULL REFERENCES incidents (id),
  summary text NOT NULL,
  details jsonb,
  observed_at timestamptz,
  recorded_by text NOT NULL,
  recorded_at timestamptz NOT NULL
);
CREATE INDEX findings_incident_idx ON findings (incident_id, recorded_at);

-- Scope is versioned, never overwritten: each change is a new row.
CREATE TABLE scope_versions (
  incident_id uuid NOT NULL REFERENCES incidents (id),
  version integer NOT NULL,
  data_categories text[] NOT NULL,
  special_categories text[] NOT NULL,
  data_subjects_approx bigint NOT NULL,
  records_approx bigint NOT NULL,
  affected_systems text[] NOT NULL,
  countries text[] NOT NULL,
  cause text,
  encrypted boolean NOT NULL,
  unintelligible boolean NOT NULL,
  likely_consequences text,
  recorded_by text NOT NULL,
  recorded_at timestamptz NOT NULL,
  CONSTRAINT scope_versions_pkey PRIMARY KEY (incident_id, version),
  CONSTRAINT scope_versions_version_check CHECK (version >= 1)
);

CREATE TABLE evidence_items (
  id uuid PRIMARY KEY,
  incident_id uuid NOT NULL REFERENCES incidents (id),
  description text NOT NULL,
  source text NOT NULL,
  collected_by text NOT NULL,
  collected_at timestamptz NOT NULL,
  method text NOT NULL,
  tool text,
  sha256 text,
  size_bytes bigint,
  -- true once content is in the evidence store; false while it lives elsewhere (registered by hash).
  content_stored boolean NOT NULL DEFAULT false,
  registered_by text NOT NULL,
  registered_at timestamptz NOT NULL,
  CONSTRAINT evidence_items_sha256_check CHECK (sha256 ~ '^[0-9a-f]{64}$')
);
CREATE INDEX evidence_items_incident_idx ON evidence_items (incident_id, registered_at);

CREATE TABLE custody_events (
  id uuid PRIMARY KEY,
  evidence_id uuid NOT NULL REFERENCES evidence_items (id),
  incident_id uuid NOT NULL REFERENCES incidents (id),
  event text NOT NULL,
  from_party text,
  to_party text,
  purpose text NOT NULL,
  occurred_at timestamptz NOT NULL,
  -- for "verified": { matches, expectedSha256, actualSha256 }
  result jsonb,
  recorded_by text NOT NULL,
  recorded_at timestamptz NOT NULL,
  CONSTRAINT custody_events_event_check CHECK (event IN ('collected', 'transferred', 'accessed', 'verified', 'released'))
);
CREATE INDEX custody_events_evidence_idx ON custody_events (evidence_id, occurred_at);

CREATE TABLE risk_assessments (
  id uuid PRIMARY KEY,
  incident_id uuid NOT NULL REFERENCES incidents (id),
  version integer NOT NULL,
  inputs jsonb NOT NULL,
  dpc numeric NOT NULL,
  ei numeric NOT NULL,
  cb numeric NOT NULL,
  score numeric NOT NULL,
  band text NOT NULL,
  suggested_outcome text NOT NULL,
  assessed_by text NOT NULL,
  assessed_at timestamptz NOT NULL,
  final_outcome text,
  override_justification text,
  signed_off_by text,
  signed_off_at timestamptz,
  CONSTRAINT risk_assessments_incident_version_key UNIQUE (incident_id, version)
);

-- The current decision per audience; earlier decisions stay in the audit trail.
CREATE TABLE notification_decisions (
  incident_id uuid NOT NULL REFERENCES incidents (id),
  audience text NOT NULL,
  decision text NOT NULL,
  exemption text,
  reason text,
  decided_by text NOT NULL,
  decided_at timestamptz NOT NULL,
  CONSTRAINT notification_decisions_pkey PRIMARY KEY (incident_id, audience),
  CONSTRAINT notification_decisions_audience_check CHECK (audience IN ('supervisory-authority', 'data-subjects'))
);

CREATE TABLE notices (
  id uuid PRIMARY KEY,
  incident_id uuid NOT NULL REFERENCES incidents (id),
  audience text NOT NULL,
  sent_at timestamptz NOT NULL,
  authority text,
  reference text,
  phase text,
  delay_reasons text,
  late boolean NOT NULL DEFAULT false,
  channel text,
  recipients bigint,
  recorded_by text NOT NULL,
  recorded_at timestamptz NOT NULL,
  CONSTRAINT notices_audience_check CHECK (audience IN ('supervisory-authority', 'data-subjects')),
  CONSTRAINT notices_phase_check CHECK (phase IN ('initial', 'follow-up', 'final'))
);
CREATE INDEX notices_incident_idx ON notices (incident_id, sent_at);

-- Down Migration

DROP TABLE notices;
DROP TABLE notification_decisions;
DROP TABLE risk_assessments;
DROP TABLE custody_events;
DROP TABLE evidence_items;
DROP TABLE scope_versions;
DROP TABLE findings;
DROP TABLE containment_actions;
ALTER TABLE deadlines DROP COLUMN met_at, DROP COLUMN waived_reason;
ALTER TABLE incidents
  DROP CONSTRAINT incidents_containment_status_check,
  DROP CONSTRAINT incidents_closure_kind_check,
  DROP COLUMN containment_status,
  DROP COLUMN contained_at,
  DROP COLUMN closure_kind,
  DROP COLUMN closure_reason,
  DROP COLUMN lessons_learned,
  DROP COLUMN closed_at;

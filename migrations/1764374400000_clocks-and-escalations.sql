-- Up Migration

-- A clock can wait for its trigger (e.g. DORA classification as major) and so has no start or due time yet.
ALTER TABLE deadlines
  ALTER COLUMN starts_at DROP NOT NULL,
  ALTER COLUMN due_at DROP NOT NULL,
  ADD COLUMN trigger text NOT NULL DEFAULT 'awareness',
  ADD COLUMN acknowledged_at timestamptz,
  DROP CONSTRAINT deadlines_status_check,
  ADD CONSTRAINT deadlines_status_check CHECK (status IN ('awaiting-trigger', 'pending', 'met', 'overdue', 'waived'));
CREATE INDEX deadlines_open_due_at_idx ON deadlines (due_at, incident_id, regime, obligation) WHERE status IN ('pending', 'overdue');

ALTER TABLE escalations
  ADD COLUMN escalation_id uuid,
  ADD COLUMN kind text NOT NULL DEFAULT 'overdue',
  ADD COLUMN recipients text[] NOT NULL DEFAULT '{}',
  ADD COLUMN acknowledged_at timestamptz,
  ADD COLUMN acknowledged_by text,
  ADD CONSTRAINT escalations_escalation_id_key UNIQUE (escalation_id);

-- Who escalations reach. Contacts are organisation-wide by role; an incident may name its owner.
CREATE TABLE contacts (
  id uuid PRIMARY KEY,
  name text NOT NULL,
  role text NOT NULL,
  email text,
  webhook_url text,
  webhook_secret text,
  api_key_id uuid REFERENCES api_keys (id),
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT contacts_role_check CHECK (role IN ('owner', 'dpo', 'legal', 'leadership')),
  CONSTRAINT contacts_channel_check CHECK (email IS NOT NULL OR webhook_url IS NOT NULL),
  CONSTRAINT contacts_webhook_secret_check CHECK ((webhook_url IS NULL) = (webhook_secret IS NULL))
);
CREATE INDEX contacts_role_idx ON contacts (role) WHERE active;

ALTER TABLE incidents ADD COLUMN owner_contact_id uuid REFERENCES contacts (id);

-- One row per escalation step, recipient and channel: the unit that is delivered exactly once.
CREATE TABLE escalation_deliveries (
  id uuid PRIMARY KEY,
  escalation_id uuid NOT NULL REFERENCES escalations (escalation_id),
  incident_id uuid NOT NULL REFERENCES incidents (id),
  contact_id uuid NOT NULL REFERENCES contacts (id),
  channel text NOT NULL,
  target text NOT NULL,
  status text NOT NULL DEFAULT 'pending',
  attempts integer NOT NULL DEFAULT 0,
  last_error text,
  sent_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT escalation_deliveries_once_key UNIQUE (escalation_id, contact_id, channel),
  CONSTRAINT escalation_deliveries_channel_check CHECK (channel IN ('email', 'webhook')),
  CONSTRAINT escalation_deliveries_status_check CHECK (status IN ('pending', 'sent', 'failed'))
);
CREATE INDEX escalation_deliveries_incident_idx ON escalation_deliveries (incident_id, created_at);

-- Every attempt, including the ones a dying worker left unfinished (finished_at NULL).
CREATE TABLE delivery_attempts (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  delivery_id uuid NOT NULL REFERENCES escalation_deliveries (id),
  attempt integer NOT NULL,
  started_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz,
  outcome text,
  error text,
  CONSTRAINT delivery_attempts_outcome_check CHECK (outcome IN ('sent', 'retryable-error', 'failed'))
);
CREATE INDEX delivery_attempts_delivery_idx ON delivery_attempts (delivery_id, attempt);

-- The organisation's profile: the facts that decide which regimes apply (one row).
CREATE TABLE organisation_profile (
  id boolean PRIMARY KEY DEFAULT true,
  name text,
  establishment text[] NOT NULL DEFAULT '{}',
  sector_flags text[] NOT NULL DEFAULT '{}',
  acting_as text NOT NULL DEFAULT 'controller',
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT organisation_profile_single_row CHECK (id),
  CONSTRAINT organisation_profile_acting_as_check CHECK (acting_as IN ('controller', 'processor'))
);
INSERT INTO organisation_profile (id) VALUES (true);

-- Down Migration

DROP TABLE organisation_profile;
DROP TABLE delivery_attempts;
DROP TABLE escalation_deliveries;
ALTER TABLE incidents DROP COLUMN owner_contact_id;
DROP TABLE contacts;
ALTER TABLE escalations
  DROP CONSTRAINT escalations_escalation_id_key,
  DROP COLUMN escalation_id, DROP COLUMN kind, DROP COLUMN recipients, DROP COLUMN acknowledged_at, DROP COLUMN acknowledged_by;
DROP INDEX deadlines_open_due_at_idx;
ALTER TABLE deadlines
  DROP CONSTRAINT deadlines_status_check,
  ADD CONSTRAINT deadlines_status_check CHECK (status IN ('pending', 'met', 'overdue', 'waived')),
  DROP COLUMN acknowledged_at,
  DROP COLUMN trigger,
  ALTER COLUMN due_at SET NOT NULL,
  ALTER COLUMN starts_at SET NOT NULL;

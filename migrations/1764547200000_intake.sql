-- Up Migration

-- Security tools that may open incidents through signed webhooks.
CREATE TABLE intake_sources (
  id uuid PRIMARY KEY,
  name text NOT NULL,
  format text NOT NULL,
  correlation_window_hours integer NOT NULL DEFAULT 72,
  rate_limit_per_minute integer NOT NULL DEFAULT 600,
  disabled_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT intake_sources_format_check CHECK (format IN ('generic', 'aws-guardduty', 'splunk', 'elastic-security')),
  CONSTRAINT intake_sources_window_check CHECK (correlation_window_hours BETWEEN 1 AND 8760),
  CONSTRAINT intake_sources_rate_check CHECK (rate_limit_per_minute BETWEEN 1 AND 100000)
);

-- A source's signing secrets: during a rotation the old one verifies until it expires.
CREATE TABLE intake_source_secrets (
  id uuid PRIMARY KEY,
  source_id uuid NOT NULL REFERENCES intake_sources (id),
  secret text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz
);
CREATE INDEX intake_source_secrets_source_idx ON intake_source_secrets (source_id);

-- What each delivered webhook produced: a redelivery (same source and webhook-id) answers the same.
CREATE TABLE intake_deliveries (
  source_id uuid NOT NULL REFERENCES intake_sources (id),
  webhook_id text NOT NULL,
  incident_id uuid NOT NULL REFERENCES incidents (id),
  alert_id uuid NOT NULL,
  action text NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT intake_deliveries_pkey PRIMARY KEY (source_id, webhook_id)
);

CREATE TABLE incident_alerts (
  id uuid PRIMARY KEY,
  incident_id uuid NOT NULL REFERENCES incidents (id),
  source_id uuid NOT NULL REFERENCES intake_sources (id),
  webhook_id text NOT NULL,
  format text NOT NULL,
  external_id text,
  title text NOT NULL,
  severity text NOT NULL,
  detected_at timestamptz NOT NULL,
  correlation_key text,
  assets text[] NOT NULL DEFAULT '{}',
  observables jsonb NOT NULL DEFAULT '[]',
  data_category_hints text[] NOT NULL DEFAULT '{}',
  received_at timestamptz NOT NULL
);
CREATE INDEX incident_alerts_incident_idx ON incident_alerts (incident_id, received_at);

-- Fixed one-minute windows of accepted requests per source, shared by every API replica.
CREATE TABLE intake_rate_windows (
  source_id uuid NOT NULL REFERENCES intake_sources (id),
  window_start timestamptz NOT NULL,
  requests integer NOT NULL,
  CONSTRAINT intake_rate_windows_pkey PRIMARY KEY (source_id, window_start)
);

-- Down Migration

DROP TABLE intake_rate_windows;
DROP TABLE incident_alerts;
DROP TABLE intake_deliveries;
DROP TABLE intake_source_secrets;
DROP TABLE intake_sources;

-- Up Migration

-- Every verified alert, stored before the intake answers 202: the row is the deduplication record (one per
-- source and webhook-id) and the durable queue the worker's dispatcher hands to the correlation groups, in
-- `seq` order. Its status says what processing made of it.
CREATE TABLE intake_alerts (
  id uuid PRIMARY KEY,
  seq bigint GENERATED ALWAYS AS IDENTITY,
  source_id uuid NOT NULL REFERENCES intake_sources (id),
  webhook_id text NOT NULL,
  -- The correlation group's workflow id (source and correlation key, or the webhook-id when there is none).
  group_id text NOT NULL,
  -- The normalized alert with the source's name and the receipt time, as the incident is opened from it.
  delivery jsonb NOT NULL,
  status text NOT NULL DEFAULT 'received',
  incident_id uuid REFERENCES incidents (id),
  rejection text,
  received_at timestamptz NOT NULL,
  dispatched_at timestamptz,
  processed_at timestamptz,
  CONSTRAINT intake_alerts_delivery_key UNIQUE (source_id, webhook_id),
  CONSTRAINT intake_alerts_status_check CHECK (status IN ('received', 'opened', 'attached', 'rejected')),
  CONSTRAINT intake_alerts_outcome_check CHECK (
    (status = 'received' AND incident_id IS NULL AND rejection IS NULL)
    OR (status IN ('opened', 'attached') AND incident_id IS NOT NULL AND rejection IS NULL)
    OR (status = 'rejected' AND incident_id IS NULL AND rejection IS NOT NULL)
  )
);
CREATE INDEX intake_alerts_undispatched_idx ON intake_alerts (seq) INCLUDE (group_id) WHERE dispatched_at IS NULL;
CREATE INDEX intake_alerts_group_idx ON intake_alerts (group_id, seq) WHERE dispatched_at IS NULL;

-- Deliveries answered before this table existed keep answering the same alert id on redelivery.
INSERT INTO intake_alerts (id, source_id, webhook_id, group_id, delivery, status, incident_id, received_at, dispatched_at, processed_at)
SELECT d.alert_id, d.source_id, d.webhook_id, 'legacy', '{}'::jsonb, d.action, d.incident_id, d.received_at, d.received_at, d.received_at
FROM intake_deliveries d
ON CONFLICT DO NOTHING;

-- Down Migration

DROP TABLE intake_alerts;

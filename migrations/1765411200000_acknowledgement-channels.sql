-- Up Migration
-- Through which channel an escalation was acknowledged (console, api, slack, pagerduty); acknowledgements recorded
-- before carry none. A vendor callback's replay key (Slack's signature, PagerDuty's event id) is stored once: an
-- INSERT that conflicts is a replay and changes nothing.
ALTER TABLE escalations
  ADD COLUMN acknowledged_via text CONSTRAINT escalations_acknowledged_via_check CHECK (acknowledged_via IN ('console', 'api', 'slack', 'pagerduty'));

CREATE TABLE callback_receipts (
  key text CONSTRAINT callback_receipts_pkey PRIMARY KEY,
  received_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX callback_receipts_received_at_idx ON callback_receipts (received_at);

-- Down Migration
DROP TABLE callback_receipts;
ALTER TABLE escalations DROP COLUMN acknowledged_via;

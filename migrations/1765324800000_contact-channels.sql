-- Up Migration
-- Contacts reached where people already are: a Slack incoming webhook or channel (the app's bot token is
-- organisation-wide configuration), a Teams workflow webhook, a PagerDuty routing key; and working hours (an IANA
-- zone, weekdays and a window; null: any time) that reminders may wait for. A contact keeps at least one channel.
ALTER TABLE contacts
  ADD COLUMN working_hours jsonb,
  ADD COLUMN slack_webhook_url text,
  ADD COLUMN slack_channel text,
  ADD COLUMN teams_webhook_url text,
  ADD COLUMN pagerduty_routing_key text,
  DROP CONSTRAINT contacts_channel_check,
  ADD CONSTRAINT contacts_channel_check CHECK (
    email IS NOT NULL OR webhook_url IS NOT NULL OR slack_webhook_url IS NOT NULL OR slack_channel IS NOT NULL
    OR teams_webhook_url IS NOT NULL OR pagerduty_routing_key IS NOT NULL
  ),
  ADD CONSTRAINT contacts_working_hours_check CHECK (working_hours IS NULL OR jsonb_typeof(working_hours) = 'object'),
  ADD CONSTRAINT contacts_pagerduty_routing_key_check CHECK (pagerduty_routing_key ~ '^[A-Za-z0-9]{32}$');

-- 'slack': an incoming webhook (target: its URL); 'slack-app': chat.postMessage with the bot token (target: the channel id).
ALTER TABLE escalation_deliveries
  DROP CONSTRAINT escalation_deliveries_channel_check,
  ADD CONSTRAINT escalation_deliveries_channel_check CHECK (channel IN ('email', 'webhook', 'slack', 'slack-app', 'teams', 'pagerduty')),
  -- withdrawn: a reminder that waited for the recipient's working hours and was dealt with before them; never sent.
  DROP CONSTRAINT escalation_deliveries_status_check,
  ADD CONSTRAINT escalation_deliveries_status_check CHECK (status IN ('pending', 'sent', 'failed', 'withdrawn'));

-- Down Migration
-- NOT VALID: contacts and deliveries on the new channels stay on record; only new rows must use email or webhook.
ALTER TABLE escalation_deliveries
  DROP CONSTRAINT escalation_deliveries_status_check,
  ADD CONSTRAINT escalation_deliveries_status_check CHECK (status IN ('pending', 'sent', 'failed')) NOT VALID,
  DROP CONSTRAINT escalation_deliveries_channel_check,
  ADD CONSTRAINT escalation_deliveries_channel_check CHECK (channel IN ('email', 'webhook')) NOT VALID;
ALTER TABLE contacts
  DROP CONSTRAINT contacts_pagerduty_routing_key_check,
  DROP CONSTRAINT contacts_working_hours_check,
  DROP CONSTRAINT contacts_channel_check,
  DROP COLUMN pagerduty_routing_key,
  DROP COLUMN teams_webhook_url,
  DROP COLUMN slack_channel,
  DROP COLUMN slack_webhook_url,
  DROP COLUMN working_hours;
ALTER TABLE contacts ADD CONSTRAINT contacts_channel_check CHECK (email IS NOT NULL OR webhook_url IS NOT NULL) NOT VALID;

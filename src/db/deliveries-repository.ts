import type { DeliveryChannel } from '../domain/delivery-channel';
import type { PlannedDelivery } from '../domain/planned-delivery';
import type { WorkingHours } from '../domain/working-hours';
import type { ContactRow } from './contacts-repository';
import type { Queryable } from './pool';

/** A delivery with what sending it needs: the target, the escalation and the incident it is about. */
export interface DeliveryRow {
  id: string;
  escalation_id: string;
  incident_id: string;
  contact_id: string;
  channel: DeliveryChannel;
  target: string;
  status: 'pending' | 'sent' | 'failed' | 'withdrawn';
  attempts: number;
  contact_name: string;
  webhook_secret: string | null;
  reference: string;
  title: string;
  regime: string;
  obligation: string;
  rung: string;
  kind: string;
  recipients: string[];
  due_at: Date;
  raised_at: Date;
}

/** The channels a contact is reached on, with their targets; `slack-app` only where the organisation has a Slack bot token. */
function channelsOf(c: ContactRow, slackApp: boolean): { channel: DeliveryChannel; target: string }[] {
  const all: [DeliveryChannel, string | null][] = [
    ['email', c.email],
    ['webhook', c.webhook_url],
    ['slack', c.slack_webhook_url],
    ['slack-app', slackApp ? c.slack_channel : null],
    ['teams', c.teams_webhook_url],
    ['pagerduty', c.pagerduty_routing_key],
  ];
  return all.flatMap(([channel, target]) => (target ? [{ channel, target }] : []));
}

/**
 * One delivery per recipient and channel of the escalation, each with its contact's working hours; a retried call
 * creates nothing new and returns all of them, ids unchanged. `slackApp`: whether a Slack bot token is configured.
 */
export async function createDeliveries(
  client: Queryable,
  escalationId: string,
  incidentId: string,
  contacts: readonly ContactRow[],
  newId: () => string,
  { slackApp }: { slackApp: boolean },
): Promise<PlannedDelivery[]> {
  const rows = contacts.flatMap((c) => channelsOf(c, slackApp).map(({ channel, target }) => ({ contact: c.id, channel, target })));
  if (rows.length > 0) {
    await client.query(
      `INSERT INTO escalation_deliveries (id, escalation_id, incident_id, contact_id, channel, target)
       SELECT u.id, $1::uuid, $2::uuid, u.contact_id, u.channel, u.target
       FROM unnest($3::uuid[], $4::uuid[], $5::text[], $6::text[]) AS u(id, contact_id, channel, target)
       ON CONFLICT ON CONSTRAINT escalation_deliveries_once_key DO NOTHING`,
      [escalationId, incidentId, rows.map(() => newId()), rows.map((r) => r.contact), rows.map((r) => r.channel), rows.map((r) => r.target)],
    );
  }
  const { rows: all } = await client.query<{ id: string; working_hours: WorkingHours | null }>(
    `SELECT d.id, c.working_hours FROM escalation_deliveries d JOIN contacts c ON c.id = d.contact_id
     WHERE d.escalation_id = $1::uuid ORDER BY d.channel, d.contact_id`,
    [escalationId],
  );
  return all.map((r) => ({ id: r.id, workingHours: r.working_hours }));
}

export async function findDelivery(client: Queryable, deliveryId: string): Promise<DeliveryRow | undefined> {
  const { rows } = await client.query<DeliveryRow>(
    `SELECT d.id, d.escalation_id, d.incident_id, d.contact_id, d.channel, d.target, d.status, d.attempts,
            c.name AS contact_name, c.webhook_secret, i.reference, i.title,
            e.regime, e.obligation, e.rung, e.kind, e.recipients, e.due_at, e.raised_at
     FROM escalation_deliveries d
     JOIN contacts c ON c.id = d.contact_id
     JOIN incidents i ON i.id = d.incident_id
     JOIN escalations e ON e.escalation_id = d.escalation_id
     WHERE d.id = $1::uuid`,
    [deliveryId],
  );
  return rows[0];
}

/** Records that an attempt begins; a worker that dies mid-send leaves it unfinished, which is itself the record. */
export async function startAttempt(client: Queryable, deliveryId: string, attempt: number): Promise<string> {
  await client.query('UPDATE escalation_deliveries SET attempts = attempts + 1 WHERE id = $1::uuid', [deliveryId]);
  const { rows } = await client.query<{ id: string }>('INSERT INTO delivery_attempts (delivery_id, attempt) VALUES ($1::uuid, $2::int) RETURNING id', [deliveryId, attempt]);
  return rows[0]!.id;
}

/** When the delivery's first attempt before `attemptId` started, or undefined when `attemptId` is its first. */
export async function firstEarlierAttemptStart(client: Queryable, deliveryId: string, attemptId: string): Promise<Date | undefined> {
  const { rows } = await client.query<{ started_at: Date | null }>(
    'SELECT min(started_at) AS started_at FROM delivery_attempts WHERE delivery_id = $1::uuid AND id < $2::bigint',
    [deliveryId, attemptId],
  );
  return rows[0]?.started_at ?? undefined;
}

export async function finishAttempt(client: Queryable, attemptId: string, outcome: 'sent' | 'retryable-error' | 'failed', error: string | null): Promise<void> {
  await client.query('UPDATE delivery_attempts SET finished_at = now(), outcome = $2, error = $3 WHERE id = $1::bigint', [attemptId, outcome, error]);
}

export async function setDeliveryStatus(client: Queryable, deliveryId: string, status: 'sent' | 'failed', error: string | null): Promise<void> {
  await client.query(
    `UPDATE escalation_deliveries SET status = $2, last_error = $3, sent_at = CASE WHEN $2 = 'sent' THEN now() ELSE sent_at END WHERE id = $1::uuid`,
    [deliveryId, status, error],
  );
}

/** Marks a delivery that is no longer owed withdrawn, with the reason; one already sent, failed or withdrawn keeps its status. */
export async function withdrawPendingDelivery(client: Queryable, deliveryId: string, reason: string): Promise<void> {
  await client.query(`UPDATE escalation_deliveries SET status = 'withdrawn', last_error = $2 WHERE id = $1::uuid AND status = 'pending'`, [deliveryId, reason]);
}

/** The PagerDuty incidents these escalations opened: their sent deliveries' routing keys, by escalation. */
export async function findSentPagerDutyDeliveries(client: Queryable, escalationIds: readonly string[]): Promise<{ escalation_id: string; target: string }[]> {
  const { rows } = await client.query<{ escalation_id: string; target: string }>(
    `SELECT escalation_id, target FROM escalation_deliveries WHERE escalation_id = ANY($1::uuid[]) AND channel = 'pagerduty' AND status = 'sent' ORDER BY created_at, id`,
    [escalationIds],
  );
  return rows;
}

/** Deliveries of an incident's escalations with their attempt counts, for the API; a PagerDuty target shows only its routing key's last 4 characters. */
export async function listDeliveries(client: Queryable, incidentId: string): Promise<(Pick<DeliveryRow, 'id' | 'escalation_id' | 'channel' | 'target' | 'status' | 'attempts' | 'contact_name'> & { last_error: string | null; sent_at: Date | null })[]> {
  const { rows } = await client.query(
    `SELECT d.id, d.escalation_id, d.channel, CASE WHEN d.channel = 'pagerduty' THEN '…' || right(d.target, 4) ELSE d.target END AS target,
            d.status, d.attempts, d.last_error, d.sent_at, c.name AS contact_name
     FROM escalation_deliveries d JOIN contacts c ON c.id = d.contact_id
     WHERE d.incident_id = $1::uuid ORDER BY d.created_at, d.id`,
    [incidentId],
  );
  return rows as never;
}

import type { ContactRow } from './contacts-repository';
import type { Queryable } from './pool';

/** A delivery with what sending it needs: the target, the escalation and the incident it is about. */
export interface DeliveryRow {
  id: string;
  escalation_id: string;
  incident_id: string;
  contact_id: string;
  channel: 'email' | 'webhook';
  target: string;
  status: 'pending' | 'sent' | 'failed';
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

/** One delivery per recipient and channel of the escalation; a retried call creates nothing new and returns all of them. */
export async function createDeliveries(client: Queryable, escalationId: string, incidentId: string, contacts: readonly ContactRow[], newId: () => string): Promise<string[]> {
  const rows = contacts.flatMap((c) => [
    ...(c.email ? [{ contact: c.id, channel: 'email', target: c.email }] : []),
    ...(c.webhook_url ? [{ contact: c.id, channel: 'webhook', target: c.webhook_url }] : []),
  ]);
  if (rows.length > 0) {
    await client.query(
      `INSERT INTO escalation_deliveries (id, escalation_id, incident_id, contact_id, channel, target)
       SELECT u.id, $1::uuid, $2::uuid, u.contact_id, u.channel, u.target
       FROM unnest($3::uuid[], $4::uuid[], $5::text[], $6::text[]) AS u(id, contact_id, channel, target)
       ON CONFLICT ON CONSTRAINT escalation_deliveries_once_key DO NOTHING`,
      [escalationId, incidentId, rows.map(() => newId()), rows.map((r) => r.contact), rows.map((r) => r.channel), rows.map((r) => r.target)],
    );
  }
  const { rows: all } = await client.query<{ id: string }>('SELECT id FROM escalation_deliveries WHERE escalation_id = $1::uuid ORDER BY channel, contact_id', [escalationId]);
  return all.map((r) => r.id);
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

export async function finishAttempt(client: Queryable, attemptId: string, outcome: 'sent' | 'retryable-error' | 'failed', error: string | null): Promise<void> {
  await client.query('UPDATE delivery_attempts SET finished_at = now(), outcome = $2, error = $3 WHERE id = $1::bigint', [attemptId, outcome, error]);
}

export async function setDeliveryStatus(client: Queryable, deliveryId: string, status: 'sent' | 'failed', error: string | null): Promise<void> {
  await client.query(
    `UPDATE escalation_deliveries SET status = $2, last_error = $3, sent_at = CASE WHEN $2 = 'sent' THEN now() ELSE sent_at END WHERE id = $1::uuid`,
    [deliveryId, status, error],
  );
}

/** Deliveries of an incident's escalations with their attempt counts, for the API. */
export async function listDeliveries(client: Queryable, incidentId: string): Promise<(Pick<DeliveryRow, 'id' | 'escalation_id' | 'channel' | 'target' | 'status' | 'attempts' | 'contact_name'> & { last_error: string | null; sent_at: Date | null })[]> {
  const { rows } = await client.query(
    `SELECT d.id, d.escalation_id, d.channel, d.target, d.status, d.attempts, d.last_error, d.sent_at, c.name AS contact_name
     FROM escalation_deliveries d JOIN contacts c ON c.id = d.contact_id
     WHERE d.incident_id = $1::uuid ORDER BY d.created_at, d.id`,
    [incidentId],
  );
  return rows as never;
}

import type { Queryable } from './pool';

export type IntakeAlertStatus = 'received' | 'opened' | 'attached' | 'rejected';

/** An alert's place in processing, with its incident's reference once it has one. */
export interface IntakeAlertStatusRow {
  id: string;
  source_id: string;
  webhook_id: string;
  status: IntakeAlertStatus;
  incident_id: string | null;
  reference: string | null;
  rejection: string | null;
  received_at: Date;
  processed_at: Date | null;
}

/** An alert as its correlation group's activities process it. */
export interface IntakeAlertRow {
  id: string;
  source_id: string;
  webhook_id: string;
  delivery: unknown;
  status: IntakeAlertStatus;
  incident_id: string | null;
  rejection: string | null;
}

/** A received alert the dispatcher hands to its correlation group. */
export interface DispatchableAlertRow {
  id: string;
  group_id: string;
  source_id: string;
  correlation_window_hours: number;
}

const STATUS_COLUMNS = `a.id, a.source_id, a.webhook_id, a.status, a.incident_id, i.reference, a.rejection, a.received_at, a.processed_at`;

/** The alert a source delivered under a webhook-id, if any. */
export async function findIntakeAlertByDelivery(client: Queryable, sourceId: string, webhookId: string): Promise<IntakeAlertStatusRow | undefined> {
  const { rows } = await client.query<IntakeAlertStatusRow>(
    `SELECT ${STATUS_COLUMNS} FROM intake_alerts a LEFT JOIN incidents i ON i.id = a.incident_id
     WHERE a.source_id = $1::uuid AND a.webhook_id = $2`,
    [sourceId, webhookId],
  );
  return rows[0];
}

export async function findIntakeAlertStatus(client: Queryable, id: string): Promise<IntakeAlertStatusRow | undefined> {
  const { rows } = await client.query<IntakeAlertStatusRow>(
    `SELECT ${STATUS_COLUMNS} FROM intake_alerts a LEFT JOIN incidents i ON i.id = a.incident_id WHERE a.id = $1::uuid`,
    [id],
  );
  return rows[0];
}

export async function findIntakeAlert(client: Queryable, id: string): Promise<IntakeAlertRow | undefined> {
  const { rows } = await client.query<IntakeAlertRow>(
    'SELECT id, source_id, webhook_id, delivery, status, incident_id, rejection FROM intake_alerts WHERE id = $1::uuid',
    [id],
  );
  return rows[0];
}

/**
 * Takes, for this transaction, the advisory locks of up to `limit` correlation groups with undispatched
 * alerts, the groups whose oldest such alert came first; groups another dispatcher holds are skipped.
 * Returns the groups locked.
 */
export async function lockDispatchGroups(client: Queryable, limit: number): Promise<string[]> {
  const { rows } = await client.query<{ group_id: string }>(
    `WITH pending AS (
       SELECT group_id, min(seq) AS first_seq FROM intake_alerts WHERE dispatched_at IS NULL
       GROUP BY group_id ORDER BY first_seq LIMIT $1::int
     )
     SELECT group_id FROM pending
     WHERE pg_try_advisory_xact_lock(hashtextextended('intake-alert-group:' || group_id, 0))
     ORDER BY first_seq`,
    [limit],
  );
  return rows.map((r) => r.group_id);
}

/**
 * The undispatched alerts of groups this transaction has locked, oldest first. A statement of its own after
 * the locks: its snapshot sees what a dispatcher that held a lock before committed.
 */
export async function undispatchedAlerts(client: Queryable, groupIds: string[], limit: number): Promise<DispatchableAlertRow[]> {
  const { rows } = await client.query<DispatchableAlertRow>(
    `SELECT a.id, a.group_id, a.source_id, s.correlation_window_hours
     FROM intake_alerts a JOIN intake_sources s ON s.id = a.source_id
     WHERE a.group_id = ANY($1::text[]) AND a.dispatched_at IS NULL
     ORDER BY a.seq LIMIT $2::int`,
    [groupIds, limit],
  );
  return rows;
}

export async function markAlertsDispatched(client: Queryable, ids: string[]): Promise<void> {
  await client.query('UPDATE intake_alerts SET dispatched_at = now() WHERE id = ANY($1::uuid[]) AND dispatched_at IS NULL', [ids]);
}

/**
 * Records what processing made of a received alert, once: a later attempt finds the outcome already there and
 * gets that one back.
 */
export async function recordAlertOutcome(
  client: Queryable,
  o: { id: string; status: Exclude<IntakeAlertStatus, 'received'>; incidentId: string | null; rejection: string | null },
): Promise<IntakeAlertRow> {
  const { rows } = await client.query<IntakeAlertRow>(
    `WITH updated AS (
       UPDATE intake_alerts SET status = $2, incident_id = $3::uuid, rejection = $4, processed_at = now()
       WHERE id = $1::uuid AND status = 'received'
       RETURNING id, source_id, webhook_id, delivery, status, incident_id, rejection
     )
     SELECT * FROM updated
     UNION ALL
     SELECT id, source_id, webhook_id, delivery, status, incident_id, rejection FROM intake_alerts
     WHERE id = $1::uuid AND NOT EXISTS (SELECT 1 FROM updated)`,
    [o.id, o.status, o.incidentId, o.rejection],
  );
  return rows[0]!;
}

/**
 * Counts a verified delivery in its source's current minute and, when that leaves it within `ratePerMinute`,
 * stores its alert unless the source already delivered this webhook-id: one statement, one round trip. Returns
 * the count with the window's end, and the alert stored now or stored earlier (as the statement's snapshot saw
 * it: a concurrent first delivery of the same webhook-id is found by reading again).
 */
export async function countAndInsertIntakeAlert(
  client: Queryable,
  a: { id: string; sourceId: string; webhookId: string; groupId: string; delivery: unknown; receivedAt: string; ratePerMinute: number },
): Promise<{ requests: number; resetAt: Date; alert: { id: string; status: IntakeAlertStatus } | undefined }> {
  const { rows } = await client.query<{ requests: number; window_start: Date; stored_id: string | null; stored_status: IntakeAlertStatus | null; earlier_id: string | null; earlier_status: IntakeAlertStatus | null }>(
    `WITH counted AS (
       INSERT INTO intake_rate_windows (source_id, window_start, requests) VALUES ($2::uuid, date_trunc('minute', now()), 1)
       ON CONFLICT ON CONSTRAINT intake_rate_windows_pkey DO UPDATE SET requests = intake_rate_windows.requests + 1
       RETURNING requests, window_start
     ), stored AS (
       INSERT INTO intake_alerts (id, source_id, webhook_id, group_id, delivery, received_at)
       SELECT $1::uuid, $2::uuid, $3, $4, $5::jsonb, $6::timestamptz FROM counted WHERE counted.requests <= $7::int
       ON CONFLICT ON CONSTRAINT intake_alerts_delivery_key DO NOTHING
       RETURNING id, status
     )
     SELECT c.requests, c.window_start, s.id AS stored_id, s.status AS stored_status, e.id AS earlier_id, e.status AS earlier_status
     FROM counted c LEFT JOIN stored s ON true
     LEFT JOIN intake_alerts e ON e.source_id = $2::uuid AND e.webhook_id = $3`,
    [a.id, a.sourceId, a.webhookId, a.groupId, JSON.stringify(a.delivery), a.receivedAt, a.ratePerMinute],
  );
  const row = rows[0]!;
  const alert = row.stored_id ? { id: row.stored_id, status: row.stored_status! } : row.earlier_id ? { id: row.earlier_id, status: row.earlier_status! } : undefined;
  return { requests: row.requests, resetAt: new Date(row.window_start.getTime() + 60_000), alert };
}

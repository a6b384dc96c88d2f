import type { Queryable } from './pool';

export interface IntakeSourceRow {
  id: string;
  name: string;
  format: 'generic' | 'aws-guardduty' | 'splunk' | 'elastic-security';
  correlation_window_hours: number;
  rate_limit_per_minute: number;
  disabled_at: Date | null;
  created_at: Date;
}

export async function insertIntakeSource(client: Queryable, s: { id: string; name: string; format: string; windowHours: number; ratePerMinute: number }): Promise<IntakeSourceRow> {
  const { rows } = await client.query<IntakeSourceRow>(
    `INSERT INTO intake_sources (id, name, format, correlation_window_hours, rate_limit_per_minute)
     VALUES ($1::uuid, $2, $3, $4::int, $5::int) RETURNING *`,
    [s.id, s.name, s.format, s.windowHours, s.ratePerMinute],
  );
  return rows[0]!;
}

export async function findIntakeSource(client: Queryable, id: string): Promise<IntakeSourceRow | undefined> {
  const { rows } = await client.query<IntakeSourceRow>('SELECT * FROM intake_sources WHERE id = $1::uuid', [id]);
  return rows[0];
}

/** A source with the secrets that verify now, newest first, in one round trip (the intake's hot path). */
export async function findIntakeSourceWithSecrets(client: Queryable, id: string): Promise<(IntakeSourceRow & { secrets: string[] }) | undefined> {
  const { rows } = await client.query<IntakeSourceRow & { secrets: string[] }>(
    `SELECT s.*, coalesce(array_agg(k.secret ORDER BY k.created_at DESC) FILTER (WHERE k.secret IS NOT NULL), '{}') AS secrets
     FROM intake_sources s LEFT JOIN intake_source_secrets k ON k.source_id = s.id AND (k.expires_at IS NULL OR k.expires_at > now())
     WHERE s.id = $1::uuid GROUP BY s.id`,
    [id],
  );
  return rows[0];
}

export async function listIntakeSources(client: Queryable): Promise<IntakeSourceRow[]> {
  const { rows } = await client.query<IntakeSourceRow>('SELECT * FROM intake_sources ORDER BY created_at, id');
  return rows;
}

export async function setIntakeSourceDisabled(client: Queryable, id: string, disabled: boolean): Promise<IntakeSourceRow | undefined> {
  const { rows } = await client.query<IntakeSourceRow>(
    `UPDATE intake_sources SET disabled_at = CASE WHEN $2::boolean THEN coalesce(disabled_at, now()) ELSE NULL END WHERE id = $1::uuid RETURNING *`,
    [id, disabled],
  );
  return rows[0];
}

export async function insertIntakeSecret(client: Queryable, sourceId: string, id: string, secret: string): Promise<void> {
  await client.query('INSERT INTO intake_source_secrets (id, source_id, secret) VALUES ($1::uuid, $2::uuid, $3)', [id, sourceId, secret]);
}

/** Ends the overlap: every current secret of the source stops verifying after `hours`. */
export async function expireIntakeSecrets(client: Queryable, sourceId: string, hours: number): Promise<void> {
  await client.query(
    `UPDATE intake_source_secrets SET expires_at = now() + make_interval(hours => $2::int)
     WHERE source_id = $1::uuid AND (expires_at IS NULL OR expires_at > now() + make_interval(hours => $2::int))`,
    [sourceId, hours],
  );
}

export interface IncidentAlertRow {
  id: string;
  source_id: string;
  webhook_id: string;
  format: IntakeSourceRow['format'];
  external_id: string | null;
  title: string;
  severity: string;
  detected_at: Date;
  correlation_key: string | null;
  assets: string[];
  received_at: Date;
}

export async function insertIncidentAlert(
  client: Queryable,
  a: { id: string; incidentId: string; sourceId: string; webhookId: string; format: string; externalId: string | null; title: string; severity: string; detectedAt: string; correlationKey: string | null; assets: string[]; observables: unknown[]; dataCategoryHints: string[]; receivedAt: string },
): Promise<void> {
  await client.query(
    `INSERT INTO incident_alerts (id, incident_id, source_id, webhook_id, format, external_id, title, severity, detected_at, correlation_key, assets, observables, data_category_hints, received_at)
     VALUES ($1::uuid, $2::uuid, $3::uuid, $4, $5, $6, $7, $8, $9::timestamptz, $10, $11::text[], $12::jsonb, $13::text[], $14::timestamptz)
     ON CONFLICT (id) DO NOTHING`,
    [a.id, a.incidentId, a.sourceId, a.webhookId, a.format, a.externalId, a.title, a.severity, a.detectedAt, a.correlationKey, a.assets, JSON.stringify(a.observables), a.dataCategoryHints, a.receivedAt],
  );
}

export async function listIncidentAlerts(client: Queryable, incidentId: string): Promise<IncidentAlertRow[]> {
  const { rows } = await client.query<IncidentAlertRow>(
    `SELECT id, source_id, webhook_id, format, external_id, title, severity, detected_at, correlation_key, assets, received_at
     FROM incident_alerts WHERE incident_id = $1::uuid ORDER BY received_at, id`,
    [incidentId],
  );
  return rows;
}

/** Drops rate windows older than an hour; they no longer limit anything. */
export async function deleteOldRateWindows(client: Queryable): Promise<number> {
  const { rowCount } = await client.query("DELETE FROM intake_rate_windows WHERE window_start < now() - interval '1 hour'");
  return rowCount ?? 0;
}

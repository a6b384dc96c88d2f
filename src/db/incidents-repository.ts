import type { Deadline } from '../domain/deadlines';
import type { Escalation, IncidentStatus } from '../domain/incident';
import type { Queryable } from './pool';

/** An incident row as PostgreSQL returns it (timestamptz → Date). */
export interface IncidentRow {
  id: string;
  reference: string;
  workflow_id: string;
  title: string;
  description: string | null;
  status: IncidentStatus;
  stage: string;
  detected_at: Date;
  aware_at: Date | null;
  reported_by: string | null;
  created_by: string | null;
  created_at: Date;
  updated_at: Date;
  containment_status: 'not-started' | 'in-progress' | 'contained';
  contained_at: Date | null;
  closure_kind: 'resolved' | 'not-a-breach' | null;
  closure_reason: string | null;
  lessons_learned: string | null;
  closed_at: Date | null;
}

export interface DeadlineRow {
  incident_id: string;
  regime: string;
  obligation: string;
  starts_at: Date;
  due_at: Date;
  status: Deadline['status'];
}

export interface NewIncident {
  id: string;
  reference: string;
  workflowId: string;
  title: string;
  description?: string;
  detectedAt: string;
  awareAt?: string;
  reportedBy?: string;
  createdBy: string | null;
}

/** Serializes work on one incident id for the rest of the transaction. */
export async function lockIncidentId(client: Queryable, id: string): Promise<void> {
  await client.query('SELECT pg_advisory_xact_lock(hashtext($1::text))', [id]);
}

/** Next sequence number of the year's references; the row lock serializes concurrent openers. */
export async function nextReferenceSequence(client: Queryable, year: number): Promise<number> {
  const { rows } = await client.query<{ last_value: number }>(
    `INSERT INTO incident_reference_counters (year, last_value) VALUES ($1::int, 1)
     ON CONFLICT (year) DO UPDATE SET last_value = incident_reference_counters.last_value + 1
     RETURNING last_value`,
    [year],
  );
  return rows[0]!.last_value;
}

export async function insertIncident(client: Queryable, incident: NewIncident): Promise<void> {
  await client.query(
    `INSERT INTO incidents (id, reference, workflow_id, title, description, detected_at, aware_at, reported_by, created_by)
     VALUES ($1::uuid, $2, $3, $4, $5, $6::timestamptz, $7::timestamptz, $8, $9::uuid)`,
    [
      incident.id,
      incident.reference,
      incident.workflowId,
      incident.title,
      incident.description ?? null,
      incident.detectedAt,
      incident.awareAt ?? null,
      incident.reportedBy ?? null,
      incident.createdBy,
    ],
  );
}

export async function findIncidentById(client: Queryable, id: string): Promise<IncidentRow | undefined> {
  const { rows } = await client.query<IncidentRow>('SELECT * FROM incidents WHERE id = $1::uuid', [id]);
  return rows[0];
}

/** Position after which a page continues: the last row's creation time and id. */
export interface IncidentCursor {
  createdAt: string;
  id: string;
}

/** A page of incidents, newest first, optionally of one status, after the cursor. */
export async function listIncidents(
  client: Queryable,
  filter: { status?: IncidentStatus; after?: IncidentCursor; limit: number },
): Promise<IncidentRow[]> {
  const { rows } = await client.query<IncidentRow>(
    `SELECT * FROM incidents
     WHERE ($1::text IS NULL OR status = $1::text)
       AND ($2::timestamptz IS NULL OR (created_at, id) < ($2::timestamptz, $3::uuid))
     ORDER BY created_at DESC, id DESC
     LIMIT $4::int`,
    [filter.status ?? null, filter.after?.createdAt ?? null, filter.after?.id ?? null, filter.limit],
  );
  return rows;
}

export async function insertDeadlines(client: Queryable, incidentId: string, deadlines: readonly Deadline[]): Promise<void> {
  await client.query(
    `INSERT INTO deadlines (incident_id, regime, obligation, starts_at, due_at, status)
     SELECT $1::uuid, * FROM unnest($2::text[], $3::text[], $4::timestamptz[], $5::timestamptz[], $6::text[])
     ON CONFLICT (incident_id, regime, obligation) DO NOTHING`,
    [
      incidentId,
      deadlines.map((d) => d.regime),
      deadlines.map((d) => d.obligation),
      deadlines.map((d) => d.startsAt),
      deadlines.map((d) => d.dueAt),
      deadlines.map((d) => d.status),
    ],
  );
}

export async function findDeadlines(client: Queryable, incidentId: string): Promise<DeadlineRow[]> {
  const { rows } = await client.query<DeadlineRow>(
    'SELECT * FROM deadlines WHERE incident_id = $1::uuid ORDER BY due_at, regime, obligation',
    [incidentId],
  );
  return rows;
}

/** Records an escalation once: a retried activity finds the row and inserts nothing. */
export async function insertEscalation(client: Queryable, incidentId: string, escalation: Escalation): Promise<void> {
  await client.query(
    `INSERT INTO escalations (incident_id, regime, obligation, rung, due_at, raised_at)
     VALUES ($1::uuid, $2, $3, $4, $5::timestamptz, $6::timestamptz)
     ON CONFLICT ON CONSTRAINT escalations_rung_key DO NOTHING`,
    [incidentId, escalation.regime, escalation.obligation, escalation.rung, escalation.dueAt, escalation.raisedAt],
  );
}

export interface EscalationRow {
  regime: string;
  obligation: string;
  rung: string;
  due_at: Date;
  raised_at: Date;
}

export async function findEscalations(client: Queryable, incidentId: string): Promise<EscalationRow[]> {
  const { rows } = await client.query<EscalationRow>(
    'SELECT regime, obligation, rung, due_at, raised_at FROM escalations WHERE incident_id = $1::uuid ORDER BY raised_at, id',
    [incidentId],
  );
  return rows;
}

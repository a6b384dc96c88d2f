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
  owner_contact_id: string | null;
}

export interface DeadlineRow {
  incident_id: string;
  regime: string;
  obligation: string;
  trigger: string;
  starts_at: Date | null;
  due_at: Date | null;
  status: Deadline['status'];
  met_at: Date | null;
  waived_reason: string | null;
  target_at: Date | null;
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

/** A LIKE pattern matching `text` anywhere, its own %, _ and \ taken literally. */
function containing(text: string): string {
  return `%${text.replace(/[\\%_]/g, '\\$&')}%`;
}

/** A page of incidents, newest first, optionally of one status and stage and containing `q` in the title or reference (any case), after the cursor. */
export async function listIncidents(
  client: Queryable,
  filter: { status?: IncidentStatus; stage?: string; q?: string; after?: IncidentCursor; limit: number },
): Promise<IncidentRow[]> {
  const { rows } = await client.query<IncidentRow>(
    `SELECT * FROM incidents
     WHERE ($1::text IS NULL OR status = $1::text)
       AND ($2::text IS NULL OR stage = $2::text)
       AND ($3::text IS NULL OR title ILIKE $3::text OR reference ILIKE $3::text)
       AND ($4::timestamptz IS NULL OR (created_at, id) < ($4::timestamptz, $5::uuid))
     ORDER BY created_at DESC, id DESC
     LIMIT $6::int`,
    [filter.status ?? null, filter.stage ?? null, filter.q ? containing(filter.q) : null, filter.after?.createdAt ?? null, filter.after?.id ?? null, filter.limit],
  );
  return rows;
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
    `INSERT INTO escalations (escalation_id, incident_id, regime, obligation, rung, kind, recipients, due_at, raised_at)
     VALUES ($1::uuid, $2::uuid, $3, $4, $5, $6, $7::text[], $8::timestamptz, $9::timestamptz)
     ON CONFLICT ON CONSTRAINT escalations_rung_key DO NOTHING`,
    [escalation.id, incidentId, escalation.regime, escalation.obligation, escalation.rung, escalation.kind, escalation.recipients, escalation.dueAt, escalation.raisedAt],
  );
}

export async function acknowledgeEscalation(client: Queryable, escalationId: string, by: string, at: string, via: string | null): Promise<void> {
  await client.query(
    'UPDATE escalations SET acknowledged_at = $3::timestamptz, acknowledged_by = $2, acknowledged_via = $4::text WHERE escalation_id = $1::uuid AND acknowledged_at IS NULL',
    [escalationId, by, at, via],
  );
}

/** An escalation found by its own id alone (a vendor callback names no incident), with its incident and whether it was acknowledged. */
export interface EscalationTargetRow {
  escalation_id: string;
  incident_id: string;
  acknowledged_at: Date | null;
}

export async function findEscalationTarget(client: Queryable, escalationId: string): Promise<EscalationTargetRow | undefined> {
  const { rows } = await client.query<EscalationTargetRow>('SELECT escalation_id, incident_id, acknowledged_at FROM escalations WHERE escalation_id = $1::uuid', [escalationId]);
  return rows[0];
}

/** Creates or re-times the clocks as the workflow has them (one row per regime and obligation). */
export async function upsertDeadlines(client: Queryable, incidentId: string, deadlines: readonly Deadline[]): Promise<void> {
  if (deadlines.length === 0) return;
  await client.query(
    `INSERT INTO deadlines (incident_id, regime, obligation, trigger, starts_at, due_at, status, met_at, waived_reason, target_at)
     SELECT $1::uuid, * FROM unnest($2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::timestamptz[], $7::text[], $8::timestamptz[], $9::text[], $10::timestamptz[])
     ON CONFLICT (incident_id, regime, obligation) DO UPDATE
       SET trigger = EXCLUDED.trigger, starts_at = EXCLUDED.starts_at, due_at = EXCLUDED.due_at, status = EXCLUDED.status,
           met_at = EXCLUDED.met_at, waived_reason = EXCLUDED.waived_reason, target_at = EXCLUDED.target_at, updated_at = now()`,
    [
      incidentId,
      deadlines.map((d) => d.regime),
      deadlines.map((d) => d.obligation),
      deadlines.map((d) => d.trigger),
      deadlines.map((d) => d.startsAt),
      deadlines.map((d) => d.dueAt),
      deadlines.map((d) => d.status),
      deadlines.map((d) => d.metAt),
      deadlines.map((d) => d.waivedReason),
      deadlines.map((d) => d.targetAt ?? null),
    ],
  );
}

export interface EscalationRow {
  escalation_id: string;
  regime: string;
  obligation: string;
  rung: string;
  kind: Escalation['kind'];
  recipients: Escalation['recipients'];
  due_at: Date;
  raised_at: Date;
  acknowledged_at: Date | null;
  acknowledged_by: string | null;
  acknowledged_via: string | null;
}

export async function findEscalations(client: Queryable, incidentId: string): Promise<EscalationRow[]> {
  const { rows } = await client.query<EscalationRow>(
    `SELECT escalation_id, regime, obligation, rung, kind, recipients, due_at, raised_at, acknowledged_at, acknowledged_by, acknowledged_via
     FROM escalations WHERE incident_id = $1::uuid ORDER BY raised_at, id`,
    [incidentId],
  );
  return rows;
}

/** A clock across incidents, for `GET /v1/deadlines`: its incident, the owner, and its escalations' state. */
export interface OpenDeadlineRow extends DeadlineRow {
  reference: string;
  title: string;
  owner_contact_id: string | null;
  owner_name: string | null;
  unacknowledged_escalations: number;
  latest_escalation_id: string | null;
  latest_escalation_rung: string | null;
  latest_escalation_kind: Escalation['kind'] | null;
  latest_escalation_raised_at: Date | null;
}

/** Which clocks the board lists: running ones (both, or one status), or those met in the last 7 days. */
export type BoardStatus = 'pending' | 'overdue' | 'met';

// Constant fragments, never values: each keeps its own index (the running one is partial on status).
const BOARD_STATUS_CLAUSE = {
  running: "d.status IN ('pending', 'overdue') AND ($1::text IS NULL OR d.status = $1::text)",
  met: "d.status = 'met' AND $1::text = 'met' AND d.met_at > now() - interval '7 days'",
} as const;

/**
 * Clocks for the deadline board: running ones (pending or overdue) or recently met ones, soonest due first (so
 * overdue ones lead), after the (due_at, incident, regime, obligation) cursor. One query: the page is cut first,
 * then each of its clocks gets its owner and escalations through the escalations' (incident, regime, obligation, rung) key.
 */
export async function listBoardDeadlines(
  client: Queryable,
  filter: {
    status?: BoardStatus;
    regime?: string;
    dueBefore?: string;
    owner?: string;
    after?: { dueAt: string; incidentId: string; regime: string; obligation: string };
    limit: number;
  },
): Promise<OpenDeadlineRow[]> {
  const { rows } = await client.query<OpenDeadlineRow>(
    `WITH page AS (
       SELECT d.incident_id, d.regime, d.obligation, d.trigger, d.starts_at, d.due_at, d.status, d.met_at, d.waived_reason, i.reference, i.title, i.owner_contact_id
       FROM deadlines d JOIN incidents i ON i.id = d.incident_id
       WHERE ${filter.status === 'met' ? BOARD_STATUS_CLAUSE.met : BOARD_STATUS_CLAUSE.running} AND d.due_at IS NOT NULL
         AND ($2::text IS NULL OR d.regime = $2::text)
         AND ($3::timestamptz IS NULL OR d.due_at < $3::timestamptz)
         AND ($4::uuid IS NULL OR i.owner_contact_id = $4::uuid)
         AND ($5::timestamptz IS NULL OR (d.due_at, d.incident_id, d.regime, d.obligation) > ($5::timestamptz, $6::uuid, $7::text, $8::text))
       ORDER BY d.due_at, d.incident_id, d.regime, d.obligation
       LIMIT $9::int
     )
     SELECT p.*, c.name AS owner_name, u.unacknowledged_escalations,
            l.escalation_id AS latest_escalation_id, l.rung AS latest_escalation_rung, l.kind AS latest_escalation_kind, l.raised_at AS latest_escalation_raised_at
     FROM page p
     LEFT JOIN contacts c ON c.id = p.owner_contact_id
     CROSS JOIN LATERAL (
       SELECT count(*)::int AS unacknowledged_escalations FROM escalations e
       WHERE e.incident_id = p.incident_id AND e.regime = p.regime AND e.obligation = p.obligation AND e.acknowledged_at IS NULL
     ) u
     LEFT JOIN LATERAL (
       SELECT e.escalation_id, e.rung, e.kind, e.raised_at FROM escalations e
       WHERE e.incident_id = p.incident_id AND e.regime = p.regime AND e.obligation = p.obligation
       ORDER BY e.raised_at DESC, e.id DESC LIMIT 1
     ) l ON true
     ORDER BY p.due_at, p.incident_id, p.regime, p.obligation`,
    [
      filter.status ?? null,
      filter.regime ?? null,
      filter.dueBefore ?? null,
      filter.owner ?? null,
      filter.after?.dueAt ?? null,
      filter.after?.incidentId ?? null,
      filter.after?.regime ?? null,
      filter.after?.obligation ?? null,
      filter.limit,
    ],
  );
  return rows;
}

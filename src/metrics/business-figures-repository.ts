import type { Queryable } from '../db/pool';

// The metrics' reads. One aggregate query per business figure family, each grouped by bounded columns (stage,
// regime, status, kind, channel), which the caller bounds with a statement timeout; and the one clock the
// escalation lateness is measured on, by its primary key.

export interface OpenIncidentsRow {
  stage: string;
  n: number;
}

/** Open incidents by stage. */
export async function countOpenIncidentsByStage(client: Queryable): Promise<OpenIncidentsRow[]> {
  const { rows } = await client.query<OpenIncidentsRow>(`SELECT stage, count(*)::int AS n FROM incidents WHERE status = 'open' GROUP BY stage`);
  return rows;
}

export interface ClocksRow {
  regime: string;
  status: string;
  n: number;
  /** Of `n`, the running ones (pending or overdue) of an open incident whose due instant has passed. */
  overdue: number;
}

/** Clocks by regime and status, with how many of them are running past their due instant. */
export async function countClocks(client: Queryable): Promise<ClocksRow[]> {
  const { rows } = await client.query<ClocksRow>(
    `SELECT d.regime, d.status, count(*)::int AS n,
            count(*) FILTER (WHERE d.status IN ('pending', 'overdue') AND d.due_at <= now() AND i.status = 'open')::int AS overdue
     FROM deadlines d JOIN incidents i ON i.id = d.incident_id
     GROUP BY d.regime, d.status`,
  );
  return rows;
}

export interface EscalationsRow {
  kind: string;
  raised: number;
  acknowledged: number;
}

/** Escalations raised and acknowledged, by kind (reminder, overdue, overdue-repeat). */
export async function countEscalations(client: Queryable): Promise<EscalationsRow[]> {
  const { rows } = await client.query<EscalationsRow>(
    'SELECT kind, count(*)::int AS raised, count(acknowledged_at)::int AS acknowledged FROM escalations GROUP BY kind',
  );
  return rows;
}

export interface DeliveriesRow {
  channel: string;
  status: string;
  n: number;
  /** Of `n`, the deliveries that took more than one attempt. */
  retried: number;
}

/** Escalation deliveries by channel and status (pending, sent, failed), with how many needed a retry. */
export async function countDeliveries(client: Queryable): Promise<DeliveriesRow[]> {
  const { rows } = await client.query<DeliveriesRow>(
    'SELECT channel, status, count(*)::int AS n, count(*) FILTER (WHERE attempts > 1)::int AS retried FROM escalation_deliveries GROUP BY channel, status',
  );
  return rows;
}

export interface IntakeAlertsRow {
  status: string;
  n: number;
}

/** Accepted (stored) intake alerts by status: received, opened, attached, rejected. */
export async function countIntakeAlerts(client: Queryable): Promise<IntakeAlertsRow[]> {
  const { rows } = await client.query<IntakeAlertsRow>('SELECT status, count(*)::int AS n FROM intake_alerts GROUP BY status');
  return rows;
}

export interface ClockSpanRow {
  starts_at: Date | null;
  due_at: Date | null;
}

/** The instants an escalation ladder is laid on for one clock, or undefined when there is no such clock. */
export async function findClockSpan(client: Queryable, incidentId: string, regime: string, obligation: string): Promise<ClockSpanRow | undefined> {
  const { rows } = await client.query<ClockSpanRow>(
    'SELECT starts_at, due_at FROM deadlines WHERE incident_id = $1::uuid AND regime = $2 AND obligation = $3',
    [incidentId, regime, obligation],
  );
  return rows[0];
}

import type { DeadlineRow, EscalationRow } from '../db/incidents-repository';
import { AcknowledgementChannelSchema } from '../domain/acknowledgement-channel';
import type { Deadline } from '../domain/deadlines';
import type { Escalation } from '../domain/incident';
import { toUtcIso } from '../domain/time';

const isoOrNull = (d: Date | null) => (d ? toUtcIso(d) : null);

/** A stored clock as the API shows it. */
export function toDeadline(row: DeadlineRow): Deadline {
  return {
    regime: row.regime,
    obligation: row.obligation,
    trigger: row.trigger,
    startsAt: isoOrNull(row.starts_at),
    dueAt: isoOrNull(row.due_at),
    status: row.status,
    metAt: isoOrNull(row.met_at),
    waivedReason: row.waived_reason,
    // Only a duty without a fixed period has one, as in the workflow's own state.
    ...(row.target_at ? { targetAt: toUtcIso(row.target_at) } : {}),
  };
}

/** A stored escalation as the API shows it. */
export function toEscalation(row: EscalationRow): Escalation {
  return {
    id: row.escalation_id,
    regime: row.regime,
    obligation: row.obligation,
    rung: row.rung,
    kind: row.kind,
    recipients: row.recipients,
    dueAt: toUtcIso(row.due_at),
    raisedAt: toUtcIso(row.raised_at),
    acknowledgedAt: isoOrNull(row.acknowledged_at),
    acknowledgedBy: row.acknowledged_by,
    acknowledgedVia: AcknowledgementChannelSchema.safeParse(row.acknowledged_via).data ?? null,
  };
}

import { clockKey } from './applicability';
import { dueAtFor, triggerLabel, type Deadline } from './deadlines';
import { findObligation, type Obligation, type Regime, type TriggerEvent } from './regulations';
import type { IncidentCreate } from './incident';
import { toUtcIso } from './time';

/** The recorded trigger events of an incident, by event, as UTC ISO instants. */
export type Triggers = Partial<Record<TriggerEvent, string>>;

function sameClock(a: Deadline, b: Deadline): boolean {
  return a.trigger === b.trigger && a.startsAt === b.startsAt && a.dueAt === b.dueAt && a.status === b.status && a.metAt === b.metAt && a.waivedReason === b.waivedReason;
}

/** When the obligation's clock starts: its trigger event's instant, or the moment the obligation it follows was met. */
function startOf(obligation: Obligation, triggers: Triggers, clocks: readonly Deadline[]): string | null {
  if (typeof obligation.trigger === 'string') return triggers[obligation.trigger] ?? null;
  const after = obligation.trigger.after;
  return clocks.find((c) => c.regime === obligation.regime && c.obligation === after)?.metAt ?? null;
}

/** The clock an obligation has given the triggers; a met or waived clock never changes again. */
function timeClock(obligation: Obligation, existing: Deadline | undefined, triggers: Triggers, clocks: readonly Deadline[], nowMs: number): Deadline {
  if (existing && (existing.status === 'met' || existing.status === 'waived')) return existing;
  const start = startOf(obligation, triggers, clocks);
  const dueAt = start ? (dueAtFor(obligation, start, triggers) ?? null) : null;
  const startsAt = start ? toUtcIso(start) : null;
  let status: Deadline['status'] = 'awaiting-trigger';
  if (dueAt) {
    // Overdue stays overdue only while the due instant has passed: a trigger moved later can reopen it.
    status = existing?.status === 'overdue' && Date.parse(dueAt) <= nowMs ? 'overdue' : 'pending';
  }
  return {
    regime: obligation.regime,
    obligation: obligation.obligation,
    trigger: triggerLabel(obligation),
    startsAt,
    dueAt,
    status,
    metAt: null,
    waivedReason: null,
  };
}

/**
 * Re-times the incident's clocks: adds a clock for each applicable obligation with a fixed period,
 * and moves unmet clocks when a trigger moved. Clocks no longer applicable are kept (the DPO waives
 * them with a reason); obligations without a fixed period get no clock. Returns every clock and the
 * ones that changed, in a stable order.
 */
export function refreshClocks(
  clocks: readonly Deadline[],
  obligations: readonly Obligation[],
  triggers: Triggers,
  nowMs: number,
): { clocks: Deadline[]; changed: Deadline[] } {
  const byKey = new Map(clocks.map((c) => [clockKey(c), c]));
  const timed = obligations.filter((o) => o.deadline.amount !== undefined);
  const wanted = [...clocks.map((c) => findObligation(c.regime as Regime, c.obligation)).filter((o): o is Obligation => o !== undefined), ...timed];
  const result: Deadline[] = [...clocks];
  const changed: Deadline[] = [];
  // Two passes so a chained clock sees the clock it follows already timed.
  for (let pass = 0; pass < 2; pass += 1) {
    for (const obligation of wanted) {
      const key = clockKey(obligation);
      const existing = byKey.get(key);
      const next = timeClock(obligation, existing, triggers, result, nowMs);
      if (existing && sameClock(existing, next)) continue;
      const index = result.findIndex((c) => clockKey(c) === key);
      if (index >= 0) result[index] = next;
      else result.push(next);
      byKey.set(key, next);
      const seen = changed.findIndex((c) => clockKey(c) === key);
      if (seen >= 0) changed[seen] = next;
      else changed.push(next);
    }
  }
  return { clocks: result, changed };
}

/** The instant the Art. 33 clock starts: awareness, else detection (the conservative choice). */
export function clockStart(incident: Pick<IncidentCreate, 'awareAt' | 'detectedAt'>): string {
  return incident.awareAt ?? incident.detectedAt;
}

import { clockKey } from './applicability';
import { addCalendarDays } from './day-count';
import { dueAtFor, triggerLabel, type Deadline } from './deadlines';
import { DateTime } from 'luxon';
import { derivationOf, findObligation, type Obligation, type TriggerEvent } from './regulations';
import type { IncidentCreate } from './incident';
import { toUtcIso } from './time';

/** The recorded trigger events of an incident, by event, as UTC ISO instants. */
export type Triggers = Partial<Record<TriggerEvent, string>>;

function sameClock(a: Deadline, b: Deadline): boolean {
  return (
    a.trigger === b.trigger &&
    a.startsAt === b.startsAt &&
    a.dueAt === b.dueAt &&
    a.status === b.status &&
    a.metAt === b.metAt &&
    a.waivedReason === b.waivedReason &&
    (a.targetAt ?? null) === (b.targetAt ?? null)
  );
}

/** What the organisation sets itself for duties without a fixed period. */
export interface ClockOptions {
  /** Calendar days from the trigger to the target of a duty whose law sets no period (`target: 'organisation'`); none when null. */
  readonly targetDays?: number | null;
}

/** Whether the obligation gets a clock: a fixed period, or a duty without one whose target the organisation sets. */
function hasClock(obligation: Obligation): boolean {
  return obligation.deadline.amount !== undefined || obligation.deadline.target === 'organisation';
}

/** The end of the organisation's target for a duty without a fixed period, counted in calendar days in its zone. */
function targetFor(obligation: Obligation, start: string | null, options: ClockOptions): string | null {
  if (!start || !options.targetDays) return null;
  return addCalendarDays(start, options.targetDays, { zone: obligation.counting.zone });
}

/** The instant of a trigger event: recorded, or derived from the recorded one it follows (the HIPAA log's year end from discovery). */
export function eventInstant(event: TriggerEvent, triggers: Triggers): string | null {
  const derived = derivationOf(event);
  if (!derived) return triggers[event] ?? null;
  const from = triggers[derived.from];
  if (!from) return null;
  // 45 CFR 164.408(c): the end of the calendar year of discovery; 31 December (local) is day 0 of the 60 days.
  const year = DateTime.fromISO(from, { setZone: true }).setZone(derived.zone).year;
  return toUtcIso(DateTime.fromObject({ year, month: 12, day: 31 }, { zone: derived.zone }).toJSDate());
}

/** When the obligation's clock starts: its trigger event's instant, or the moment the obligation it follows was met. */
function startOf(obligation: Obligation, triggers: Triggers, clocks: readonly Deadline[]): string | null {
  if (typeof obligation.trigger === 'string') return eventInstant(obligation.trigger, triggers);
  const after = obligation.trigger.after;
  return clocks.find((c) => c.regime === obligation.regime && c.obligation === after)?.metAt ?? null;
}

/** Whether the obligation's provision had commenced when its clock would start (a duty without a start yet counts as in force). */
function inForceAt(obligation: Obligation, start: string | null): boolean {
  return !obligation.inForceFrom || start === null || Date.parse(start) >= Date.parse(obligation.inForceFrom);
}

/** The clock an obligation has given the triggers; a met or waived clock never changes again. */
function timeClock(obligation: Obligation, existing: Deadline | undefined, triggers: Triggers, clocks: readonly Deadline[], nowMs: number, options: ClockOptions): Deadline {
  if (existing && (existing.status === 'met' || existing.status === 'waived')) return existing;
  const start = startOf(obligation, triggers, clocks);
  if (!inForceAt(obligation, start)) {
    // The trigger moved before the provision commenced: the duty never bound this incident.
    return { ...existing!, status: 'waived', waivedReason: `Not in force for this incident: ${obligation.source} binds only from ${obligation.inForceFrom}.` };
  }
  const dueAt = start ? (dueAtFor(obligation, start, triggers) ?? null) : null;
  const startsAt = start ? toUtcIso(start) : null;
  let status: Deadline['status'] = 'awaiting-trigger';
  if (dueAt) {
    // Overdue stays overdue only while the due instant has passed: a trigger moved later can reopen it.
    status = existing?.status === 'overdue' && Date.parse(dueAt) <= nowMs ? 'overdue' : 'pending';
  }
  const clock: Deadline = {
    regime: obligation.regime,
    obligation: obligation.obligation,
    trigger: triggerLabel(obligation),
    startsAt,
    dueAt,
    status,
    metAt: null,
    waivedReason: null,
  };
  if (obligation.deadline.target !== 'organisation') return clock;
  // No legal due instant, so no timer and no escalation: the clock runs (pending) once triggered, showing the target.
  return { ...clock, status: startsAt ? 'pending' : 'awaiting-trigger', targetAt: targetFor(obligation, startsAt, options) };
}

/**
 * Re-times the incident's clocks: adds a clock for each applicable obligation with a fixed period (or
 * an organisation target, without a due instant), and moves unmet clocks when a trigger moved. Clocks
 * no longer applicable are kept (the DPO waives them with a reason); other obligations without a fixed
 * period get no clock. Returns every clock and the ones that changed, in a stable order.
 */
export function refreshClocks(
  clocks: readonly Deadline[],
  obligations: readonly Obligation[],
  triggers: Triggers,
  nowMs: number,
  options: ClockOptions = {},
): { clocks: Deadline[]; changed: Deadline[] } {
  const byKey = new Map(clocks.map((c) => [clockKey(c), c]));
  const timed = obligations.filter(hasClock);
  const wanted = [...clocks.map((c) => findObligation(c.regime, c.obligation)).filter((o): o is Obligation => o !== undefined), ...timed];
  const result: Deadline[] = [...clocks];
  const changed: Deadline[] = [];
  // Two passes so a chained clock sees the clock it follows already timed.
  for (let pass = 0; pass < 2; pass += 1) {
    for (const obligation of wanted) {
      const key = clockKey(obligation);
      const existing = byKey.get(key);
      // A duty whose provision had not commenced when its trigger happened gets no clock (DPDP Rules 2025 r.7).
      if (!existing && !inForceAt(obligation, startOf(obligation, triggers, result))) continue;
      const next = timeClock(obligation, existing, triggers, result, nowMs, options);
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

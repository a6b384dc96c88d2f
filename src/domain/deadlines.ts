import { DateTime } from 'luxon';
import { addBusinessDays, addCalendarDays, addMonths } from './day-count';
import { toUtcIso } from './time';
import type { Deadline } from './deadline-schema';
import type { FixedPeriod, Obligation, TriggerEvent } from './regulations';

export type { Deadline, DeadlineStatus } from './deadline-schema';

/** A clock that is running: it has started and has a due instant. */
export type RunningDeadline = Deadline & { startsAt: string; dueAt: string };

/** Whether the clock has started and has a due instant. */
export function isRunning(deadline: Deadline): deadline is RunningDeadline {
  return deadline.startsAt !== null && deadline.dueAt !== null;
}

/** How the catalogue's trigger reads on a clock: the event name, or `after:<obligation>`. */
export function triggerLabel(obligation: Obligation): string {
  return typeof obligation.trigger === 'string' ? obligation.trigger : `after:${obligation.trigger.after}`;
}

/** Thrown when a due instant is asked of an obligation that has no fixed period ("without undue delay"). */
export class NoFixedPeriodError extends Error {
  constructor(
    readonly regime: string,
    readonly obligation: string,
  ) {
    super(`${regime} ${obligation} has no fixed period, so no due instant`);
    this.name = 'NoFixedPeriodError';
  }
}

/** The due instant (UTC ISO) of an obligation's own clock from `startsAt`: elapsed hours (DST-proof), or days/months to the end of the last local day in its zone; throws NoFixedPeriodError when it has no fixed period. */
export function computeDueAt(obligation: Obligation, startsAt: string): string {
  const { deadline } = obligation;
  if (deadline.amount === undefined) throw new NoFixedPeriodError(obligation.regime, obligation.obligation);
  return addPeriod(obligation, deadline, startsAt);
}

/** The due instant (UTC ISO) of an obligation from `startsAt`, or of its `noLaterThan` cap when `otherEvents` dates that event and it ends first; undefined when it has no fixed period. */
export function dueAtFor(
  obligation: Obligation,
  startsAt: string,
  otherEvents: Partial<Record<TriggerEvent, string>> = {},
): string | undefined {
  if (obligation.deadline.amount === undefined) return undefined;
  const due = computeDueAt(obligation, startsAt);
  const cap = obligation.noLaterThan;
  const capStartsAt = cap && otherEvents[cap.trigger];
  if (!cap || capStartsAt === undefined) return due;
  const capDue = addPeriod(obligation, cap.deadline, capStartsAt);
  // DORA Art. 19(4)(a) with Delegated Regulation (EU) 2025/301 Art. 5: both limits bind, so whichever ends first is
  // the deadline — but a cap that has already run out when the clock starts no longer binds (Art. 5(2): classified
  // more than 24 h after awareness, the notice is due 4 h after the classification, never before it).
  if (Date.parse(capDue) <= Date.parse(startsAt)) return due;
  return Date.parse(capDue) < Date.parse(due) ? capDue : due;
}

function addPeriod(obligation: Obligation, period: FixedPeriod, startsAt: string): string {
  const { zone, calendar } = obligation.counting;
  const { cutoff } = period;
  if (cutoff !== undefined && period.unit === 'hours') throw new RangeError(`${obligation.regime} ${obligation.obligation}: a cut-off applies to day-based periods only`);
  switch (period.unit) {
    case 'hours': {
      const start = DateTime.fromISO(startsAt, { setZone: true });
      if (!start.isValid) throw new RangeError(`invalid instant: ${startsAt}`);
      return toUtcIso(start.plus({ hours: period.amount }).toJSDate());
    }
    case 'calendar-days':
      return addCalendarDays(startsAt, period.amount, { zone, cutoff });
    case 'business-days':
      if (!calendar) throw new RangeError(`${obligation.regime} ${obligation.obligation} counts business days but names no holiday calendar`);
      return addBusinessDays(startsAt, period.amount, { zone, calendar, cutoff });
    case 'months':
      return addMonths(startsAt, period.amount, { zone, cutoff });
  }
}

/** A new pending deadline (instants in UTC) for an obligation whose trigger happened at `startsAt`; throws NoFixedPeriodError when it has no fixed period. */
export function openDeadline(obligation: Obligation, startsAt: string): Deadline {
  return {
    regime: obligation.regime,
    obligation: obligation.obligation,
    trigger: triggerLabel(obligation),
    startsAt: toUtcIso(startsAt),
    dueAt: computeDueAt(obligation, startsAt),
    status: 'pending',
    metAt: null,
    waivedReason: null,
  };
}

/** Whether a pending deadline has run out at `nowMs` (epoch ms): due exactly at `dueAt`, not a millisecond before. */
export function isPastDue(deadline: Deadline, nowMs: number): boolean {
  return deadline.status === 'pending' && deadline.dueAt !== null && Date.parse(deadline.dueAt) <= nowMs;
}

/** The pending deadline that falls due first, or undefined when none is running. */
export function nextPendingDeadline(deadlines: readonly Deadline[]): RunningDeadline | undefined {
  return deadlines
    .filter((d): d is RunningDeadline => d.status === 'pending' && isRunning(d))
    .reduce<RunningDeadline | undefined>((soonest, d) => (!soonest || Date.parse(d.dueAt) < Date.parse(soonest.dueAt) ? d : soonest), undefined);
}

/** Whole seconds from `nowMs` to the deadline's due instant; negative once it has passed; null while it waits for its trigger. */
export function secondsRemaining(deadline: Deadline, nowMs: number): number | null {
  return deadline.dueAt === null ? null : Math.floor((Date.parse(deadline.dueAt) - nowMs) / 1000);
}

import { DateTime } from 'luxon';
import { z } from 'zod';
import { IsoDateTimeSchema, toUtcIso } from './time';
import type { Obligation } from './regulations';

/** Where a clock stands: running, met by a notice, passed without one, or waived with a reason. */
export const DeadlineStatusSchema = z.enum(['pending', 'met', 'overdue', 'waived']);
export type DeadlineStatus = z.infer<typeof DeadlineStatusSchema>;

/** One legal clock on an incident; instants are ISO 8601 in UTC. */
export const DeadlineSchema = z
  .object({
    regime: z.string(),
    obligation: z.string(),
    startsAt: IsoDateTimeSchema,
    dueAt: IsoDateTimeSchema,
    status: DeadlineStatusSchema,
  })
  .meta({ id: 'Deadline' });
export type Deadline = z.infer<typeof DeadlineSchema>;

/** The due instant (UTC ISO) of an obligation whose clock starts at `startsAt`; hours are elapsed time, so DST does not move them. */
export function computeDueAt(obligation: Obligation, startsAt: string): string {
  const start = DateTime.fromISO(startsAt, { setZone: true });
  if (!start.isValid) throw new RangeError(`invalid instant: ${startsAt}`);
  return toUtcIso(start.plus({ hours: obligation.amount }).toJSDate());
}

/** A new pending deadline for an obligation whose trigger happened at `startsAt`. */
export function openDeadline(obligation: Obligation, startsAt: string): Deadline {
  return {
    regime: obligation.regime,
    obligation: obligation.obligation,
    startsAt: toUtcIso(startsAt),
    dueAt: computeDueAt(obligation, startsAt),
    status: 'pending',
  };
}

/** Whether a pending deadline has run out at `nowMs` (epoch ms): due exactly at `dueAt`, not a millisecond before. */
export function isPastDue(deadline: Deadline, nowMs: number): boolean {
  return deadline.status === 'pending' && Date.parse(deadline.dueAt) <= nowMs;
}

/** The pending deadline that falls due first, or undefined when none is running. */
export function nextPendingDeadline(deadlines: readonly Deadline[]): Deadline | undefined {
  return deadlines
    .filter((d) => d.status === 'pending')
    .reduce<Deadline | undefined>((soonest, d) => (!soonest || Date.parse(d.dueAt) < Date.parse(soonest.dueAt) ? d : soonest), undefined);
}

/** Whole seconds from `nowMs` to the deadline's due instant; negative once it has passed. */
export function secondsRemaining(deadline: Deadline, nowMs: number): number {
  return Math.floor((Date.parse(deadline.dueAt) - nowMs) / 1000);
}

// Working hours of a contact, for rungs that wait for them. Loaded by the workflow bundle: no zod here (the schema is
// in working-hours-schema.ts), no clock: every function takes the instant it judges.
import { DateTime, IANAZone } from 'luxon';
import type { EscalationStep } from './escalation-policy';

/** ISO weekday numbers: 1 Monday … 7 Sunday, as luxon's `weekday`. */
export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** A weekly window in a contact's IANA zone: on `days`, from `start` (inclusive) to `end` (exclusive), both 'HH:mm', start < end. */
export interface WorkingHours {
  zone: string;
  days: readonly Weekday[];
  start: string;
  end: string;
}

const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Minutes after local midnight of an 'HH:mm' time; throws RangeError for anything else. */
export function minutesOfDay(time: string): number {
  const match = HH_MM.exec(time);
  if (!match) throw new RangeError(`not an HH:mm time: ${JSON.stringify(time)}`);
  return Number(match[1]) * 60 + Number(match[2]);
}

interface Window {
  startMs: number;
  endMs: number;
}

/** The window on the local day `day` (any instant of it), or undefined when that weekday is not a working day. */
function windowOn(day: DateTime, hours: WorkingHours, startMin: number, endMin: number): Window | undefined {
  if (!hours.days.includes(day.weekday as Weekday)) return undefined;
  const midnight = day.startOf('day');
  // Wall-clock times, set per day: a start inside a spring-forward gap moves to the first valid time after it.
  const at = (minutes: number) => midnight.set({ hour: Math.floor(minutes / 60), minute: minutes % 60, second: 0, millisecond: 0 }).toMillis();
  return { startMs: at(startMin), endMs: at(endMin) };
}

function checked(hours: WorkingHours): { startMin: number; endMin: number } {
  const startMin = minutesOfDay(hours.start);
  const endMin = minutesOfDay(hours.end);
  if (startMin >= endMin) throw new RangeError(`working hours must start before they end: ${hours.start}–${hours.end}`);
  if (hours.days.length === 0) throw new RangeError('working hours need at least one day');
  if (!IANAZone.isValidZone(hours.zone)) throw new RangeError(`not an IANA time zone: ${JSON.stringify(hours.zone)}`);
  return { startMin, endMin };
}

/** Whether the instant `at` (a Date or epoch ms) falls inside the working hours. */
export function isWithinWorkingHours(at: Date | number, hours: WorkingHours): boolean {
  const { startMin, endMin } = checked(hours);
  const ms = Number(at);
  const window = windowOn(DateTime.fromMillis(ms, { zone: hours.zone }), hours, startMin, endMin);
  return window !== undefined && window.startMs <= ms && ms < window.endMs;
}

/** Epoch ms of the first working instant at or after `at`: `at` itself inside the hours, else the next window's start. */
export function nextWorkingInstant(at: Date | number, hours: WorkingHours): number {
  const { startMin, endMin } = checked(hours);
  const ms = Number(at);
  if (!Number.isFinite(ms)) throw new RangeError('at must be a valid instant');
  const today = DateTime.fromMillis(ms, { zone: hours.zone }).startOf('day');
  // Eight local days reach every weekday, including today's next week when today's window has passed.
  for (let offset = 0; offset <= 7; offset++) {
    const window = windowOn(today.plus({ days: offset }), hours, startMin, endMin);
    if (window === undefined || ms >= window.endMs) continue;
    return Math.max(ms, window.startMs);
  }
  throw new RangeError('working hours have no window in the coming week');
}

/**
 * Epoch ms at which an escalation step goes out: a reminder whose rung waits for working hours at the recipient's next
 * working instant, anything else at `at`. Overdue notices never wait: the deadline has passed, and GDPR Art. 33(1)
 * asks for notification without undue delay.
 */
export function escalationSendAt(
  at: Date | number,
  step: { kind: EscalationStep['kind']; waitForWorkingHours: boolean },
  hours: WorkingHours | undefined,
): number {
  if (step.kind !== 'reminder' || !step.waitForWorkingHours || hours === undefined) return Number(at);
  return nextWorkingInstant(at, hours);
}

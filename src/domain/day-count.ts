import { DateTime } from 'luxon';
import { holidaysFor, MissingHolidayDataError, type HolidayCalendar } from './holidays';
import { toUtcIso } from './time';

// Convention for every day-based clock here: the day of the trigger (its local date in the regime's
// zone) is day 0 and is not counted (as Reg. (EEC, Euratom) 1182/71 Art. 3(1) and the US "after"
// wording have it); the deadline is the end of the last counted day, expressed as the instant the
// next local day begins. That instant is exclusive: isPastDue turns true exactly when the last day ends.

/** Where and against which holidays a day-based clock counts. */
export interface DayCountOptions {
  /** IANA time zone whose local dates are counted, e.g. `America/New_York`. */
  readonly zone: string;
  /** Local time (`HH:mm`) at which the last day's period ends, instead of its end at midnight (EDGAR's 17:30). */
  readonly cutoff?: string;
}

/** Options of a business-day count: the zone and the holiday calendar to skip. */
export interface BusinessDayOptions extends DayCountOptions {
  readonly calendar: HolidayCalendar;
}

/** The UTC ISO instant that ends the `days`-th business day (no Saturday, Sunday or holiday of `calendar`) after the local date of `startsAt` in `zone`. */
export function addBusinessDays(startsAt: string, days: number, options: BusinessDayOptions): string {
  requireCount(days);
  let date = localDate(startsAt, options.zone);
  let counted = 0;
  const holidaysByYear = new Map<number, ReadonlySet<string>>();
  while (counted < days) {
    date = date.plus({ days: 1 });
    if (isBusinessDay(date, options.calendar, holidaysByYear)) counted += 1;
  }
  return endOfLastDay(date, options);
}

/** The UTC ISO instant that ends the `days`-th calendar day after the local date of `startsAt` in `zone`. */
export function addCalendarDays(startsAt: string, days: number, options: DayCountOptions): string {
  requireCount(days);
  return endOfLastDay(localDate(startsAt, options.zone).plus({ days }), options);
}

/** The UTC ISO instant that ends the same date `months` later in `zone` (or that month's last day when the date does not exist). */
export function addMonths(startsAt: string, months: number, options: DayCountOptions): string {
  requireCount(months);
  // Luxon clamps Jan 31 + 1 month to Feb 28/29, which is the rule of Reg. 1182/71 Art. 3(2)(c).
  return endOfLastDay(localDate(startsAt, options.zone).plus({ months }), options);
}

/** Whether a local date (ISO `yyyy-mm-dd`) is a business day of `calendar`; throws MissingHolidayDataError when its year has no data. */
export function isBusinessDate(date: string, calendar: HolidayCalendar): boolean {
  const day = DateTime.fromISO(date, { zone: 'UTC' });
  if (!day.isValid) throw new RangeError(`invalid date: ${date}`);
  return isBusinessDay(day, calendar, new Map());
}

function isBusinessDay(date: DateTime, calendar: HolidayCalendar, cache: Map<number, ReadonlySet<string>>): boolean {
  if (date.weekday >= 6) return false;
  let holidays = cache.get(date.year);
  if (!holidays) {
    const dates = holidaysFor(calendar, date.year);
    if (!dates) throw new MissingHolidayDataError(calendar, date.year);
    holidays = new Set(dates);
    cache.set(date.year, holidays);
  }
  return !holidays.has(date.toISODate()!);
}

function requireCount(n: number): void {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`a period must be a whole number ≥ 0, got ${n}`);
}

/** The local calendar date of an instant in `zone`, as a UTC-midnight DateTime so date arithmetic never meets DST. */
function localDate(startsAt: string, zone: string): DateTime {
  const start = DateTime.fromISO(startsAt, { setZone: true });
  if (!start.isValid) throw new RangeError(`invalid instant: ${startsAt}`);
  const local = start.setZone(zone);
  if (!local.isValid) throw new RangeError(`unknown time zone: ${zone}`);
  return DateTime.fromObject({ year: local.year, month: local.month, day: local.day }, { zone: 'UTC' });
}

/** The end of the period's last local day: its cut-off time that day where one is set, else the next local midnight. */
function endOfLastDay(date: DateTime, options: DayCountOptions): string {
  if (options.cutoff === undefined) return endOfLocalDate(date, options.zone);
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(options.cutoff);
  if (!match) throw new RangeError(`a cut-off is a local time HH:mm, got ${options.cutoff}`);
  const at = DateTime.fromObject({ year: date.year, month: date.month, day: date.day, hour: Number(match[1]), minute: Number(match[2]) }, { zone: options.zone });
  return toUtcIso(at.toJSDate());
}

function endOfLocalDate(date: DateTime, zone: string): string {
  const next = date.plus({ days: 1 });
  // Where midnight is skipped by a DST change, Luxon moves it forward to the first instant of the day.
  const startOfNext = DateTime.fromObject({ year: next.year, month: next.month, day: next.day }, { zone });
  return toUtcIso(startOfNext.toJSDate());
}

// The instant every API body and answer carries, as a zod schema (the API's side; the workflow bundle does not load it).
import { DateTime } from 'luxon';
import { z } from 'zod';

// Instants a breach record can carry: PostgreSQL and every zone can hold them, and offsets stay within ±14:00.
const EARLIEST_YEAR = 1;
const LATEST_YEAR = 9999;

/** Days in a month (1–12) of the proleptic Gregorian calendar, as luxon counts them. */
function daysInMonth(year: number, month: number): number {
  if (month !== 2) return [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
}

/** Whether an ISO instant is a real date in years 1–9999 with an offset of at most 14 hours. */
function isSupportedInstant(iso: string): boolean {
  // Text the pattern accepts in years 0002–9998 cannot leave the range by its offset: only the day of the month is
  // left to check, without luxon's parse (which every instant of every answer goes through).
  if (INSTANT_PATTERN.test(iso)) {
    const year = Number(iso.slice(0, 4));
    if (year > EARLIEST_YEAR && year < LATEST_YEAR) return Number(iso.slice(8, 10)) <= daysInMonth(year, Number(iso.slice(5, 7)));
  }
  const dt = DateTime.fromISO(iso, { setZone: true });
  // Text that is not ISO at all is the format check's to report; only say what that check cannot.
  if (dt.invalidReason === 'unparsable') return true;
  return dt.isValid && Math.abs(dt.offset) <= 14 * 60 && dt.toUTC().year >= EARLIEST_YEAR && dt.toUTC().year <= LATEST_YEAR;
}

// The same rule as a JSON Schema pattern, so the OpenAPI document states it: year 0001 or later, offsets within ±14:00.
const INSTANT_PATTERN = /^(?!0000)\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d+)?(?:Z|[+-](?:(?:0\d|1[0-3]):[0-5]\d|14:00))$/;

/** An ISO 8601 instant that carries its offset (`Z` or `±hh:mm`, at most ±14:00) in the years 1–9999; local times are refused. */
export const IsoDateTimeSchema = z.iso
  .datetime({ offset: true, abort: true })
  .regex(INSTANT_PATTERN, { message: 'A real instant in the years 1–9999 with an offset of at most ±14:00', abort: true })
  .refine(isSupportedInstant, 'A real instant in the years 1–9999 with an offset of at most ±14:00')
  .meta({ format: 'date-time', description: 'ISO 8601 date-time with offset', example: '2026-03-28T09:00:00+01:00' });

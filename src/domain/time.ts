import { DateTime } from 'luxon';
import { z } from 'zod';

/** An ISO 8601 instant that carries its offset (`Z` or `±hh:mm`); local times are refused. */
export const IsoDateTimeSchema = z.iso
  .datetime({ offset: true })
  .meta({ description: 'ISO 8601 date-time with offset', example: '2026-03-28T09:00:00+01:00' });

/** Milliseconds since the epoch of an ISO 8601 instant. */
export function toEpochMs(iso: string): number {
  return Date.parse(iso);
}

/** The same instant as UTC ISO 8601 (`…Z`), milliseconds only when non-zero: the one form the API writes. */
export function toUtcIso(instant: string | Date): string {
  const dt = typeof instant === 'string' ? DateTime.fromISO(instant, { setZone: true }) : DateTime.fromJSDate(instant);
  if (!dt.isValid) throw new RangeError(`invalid instant: ${String(instant)}`);
  return dt.toUTC().toISO({ suppressMilliseconds: true });
}

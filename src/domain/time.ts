// Instants as the engine writes them. Loaded by the workflow bundle: no zod here (the schema is in iso-date-time.ts).
import { DateTime } from 'luxon';

/** Milliseconds since the epoch of an ISO 8601 instant. */
export function toEpochMs(iso: string): number {
  return Date.parse(iso);
}

/** The same instant as UTC ISO 8601 (`…Z`), milliseconds only when non-zero: the one form the API writes. */
export function toUtcIso(instant: string | Date): string {
  // A Date in years 0–9999 prints the same through toISOString, without luxon's cost (every instant of every answer).
  const fast = instant instanceof Date && !Number.isNaN(instant.getTime()) ? instant.toISOString() : '';
  if (fast.length === 24) return fast.endsWith('.000Z') ? `${fast.slice(0, 19)}Z` : fast;
  const dt = typeof instant === 'string' ? DateTime.fromISO(instant, { setZone: true }) : DateTime.fromJSDate(instant);
  if (!dt.isValid) throw new RangeError(`invalid instant: ${String(instant)}`);
  return dt.toUTC().toISO({ suppressMilliseconds: true });
}

// Times are shown in the viewer's own time zone (the browser's), with the UTC instant alongside.

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
// dateStyle/timeStyle cannot be combined with timeZoneName, so the zoned form names its parts.
const dateTimeWithZone = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZoneName: 'short' });
const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

/** The viewer's IANA time zone, e.g. "Europe/Brussels". */
export const viewerTimeZone: string = Intl.DateTimeFormat().resolvedOptions().timeZone;

/** An instant in the viewer's zone, e.g. "31 Mar 2026, 10:00 CEST" (zone name only when asked). */
export function formatInstant(iso: string, { zone = false, date = true }: { zone?: boolean; date?: boolean } = {}): string {
  const when = new Date(iso);
  if (Number.isNaN(when.getTime())) return iso;
  if (!date) return new Intl.DateTimeFormat(undefined, { timeStyle: 'short' }).format(when);
  return (zone ? dateTimeWithZone : dateTime).format(when);
}

/** A calendar date in the viewer's zone, e.g. "31 Mar 2026". */
export function formatDate(iso: string): string {
  const when = new Date(iso);
  return Number.isNaN(when.getTime()) ? iso : dateOnly.format(when);
}

/** The same instant as UTC ISO 8601 without milliseconds, e.g. "2026-03-31T08:00:00Z". */
export function utcIso(iso: string): string {
  const when = new Date(iso);
  return Number.isNaN(when.getTime()) ? iso : when.toISOString().replace(/\.000Z$/, 'Z');
}

/** A duration in seconds as "2d 03:12:45" (days only when there are some). */
export function formatDuration(totalSeconds: number): string {
  const s = Math.max(0, Math.floor(totalSeconds));
  const days = Math.floor(s / 86_400);
  const hours = Math.floor((s % 86_400) / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  const seconds = s % 60;
  const clock = [hours, minutes, seconds].map((n) => String(n).padStart(2, '0')).join(':');
  return days > 0 ? `${days}d ${clock}` : clock;
}

/** A duration in words for screen readers and titles, e.g. "2 days 3 hours 12 minutes". */
export function describeDuration(totalSeconds: number): string {
  const s = Math.max(0, Math.floor(totalSeconds));
  const parts: string[] = [];
  const days = Math.floor(s / 86_400);
  const hours = Math.floor((s % 86_400) / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  if (days) parts.push(`${days} day${days === 1 ? '' : 's'}`);
  if (hours) parts.push(`${hours} hour${hours === 1 ? '' : 's'}`);
  if (minutes || parts.length === 0) parts.push(`${minutes} minute${minutes === 1 ? '' : 's'}`);
  return parts.join(' ');
}

/** The value a datetime-local input shows for an instant, in the viewer's zone ("2026-03-28T09:00"). */
export function toLocalInput(when: Date | string = new Date()): string {
  const d = typeof when === 'string' ? new Date(when) : when;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/**
 * The instant a datetime-local value means in the viewer's zone, as ISO 8601 with its offset; undefined when
 * empty. Text that is not a date is passed on as typed so the schema reports it.
 */
export function fromLocalInput(value: string): string | undefined {
  if (value.trim() === '') return undefined;
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return value;
  const offset = -d.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  const pad = (n: number) => String(Math.floor(Math.abs(n))).padStart(2, '0');
  const local = value.length === 16 ? `${value}:00` : value;
  return `${local}${sign}${pad(offset / 60)}:${pad(offset % 60)}`;
}

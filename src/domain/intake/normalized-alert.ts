import { DateTime } from 'luxon';
import { z } from 'zod';

/** Payload formats the intake endpoint accepts, one adapter each. */
export const IntakeFormatSchema = z.enum(['generic', 'aws-guardduty', 'splunk', 'elastic-security']);
export type IntakeFormat = z.infer<typeof IntakeFormatSchema>;

/** The four-level severity every intake format is mapped onto. */
export const AlertSeveritySchema = z.enum(['low', 'medium', 'high', 'critical']);
export type AlertSeverity = z.infer<typeof AlertSeveritySchema>;

/** Size limits of a normalized alert: string lengths in UTF-16 units, list lengths in items. */
export const ALERT_LIMITS = {
  title: 200,
  externalId: 500,
  correlationKey: 500,
  description: 20_000,
  assets: 100,
  asset: 500,
  observables: 100,
  observableType: 50,
  observableValue: 1000,
  dataCategoryHints: 50,
  dataCategoryHint: 200,
} as const;

const trimmedText = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .refine((s) => s.trim() === s, 'Must not start or end with whitespace');

/** Something an alert points at, e.g. `{ type: "ip", value: "198.51.100.7" }`; adapters use ip, domain, user, url, sha256, host, aws-access-key-id. */
export const ObservableSchema = z.strictObject({
  type: trimmedText(ALERT_LIMITS.observableType),
  value: trimmedText(ALERT_LIMITS.observableValue),
});
export type Observable = z.infer<typeof ObservableSchema>;

/** A security alert in our own shape, whichever tool sent it; times in UTC. */
export const NormalizedAlertSchema = z
  .strictObject({
    format: IntakeFormatSchema,
    externalId: trimmedText(ALERT_LIMITS.externalId).nullable().describe("The tool's own alert or finding id"),
    title: trimmedText(ALERT_LIMITS.title),
    severity: AlertSeveritySchema,
    detectedAt: z.iso.datetime().describe('When the tool detected the activity, UTC'),
    correlationKey: trimmedText(ALERT_LIMITS.correlationKey)
      .nullable()
      .describe('Alerts of one source with the same key belong to one incident; null never groups'),
    assets: z.array(trimmedText(ALERT_LIMITS.asset)).max(ALERT_LIMITS.assets).describe('Our systems, buckets, users… the alert is about'),
    observables: z.array(ObservableSchema).max(ALERT_LIMITS.observables),
    dataCategoryHints: z.array(trimmedText(ALERT_LIMITS.dataCategoryHint)).max(ALERT_LIMITS.dataCategoryHints),
    description: trimmedText(ALERT_LIMITS.description).nullable(),
  })
  .meta({ id: 'NormalizedAlert' });
export type NormalizedAlert = z.infer<typeof NormalizedAlertSchema>;

/** What every adapter is told besides the payload: when our endpoint received it (ISO 8601 with offset). */
export interface IntakeOptions {
  receivedAt: string;
}

const MIN_YEAR = 1;
const MAX_YEAR = 9999;

function utcIso(dt: DateTime): string | null {
  if (!dt.isValid) return null;
  const utc = dt.toUTC();
  // Outside years 1–9999 luxon writes expanded years (`+010000`, `-000001`) that ISO-with-four-digit-year readers refuse.
  if (utc.year < MIN_YEAR || utc.year > MAX_YEAR) return null;
  return utc.toISO({ suppressMilliseconds: true });
}

/** The instant as UTC ISO 8601 (`…Z`, milliseconds only when non-zero), or null if it is not a valid instant in years 1–9999. */
export function utcInstant(iso: string): string | null {
  return utcIso(DateTime.fromISO(iso, { setZone: true }));
}

/** Epoch seconds as UTC ISO 8601, or null if negative, not finite or outside years 1–9999. */
export function utcFromEpochSeconds(seconds: number): string | null {
  if (!Number.isFinite(seconds) || seconds < 0) return null;
  return utcIso(DateTime.fromMillis(Math.round(seconds * 1000), { zone: 'utc' }));
}

// Same rule as domain/time's IsoDateTimeSchema; the lint rule for domain/ admits only `./` imports from this folder.
/** A vendor or client timestamp: ISO 8601 with offset that is a real instant in years 1–9999. */
export const InstantSchema = z.iso
  // Abort: a malformed string needs one issue, not a second from the refinement.
  .datetime({ offset: true, abort: true })
  .refine((s) => utcInstant(s) !== null, 'Not a valid instant in years 1–9999');

/** `receivedAt` as UTC ISO 8601; a malformed one is a caller bug, so it throws RangeError. */
export function receivedInstant({ receivedAt }: IntakeOptions): string {
  const utc = InstantSchema.safeParse(receivedAt).success ? utcInstant(receivedAt) : null;
  if (utc === null) throw new RangeError(`receivedAt is not an ISO 8601 instant with offset: ${receivedAt}`);
  return utc;
}

/** The text trimmed and cut to `max` UTF-16 units on a code-point boundary (ending in "…" when cut), or null when empty. */
export function clipText(value: string | null | undefined, max: number): string | null {
  const text = value?.trim() ?? '';
  if (text === '') return null;
  if (text.length <= max) return text;
  let kept = '';
  for (const codePoint of text) {
    if (kept.length + codePoint.length > max - 1) break;
    kept += codePoint;
  }
  return `${kept.trimEnd()}…`;
}

/** The first non-blank candidate as a title of at most 200 units, else the fallback. */
export function alertTitle(candidates: readonly (string | null | undefined)[], fallback: string): string {
  for (const candidate of candidates) {
    const title = clipText(candidate, ALERT_LIMITS.title);
    if (title !== null) return title;
  }
  return clipText(fallback, ALERT_LIMITS.title) ?? 'Alert';
}

/** Trimmed, distinct values, in order; blank or over-long ones are dropped (a cut identifier would name something else). */
export function distinctValues(values: Iterable<string | null | undefined>, maxLength: number, maxItems: number): string[] {
  const seen = new Set<string>();
  for (const value of values) {
    if (seen.size >= maxItems) break;
    const text = value?.trim() ?? '';
    if (text !== '' && text.length <= maxLength) seen.add(text);
  }
  return [...seen];
}

/** The alert's assets: trimmed, distinct, at most 100 of at most 500 units each. */
export function assetList(values: Iterable<string | null | undefined>): string[] {
  return distinctValues(values, ALERT_LIMITS.asset, ALERT_LIMITS.assets);
}

/** The alert's observables: trimmed, distinct by type and value, over-long ones dropped, at most 100. */
export function observableList(values: Iterable<{ type: string; value: string | null | undefined }>): Observable[] {
  const seen = new Map<string, Observable>();
  for (const { type, value } of values) {
    if (seen.size >= ALERT_LIMITS.observables) break;
    const t = type.trim();
    const v = value?.trim() ?? '';
    if (t === '' || v === '' || t.length > ALERT_LIMITS.observableType || v.length > ALERT_LIMITS.observableValue) continue;
    const key = JSON.stringify([t, v]);
    if (!seen.has(key)) seen.set(key, { type: t, value: v });
  }
  return [...seen.values()];
}

const IPV4 = /^(?:\d{1,3}\.){3}\d{1,3}$/;
const IPV6 = /^[0-9a-f]{0,4}(?::[0-9a-f]{0,4}){2,7}(?:%[\w.-]+)?$/i;

/** Whether the text looks like an IPv4 or IPv6 address (shape only; used to type an observable). */
export function looksLikeIp(value: string): boolean {
  return IPV4.test(value) || IPV6.test(value);
}

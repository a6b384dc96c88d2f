// Splunk's webhook alert action (Splunk Enterprise Alerting Manual, "Use a webhook alert action"): a fixed JSON
// body of `result` (the first result row, keyed by the search's own fields), `sid`, `results_link`,
// `search_name` (null when the search was not saved), `owner` and `app`. Splunk renders result values as
// strings, or arrays of strings for multivalue fields.
import { z } from 'zod';
import {
  ALERT_LIMITS,
  InstantSchema,
  alertTitle,
  assetList,
  clipText,
  looksLikeIp,
  observableList,
  receivedInstant,
  utcFromEpochSeconds,
  utcInstant,
  type AlertSeverity,
  type IntakeOptions,
  type NormalizedAlert,
} from './normalized-alert';

const SplunkValueSchema = z.union([z.string(), z.array(z.string())]).nullish();
type SplunkValue = z.infer<typeof SplunkValueSchema>;

const EPOCH_SECONDS = /^\d{1,12}(?:\.\d{1,6})?$/;

function firstValue(value: SplunkValue): string | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  return first?.trim() || undefined;
}

function allValues(value: SplunkValue): string[] {
  return value === null || value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/** A Splunk `_time` as UTC ISO 8601: epoch seconds (string or number) or ISO 8601 with offset; null if neither. */
export function splunkTime(value: string | number | readonly string[]): string | null {
  if (typeof value === 'number') return utcFromEpochSeconds(value);
  const text = (typeof value === 'string' ? value : value[0])?.trim() ?? '';
  if (EPOCH_SECONDS.test(text)) return utcFromEpochSeconds(Number(text));
  return InstantSchema.safeParse(text).success ? utcInstant(text) : null;
}

const SplunkTimeSchema = z
  .union([z.string(), z.number(), z.array(z.string()).min(1)])
  .refine((value) => splunkTime(value) !== null, 'Epoch seconds or an ISO 8601 date-time with offset');

/** The first result row: the fields we read are checked, the search's other fields pass through. */
export const SplunkResultSchema = z.looseObject({
  _time: SplunkTimeSchema.nullish(),
  urgency: SplunkValueSchema,
  severity: SplunkValueSchema,
  host: SplunkValueSchema,
  src: SplunkValueSchema,
  src_ip: SplunkValueSchema,
  dest: SplunkValueSchema,
  dest_ip: SplunkValueSchema,
  user: SplunkValueSchema,
  url: SplunkValueSchema,
  file_hash: SplunkValueSchema,
  description: SplunkValueSchema,
});

/** Body of an intake post in the `splunk` format: the webhook alert action's payload. */
export const SplunkWebhookAlertSchema = z
  .looseObject({
    sid: z.string(),
    search_name: z.string().nullable().describe('Null when the triggering search was not saved'),
    result: SplunkResultSchema,
    results_link: z.string().nullish(),
  })
  .meta({ id: 'SplunkWebhookAlert' });
export type SplunkWebhookAlert = z.infer<typeof SplunkWebhookAlertSchema>;

const SPLUNK_SEVERITIES: Record<string, AlertSeverity> = {
  critical: 'critical',
  high: 'high',
  medium: 'medium',
  low: 'low',
  informational: 'low',
  info: 'low',
};

/**
 * Our severity from the result row: `urgency` first (Splunk Enterprise Security derives it from the
 * notable's severity and the asset's priority), then `severity`; words critical/high/medium/low/
 * informational, any case. Medium when neither is present or recognised: the webhook carries no
 * severity of its own, and medium gets a responder's attention without paging.
 */
export function splunkSeverity(result: SplunkWebhookAlert['result']): AlertSeverity {
  for (const field of [result.urgency, result.severity]) {
    const key = firstValue(field)?.toLowerCase() ?? '';
    // Own keys only: a value such as "__proto__" must not reach the object's prototype.
    if (Object.hasOwn(SPLUNK_SEVERITIES, key)) return SPLUNK_SEVERITIES[key]!;
  }
  return 'medium';
}

function splunkObservables(result: SplunkWebhookAlert['result']): ReturnType<typeof observableList> {
  return observableList([
    ...allValues(result.src).map((value) => ({ type: looksLikeIp(value.trim()) ? 'ip' : 'host', value })),
    ...allValues(result.src_ip).map((value) => ({ type: 'ip', value })),
    ...allValues(result.dest_ip).map((value) => ({ type: 'ip', value })),
    ...allValues(result.user).map((value) => ({ type: 'user', value })),
    ...allValues(result.url).map((value) => ({ type: 'url', value })),
    ...allValues(result.file_hash).map((value) => ({ type: 'hash', value })),
  ]);
}

function splunkDescription(payload: SplunkWebhookAlert): string | null {
  const parts = [firstValue(payload.result.description), payload.results_link?.trim() ? `Splunk results: ${payload.results_link.trim()}` : undefined];
  return clipText(parts.filter((part) => part !== undefined).join('\n\n'), ALERT_LIMITS.description);
}

/**
 * The normalized alert of a parsed Splunk webhook payload. Title is `search_name` (else "Splunk alert <sid>");
 * detection time is `result._time`, else `receivedAt` because the payload carries no time of its own.
 * The correlation key is `splunk:<search_name>:<host>` using the first present of `result.host`, then
 * `result.src` (one saved search firing for one host is one incident), `splunk:<search_name>` without
 * either, and null for unsaved searches, whose name is not stable.
 */
export function fromSplunk(payload: SplunkWebhookAlert, options: IntakeOptions): NormalizedAlert {
  const { result } = payload;
  const searchName = payload.search_name?.trim() || null;
  const group = firstValue(result.host) ?? firstValue(result.src);
  const time = result._time === null || result._time === undefined ? null : splunkTime(result._time);
  return {
    format: 'splunk',
    externalId: clipText(payload.sid, ALERT_LIMITS.externalId),
    title: alertTitle([searchName], payload.sid.trim() ? `Splunk alert ${payload.sid.trim()}` : 'Splunk alert'),
    severity: splunkSeverity(result),
    detectedAt: time ?? receivedInstant(options),
    correlationKey: searchName === null ? null : clipText(['splunk', searchName, ...(group ? [group] : [])].join(':'), ALERT_LIMITS.correlationKey),
    assets: assetList([...allValues(result.host), ...allValues(result.dest)]),
    observables: splunkObservables(result),
    // A search result says nothing reliable about which personal data is involved; responders set the scope.
    dataCategoryHints: [],
    description: splunkDescription(payload),
  };
}

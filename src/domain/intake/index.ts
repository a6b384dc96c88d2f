import type { z } from 'zod';
import { AwsGuardDutyEventSchema, fromAwsGuardDuty } from './aws-guardduty';
import { ElasticSecurityAlertSchema, fromElasticSecurity } from './elastic-security';
import { GenericAlertSchema, fromGeneric } from './generic-alert';
import { receivedInstant, type IntakeFormat, type IntakeOptions, type NormalizedAlert } from './normalized-alert';
import { SplunkWebhookAlertSchema, fromSplunk } from './splunk';

export { AwsGuardDutyEventSchema, GuardDutyFindingSchema, fromAwsGuardDuty, guardDutySeverity } from './aws-guardduty';
export type { AwsGuardDutyEvent, GuardDutyFinding } from './aws-guardduty';
export { ElasticSecurityAlertDocumentSchema, ElasticSecurityAlertSchema, flattenDottedKeys, fromElasticSecurity } from './elastic-security';
export type { ElasticSecurityAlert } from './elastic-security';
export { GenericAlertSchema, fromGeneric } from './generic-alert';
export type { GenericAlert } from './generic-alert';
export { AlertSeveritySchema, IntakeFormatSchema, NormalizedAlertSchema, ObservableSchema } from './normalized-alert';
export type { AlertSeverity, IntakeFormat, IntakeOptions, NormalizedAlert, Observable } from './normalized-alert';
export { SplunkWebhookAlertSchema, fromSplunk, splunkSeverity, splunkTime } from './splunk';
export type { SplunkWebhookAlert } from './splunk';

/** Outcome of normalizing a payload: the alert, or the zod issues (with paths) that make it invalid. */
export type NormalizeResult = { ok: true; alert: NormalizedAlert } | { ok: false; issues: z.core.$ZodIssue[] };

function normalizeWith<S extends z.ZodType>(schema: S, payload: unknown, adapt: (parsed: z.output<S>) => NormalizedAlert): NormalizeResult {
  const parsed = schema.safeParse(payload);
  return parsed.success ? { ok: true, alert: adapt(parsed.data) } : { ok: false, issues: parsed.error.issues };
}

/**
 * The payload, in the given format, as a normalized alert; bad payloads give issues, never an exception.
 * `receivedAt` (ISO 8601 with offset) stands in for detection time when a format carries none; a malformed
 * `receivedAt` is the caller's bug and throws RangeError.
 */
export function normalizeAlert(format: IntakeFormat, payload: unknown, options: IntakeOptions): NormalizeResult {
  // Checked for every format, so a caller's bad receivedAt fails its first test, not only Splunk rows without _time.
  receivedInstant(options);
  switch (format) {
    case 'generic':
      return normalizeWith(GenericAlertSchema, payload, (parsed) => fromGeneric(parsed));
    case 'aws-guardduty':
      return normalizeWith(AwsGuardDutyEventSchema, payload, (parsed) => fromAwsGuardDuty(parsed, options));
    case 'splunk':
      return normalizeWith(SplunkWebhookAlertSchema, payload, (parsed) => fromSplunk(parsed, options));
    case 'elastic-security':
      return normalizeWith(ElasticSecurityAlertSchema, payload, (parsed) => fromElasticSecurity(parsed, options));
    default: {
      const unknownFormat: never = format;
      throw new RangeError(`unknown intake format: ${String(unknownFormat)}`);
    }
  }
}

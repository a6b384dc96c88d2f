import { z } from 'zod';
import {
  ALERT_LIMITS,
  AlertSeveritySchema,
  InstantSchema,
  alertTitle,
  assetList,
  clipText,
  distinctValues,
  observableList,
  utcInstant,
  type NormalizedAlert,
} from './normalized-alert';

const text = (max: number) => z.string().trim().min(1).max(max);

/** Body of an intake post in our own format, for tools we script ourselves. */
export const GenericAlertSchema = z
  .strictObject({
    title: text(1000).describe('Cut to 200 characters, ending in "…", when longer'),
    severity: AlertSeveritySchema,
    detectedAt: InstantSchema.describe('When the tool detected the activity'),
    correlationKey: text(ALERT_LIMITS.correlationKey)
      .optional()
      .describe('Alerts with the same key attach to the same open incident, e.g. "edr:host-42:ransomware"'),
    description: z.string().trim().max(ALERT_LIMITS.description).optional(),
    affectedAssets: z.array(text(ALERT_LIMITS.asset)).max(ALERT_LIMITS.assets).optional(),
    observables: z
      .array(z.strictObject({ type: text(ALERT_LIMITS.observableType), value: text(ALERT_LIMITS.observableValue) }))
      .max(ALERT_LIMITS.observables)
      .optional()
      .describe('e.g. { "type": "ip", "value": "198.51.100.7" }'),
    dataCategoryHints: z
      .array(text(ALERT_LIMITS.dataCategoryHint))
      .max(ALERT_LIMITS.dataCategoryHints)
      .optional()
      .describe('Personal data the tool believes is involved, e.g. "contact details"'),
    externalId: text(ALERT_LIMITS.externalId).optional().describe("The tool's own id for this alert"),
  })
  .meta({ id: 'GenericAlert' });
export type GenericAlert = z.infer<typeof GenericAlertSchema>;

/** The normalized alert of a parsed generic payload. */
export function fromGeneric(payload: GenericAlert): NormalizedAlert {
  return {
    format: 'generic',
    externalId: payload.externalId ?? null,
    title: alertTitle([payload.title], 'Alert'),
    severity: payload.severity,
    // The schema has already refused instants that do not convert.
    detectedAt: utcInstant(payload.detectedAt) ?? payload.detectedAt,
    correlationKey: payload.correlationKey ?? null,
    assets: assetList(payload.affectedAssets ?? []),
    observables: observableList(payload.observables ?? []),
    dataCategoryHints: distinctValues(payload.dataCategoryHints ?? [], ALERT_LIMITS.dataCategoryHint, ALERT_LIMITS.dataCategoryHints),
    description: clipText(payload.description, ALERT_LIMITS.description),
  };
}

import { z } from 'zod';
import { IntakeFormatSchema, NormalizedAlertSchema } from './intake/normalized-alert';
import { text } from './text';
import { IsoDateTimeSchema } from './iso-date-time';

/** Alert formats the intake endpoint understands. */
export const IntakeFormatNameSchema = IntakeFormatSchema;

/** Body of `POST /v1/intake-sources`: a security tool allowed to open incidents; its signing secret is generated. */
export const IntakeSourceCreateSchema = z
  .strictObject({
    name: text(200),
    format: IntakeFormatNameSchema,
    correlationWindowHours: z.number().int().min(1).max(8760).default(72).describe('Alerts with the same correlation key attach to an open incident seen within this window'),
    rateLimitPerMinute: z.number().int().min(1).max(100_000).default(600),
  })
  .meta({ id: 'IntakeSourceCreate' });
export type IntakeSourceCreate = z.infer<typeof IntakeSourceCreateSchema>;

/** An intake source as the API shows it; secrets are shown only when created. */
export const IntakeSourceReadSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    format: IntakeFormatNameSchema,
    correlationWindowHours: z.number().int(),
    rateLimitPerMinute: z.number().int(),
    disabled: z.boolean(),
    createdAt: IsoDateTimeSchema,
    intakeUrl: z.string().describe('Where the tool posts its signed alerts'),
  })
  .meta({ id: 'IntakeSource' });
export type IntakeSourceRead = z.infer<typeof IntakeSourceReadSchema>;

/** A source with a newly generated Standard Webhooks secret (`whsec_…`), shown once. */
export const IntakeSourceWithSecretSchema = IntakeSourceReadSchema.extend({ secret: z.string() }).meta({ id: 'IntakeSourceWithSecret' });

/** Body of `POST /v1/intake-sources/{sourceId}/rotate-secret`: how long the old secrets keep verifying. */
export const SecretRotationSchema = z
  .strictObject({ overlapHours: z.number().int().min(0).max(720).default(24) })
  .meta({ id: 'SecretRotation' });

/** Body of `PATCH /v1/intake-sources/{sourceId}`: disable or re-enable a source. */
export const IntakeSourceUpdateSchema = z.strictObject({ disabled: z.boolean() }).meta({ id: 'IntakeSourceUpdate' });


/** A verified alert delivered by an intake source, normalized from its tool's format. */
export const AlertDeliverySchema = z.strictObject({
  sourceId: z.uuid(),
  sourceName: z.string().min(1).max(200),
  webhookId: z.string().min(1).max(255),
  receivedAt: IsoDateTimeSchema,
  alert: NormalizedAlertSchema,
});
export type AlertDelivery = z.infer<typeof AlertDeliverySchema>;

/** Input of the incident's attach-alert update: the alert's id (chosen by its correlation group) and the delivery. */
export const AlertAttachSchema = z.strictObject({ alertId: z.uuid(), delivery: AlertDeliverySchema });
export type AlertAttach = z.infer<typeof AlertAttachSchema>;

/** An alert attached to an incident, as `GET /v1/incidents/{id}/alerts` shows it. */
export const IncidentAlertReadSchema = z
  .object({
    id: z.uuid(),
    sourceId: z.uuid(),
    webhookId: z.string(),
    format: IntakeFormatNameSchema,
    externalId: z.string().nullable(),
    title: z.string(),
    severity: z.string(),
    detectedAt: IsoDateTimeSchema,
    correlationKey: z.string().nullable(),
    assets: z.array(z.string()),
    receivedAt: IsoDateTimeSchema,
  })
  .meta({ id: 'IncidentAlert' });

/** Where an accepted alert is: stored and waiting, opened an incident, attached to one, or refused by processing. */
export const ALERT_STATUSES = ['received', 'opened', 'attached', 'rejected'] as const;
export const AlertStatusSchema = z.enum(ALERT_STATUSES);
export type AlertStatus = z.infer<typeof AlertStatusSchema>;

/** Answer of `POST /v1/intake/{sourceId}` (202): the stored alert's id, its status now and the URL that reads it. */
export const IntakeAcceptedSchema = z
  .object({
    alertId: z.uuid(),
    status: AlertStatusSchema,
    statusUrl: z.string().describe('`GET` it (with an API key) to see whether the alert opened an incident or attached to one'),
  })
  .meta({ id: 'IntakeAccepted' });
export type IntakeAccepted = z.infer<typeof IntakeAcceptedSchema>;

/** An accepted alert's processing, as `GET /v1/alerts/{id}` shows it; times in UTC. */
export const AlertStatusReadSchema = z
  .object({
    id: z.uuid(),
    sourceId: z.uuid(),
    webhookId: z.string(),
    status: AlertStatusSchema,
    receivedAt: IsoDateTimeSchema,
    processedAt: IsoDateTimeSchema.nullable().describe('When it opened, attached or was rejected; null while received'),
    incident: z.object({ id: z.uuid(), reference: z.string() }).nullable().describe('The incident it opened or attached to'),
    rejectionReason: z.string().nullable().describe('Why processing refused it (status rejected)'),
  })
  .meta({ id: 'AlertStatus' });
export type AlertStatusRead = z.infer<typeof AlertStatusReadSchema>;

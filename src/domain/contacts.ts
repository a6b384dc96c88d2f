import { z } from 'zod';
import { IsoDateTimeSchema } from './time';

/** Whom an escalation rung reaches: the incident owner, the DPO, legal, leadership. */
export const ContactRoleSchema = z.enum(['owner', 'dpo', 'legal', 'leadership']);
export type ContactRole = z.infer<typeof ContactRoleSchema>;

/** A Standard Webhooks signing secret: `whsec_` and base64 of 24–64 random bytes. */
export const WebhookSecretSchema = z
  .string()
  .regex(/^whsec_[A-Za-z0-9+/]{32,88}={0,2}$/, 'A Standard Webhooks secret: "whsec_" followed by base64 of 24 to 64 bytes');

const WebhookUrlSchema = z.url({ protocol: /^https?$/, error: 'An http(s) URL' }).max(2000);

/** Body of `POST /v1/contacts`: a person or endpoint escalations reach; the secret is generated when omitted. */
export const ContactCreateSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(200),
    role: ContactRoleSchema,
    email: z.email().max(320).optional(),
    webhookUrl: WebhookUrlSchema.optional(),
    webhookSecret: WebhookSecretSchema.optional().describe('Shared with the receiver; generated and returned once when omitted'),
    apiKeyId: z.uuid().optional().describe('The API key this person uses, so they can acknowledge escalations'),
  })
  .refine((c) => c.email !== undefined || c.webhookUrl !== undefined, { path: ['email'], message: 'Give an email address or a webhook URL' })
  .refine((c) => c.webhookSecret === undefined || c.webhookUrl !== undefined, { path: ['webhookSecret'], message: 'A secret belongs with a webhook URL' })
  .meta({ id: 'ContactCreate' });
export type ContactCreate = z.infer<typeof ContactCreateSchema>;

/** Body of `PATCH /v1/contacts/{id}`: change channels, deactivate, or rotate the webhook secret. */
export const ContactUpdateSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(200).optional(),
    email: z.email().max(320).nullable().optional(),
    webhookUrl: WebhookUrlSchema.nullable().optional(),
    active: z.boolean().optional(),
    rotateWebhookSecret: z.boolean().optional(),
  })
  .meta({ id: 'ContactUpdate' });
export type ContactUpdate = z.infer<typeof ContactUpdateSchema>;

/** A contact as the API shows it; the webhook secret is never shown again after creation or rotation. */
export const ContactReadSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    role: ContactRoleSchema,
    email: z.string().nullable(),
    webhookUrl: z.string().nullable(),
    apiKeyId: z.uuid().nullable(),
    active: z.boolean(),
    createdAt: IsoDateTimeSchema,
  })
  .meta({ id: 'Contact' });
export type ContactRead = z.infer<typeof ContactReadSchema>;

/** Answer of a create or a secret rotation: the contact and, once, its webhook secret. */
export const ContactWithSecretSchema = ContactReadSchema.extend({ webhookSecret: z.string().nullable() }).meta({ id: 'ContactWithSecret' });

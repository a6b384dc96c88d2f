import { z } from 'zod';
import { absent } from './absent';
import { STORABLE_TEXT_PATTERN, text } from './text';
import { IsoDateTimeSchema } from './iso-date-time';

/** Whom an escalation rung reaches: the incident owner, the DPO, legal, leadership. */
export const ContactRoleSchema = z.enum(['owner', 'dpo', 'legal', 'leadership']);
export type ContactRole = z.infer<typeof ContactRoleSchema>;

/** A Standard Webhooks signing secret: `whsec_` and base64 of 24–64 random bytes. */
export const WebhookSecretSchema = z
  .string()
  .regex(/^whsec_[A-Za-z0-9+/]{32,88}={0,2}$/, 'A Standard Webhooks secret: "whsec_" followed by base64 of 24 to 64 bytes');

// The URL parser percent-encodes a NUL in a path, so it passes the URL check; the text as sent is stored.
// The pattern takes the schema's format slot, so the document's `format` is restated.
const WebhookUrlSchema = z
  .url({ protocol: /^https?$/, error: 'An http(s) URL' })
  .max(2000)
  .regex(STORABLE_TEXT_PATTERN, 'Must not contain NUL (U+0000)')
  .meta({ format: 'uri' });

// zod's address check is narrower than the document's `format: email` (RFC 5321 admits `&`, `{`, `~`…): its pattern is restated.
const EmailSchema = z.email().max(320).meta({ pattern: z.regexes.email.source });

const RequiredEmailSchema = z
  .email({ error: (issue) => (issue.input === undefined ? 'Give an email address or a webhook URL' : undefined) })
  .max(320)
  .meta({ pattern: z.regexes.email.source });

const ContactShape = {
  name: text(200),
  role: ContactRoleSchema,
  apiKeyId: z.uuid().optional().describe('The API key this person uses, so they can acknowledge escalations'),
};

/** Body of `POST /v1/contacts`: a person or endpoint escalations reach, by email, webhook or both; the webhook secret is generated when omitted. */
export const ContactCreateSchema = z
  .union([
    z.strictObject({
      ...ContactShape,
      email: RequiredEmailSchema,
      webhookUrl: absent('Give the webhook URL with the email address, or the email address alone'),
      webhookSecret: absent('A secret belongs with a webhook URL'),
    }),
    z.strictObject({
      ...ContactShape,
      email: EmailSchema.optional(),
      webhookUrl: WebhookUrlSchema,
      webhookSecret: WebhookSecretSchema.optional().describe('Shared with the receiver; generated and returned once when omitted'),
    }),
  ])
  .meta({ id: 'ContactCreate' });
export type ContactCreate = z.infer<typeof ContactCreateSchema>;

/** Body of `PATCH /v1/contacts/{id}`: change channels, deactivate, or rotate the webhook secret. */
export const ContactUpdateSchema = z
  .strictObject({
    name: text(200).optional(),
    email: EmailSchema.nullable().optional(),
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

import { z } from 'zod';
import { absent } from './absent';
import { STORABLE_TEXT_PATTERN, text } from './text';
import { IsoDateTimeSchema } from './iso-date-time';
import { WorkingHoursSchema } from './working-hours-schema';

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

/** A PagerDuty Events API v2 integration key (the routing key): 32 letters or digits. */
export const PagerDutyRoutingKeySchema = z.string().regex(/^[A-Za-z0-9]{32}$/, 'A PagerDuty routing key: 32 letters or digits');

const SlackChannelSchema = z.string().regex(/^[A-Z0-9]{9,21}$/, 'A Slack channel id, e.g. C0123456789');

// The channels beyond email and webhook: each optional on create; a contact needs one channel of any kind.
const ChatAndPagingShape = {
  slackWebhookUrl: WebhookUrlSchema.optional().describe('A Slack incoming webhook URL: the message links to the console'),
  slackChannel: SlackChannelSchema.optional().describe("A Slack channel id the organisation's Slack app posts to, with an Acknowledge button"),
  teamsWebhookUrl: WebhookUrlSchema.optional().describe('A Microsoft Teams workflow webhook URL ("When a Teams webhook request is received")'),
  pagerDutyRoutingKey: PagerDutyRoutingKeySchema.optional().describe('A PagerDuty Events API v2 routing key; never shown again, only its last 4 characters'),
};

const ContactShape = {
  name: text(200),
  role: ContactRoleSchema,
  apiKeyId: z.uuid().optional().describe('The API key this person uses, so they can acknowledge escalations'),
  workingHours: WorkingHoursSchema.optional().describe('When reminders that wait for working hours may reach this contact; omitted: any time'),
  ...ChatAndPagingShape,
};

/**
 * Body of `POST /v1/contacts`: a person or endpoint escalations reach, by email, webhook, Slack, Teams or PagerDuty
 * (at least one); the webhook secret is generated when omitted.
 */
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
    z
      .strictObject({
        ...ContactShape,
        email: absent('Give the email address with the webhook URL, or alone'),
        webhookUrl: absent('Give the webhook URL with the email address, or alone'),
        webhookSecret: absent('A secret belongs with a webhook URL'),
      })
      .refine((c) => Object.keys(ChatAndPagingShape).some((key) => c[key as keyof typeof ChatAndPagingShape] !== undefined), {
        message: 'Give an email address, a webhook URL, a Slack webhook URL or channel, a Teams webhook URL or a PagerDuty routing key',
        path: ['slackWebhookUrl'],
        // Aborting, so the union weighs this branch against the others instead of answering with it alone.
        abort: true,
      })
      .describe('Reached on Slack, Teams or PagerDuty only: at least one of their fields'),
  ])
  .meta({ id: 'ContactCreate' });
export type ContactCreate = z.infer<typeof ContactCreateSchema>;

/** Body of `PATCH /v1/contacts/{id}`: change channels or working hours (null removes one), deactivate, or rotate the webhook secret. */
export const ContactUpdateSchema = z
  .strictObject({
    name: text(200).optional(),
    email: EmailSchema.nullable().optional(),
    webhookUrl: WebhookUrlSchema.nullable().optional(),
    workingHours: WorkingHoursSchema.nullable().optional().describe('null: any time'),
    slackWebhookUrl: WebhookUrlSchema.nullable().optional(),
    slackChannel: SlackChannelSchema.nullable().optional(),
    teamsWebhookUrl: WebhookUrlSchema.nullable().optional(),
    pagerDutyRoutingKey: PagerDutyRoutingKeySchema.nullable().optional(),
    active: z.boolean().optional(),
    rotateWebhookSecret: z.boolean().optional(),
  })
  .meta({ id: 'ContactUpdate' });
export type ContactUpdate = z.infer<typeof ContactUpdateSchema>;

/** A contact as the API shows it; the webhook secret is never shown again after creation or rotation, the PagerDuty routing key never. */
export const ContactReadSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    role: ContactRoleSchema,
    email: z.string().nullable(),
    webhookUrl: z.string().nullable(),
    slackWebhookUrl: z.string().nullable(),
    slackChannel: z.string().nullable(),
    teamsWebhookUrl: z.string().nullable(),
    pagerDutyRoutingKeyEnding: z.string().nullable().describe("The routing key's last 4 characters, null when the contact has no PagerDuty channel"),
    workingHours: WorkingHoursSchema.nullable().describe('null: any time'),
    apiKeyId: z.uuid().nullable(),
    active: z.boolean(),
    createdAt: IsoDateTimeSchema,
  })
  .meta({ id: 'Contact' });
export type ContactRead = z.infer<typeof ContactReadSchema>;

/** Answer of a create or a secret rotation: the contact and, once, its webhook secret. */
export const ContactWithSecretSchema = ContactReadSchema.extend({ webhookSecret: z.string().nullable() }).meta({ id: 'ContactWithSecret' });

import { randomBytes, randomUUID } from 'node:crypto';
import type pg from 'pg';
import { findApiKeyById } from '../db/api-keys-repository';
import { findContact, getOrganisation, insertContact, listContacts, putOrganisation, updateContact, type ContactRow, type OrganisationRow } from '../db/contacts-repository';
import type { ContactCreate, ContactRead, ContactUpdate } from '../domain/contacts';
import type { OrganisationProfile } from '../domain/organisation';
import { toUtcIso } from '../domain/time';
import { HttpProblem, NotFoundError } from './problem';

/** A new Standard Webhooks secret: `whsec_` + base64 of 32 random bytes. */
export function generateWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

function toRead(row: ContactRow): ContactRead {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    email: row.email,
    webhookUrl: row.webhook_url,
    slackWebhookUrl: row.slack_webhook_url,
    slackChannel: row.slack_channel,
    teamsWebhookUrl: row.teams_webhook_url,
    pagerDutyRoutingKeyEnding: row.pagerduty_routing_key === null ? null : row.pagerduty_routing_key.slice(-4),
    workingHours: row.working_hours === null ? null : { ...row.working_hours, days: [...row.working_hours.days] },
    apiKeyId: row.api_key_id,
    active: row.active,
    createdAt: toUtcIso(row.created_at),
  };
}

function toProfile(row: OrganisationRow) {
  return { name: row.name, establishment: row.establishment, sectorFlags: row.sector_flags, actingAs: row.acting_as, expedientTargetDays: row.expedient_target_days, updatedAt: toUtcIso(row.updated_at) };
}

/** Contacts escalations reach, and the organisation profile that decides which regimes apply: settings, not incident data. */
export function createContactsService(pool: pg.Pool) {
  return {
    async create(input: ContactCreate): Promise<ContactRead & { webhookSecret: string | null }> {
      if (input.apiKeyId && !(await findApiKeyById(pool, input.apiKeyId))) {
        throw new HttpProblem(422, 'Invalid request', `No API key ${input.apiKeyId}.`, {
          type: 'validation-error',
          errors: [{ location: 'body', path: ['apiKeyId'], code: 'unknown_api_key', message: 'No API key with this id' }],
        });
      }
      const webhookSecret = input.webhookUrl ? (input.webhookSecret ?? generateWebhookSecret()) : null;
      const row = await insertContact(pool, {
        id: randomUUID(),
        name: input.name,
        role: input.role,
        email: input.email ?? null,
        webhookUrl: input.webhookUrl ?? null,
        webhookSecret,
        apiKeyId: input.apiKeyId ?? null,
        workingHours: input.workingHours ?? null,
        slackWebhookUrl: input.slackWebhookUrl ?? null,
        slackChannel: input.slackChannel ?? null,
        teamsWebhookUrl: input.teamsWebhookUrl ?? null,
        pagerDutyRoutingKey: input.pagerDutyRoutingKey ?? null,
      });
      return { ...toRead(row), webhookSecret };
    },

    async list(): Promise<ContactRead[]> {
      return (await listContacts(pool)).map(toRead);
    },

    async update(id: string, change: ContactUpdate): Promise<ContactRead & { webhookSecret: string | null }> {
      const existing = await findContact(pool, id);
      if (!existing) throw new NotFoundError(`No contact with id ${id}.`);
      // A contact is reached on at least one channel (the table's check): a change may not remove the last of them.
      const after = <T>(changed: T | null | undefined, current: T | null): T | null => (changed === undefined ? current : changed);
      const email = after(change.email, existing.email);
      const webhookUrl = after(change.webhookUrl, existing.webhook_url);
      const channels = [
        email,
        webhookUrl,
        after(change.slackWebhookUrl, existing.slack_webhook_url),
        after(change.slackChannel, existing.slack_channel),
        after(change.teamsWebhookUrl, existing.teams_webhook_url),
        after(change.pagerDutyRoutingKey, existing.pagerduty_routing_key),
      ];
      if (channels.every((channel) => channel === null)) {
        throw new HttpProblem(422, 'Invalid request', 'A contact needs an email address, a webhook URL, or a Slack, Teams or PagerDuty channel; this change would remove the last one.', {
          type: 'validation-error',
          errors: [{ location: 'body', path: ['email'], code: 'no_channel_left', message: 'Keep an email address, a webhook URL, or a Slack, Teams or PagerDuty channel' }],
        });
      }
      if (change.rotateWebhookSecret === true && webhookUrl === null) {
        throw new HttpProblem(422, 'Invalid request', 'This contact has no webhook URL, so there is no webhook secret to rotate.', {
          type: 'validation-error',
          errors: [{ location: 'body', path: ['rotateWebhookSecret'], code: 'no_webhook', message: 'Set a webhook URL first' }],
        });
      }
      const rotate = change.rotateWebhookSecret === true || (change.webhookUrl && !existing.webhook_secret);
      const webhookSecret = change.webhookUrl === null ? null : rotate ? generateWebhookSecret() : undefined;
      const row = await updateContact(pool, id, {
        name: change.name,
        email: change.email,
        webhookUrl: change.webhookUrl,
        webhookSecret,
        active: change.active,
        workingHours: change.workingHours,
        slackWebhookUrl: change.slackWebhookUrl,
        slackChannel: change.slackChannel,
        teamsWebhookUrl: change.teamsWebhookUrl,
        pagerDutyRoutingKey: change.pagerDutyRoutingKey,
      });
      return { ...toRead(row!), webhookSecret: webhookSecret ?? null };
    },

    async organisation() {
      return toProfile(await getOrganisation(pool));
    },

    async putOrganisation(profile: OrganisationProfile) {
      return toProfile(await putOrganisation(pool, profile));
    },
  };
}

export type ContactsService = ReturnType<typeof createContactsService>;

import type { ContactRole } from '../domain/contacts';
import type { OrganisationProfile } from '../domain/organisation';
import type { WorkingHours } from '../domain/working-hours';
import type { Queryable } from './pool';

export interface ContactRow {
  id: string;
  name: string;
  role: ContactRole;
  email: string | null;
  webhook_url: string | null;
  webhook_secret: string | null;
  working_hours: WorkingHours | null;
  slack_webhook_url: string | null;
  slack_channel: string | null;
  teams_webhook_url: string | null;
  pagerduty_routing_key: string | null;
  api_key_id: string | null;
  active: boolean;
  created_at: Date;
}

/** The channels of a contact beyond email and webhook, and its working hours; null: none (any time). */
export interface ContactChannels {
  workingHours: WorkingHours | null;
  slackWebhookUrl: string | null;
  slackChannel: string | null;
  teamsWebhookUrl: string | null;
  pagerDutyRoutingKey: string | null;
}

export async function insertContact(
  client: Queryable,
  c: { id: string; name: string; role: ContactRole; email: string | null; webhookUrl: string | null; webhookSecret: string | null; apiKeyId: string | null } & ContactChannels,
): Promise<ContactRow> {
  const { rows } = await client.query<ContactRow>(
    `INSERT INTO contacts (id, name, role, email, webhook_url, webhook_secret, api_key_id,
       working_hours, slack_webhook_url, slack_channel, teams_webhook_url, pagerduty_routing_key)
     VALUES ($1::uuid, $2, $3, $4, $5, $6, $7::uuid, $8::jsonb, $9, $10, $11, $12) RETURNING *`,
    [
      c.id, c.name, c.role, c.email, c.webhookUrl, c.webhookSecret, c.apiKeyId,
      c.workingHours === null ? null : JSON.stringify(c.workingHours), c.slackWebhookUrl, c.slackChannel, c.teamsWebhookUrl, c.pagerDutyRoutingKey,
    ],
  );
  return rows[0]!;
}

export async function findContact(client: Queryable, id: string): Promise<ContactRow | undefined> {
  const { rows } = await client.query<ContactRow>('SELECT * FROM contacts WHERE id = $1::uuid', [id]);
  return rows[0];
}

export async function listContacts(client: Queryable): Promise<ContactRow[]> {
  const { rows } = await client.query<ContactRow>('SELECT * FROM contacts ORDER BY role, name, id');
  return rows;
}

/** Applies the given changes; a field left undefined keeps its value. */
export async function updateContact(
  client: Queryable,
  id: string,
  change: { name?: string; email?: string | null; webhookUrl?: string | null; webhookSecret?: string | null; active?: boolean } & Partial<ContactChannels>,
): Promise<ContactRow | undefined> {
  const { rows } = await client.query<ContactRow>(
    `UPDATE contacts SET
       name = CASE WHEN $2::boolean THEN $3 ELSE name END,
       email = CASE WHEN $4::boolean THEN $5 ELSE email END,
       webhook_url = CASE WHEN $6::boolean THEN $7 ELSE webhook_url END,
       webhook_secret = CASE WHEN $8::boolean THEN $9 ELSE webhook_secret END,
       active = CASE WHEN $10::boolean THEN $11 ELSE active END,
       working_hours = CASE WHEN $12::boolean THEN $13::jsonb ELSE working_hours END,
       slack_webhook_url = CASE WHEN $14::boolean THEN $15 ELSE slack_webhook_url END,
       slack_channel = CASE WHEN $16::boolean THEN $17 ELSE slack_channel END,
       teams_webhook_url = CASE WHEN $18::boolean THEN $19 ELSE teams_webhook_url END,
       pagerduty_routing_key = CASE WHEN $20::boolean THEN $21 ELSE pagerduty_routing_key END,
       updated_at = now()
     WHERE id = $1::uuid RETURNING *`,
    [
      id,
      change.name !== undefined, change.name ?? null,
      change.email !== undefined, change.email ?? null,
      change.webhookUrl !== undefined, change.webhookUrl ?? null,
      change.webhookSecret !== undefined, change.webhookSecret ?? null,
      change.active !== undefined, change.active ?? null,
      change.workingHours !== undefined, change.workingHours == null ? null : JSON.stringify(change.workingHours),
      change.slackWebhookUrl !== undefined, change.slackWebhookUrl ?? null,
      change.slackChannel !== undefined, change.slackChannel ?? null,
      change.teamsWebhookUrl !== undefined, change.teamsWebhookUrl ?? null,
      change.pagerDutyRoutingKey !== undefined, change.pagerDutyRoutingKey ?? null,
    ],
  );
  return rows[0];
}

/** Active contacts with one of the roles, plus the incident's owner when `owner` is asked for and one is set. */
export async function findRecipients(client: Queryable, incidentId: string, roles: readonly ContactRole[]): Promise<ContactRow[]> {
  const { rows } = await client.query<ContactRow>(
    `SELECT c.* FROM contacts c
     WHERE c.active AND (
       (c.role = ANY($2::text[]) AND NOT ('owner' = ANY($2::text[]) AND c.role = 'owner'
          AND EXISTS (SELECT 1 FROM incidents i WHERE i.id = $1::uuid AND i.owner_contact_id IS NOT NULL)))
       OR ('owner' = ANY($2::text[]) AND c.id = (SELECT owner_contact_id FROM incidents WHERE id = $1::uuid))
     )
     ORDER BY c.role, c.id`,
    [incidentId, roles],
  );
  return rows;
}

export interface OrganisationRow {
  name: string | null;
  establishment: string[];
  sector_flags: OrganisationProfile['sectorFlags'];
  acting_as: OrganisationProfile['actingAs'];
  expedient_target_days: number | null;
  updated_at: Date;
}

export async function getOrganisation(client: Queryable): Promise<OrganisationRow> {
  const { rows } = await client.query<OrganisationRow>('SELECT name, establishment, sector_flags, acting_as, expedient_target_days, updated_at FROM organisation_profile WHERE id');
  return rows[0]!;
}

export async function putOrganisation(client: Queryable, p: OrganisationProfile): Promise<OrganisationRow> {
  const { rows } = await client.query<OrganisationRow>(
    `UPDATE organisation_profile SET name = $1, establishment = $2::text[], sector_flags = $3::text[], acting_as = $4,
       expedient_target_days = $5::int, updated_at = now()
     WHERE id RETURNING name, establishment, sector_flags, acting_as, expedient_target_days, updated_at`,
    [p.name, p.establishment, p.sectorFlags, p.actingAs, p.expedientTargetDays ?? null],
  );
  return rows[0]!;
}

/** The active contacts that are this caller: linked to the API key, or with the signed-in person's email address. */
export async function findActiveContactsOf(client: Queryable, caller: { apiKeyId: string | null; email: string | null }): Promise<{ id: string; role: string }[]> {
  const { rows } = await client.query<{ id: string; role: string }>(
    'SELECT id, role FROM contacts WHERE active AND (api_key_id = $1::uuid OR lower(email) = lower($2::text))',
    [caller.apiKeyId, caller.email],
  );
  return rows;
}

import { z } from 'zod';
import { ContactCreateSchema, ContactReadSchema, ContactUpdateSchema, ContactWithSecretSchema } from '../../domain/contacts';
import { OrganisationProfileReadSchema, OrganisationProfileSchema } from '../../domain/organisation';
import { READERS, type Role } from '../../domain/roles';
import type { ContactsService } from '../contacts-service';
import { defineRoute, type AnyRoute } from '../route';

const MANAGERS: readonly Role[] = ['admin', 'dpo'];

/** Contacts escalations reach and the organisation profile: managed by admins and the DPO. */
export function settingsRoutes(contacts: ContactsService): AnyRoute[] {
  return [
    defineRoute({
      method: 'post',
      path: '/v1/contacts',
      operationId: 'createContact',
      summary: 'Add a contact escalations reach (email, signed webhook, Slack, Teams, PagerDuty), with working hours; a webhook secret is returned once',
      tags: ['settings'],
      roles: MANAGERS,
      body: ContactCreateSchema,
      response: { status: 201, description: 'Created', schema: ContactWithSecretSchema },
      handler: ({ body }) => contacts.create(body),
    }),
    defineRoute({
      method: 'get',
      path: '/v1/contacts',
      operationId: 'listContacts',
      summary: 'Contacts, by role',
      tags: ['settings'],
      roles: MANAGERS,
      response: { status: 200, description: 'Contacts', schema: z.object({ items: z.array(ContactReadSchema) }) },
      handler: async () => ({ items: await contacts.list() }),
    }),
    defineRoute({
      method: 'patch',
      path: '/v1/contacts/{contactId}',
      operationId: 'updateContact',
      summary: 'Change a contact’s channels or working hours, deactivate it, or rotate its webhook secret (returned once)',
      tags: ['settings'],
      roles: MANAGERS,
      params: z.strictObject({ contactId: z.uuid() }),
      body: ContactUpdateSchema,
      response: { status: 200, description: 'Updated', schema: ContactWithSecretSchema },
      problems: [404],
      handler: ({ params, body }) => contacts.update(params.contactId, body),
    }),
    defineRoute({
      method: 'get',
      path: '/v1/organisation',
      operationId: 'getOrganisation',
      summary: 'The organisation profile that decides which regimes apply',
      tags: ['settings'],
      roles: READERS,
      response: { status: 200, description: 'Profile', schema: OrganisationProfileReadSchema },
      handler: () => contacts.organisation(),
    }),
    defineRoute({
      method: 'put',
      path: '/v1/organisation',
      operationId: 'putOrganisation',
      summary: 'Set the organisation profile: establishment, sector flags (NIS2, DORA, HIPAA, SEC), controller or processor',
      tags: ['settings'],
      roles: MANAGERS,
      body: OrganisationProfileSchema,
      response: { status: 200, description: 'Saved', schema: OrganisationProfileReadSchema },
      handler: ({ body }) => contacts.putOrganisation(body),
    }),
  ];
}

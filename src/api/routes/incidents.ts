import { z } from 'zod';
import {
  IncidentCreateSchema,
  IncidentListQuerySchema,
  IncidentListSchema,
  IncidentOpenedSchema,
  IncidentReadSchema,
} from '../../domain/incident';
import { READERS, WRITERS } from '../../domain/roles';
import type { IncidentService } from '../incident-service';
import { idFromKey } from '../idempotency';
import { defineRoute, type AnyRoute } from '../route';

const IncidentParamsSchema = z.strictObject({ id: z.uuid().describe('Incident id') });

/** The incident endpoints: open, read, list. */
export function incidentRoutes(incidents: IncidentService): AnyRoute[] {
  return [
    defineRoute({
      method: 'post',
      path: '/v1/incidents',
      operationId: 'openIncident',
      summary: 'Open an incident: starts its workflow and its GDPR Art. 33 clock',
      tags: ['incidents'],
      roles: WRITERS,
      body: IncidentCreateSchema,
      response: { status: 201, description: 'Opened', schema: IncidentOpenedSchema },
      // The notice drafts take no body: a client (or a fuzzer) reaches them only with an opened incident's id.
      links: { noticeDraft: { operationId: 'getNoticeDraft', parameters: { id: '$response.body#/id' } } },
      handler: async ({ body, principal, res, idempotencyKey }) => {
        const opened = await incidents.open(body, principal, idFromKey(principal, idempotencyKey, body));
        res.location(`/v1/incidents/${opened.id}`);
        return opened;
      },
    }),
    defineRoute({
      method: 'get',
      path: '/v1/incidents/{id}',
      operationId: 'getIncident',
      summary: 'The case file with live stage, deadlines and escalations',
      tags: ['incidents'],
      roles: READERS,
      params: IncidentParamsSchema,
      response: { status: 200, description: 'The incident', schema: IncidentReadSchema },
      problems: [404],
      handler: ({ params }) => incidents.get(params.id),
    }),
    defineRoute({
      method: 'get',
      path: '/v1/incidents',
      operationId: 'listIncidents',
      summary: 'Incidents, newest first, with cursor pagination; filtered by status, stage, or text in the title or reference',
      tags: ['incidents'],
      roles: READERS,
      query: IncidentListQuerySchema,
      response: { status: 200, description: 'A page of incidents', schema: IncidentListSchema },
      handler: ({ query }) => incidents.list(query),
    }),
  ];
}

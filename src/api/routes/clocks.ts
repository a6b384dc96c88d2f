import { z } from 'zod';
import { DeadlineBoardSchema, EscalationListSchema } from '../../domain/escalation-read';
import { WriteResultSchema } from '../../domain/incident';
import { ObligationMeetSchema, ObligationWaiveSchema, OwnerAssignSchema, RegimeSchema, RegimeSelectionSchema, TriggerRecordSchema } from '../../domain/lifecycle';
import { IsoDateTimeSchema } from '../../domain/iso-date-time';
import { READERS, WRITERS, type Role } from '../../domain/roles';
import { personSessionOf } from '../auth';
import type { ClockService } from '../clock-service';
import type { IncidentWrites } from '../incident-writes';
import { idFromKey } from '../idempotency';
import { defineRoute, type AnyRoute } from '../route';

const DPO: readonly Role[] = ['admin', 'dpo'];
const IncidentParams = z.strictObject({ id: z.uuid().describe('Incident id') });
const ClockParams = z.strictObject({ id: z.uuid(), regime: RegimeSchema, obligation: z.string().regex(/^[a-z0-9-]{1,80}$/) });

/** The legal clocks: triggers, regimes, meeting and waiving obligations, escalations and the deadline board. */
export function clockRoutes(writes: IncidentWrites, clocks: ClockService): AnyRoute[] {
  return [
    defineRoute({
      method: 'post',
      path: '/v1/incidents/{id}/triggers',
      operationId: 'recordTrigger',
      summary: 'Record when a clock-starting event happened (awareness, classification as major, materiality…); starts or moves its clocks',
      tags: ['clocks'],
      roles: WRITERS,
      params: IncidentParams,
      body: TriggerRecordSchema,
      response: { status: 201, description: 'Recorded; the state shows the clocks as they now stand', schema: WriteResultSchema },
      problems: [404, 409],
      handler: ({ params, body, principal, idempotencyKey }) => writes(params.id, 'recordTrigger', body, principal, idFromKey(principal, idempotencyKey, body)),
    }),
    defineRoute({
      method: 'post',
      path: '/v1/incidents/{id}/regimes',
      operationId: 'setRegimes',
      summary: 'The DPO rules regimes in or out (with the reason); included regimes get their clocks, excluded ones are waived',
      tags: ['clocks'],
      roles: DPO,
      params: IncidentParams,
      body: RegimeSelectionSchema,
      response: { status: 200, description: 'Set', schema: WriteResultSchema },
      problems: [404, 409],
      handler: ({ params, body, principal, idempotencyKey }) => writes(params.id, 'setRegimes', body, principal, idFromKey(principal, idempotencyKey, body)),
    }),
    defineRoute({
      method: 'post',
      path: '/v1/incidents/{id}/clocks/{regime}/{obligation}/meet',
      operationId: 'meetObligation',
      summary: 'Record that an obligation’s notice was sent (GDPR Art. 33 is met by the authority notice instead)',
      tags: ['clocks'],
      roles: DPO,
      params: ClockParams,
      body: ObligationMeetSchema.omit({ regime: true, obligation: true }).meta({ id: 'ObligationMeetBody' }),
      response: { status: 200, description: 'Met; clocks chained to it start', schema: WriteResultSchema },
      problems: [404, 409],
      handler: ({ params, body, principal, idempotencyKey }) => {
        const input = { ...body, regime: params.regime, obligation: params.obligation };
        return writes(params.id, 'meetObligation', input, principal, idFromKey(principal, idempotencyKey, input));
      },
    }),
    defineRoute({
      method: 'post',
      path: '/v1/incidents/{id}/clocks/{regime}/{obligation}/waive',
      operationId: 'waiveObligation',
      summary: 'Waive an obligation with the reason it does not bind',
      tags: ['clocks'],
      roles: DPO,
      params: ClockParams,
      body: ObligationWaiveSchema.omit({ regime: true, obligation: true }).meta({ id: 'ObligationWaiveBody' }),
      response: { status: 200, description: 'Waived; its escalations stop', schema: WriteResultSchema },
      problems: [404, 409],
      handler: ({ params, body, principal, idempotencyKey }) => {
        const input = { ...body, regime: params.regime, obligation: params.obligation };
        return writes(params.id, 'waiveObligation', input, principal, idFromKey(principal, idempotencyKey, input));
      },
    }),
    defineRoute({
      method: 'post',
      path: '/v1/incidents/{id}/owner',
      operationId: 'assignOwner',
      summary: 'Name the contact who owns the incident (the first rung of every ladder)',
      tags: ['clocks'],
      roles: WRITERS,
      params: IncidentParams,
      body: OwnerAssignSchema,
      response: { status: 200, description: 'Assigned', schema: WriteResultSchema },
      problems: [404, 409],
      handler: ({ params, body, principal, idempotencyKey }) => clocks.assignOwner(params.id, body.contactId, principal, idFromKey(principal, idempotencyKey, body)),
    }),
    defineRoute({
      method: 'get',
      path: '/v1/incidents/{id}/escalations',
      operationId: 'listEscalations',
      summary: 'Escalations of the incident’s clocks, with every delivery and its attempts',
      tags: ['clocks'],
      roles: READERS,
      params: IncidentParams,
      response: { status: 200, description: 'Escalations', schema: EscalationListSchema },
      problems: [404],
      handler: ({ params }) => clocks.escalations(params.id),
    }),
    defineRoute({
      method: 'post',
      path: '/v1/incidents/{id}/escalations/{escalationId}/acknowledge',
      operationId: 'acknowledgeEscalation',
      summary: 'Acknowledge an escalation as its recipient; an acknowledged overdue notice stops repeating',
      tags: ['clocks'],
      roles: READERS,
      params: z.strictObject({ id: z.uuid(), escalationId: z.uuid() }),
      response: { status: 200, description: 'Acknowledged', schema: WriteResultSchema },
      problems: [404, 409],
      handler: ({ params, principal, res }) => clocks.acknowledge(params.id, params.escalationId, principal, personSessionOf(res)?.email ?? null),
    }),
    defineRoute({
      method: 'get',
      path: '/v1/deadlines',
      operationId: 'listDeadlines',
      summary: 'Running clocks across incidents, soonest due first (overdue ones lead), with each incident’s owner and each clock’s escalations',
      tags: ['clocks'],
      roles: READERS,
      query: z.strictObject({
        status: z.enum(['pending', 'overdue', 'met']).optional().describe('Running clocks of one status (default: pending and overdue), or `met`: those met in the last 7 days'),
        regime: RegimeSchema.optional(),
        dueBefore: IsoDateTimeSchema.optional(),
        owner: z.uuid().optional().describe('Only incidents this contact owns'),
        cursor: z.string().max(400).optional(),
        limit: z.coerce.number().int().min(1).max(1000).default(100),
      }),
      response: { status: 200, description: 'A page of clocks', schema: DeadlineBoardSchema },
      handler: ({ query }) => clocks.board(query),
    }),
  ];
}

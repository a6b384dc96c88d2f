import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { Router } from 'express';
import { z } from 'zod';
import {
  IncidentAlertReadSchema,
  AlertStatusReadSchema,
  IntakeAcceptedSchema,
  IntakeSourceCreateSchema,
  IntakeSourceReadSchema,
  IntakeSourceUpdateSchema,
  IntakeSourceWithSecretSchema,
  SecretRotationSchema,
} from '../../domain/intake-source';
import { READERS, type Role } from '../../domain/roles';
import type { IntakeService } from '../intake-service';
import { ProblemSchema, ValidationError } from '../problem';
import { defineRoute, type AnyRoute } from '../route';

const ADMIN: readonly Role[] = ['admin'];
const SourceParams = z.strictObject({ sourceId: z.uuid() });

/** Managing intake sources: admins only (a source can open incidents). */
export function intakeSourceRoutes(intake: IntakeService): AnyRoute[] {
  return [
    defineRoute({
      method: 'post',
      path: '/v1/intake-sources',
      operationId: 'createIntakeSource',
      summary: 'Register a security tool that may open incidents; its Standard Webhooks secret is returned once',
      tags: ['intake'],
      roles: ADMIN,
      body: IntakeSourceCreateSchema,
      response: { status: 201, description: 'Created', schema: IntakeSourceWithSecretSchema },
      handler: ({ body }) => intake.create(body),
    }),
    defineRoute({
      method: 'get',
      path: '/v1/intake-sources',
      operationId: 'listIntakeSources',
      summary: 'Intake sources',
      tags: ['intake'],
      roles: ADMIN,
      response: { status: 200, description: 'Sources', schema: z.object({ items: z.array(IntakeSourceReadSchema) }) },
      handler: async () => ({ items: await intake.list() }),
    }),
    defineRoute({
      method: 'post',
      path: '/v1/intake-sources/{sourceId}/rotate-secret',
      operationId: 'rotateIntakeSecret',
      summary: 'Issue a new secret; the current ones keep verifying for the overlap',
      tags: ['intake'],
      roles: ADMIN,
      params: SourceParams,
      body: SecretRotationSchema,
      response: { status: 200, description: 'Rotated; the new secret is shown once', schema: IntakeSourceWithSecretSchema },
      problems: [404],
      handler: ({ params, body }) => intake.rotate(params.sourceId, body.overlapHours),
    }),
    defineRoute({
      method: 'get',
      path: '/v1/incidents/{id}/alerts',
      operationId: 'listIncidentAlerts',
      summary: 'Security-tool alerts attached to the incident, oldest first',
      tags: ['intake'],
      roles: READERS,
      params: z.strictObject({ id: z.uuid() }),
      response: { status: 200, description: 'Alerts', schema: z.object({ items: z.array(IncidentAlertReadSchema) }) },
      handler: async ({ params }) => ({ items: await intake.alerts(params.id) }),
    }),
    defineRoute({
      method: 'get',
      path: '/v1/alerts/{id}',
      operationId: 'getAlertStatus',
      summary: 'An alert a security tool delivered: received (waiting), opened or attached (with the incident), or rejected (with the reason)',
      tags: ['intake'],
      roles: READERS,
      params: z.strictObject({ id: z.uuid() }),
      response: { status: 200, description: 'The alert’s status', schema: AlertStatusReadSchema },
      problems: [404],
      handler: ({ params }) => intake.alertStatus(params.id),
    }),
    defineRoute({
      method: 'patch',
      path: '/v1/intake-sources/{sourceId}',
      operationId: 'updateIntakeSource',
      summary: 'Disable or re-enable a source',
      tags: ['intake'],
      roles: ADMIN,
      params: SourceParams,
      body: IntakeSourceUpdateSchema,
      response: { status: 200, description: 'Updated', schema: IntakeSourceReadSchema },
      problems: [404],
      handler: ({ params, body }) => intake.setDisabled(params.sourceId, body.disabled),
    }),
  ];
}

/**
 * `POST /v1/intake/{sourceId}`: authenticated by its Standard Webhooks signature, not an API key, so it is
 * registered here rather than through the API-key route helper. The body arrives raw (see app.ts).
 */
export function registerIntakeEndpoint(router: Router, registry: OpenAPIRegistry, intake: IntakeService): void {
  router.post('/v1/intake/:sourceId', async (req, res) => {
    const params = SourceParams.safeParse(req.params);
    if (!params.success) throw new ValidationError('params', params.error);
    const accepted = await intake.receive(params.data.sourceId, req, res);
    res.status(202).location(accepted.statusUrl).json(IntakeAcceptedSchema.parse(accepted));
  });
  const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: ProblemSchema } } });
  registry.registerPath({
    method: 'post',
    path: '/v1/intake/{sourceId}',
    operationId: 'receiveAlert',
    summary: 'A security tool delivers an alert (generic, AWS GuardDuty via EventBridge, Splunk, Elastic Security), signed per Standard Webhooks',
    description:
      'Authenticated by webhook-id, webhook-timestamp and webhook-signature over the raw body (HMAC-SHA256, ±5 minutes). ' +
      'The alert is stored before the answer and processed behind it: the first alert of a correlation key opens an incident, later ones within the window attach to it; `statusUrl` says which. ' +
      'A redelivery (same webhook-id) stores nothing and answers the same alert id with its current status.',
    tags: ['intake'],
    request: {
      params: SourceParams,
      headers: z.object({ 'webhook-id': z.string(), 'webhook-timestamp': z.string(), 'webhook-signature': z.string() }),
      body: { required: true, content: { 'application/json': { schema: z.record(z.string(), z.unknown()).describe('The alert in the source’s format') } } },
    },
    responses: {
      202: {
        description: 'Stored; it opens an incident or attaches to one behind this answer',
        headers: z.object({ Location: z.string().describe('The alert’s status URL') }),
        content: { 'application/json': { schema: IntakeAcceptedSchema } },
      },
      401: problem('Unsigned, forged or stale'),
      404: problem('Unknown or disabled source'),
      413: problem('Body too large'),
      422: problem('Not a valid alert of the source’s format (see errors)'),
      429: problem('Too many requests from this source; RateLimit-* and Retry-After headers say when to retry'),
      503: problem('PostgreSQL unavailable; Retry-After says when to retry (Temporal being down does not refuse alerts)'),
    },
  });
}

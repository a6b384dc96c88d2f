import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { Router } from 'express';
import { z } from 'zod';
import {
  IncidentAlertReadSchema,
  IntakeResultSchema,
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
    const { status, result } = await intake.receive(params.data.sourceId, req, res);
    res.status(status).json(IntakeResultSchema.parse(result));
  });
  const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: ProblemSchema } } });
  registry.registerPath({
    method: 'post',
    path: '/v1/intake/{sourceId}',
    operationId: 'receiveAlert',
    summary: 'A security tool delivers an alert (generic, AWS GuardDuty via EventBridge, Splunk, Elastic Security), signed per Standard Webhooks',
    description: 'Authenticated by webhook-id, webhook-timestamp and webhook-signature over the raw body (HMAC-SHA256, ±5 minutes). A redelivery (same webhook-id) answers the first result.',
    tags: ['intake'],
    request: {
      params: SourceParams,
      headers: z.object({ 'webhook-id': z.string(), 'webhook-timestamp': z.string(), 'webhook-signature': z.string() }),
      body: { required: true, content: { 'application/json': { schema: z.record(z.string(), z.unknown()).describe('The alert in the source’s format') } } },
    },
    responses: {
      201: { description: 'Opened an incident', content: { 'application/json': { schema: IntakeResultSchema } } },
      200: { description: 'Attached to an open incident with the same correlation key', content: { 'application/json': { schema: IntakeResultSchema } } },
      401: problem('Unsigned, forged or stale'),
      404: problem('Unknown or disabled source'),
      413: problem('Body too large'),
      422: problem('Not a valid alert of the source’s format (see errors)'),
      429: problem('Too many requests from this source; RateLimit-* and Retry-After headers say when to retry'),
      503: problem('Temporal or PostgreSQL unavailable'),
    },
  });
}

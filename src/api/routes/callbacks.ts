import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { Request, Router } from 'express';
import { z } from 'zod';
import { PagerDutyWebhookAnswerSchema, SlackInteractionAnswerSchema, type AcknowledgementCallbacks } from '../acknowledgement-callbacks';
import { ProblemSchema } from '../problem';

/** The body as received: app.ts reads /v1/callbacks raw, as the signatures cover the exact bytes. */
function rawBodyOf(req: Request): Buffer {
  return Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
}

/**
 * `POST /v1/callbacks/slack/interactions` and `POST /v1/callbacks/pagerduty`: authenticated by the vendor's
 * signature, not an API key, so they are registered here rather than through the API-key route helper.
 */
export function registerCallbackEndpoints(router: Router, registry: OpenAPIRegistry, callbacks: AcknowledgementCallbacks): void {
  router.post('/v1/callbacks/slack/interactions', async (req, res) => {
    const answer = await callbacks.slack({ rawBody: rawBodyOf(req), timestamp: req.get('x-slack-request-timestamp'), signature: req.get('x-slack-signature') });
    res.status(200).json(SlackInteractionAnswerSchema.parse(answer));
  });
  router.post('/v1/callbacks/pagerduty', async (req, res) => {
    const answer = await callbacks.pagerDuty({ rawBody: rawBodyOf(req), signatureHeader: req.get('x-pagerduty-signature') });
    res.status(200).json(PagerDutyWebhookAnswerSchema.parse(answer));
  });

  const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: ProblemSchema } } });
  registry.registerPath({
    method: 'post',
    path: '/v1/callbacks/slack/interactions',
    operationId: 'receiveSlackInteraction',
    summary: 'Slack’s interactivity request URL: the Acknowledge button on an escalation message acknowledges it as `<Slack user> (Slack)`',
    description:
      'Authenticated by X-Slack-Signature (v0, HMAC-SHA256 with SLACK_SIGNING_SECRET over `v0:{timestamp}:{raw body}`) and X-Slack-Request-Timestamp (±5 minutes); ' +
      'a request seen before (same signature) is refused. Once acknowledged, the message in Slack is replaced through the interaction\'s response_url: its buttons removed, who acknowledged it and when added. ' +
      'Other interactions are answered 200 and do nothing; an escalation acknowledged already stays as it was. ' +
      '404 while SLACK_SIGNING_SECRET is not set.',
    tags: ['clocks'],
    request: {
      headers: z.object({ 'x-slack-signature': z.string(), 'x-slack-request-timestamp': z.string() }),
      body: {
        required: true,
        content: { 'application/x-www-form-urlencoded': { schema: z.object({ payload: z.string().describe('The `block_actions` interaction as JSON') }) } },
      },
    },
    responses: {
      200: { description: 'Handled; the text is shown to the clicker only', content: { 'application/json': { schema: SlackInteractionAnswerSchema } } },
      401: problem('Unsigned, forged, stale or replayed'),
      404: problem('The Slack integration is not configured'),
      413: problem('Body too large'),
      503: problem('PostgreSQL or Temporal unavailable; Retry-After says when to retry'),
    },
  });
  registry.registerPath({
    method: 'post',
    path: '/v1/callbacks/pagerduty',
    operationId: 'receivePagerDutyWebhook',
    summary: 'PagerDuty webhook v3 subscription: `incident.acknowledged` of an incident raised for an escalation acknowledges it as `<PagerDuty user> (PagerDuty)`',
    description:
      'Authenticated by X-PagerDuty-Signature (`v1=` HMAC-SHA256 of the raw body with a secret of PAGERDUTY_WEBHOOK_SECRET); an event id seen before is refused. ' +
      'Other event types, incidents not raised here and unknown escalations are answered 200 and do nothing, so PagerDuty does not retry them. ' +
      '404 while PAGERDUTY_WEBHOOK_SECRET is not set.',
    tags: ['clocks'],
    request: {
      headers: z.object({ 'x-pagerduty-signature': z.string() }),
      body: { required: true, content: { 'application/json': { schema: z.record(z.string(), z.unknown()).describe('A webhook v3 `{ event: { id, event_type, occurred_at, agent, data } }`') } } },
    },
    responses: {
      200: { description: 'Handled; what the event did', content: { 'application/json': { schema: PagerDutyWebhookAnswerSchema } } },
      401: problem('Unsigned, forged or replayed'),
      404: problem('The PagerDuty integration is not configured'),
      413: problem('Body too large'),
      503: problem('PostgreSQL or Temporal unavailable; Retry-After says when to retry'),
    },
  });
}

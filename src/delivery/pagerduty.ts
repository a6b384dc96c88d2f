import type { EscalationFacts } from '../activities/escalation-message';
import {
  answerError,
  DeliveryError,
  guardedPost,
  requirePositiveTimeout,
  type DeliveryErrorDetails,
  type DeliveryResult,
  type GuardedPostOptions,
} from './guarded-post';
import type { SsrfGuard } from './ssrf-guard';

/** PagerDuty's Events API v2 endpoint. */
export const PAGERDUTY_EVENTS_URL = 'https://events.pagerduty.com/v2/enqueue';

/** The severities Events API v2 accepts. */
export const PAGERDUTY_SEVERITIES = ['critical', 'error', 'warning', 'info'] as const;
export type PagerDutySeverity = (typeof PAGERDUTY_SEVERITIES)[number];

/** An Events API v2 trigger (developer.pagerduty.com/docs/events-api-v2/trigger-events). */
export interface PagerDutyTriggerEvent {
  routing_key: string;
  event_action: 'trigger';
  dedup_key: string;
  payload: {
    summary: string;
    source: string;
    severity: PagerDutySeverity;
    timestamp: string;
    component: string;
    group: string;
    class: string;
    custom_details: Record<string, unknown>;
  };
  links: { href: string; text: string }[];
  client: string;
  client_url: string;
}

/** An Events API v2 resolve: the same routing and dedup key as the trigger. */
export interface PagerDutyResolveEvent {
  routing_key: string;
  event_action: 'resolve';
  dedup_key: string;
}

/** A PagerDuty event that was not accepted; `vendorError` carries PagerDuty's message and errors. */
export class PagerDutyDeliveryError extends DeliveryError {
  constructor(message: string, details: DeliveryErrorDetails) {
    super(message, details);
    this.name = 'PagerDutyDeliveryError';
  }
}

const DEDUP_PREFIX = 'breach-escalation-';
const SUMMARY_MAX = 1024;

/** The dedup_key of an escalation step: stable across retries, so PagerDuty opens one incident per step and resolve finds it. */
export function pagerDutyDedupKey(escalationId: string): string {
  return `${DEDUP_PREFIX}${escalationId}`;
}

/** The escalation id a dedup_key (PagerDuty's `incident_key`) was made from, or undefined for someone else's key. */
export function escalationIdFromDedupKey(dedupKey: string): string | undefined {
  return dedupKey.startsWith(DEDUP_PREFIX) && dedupKey.length > DEDUP_PREFIX.length ? dedupKey.slice(DEDUP_PREFIX.length) : undefined;
}

/** The trigger for an escalation step: overdue notices page as critical, reminders as warning. */
export function pagerDutyTriggerEvent(routingKey: string, facts: EscalationFacts): PagerDutyTriggerEvent {
  const overdue = facts.kind !== 'reminder';
  const summary = `[${facts.reference}] ${overdue ? 'OVERDUE' : 'Due soon'}: ${facts.regime} ${facts.obligation} due ${facts.dueAt} — ${facts.title}`;
  return {
    routing_key: routingKey,
    event_action: 'trigger',
    dedup_key: pagerDutyDedupKey(facts.escalationId),
    payload: {
      summary: summary.length <= SUMMARY_MAX ? summary : `${summary.slice(0, SUMMARY_MAX - 1)}…`,
      source: 'breach-response-engine',
      severity: overdue ? 'critical' : 'warning',
      timestamp: facts.raisedAt,
      component: `${facts.regime} ${facts.obligation}`,
      group: facts.reference,
      class: overdue ? 'deadline.overdue' : 'deadline.reminder',
      custom_details: {
        incidentId: facts.incidentId,
        escalationId: facts.escalationId,
        title: facts.title,
        regime: facts.regime,
        obligation: facts.obligation,
        ...(facts.source === undefined ? {} : { source: facts.source, recipient: facts.recipient }),
        rung: facts.rung,
        kind: facts.kind,
        recipients: facts.recipients,
        dueAt: facts.dueAt,
        escalationUrl: facts.escalationUrl,
      },
    },
    links: [{ href: facts.escalationUrl, text: 'Open in the breach console' }],
    client: 'Breach response engine',
    client_url: facts.escalationUrl,
  };
}

/** The resolve for an escalation step, sent when its clock is met or waived. */
export function pagerDutyResolveEvent(routingKey: string, escalationId: string): PagerDutyResolveEvent {
  return { routing_key: routingKey, event_action: 'resolve', dedup_key: pagerDutyDedupKey(escalationId) };
}

/** Settings of the PagerDuty sender; `eventsUrl` (default PAGERDUTY_EVENTS_URL) points it at a test receiver. */
export interface PagerDutySenderOptions {
  guard: SsrfGuard;
  timeoutMs: number;
  eventsUrl?: string;
}

/** An accepted event: the HTTP status, the attempt's wall time in ms, and the dedup_key PagerDuty echoed. */
export interface PagerDutyResult extends DeliveryResult {
  dedupKey: string;
}

/** Sends Events API v2 events, once per call (the calling activity retries); throws PagerDutyDeliveryError. */
export interface PagerDutySender {
  trigger(delivery: { routingKey: string; facts: EscalationFacts }): Promise<PagerDutyResult>;
  resolve(delivery: { routingKey: string; escalationId: string }): Promise<PagerDutyResult>;
}

/**
 * Posts by hand through guardedPost rather than with @pagerduty/pdjs: pdjs builds `https://${server}/v2/enqueue` (no
 * plain-http test receiver), takes no connection `lookup` for the SSRF guard, and retries 429s itself with 20 s sleeps
 * inside one activity attempt, hiding attempts from the record.
 */
export function createPagerDutySender({ guard, timeoutMs, eventsUrl = PAGERDUTY_EVENTS_URL }: PagerDutySenderOptions): PagerDutySender {
  requirePositiveTimeout(timeoutMs);
  const postOptions: GuardedPostOptions = { guard, timeoutMs, label: 'PagerDuty', errorClass: PagerDutyDeliveryError };

  const send = async (event: PagerDutyTriggerEvent | PagerDutyResolveEvent): Promise<PagerDutyResult> => {
    // Routing keys are 32 characters; a wrong one would only come back as a 400, so refuse it before any request.
    if (!/^[A-Za-z0-9]{32}$/.test(event.routing_key)) {
      throw new PagerDutyDeliveryError('PagerDuty routing key must be 32 letters or digits', { retryable: false });
    }
    const body = JSON.stringify(event);
    const headers = { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) };
    const answer = await guardedPost(eventsUrl, body, headers, postOptions);
    const failure = answerError(answer, { ...postOptions, vendorError: pagerDutyErrorText(answer.body) });
    if (failure) throw failure;
    return { status: answer.status, durationMs: answer.durationMs, dedupKey: echoedDedupKey(answer.body) ?? event.dedup_key };
  };

  return {
    trigger: ({ routingKey, facts }) => send(pagerDutyTriggerEvent(routingKey, facts)),
    resolve: ({ routingKey, escalationId }) => send(pagerDutyResolveEvent(routingKey, escalationId)),
  };
}

/** What a verified PagerDuty webhook v3 says when someone acknowledged an incident this engine triggered. */
export interface PagerDutyAcknowledgement {
  /** `event.id`: the same on PagerDuty's redeliveries, so the caller dedupes on it. */
  eventId: string;
  escalationId: string;
  occurredAt: string | undefined;
  /** `event.agent`: the PagerDuty user who acknowledged, when a user did. */
  pagerDutyUserId: string | undefined;
  pagerDutyUserName: string | undefined;
}

/** Reads an `incident.acknowledged` webhook v3 body; undefined for other events or incidents not raised here. Verify first. */
export function readPagerDutyAcknowledgement(rawBody: string): PagerDutyAcknowledgement | undefined {
  const parsed = parseJson(rawBody);
  const event = isRecord(parsed) ? parsed.event : undefined;
  if (!isRecord(event) || event.event_type !== 'incident.acknowledged' || typeof event.id !== 'string') return undefined;
  const data = isRecord(event.data) ? event.data : {};
  const escalationId = typeof data.incident_key === 'string' ? escalationIdFromDedupKey(data.incident_key) : undefined;
  if (escalationId === undefined) return undefined;
  const agent = isRecord(event.agent) && event.agent.type === 'user_reference' ? event.agent : undefined;
  return {
    eventId: event.id,
    escalationId,
    occurredAt: typeof event.occurred_at === 'string' ? event.occurred_at : undefined,
    pagerDutyUserId: typeof agent?.id === 'string' ? agent.id : undefined,
    pagerDutyUserName: typeof agent?.summary === 'string' ? agent.summary : undefined,
  };
}

/** PagerDuty answers a bad event with `{status:'invalid event', message, errors:[…]}`. */
function pagerDutyErrorText(body: string): string | undefined {
  const parsed = parseJson(body);
  if (!isRecord(parsed) || parsed.status === 'success') return undefined;
  const message = typeof parsed.message === 'string' ? parsed.message : undefined;
  const errors = Array.isArray(parsed.errors) ? parsed.errors.filter((e): e is string => typeof e === 'string') : [];
  const text = [message, ...errors].filter((part) => part !== undefined).join('; ');
  return text === '' ? undefined : text.slice(0, 500);
}

function echoedDedupKey(body: string): string | undefined {
  const parsed = parseJson(body);
  return isRecord(parsed) && typeof parsed.dedup_key === 'string' ? parsed.dedup_key : undefined;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

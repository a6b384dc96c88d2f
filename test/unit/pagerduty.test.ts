import {
  createPagerDutySender,
  escalationIdFromDedupKey,
  PagerDutyDeliveryError,
  pagerDutyDedupKey,
  pagerDutyResolveEvent,
  pagerDutyTriggerEvent,
  readPagerDutyAcknowledgement,
} from '../../src/delivery/pagerduty';
import { createSsrfGuard, SsrfBlockedError } from '../../src/delivery/ssrf-guard';
import { overdueEscalationFacts, pagerDutyEventErrors, sendWithRetries, startPagerDutyReceiver, type VendorReceiver } from '../helpers/vendor-receivers';

const facts = overdueEscalationFacts();
const ROUTING_KEY = 'R0123456789abcdef0123456789ABCDE';
const allowLoopback = createSsrfGuard({ allowlist: ['127.0.0.1/32'] });

async function rejectionOf(promise: Promise<unknown>): Promise<PagerDutyDeliveryError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(PagerDutyDeliveryError);
    return error as PagerDutyDeliveryError;
  }
  throw new Error('expected the delivery to fail');
}

describe('pagerDutyTriggerEvent', () => {
  it('builds a valid Events API v2 trigger with a dedup_key stable per escalation step and a link to the console', () => {
    const event = pagerDutyTriggerEvent(ROUTING_KEY, facts);

    expect(pagerDutyEventErrors(event)).toEqual([]);
    expect(event).toMatchObject({
      routing_key: ROUTING_KEY,
      event_action: 'trigger',
      dedup_key: `breach-escalation-${facts.escalationId}`,
      payload: { severity: 'critical', source: 'breach-response-engine', timestamp: facts.raisedAt, group: 'BR-2026-0042', class: 'deadline.overdue' },
      links: [{ href: facts.escalationUrl, text: 'Open in the breach console' }],
      client_url: facts.escalationUrl,
    });
    expect(pagerDutyTriggerEvent(ROUTING_KEY, facts).dedup_key).toBe(event.dedup_key);
    expect(pagerDutyTriggerEvent(ROUTING_KEY, overdueEscalationFacts({ escalationId: 'another-step' })).dedup_key).not.toBe(event.dedup_key);
  });

  it('pages a reminder as a warning and cuts a long summary to 1024 characters', () => {
    const event = pagerDutyTriggerEvent(ROUTING_KEY, { ...facts, kind: 'reminder', title: 'x'.repeat(3000) });

    expect(pagerDutyEventErrors(event)).toEqual([]);
    expect(event.payload.severity).toBe('warning');
    expect(event.payload.summary).toHaveLength(1024);
  });

  it('resolves with the same dedup_key, and the key leads back to the escalation', () => {
    const resolve = pagerDutyResolveEvent(ROUTING_KEY, facts.escalationId);

    expect(pagerDutyEventErrors(resolve)).toEqual([]);
    expect(resolve).toEqual({ routing_key: ROUTING_KEY, event_action: 'resolve', dedup_key: pagerDutyDedupKey(facts.escalationId) });
    expect(escalationIdFromDedupKey(resolve.dedup_key)).toBe(facts.escalationId);
    expect(escalationIdFromDedupKey('srv01/high_cpu')).toBeUndefined();
  });
});

describe('createPagerDutySender', () => {
  let pagerDuty: VendorReceiver;
  const sender = () => createPagerDutySender({ guard: allowLoopback, timeoutMs: 2000, eventsUrl: `${pagerDuty.url}/v2/enqueue` });

  beforeEach(async () => {
    pagerDuty = await startPagerDutyReceiver();
  });

  afterEach(async () => {
    await pagerDuty.close();
  });

  it('triggers, then resolves, the same PagerDuty incident through its dedup_key', async () => {
    const triggered = await sender().trigger({ routingKey: ROUTING_KEY, facts });
    const resolved = await sender().resolve({ routingKey: ROUTING_KEY, escalationId: facts.escalationId });

    expect(triggered).toEqual({ status: 202, durationMs: expect.any(Number), dedupKey: pagerDutyDedupKey(facts.escalationId) });
    expect(resolved).toMatchObject({ status: 202, dedupKey: triggered.dedupKey });
    expect(pagerDuty.requests.map((r) => (r.body as { event_action: string }).event_action)).toEqual(['trigger', 'resolve']);
    expect(pagerDuty.requests[0]?.body).toEqual(pagerDutyTriggerEvent(ROUTING_KEY, facts));
  });

  it('fails without retry on 400 invalid event, with PagerDuty’s message and errors', async () => {
    pagerDuty.failNext(1, {
      status: 400,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ status: 'invalid event', message: 'Event object is invalid', errors: ["'payload.summary' is missing or blank"] }),
    });

    const error = await rejectionOf(sender().trigger({ routingKey: ROUTING_KEY, facts }));

    expect(error).toMatchObject({
      name: 'PagerDutyDeliveryError',
      retryable: false,
      status: 400,
      vendorError: "Event object is invalid; 'payload.summary' is missing or blank",
    });
  });

  it('refuses a routing key that is not 32 characters before any request', async () => {
    const error = await rejectionOf(sender().trigger({ routingKey: 'short', facts }));

    expect(error).toMatchObject({ retryable: false });
    expect(pagerDuty.requests).toHaveLength(0);
  });

  it.each([429, 500, 502, 503])('fails retryably on %i', async (status) => {
    pagerDuty.failNext(1, { status });

    await expect(sender().resolve({ routingKey: ROUTING_KEY, escalationId: facts.escalationId })).rejects.toMatchObject({ retryable: true, status });
  });

  it('is delivered by the caller’s retries after rate limits, with backoff, all with the same dedup_key', async () => {
    pagerDuty.failNext(2, { status: 429, headers: { 'retry-after': '1' } });
    const waits: number[] = [];

    const { result, attempts } = await sendWithRetries(() => sender().trigger({ routingKey: ROUTING_KEY, facts }), { initialMs: 500, sleep: async (ms) => void waits.push(ms) });

    expect(result).toMatchObject({ status: 202 });
    expect(attempts.map((a) => a.outcome)).toEqual(['failed', 'failed', 'sent']);
    expect(waits).toEqual([1000, 1000]);
    expect(new Set(pagerDuty.requests.map((r) => (r.body as { dedup_key: string }).dedup_key))).toEqual(new Set([pagerDutyDedupKey(facts.escalationId)]));
  });

  it('refuses a loopback events URL without an allowlist, before any request', async () => {
    const guarded = createPagerDutySender({ guard: createSsrfGuard({ allowlist: [] }), timeoutMs: 2000, eventsUrl: `${pagerDuty.url}/v2/enqueue` });

    const error = await rejectionOf(guarded.trigger({ routingKey: ROUTING_KEY, facts }));

    expect(error.cause).toBeInstanceOf(SsrfBlockedError);
    expect(pagerDuty.requests).toHaveLength(0);
  });
});

describe('readPagerDutyAcknowledgement', () => {
  const webhook = (eventType: string, incidentKey: string) =>
    JSON.stringify({
      event: {
        id: '01DRF6BV78DEFGHIJK56789',
        event_type: eventType,
        resource_type: 'incident',
        occurred_at: '2026-03-31T08:05:00Z',
        agent: { id: 'P123ABC', type: 'user_reference', summary: 'Dana Privacy' },
        data: { id: 'Q2KURS8RXYZ123', type: 'incident', status: 'acknowledged', incident_key: incidentKey },
      },
    });

  it('reads the escalation, the event id to dedupe on and the acknowledging user', () => {
    expect(readPagerDutyAcknowledgement(webhook('incident.acknowledged', pagerDutyDedupKey(facts.escalationId)))).toEqual({
      eventId: '01DRF6BV78DEFGHIJK56789',
      escalationId: facts.escalationId,
      occurredAt: '2026-03-31T08:05:00Z',
      pagerDutyUserId: 'P123ABC',
      pagerDutyUserName: 'Dana Privacy',
    });
  });

  it.each([
    ['another event type', webhook('incident.resolved', pagerDutyDedupKey(facts.escalationId))],
    ['an incident not raised here', webhook('incident.acknowledged', 'srv01/high_cpu')],
    ['a body that is not JSON', '{'],
  ])('returns undefined for %s', (_label, body) => {
    expect(readPagerDutyAcknowledgement(body)).toBeUndefined();
  });
});

import { DeliveryError } from '../../src/delivery/guarded-post';
import {
  createSlackSender,
  readSlackAcknowledgement,
  SLACK_ACKNOWLEDGE_ACTION_ID,
  slackAcknowledgedMessage,
  slackEscalationMessage,
  SlackDeliveryError,
} from '../../src/delivery/slack';
import { createSsrfGuard, SsrfBlockedError } from '../../src/delivery/ssrf-guard';
import { blockKitErrors, overdueEscalationFacts, sendWithRetries, startSlackReceiver, type VendorReceiver } from '../helpers/vendor-receivers';

const facts = overdueEscalationFacts();
const TOKEN = 'xoxb-test-token';
const CHANNEL = 'C0123456789';
const WEBHOOK_PATH = '/services/T000/B000/XXXX';
const DELIVERY_ID = '0b7c2f4e-8a61-4f7e-9d3a-5c1e2b3a4d5f';
const allowLoopback = createSsrfGuard({ allowlist: ['127.0.0.1/32'] });

async function rejectionOf(promise: Promise<unknown>): Promise<SlackDeliveryError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(SlackDeliveryError);
    return error as SlackDeliveryError;
  }
  throw new Error('expected the delivery to fail');
}

describe('slackEscalationMessage', () => {
  it('carries an Acknowledge button whose value is the escalation id, within Block Kit limits', () => {
    const { text, blocks } = slackEscalationMessage(facts, { interactive: true });

    expect(blockKitErrors(blocks)).toEqual([]);
    expect(text).toBe('[BR-2026-0042] OVERDUE: GDPR notify-supervisory-authority, due 2026-03-31T08:00:00.000Z');
    const actions = blocks.find((block) => block.type === 'actions') as unknown as { elements: Record<string, unknown>[] };
    expect(actions.elements).toEqual([
      expect.objectContaining({ type: 'button', action_id: SLACK_ACKNOWLEDGE_ACTION_ID, value: facts.escalationId, text: { type: 'plain_text', text: 'Acknowledge' } }),
      expect.objectContaining({ type: 'button', url: facts.escalationUrl }),
    ]);
    expect(JSON.stringify(blocks)).toContain('GDPR Art. 33(1)');
  });

  it('links to the console without any button in incoming-webhook mode', () => {
    const { blocks } = slackEscalationMessage({ ...facts, kind: 'reminder', rung: 'reminder-2' }, { interactive: false });

    expect(blockKitErrors(blocks)).toEqual([]);
    expect(blocks.some((block) => block.type === 'actions')).toBe(false);
    expect(JSON.stringify(blocks)).toContain(`<${facts.escalationUrl}|Open it in the console>`);
    expect(JSON.stringify(blocks)).not.toContain('reasons for the delay');
  });

  it('escapes Slack control sequences in the title and stays within limits for a very long one', () => {
    const { blocks } = slackEscalationMessage({ ...facts, title: `<!channel> & ${'x'.repeat(5000)}`, reference: 'R'.repeat(300) }, { interactive: true });

    expect(blockKitErrors(blocks)).toEqual([]);
    expect(JSON.stringify(blocks)).not.toContain('<!channel>');
    expect(JSON.stringify(blocks)).toContain('&lt;!channel&gt; &amp;');
  });
});

describe('createSlackSender', () => {
  let slack: VendorReceiver;
  const sender = () => createSlackSender({ guard: allowLoopback, timeoutMs: 2000, slackApiUrl: `${slack.url}/api/` });

  beforeEach(async () => {
    slack = await startSlackReceiver({ botToken: TOKEN, channels: [CHANNEL], webhookPaths: [WEBHOOK_PATH], archivedWebhookPaths: ['/services/T000/B000/GONE'] });
  });

  afterEach(async () => {
    await slack.close();
  });

  it('posts the interactive message with chat.postMessage and returns status, duration, channel and ts', async () => {
    const before = Date.now() / 1000;
    const result = await sender().postMessage({ token: TOKEN, channel: CHANNEL, deliveryId: DELIVERY_ID, facts });

    expect(result).toEqual({ status: 200, durationMs: expect.any(Number), channel: CHANNEL, ts: expect.stringMatching(/^\d{10}\.\d{6}$/) });
    // Slack's ts is the posting time in seconds.
    expect(Math.abs(Number(result.ts) - before)).toBeLessThan(5);
    expect(slack.requests).toHaveLength(1);
    const [request] = slack.requests;
    expect(request).toMatchObject({ method: 'POST', path: '/api/chat.postMessage', headers: { authorization: `Bearer ${TOKEN}` } });
    const body = request?.body as Record<string, string>;
    expect(body.channel).toBe(CHANNEL);
    expect(blockKitErrors(JSON.parse(body.blocks ?? 'null'))).toEqual([]);
    expect(JSON.parse(body.metadata ?? 'null')).toEqual({ event_type: 'escalation_raised', event_payload: { escalation_id: facts.escalationId, rung: 'overdue', delivery_id: DELIVERY_ID } });
  });

  it.each([
    ['an unknown channel', { channel: 'C0000000000' }, 'channel_not_found'],
    ['a wrong token', { token: 'xoxb-revoked' }, 'invalid_auth'],
  ])('fails without retry on %s, with Slack’s error code', async (_label, overrides, code) => {
    const error = await rejectionOf(sender().postMessage({ token: TOKEN, channel: CHANNEL, deliveryId: DELIVERY_ID, facts, ...overrides }));

    expect(error).toMatchObject({ name: 'SlackDeliveryError', retryable: false, status: 200, vendorError: code });
    expect(slack.requests).toHaveLength(1);
  });

  it('fails retryably on ok:false internal_error', async () => {
    slack.failNext(1, { status: 200, headers: { 'content-type': 'application/json' }, body: '{"ok":false,"error":"internal_error"}' });

    const error = await rejectionOf(sender().postMessage({ token: TOKEN, channel: CHANNEL, deliveryId: DELIVERY_ID, facts }));

    expect(error).toMatchObject({ retryable: true, vendorError: 'internal_error' });
  });

  it('reports a 429 with its Retry-After and makes no retry of its own', async () => {
    slack.failNext(1, { status: 429, headers: { 'retry-after': '1' }, body: '' });

    const error = await rejectionOf(sender().postMessage({ token: TOKEN, channel: CHANNEL, deliveryId: DELIVERY_ID, facts }));

    expect(error).toMatchObject({ retryable: true, status: 429, retryAfterMs: 1000 });
    expect(slack.requests).toHaveLength(1);
  });

  it('reports a 429 without Retry-After as retryable', async () => {
    slack.failNext(1, { status: 429 });

    const error = await rejectionOf(sender().postMessage({ token: TOKEN, channel: CHANNEL, deliveryId: DELIVERY_ID, facts }));

    expect(error).toMatchObject({ retryable: true, status: 429, retryAfterMs: undefined });
  });

  it('is delivered by the caller’s retries after two rate limits and a 500, each attempt recorded with its wait', async () => {
    slack.failNext(2, { status: 429, headers: { 'retry-after': '1' } });
    slack.failNext(1, { status: 500, body: 'oops' });
    const waits: number[] = [];

    const { result, attempts } = await sendWithRetries(() => sender().postMessage({ token: TOKEN, channel: CHANNEL, deliveryId: DELIVERY_ID, facts }), {
      initialMs: 200,
      sleep: async (ms) => void waits.push(ms),
    });

    expect(result).toMatchObject({ status: 200, channel: CHANNEL });
    expect(attempts.map((a) => [a.outcome, a.status])).toEqual([
      ['failed', 429],
      ['failed', 429],
      ['failed', 500],
      ['sent', 200],
    ]);
    expect(waits).toEqual([1000, 1000, 800]);
    expect(slack.requests).toHaveLength(4);
  });

  it('keeps its own per-attempt timeout under the Slack client, retryably', async () => {
    slack.failNext(1, { status: 200, hang: true });
    const impatient = createSlackSender({ guard: allowLoopback, timeoutMs: 300, slackApiUrl: `${slack.url}/api/` });

    const error = await rejectionOf(impatient.postMessage({ token: TOKEN, channel: CHANNEL, deliveryId: DELIVERY_ID, facts }));

    expect(error).toMatchObject({ retryable: true, status: undefined });
    expect(error.message).toMatch(/within 300 ms/);
  });

  it('refuses a Slack API URL on loopback without an allowlist, before any request', async () => {
    const guarded = createSlackSender({ guard: createSsrfGuard({ allowlist: [] }), timeoutMs: 2000, slackApiUrl: `${slack.url}/api/` });

    const error = await rejectionOf(guarded.postMessage({ token: TOKEN, channel: CHANNEL, deliveryId: DELIVERY_ID, facts }));

    expect(error).toMatchObject({ retryable: false, status: undefined });
    expect(error.cause).toBeInstanceOf(SsrfBlockedError);
    expect(slack.requests).toHaveLength(0);
  });

  it('finds the message a delivery posted by its metadata, and nothing for another delivery or before the message', async () => {
    const since = new Date(Date.now() - 60_000);
    const { ts } = await sender().postMessage({ token: TOKEN, channel: CHANNEL, deliveryId: DELIVERY_ID, facts });
    await sender().postMessage({ token: TOKEN, channel: CHANNEL, deliveryId: 'another-delivery', facts });

    expect(await sender().findPosted({ token: TOKEN, channel: CHANNEL, deliveryId: DELIVERY_ID, since })).toEqual({ channel: CHANNEL, ts });
    expect(await sender().findPosted({ token: TOKEN, channel: CHANNEL, deliveryId: 'a-third-delivery', since })).toBeUndefined();
    expect(await sender().findPosted({ token: TOKEN, channel: CHANNEL, deliveryId: DELIVERY_ID, since: new Date(Number(ts) * 1000 + 1000) })).toBeUndefined();
    const history = slack.requests.find((r) => r.path === '/api/conversations.history');
    expect(history?.body).toMatchObject({ channel: CHANNEL, include_all_metadata: 'true', oldest: (since.getTime() / 1000).toFixed(6) });
  });

  it('finds nothing, rather than failing, when the app lacks the history scope', async () => {
    await slack.close();
    slack = await startSlackReceiver({ botToken: TOKEN, channels: [CHANNEL], historyScope: false });
    await sender().postMessage({ token: TOKEN, channel: CHANNEL, deliveryId: DELIVERY_ID, facts });

    expect(await sender().findPosted({ token: TOKEN, channel: CHANNEL, deliveryId: DELIVERY_ID, since: new Date(Date.now() - 60_000) })).toBeUndefined();
  });

  it('fails the lookup retryably when Slack rate-limits it', async () => {
    slack.failNext(1, { status: 429, headers: { 'retry-after': '7' } });

    const error = await rejectionOf(sender().findPosted({ token: TOKEN, channel: CHANNEL, deliveryId: DELIVERY_ID, since: new Date() }));

    expect(error).toMatchObject({ retryable: true, status: 429, retryAfterMs: 7000 });
  });

  it('sends the console-link message to an incoming webhook, which answers 200 "ok"', async () => {
    const result = await sender().sendIncomingWebhook({ url: `${slack.url}${WEBHOOK_PATH}`, facts });

    expect(result).toEqual({ status: 200, durationMs: expect.any(Number) });
    const body = slack.requests[0]?.body as { blocks: unknown; text: string };
    expect(slack.requests[0]?.headers['content-type']).toBe('application/json');
    expect(blockKitErrors(body.blocks)).toEqual([]);
    expect(JSON.stringify(body.blocks)).not.toContain(SLACK_ACKNOWLEDGE_ACTION_ID);
  });

  it.each([
    ['a revoked webhook (404 no_service)', '/services/T000/B000/NOPE', undefined, 404, 'no_service'],
    ['an archived channel (410)', '/services/T000/B000/GONE', undefined, 410, 'channel_is_archived'],
    ['invalid blocks (400)', WEBHOOK_PATH, { status: 400, body: 'invalid_blocks' }, 400, 'invalid_blocks'],
    ['a disabled webhook (403)', WEBHOOK_PATH, { status: 403, body: 'action_prohibited' }, 403, 'action_prohibited'],
  ])('fails without retry on %s', async (_label, path, scripted, status, code) => {
    if (scripted) slack.failNext(1, scripted);

    const error = await rejectionOf(sender().sendIncomingWebhook({ url: `${slack.url}${path}`, facts }));

    expect(error).toMatchObject({ retryable: false, status, vendorError: code });
    expect(error.message).not.toContain(path);
  });

  it('fails an incoming webhook retryably on 429, with Retry-After, and on 503', async () => {
    slack.failNext(1, { status: 429, headers: { 'retry-after': '3' }, body: 'rate_limited' });
    slack.failNext(1, { status: 503 });

    const limited = await rejectionOf(sender().sendIncomingWebhook({ url: `${slack.url}${WEBHOOK_PATH}`, facts }));
    const unavailable = await rejectionOf(sender().sendIncomingWebhook({ url: `${slack.url}${WEBHOOK_PATH}`, facts }));

    expect(limited).toMatchObject({ retryable: true, status: 429, retryAfterMs: 3000 });
    expect(unavailable).toMatchObject({ retryable: true, status: 503 });
    expect(slack.requests).toHaveLength(2);
  });

  it('follows no redirect from an incoming webhook', async () => {
    slack.failNext(1, { status: 302, headers: { location: 'http://169.254.169.254/latest/meta-data/' } });

    const error = await rejectionOf(sender().sendIncomingWebhook({ url: `${slack.url}${WEBHOOK_PATH}`, facts }));

    expect(error).toMatchObject({ retryable: false, status: 302 });
    expect(slack.requests).toHaveLength(1);
  });

  it('fails retryably when nothing listens', async () => {
    const url = `${slack.url}${WEBHOOK_PATH}`;
    await slack.close();

    const error = await rejectionOf(sender().sendIncomingWebhook({ url, facts }));

    expect(error).toBeInstanceOf(DeliveryError);
    expect(error).toMatchObject({ retryable: true, status: undefined });
    expect(error.message).toMatch(/ECONNREFUSED/);
    slack = await startSlackReceiver();
  });
});

describe('slackAcknowledgedMessage', () => {
  it('keeps the message without its buttons and says who acknowledged it and when, within Block Kit', () => {
    const original = slackEscalationMessage(facts, { interactive: true });

    const acknowledged = slackAcknowledgedMessage(original, 'Dana <Privacy> (Slack)', '2026-12-05T10:15:00.000Z');

    expect(acknowledged.blocks.some((block) => block.type === 'actions')).toBe(false);
    expect(acknowledged.blocks.slice(0, -1)).toEqual(original.blocks.filter((block) => block.type !== 'actions'));
    expect(acknowledged.blocks.at(-1)).toEqual({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: ':white_check_mark: Acknowledged by Dana &lt;Privacy&gt; (Slack) at <!date^1796465700^{date_short_pretty} {time}|2026-12-05T10:15:00.000Z>' }],
    });
    expect(acknowledged.text).toBe(`${original.text} (acknowledged by Dana <Privacy> (Slack))`);
    expect(blockKitErrors(acknowledged.blocks)).toEqual([]);
  });
});

describe('replaceInteractionMessage', () => {
  let slack: VendorReceiver;
  const sender = () => createSlackSender({ guard: allowLoopback, timeoutMs: 2000, slackApiUrl: `${slack.url}/api/` });
  const message = slackAcknowledgedMessage(slackEscalationMessage(facts, { interactive: true }), 'Dana Privacy (Slack)', '2026-12-05T10:15:00.000Z');

  beforeEach(async () => {
    slack = await startSlackReceiver();
  });
  afterEach(() => slack.close());

  it('posts the replacement to the response URL as JSON with replace_original', async () => {
    const result = await sender().replaceInteractionMessage({ responseUrl: `${slack.url}/actions/T0ORG/1/abc`, message });

    expect(result).toEqual({ status: 200, durationMs: expect.any(Number) });
    expect(slack.requests.map((r) => [r.path, r.headers['content-type'], r.body])).toEqual([['/actions/T0ORG/1/abc', 'application/json', { replace_original: true, ...message }]]);
  });

  it('fails without retry when Slack no longer takes the response URL', async () => {
    slack.failNext(1, { status: 404, headers: { 'content-type': 'text/plain' }, body: 'expired_url' });

    const error = await rejectionOf(sender().replaceInteractionMessage({ responseUrl: `${slack.url}/actions/T0ORG/1/abc`, message }));

    expect(error).toMatchObject({ retryable: false, status: 404, vendorError: 'expired_url' });
  });
});

describe('readSlackAcknowledgement', () => {
  const callback = (payload: unknown) => `payload=${encodeURIComponent(JSON.stringify(payload))}`;

  it('reads the escalation id, the clicking user, the response URL and the message from a block_actions callback', () => {
    const message = slackEscalationMessage(facts, { interactive: true });
    const body = callback({
      type: 'block_actions',
      user: { id: 'U024BE7LH', username: 'dana' },
      team: { id: 'T9TK3CUKW' },
      response_url: 'https://hooks.slack.com/actions/T9TK3CUKW/1/abc',
      message: { type: 'message', ts: '1765000000.000100', ...message },
      actions: [{ type: 'button', action_id: SLACK_ACKNOWLEDGE_ACTION_ID, block_id: `escalation:${facts.escalationId}`, value: facts.escalationId }],
    });

    expect(readSlackAcknowledgement(body)).toEqual({
      escalationId: facts.escalationId,
      slackUserId: 'U024BE7LH',
      slackTeamId: 'T9TK3CUKW',
      responseUrl: 'https://hooks.slack.com/actions/T9TK3CUKW/1/abc',
      message,
    });
  });

  it.each([
    ['another button', callback({ type: 'block_actions', user: { id: 'U1' }, actions: [{ action_id: 'escalation_open', value: 'x' }] })],
    ['another interaction type', callback({ type: 'view_submission', user: { id: 'U1' } })],
    ['a body without payload', 'token=abc'],
    ['a payload that is not JSON', 'payload=%7Bnot-json'],
  ])('returns undefined for %s', (_label, body) => {
    expect(readSlackAcknowledgement(body)).toBeUndefined();
  });
});

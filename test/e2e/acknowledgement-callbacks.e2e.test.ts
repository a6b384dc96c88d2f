import { createHmac, randomUUID } from 'node:crypto';
import path from 'node:path';
import type pg from 'pg';
import type { Role } from '../../src/domain/roles';
import { freePort, retryUntil, spawnManaged, type ManagedProcess } from '../../src/stack/child-process';
import { slackEscalationMessage } from '../../src/delivery/slack';
import { projectRoot } from '../../src/stack/temporal-binaries';
import { overdueEscalationFacts, startSlackReceiver, type VendorReceiver } from '../helpers/vendor-receivers';
import { call, eventually, keysByRole, openPool, stackEnv, type ApiResponse } from './http';

const HOUR = 3_600_000;
const SLACK_SECRET = `slack-signing-${randomUUID()}`;
// Two PagerDuty secrets, as while one is rotated: either verifies.
const PAGERDUTY_SECRETS = [`pd-old-${randomUUID()}`, `pd-new-${randomUUID()}`];

let pool: pg.Pool;
let keys: Record<Role, string>;
let callbacks: { api: ManagedProcess; baseUrl: string };
// An API without the callback secrets (the shared one has secrets of its own).
let unconfigured: { api: ManagedProcess; baseUrl: string };

/** An API process with the given callback secrets (undefined: unset), on the stack's PostgreSQL (as the application role) and Temporal; the stack's worker runs the workflows. */
async function startApi(env: Record<string, string | undefined>): Promise<{ api: ManagedProcess; baseUrl: string }> {
  const port = await freePort();
  const api = spawnManaged('api-callbacks', process.execPath, ['--import', 'tsx', path.join(projectRoot, 'src', 'server.ts')], {
    cwd: projectRoot,
    env: { ...process.env, LOG_LEVEL: 'silent', HOST: '127.0.0.1', PORT: String(port), DATABASE_URL: stackEnv.appDatabaseUrl, TEMPORAL_ADDRESS: stackEnv.temporalAddress, ...env },
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  await retryUntil(() => fetch(`${baseUrl}/healthz`).then((r) => (r.ok ? undefined : Promise.reject(new Error(String(r.status))))), 60_000);
  return { api, baseUrl };
}

beforeAll(async () => {
  pool = openPool();
  keys = await keysByRole(pool);
  [callbacks, unconfigured] = await Promise.all([
    startApi({ SLACK_SIGNING_SECRET: SLACK_SECRET, PAGERDUTY_WEBHOOK_SECRET: PAGERDUTY_SECRETS.join(', ') }),
    startApi({ SLACK_SIGNING_SECRET: undefined, PAGERDUTY_WEBHOOK_SECRET: undefined }),
  ]);
}, 120_000);

afterAll(async () => {
  await Promise.all([callbacks?.api.stop(), unconfigured?.api.stop()]);
  await pool.end();
});

interface EscalationRead {
  id: string;
  rung: string;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  acknowledgedVia?: string | null;
}

/** Opens an incident aware 80 h ago (its GDPR clock overdue at once) and returns it with its overdue escalation. */
async function overdueIncident(title: string): Promise<{ id: string; overdue: EscalationRead }> {
  const awareAt = new Date(Date.now() - 80 * HOUR).toISOString();
  const res = await call('POST', '/v1/incidents', { key: keys.responder, json: { title, detectedAt: awareAt, awareAt } });
  expect(res.status).toBe(201);
  const id = res.body.id as string;
  const escalations = await eventually(
    () => call('GET', `/v1/incidents/${id}/escalations`, { key: keys.viewer }),
    (r) => r.body.items?.some((e: EscalationRead) => e.rung === 'overdue'),
    30_000,
  );
  const overdue: EscalationRead = escalations.body.items.find((e: EscalationRead) => e.rung === 'overdue');
  // Stored before the workflow's own state holds it: wait until the workflow knows it too.
  await eventually(
    () => call('GET', `/v1/incidents/${id}`, { key: keys.viewer }),
    (r) => r.body.escalations?.some((e: EscalationRead) => e.id === overdue.id),
    30_000,
  );
  return { id, overdue };
}

async function escalation(incidentId: string, escalationId: string): Promise<EscalationRead> {
  const res = await call('GET', `/v1/incidents/${incidentId}/escalations`, { key: keys.viewer });
  return res.body.items.find((e: EscalationRead) => e.id === escalationId);
}

async function acknowledgementsInTimeline(incidentId: string) {
  const res = await call('GET', `/v1/incidents/${incidentId}/timeline`, { key: keys.viewer });
  expect(res.status).toBe(200);
  return (res.body.items as { eventType: string; actor: { name: string }; payload: Record<string, unknown> }[]).filter((e) => e.eventType === 'escalation-acknowledged');
}

function expectUnauthorized(res: ApiResponse, instance: string): void {
  expect(res.status).toBe(401);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(res.body).toEqual({ type: '/problems/unauthorized', title: 'Unauthorized', status: 401, detail: expect.any(String), instance, requestId: res.headers.get('x-request-id') });
}

/** A Slack `block_actions` payload: the Acknowledge button of an escalation message pressed by Dana. */
/** A Slack `block_actions` callback; with `replyTo`, it carries the app's message and a response_url at that Slack stand-in. */
function slackBody(escalationId: string, replyTo?: VendorReceiver): string {
  const payload = {
    type: 'block_actions',
    user: { id: 'U0DANA', username: 'dana', name: 'Dana Privacy', team_id: 'T0ORG' },
    api_app_id: 'A0APP',
    token: 'verification-token-unused',
    container: { type: 'message', message_ts: '1765000000.000100', channel_id: 'C0BREACH', is_ephemeral: false },
    trigger_id: '1234.5678.abcd',
    team: { id: 'T0ORG', domain: 'example' },
    channel: { id: 'C0BREACH', name: 'breach-response' },
    response_url: replyTo ? `${replyTo.url}/actions/T0ORG/1/abc` : 'https://hooks.slack.com/actions/T0ORG/1/abc',
    ...(replyTo ? { message: { type: 'message', ts: '1765000000.000100', ...slackEscalationMessage(overdueEscalationFacts({ escalationId }), { interactive: true }) } } : {}),
    actions: [
      {
        type: 'button',
        action_id: 'escalation_acknowledge',
        block_id: `escalation:${escalationId}`,
        text: { type: 'plain_text', text: 'Acknowledge' },
        value: escalationId,
        style: 'primary',
        action_ts: '1765000001.000200',
      },
    ],
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

function slackHeaders(body: string, { secret = SLACK_SECRET, at = Date.now() }: { secret?: string; at?: number } = {}): Record<string, string> {
  const timestamp = String(Math.floor(at / 1000));
  const signature = `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  return { 'x-slack-request-timestamp': timestamp, 'x-slack-signature': signature };
}

const SLACK_PATH = '/v1/callbacks/slack/interactions';
const postSlack = (body: string, headers: Record<string, string>, baseUrl = callbacks.baseUrl) =>
  call('POST', SLACK_PATH, { baseUrl, rawBody: body, contentType: 'application/x-www-form-urlencoded', headers });

describe('POST /v1/callbacks/slack/interactions', () => {
  it('acknowledges the escalation as the Slack user via slack on a signed Acknowledge, shows it in the timeline, and replaces the Slack message', async () => {
    const { id, overdue } = await overdueIncident('Slack: laptop with the customer list stolen');
    const slack = await startSlackReceiver();
    const body = slackBody(overdue.id, slack);
    const res = await postSlack(body, slackHeaders(body));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ response_type: 'ephemeral', replace_original: false, text: 'Acknowledged by Dana Privacy (Slack). Overdue notices stop repeating; the deadline stands until the notice is recorded.' });
    expect(await escalation(id, overdue.id)).toMatchObject({ acknowledgedBy: 'Dana Privacy (Slack)', acknowledgedVia: 'slack', acknowledgedAt: expect.any(String) });
    const entries = await acknowledgementsInTimeline(id);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ actor: { name: 'Dana Privacy (Slack)' }, payload: { escalationId: overdue.id, acknowledgedBy: 'Dana Privacy (Slack)', via: 'slack' } });
    // The incident's live state shows the channel too.
    const incident = await call('GET', `/v1/incidents/${id}`, { key: keys.viewer });
    expect(incident.body.escalations.find((e: EscalationRead) => e.id === overdue.id)).toMatchObject({ acknowledgedVia: 'slack' });
    // The message in Slack loses its buttons and says who acknowledged it, through the interaction's response_url.
    const [replacement] = await eventually(
      async () => slack.requests,
      (requests) => requests.length > 0,
      10_000,
    );
    const replaced = replacement!.body as { replace_original: boolean; text: string; blocks: { type: string; elements?: { text: string }[] }[] };
    expect(replacement!.path).toBe('/actions/T0ORG/1/abc');
    expect(replaced.replace_original).toBe(true);
    expect(replaced.blocks.some((block) => block.type === 'actions')).toBe(false);
    expect(replaced.blocks.at(-1)?.elements?.[0]?.text).toMatch(/^:white_check_mark: Acknowledged by Dana Privacy \(Slack\) at <!date\^\d+\^/);
    await slack.close();

    // Pressed again later (a new signature): 200 and nothing changes.
    const again = await postSlack(body, slackHeaders(body, { at: Date.now() + 1_000 }));
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ response_type: 'ephemeral', replace_original: false, text: 'This escalation was already acknowledged.' });
    expect(await acknowledgementsInTimeline(id)).toHaveLength(1);
  });

  it('refuses a forged, a stale (6 minutes old) and a replayed request with 401, changing nothing', async () => {
    const { id, overdue } = await overdueIncident('Slack: misdirected payroll email');
    const body = slackBody(overdue.id);
    expectUnauthorized(await postSlack(body, slackHeaders(body, { secret: 'not-the-secret' })), SLACK_PATH);
    expectUnauthorized(await postSlack(body, slackHeaders(body, { at: Date.now() - 6 * 60_000 })), SLACK_PATH);
    expectUnauthorized(await postSlack(body, {}), SLACK_PATH);
    expect(await escalation(id, overdue.id)).toMatchObject({ acknowledgedAt: null, acknowledgedBy: null, acknowledgedVia: null });
    expect(await acknowledgementsInTimeline(id)).toEqual([]);

    const signed = slackHeaders(body);
    expect((await postSlack(body, signed)).status).toBe(200);
    const acknowledged = await escalation(id, overdue.id);
    expectUnauthorized(await postSlack(body, signed), SLACK_PATH);
    expect(await escalation(id, overdue.id)).toEqual(acknowledged);
    expect(await acknowledgementsInTimeline(id)).toHaveLength(1);
  });

  it('answers 200 and does nothing for an escalation it does not know', async () => {
    const body = slackBody(randomUUID());
    const res = await postSlack(body, slackHeaders(body));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ response_type: 'ephemeral', replace_original: false, text: 'This escalation is not known here.' });
  });

  it('answers 404 when SLACK_SIGNING_SECRET is not set', async () => {
    const body = slackBody(randomUUID());
    const res = await postSlack(body, slackHeaders(body), unconfigured.baseUrl);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });
});

describe('POST /v1/incidents/{id}/escalations/{escalationId}/acknowledge', () => {
  it('records the channel as api when a recipient acknowledges with an API key', async () => {
    const { id, overdue } = await overdueIncident('API: CRM credentials posted in a forum');
    const res = await call('POST', `/v1/incidents/${id}/escalations/${overdue.id}/acknowledge`, { key: keys.dpo });
    expect(res.status).toBe(200);
    expect(res.body.state.escalations.find((e: EscalationRead) => e.id === overdue.id)).toMatchObject({ acknowledgedBy: expect.stringMatching(/^e2e dpo /), acknowledgedVia: 'api' });
    expect(await escalation(id, overdue.id)).toMatchObject({ acknowledgedVia: 'api' });
    expect((await acknowledgementsInTimeline(id)).map((e) => e.payload.via)).toEqual(['api']);
  });
});

/** A PagerDuty webhook v3 `incident.acknowledged` of the incident raised for `escalationId`. */
function pagerDutyBody(escalationId: string, eventType = 'incident.acknowledged'): string {
  return JSON.stringify({
    event: {
      id: `01${randomUUID().replace(/-/g, '').toUpperCase()}`,
      event_type: eventType,
      resource_type: 'incident',
      occurred_at: new Date().toISOString(),
      agent: { html_url: 'https://example.pagerduty.com/users/PDANA01', id: 'PDANA01', self: 'https://api.pagerduty.com/users/PDANA01', summary: 'Dana Privacy', type: 'user_reference' },
      client: null,
      data: {
        id: 'Q0INCIDENT',
        type: 'incident',
        self: 'https://api.pagerduty.com/incidents/Q0INCIDENT',
        html_url: 'https://example.pagerduty.com/incidents/Q0INCIDENT',
        number: 42,
        status: 'acknowledged',
        incident_key: `breach-escalation-${escalationId}`,
        title: 'OVERDUE: GDPR notify-supervisory-authority',
        urgency: 'high',
      },
    },
  });
}

const PAGERDUTY_PATH = '/v1/callbacks/pagerduty';
function postPagerDuty(body: string, secret: string | undefined, baseUrl = callbacks.baseUrl) {
  const headers: Record<string, string> = secret ? { 'x-pagerduty-signature': `v1=${createHmac('sha256', secret).update(body).digest('hex')}` } : {};
  return call('POST', PAGERDUTY_PATH, { baseUrl, rawBody: body, contentType: 'application/json', headers });
}

describe('POST /v1/callbacks/pagerduty', () => {
  it('acknowledges the escalation named by the dedup key as the PagerDuty user via pagerduty, and shows it in the timeline', async () => {
    const { id, overdue } = await overdueIncident('PagerDuty: database dump on a public share');
    const res = await postPagerDuty(pagerDutyBody(overdue.id), PAGERDUTY_SECRETS[1]);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ outcome: 'acknowledged' });
    expect(await escalation(id, overdue.id)).toMatchObject({ acknowledgedBy: 'Dana Privacy (PagerDuty)', acknowledgedVia: 'pagerduty', acknowledgedAt: expect.any(String) });
    const entries = await acknowledgementsInTimeline(id);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ actor: { name: 'Dana Privacy (PagerDuty)' }, payload: { escalationId: overdue.id, acknowledgedBy: 'Dana Privacy (PagerDuty)', via: 'pagerduty' } });
  });

  it('refuses a forged and a replayed event with 401, changing nothing', async () => {
    const { id, overdue } = await overdueIncident('PagerDuty: HR share encrypted by ransomware');
    const body = pagerDutyBody(overdue.id);
    expectUnauthorized(await postPagerDuty(body, 'not-the-secret'), PAGERDUTY_PATH);
    expectUnauthorized(await postPagerDuty(body, undefined), PAGERDUTY_PATH);
    expect(await escalation(id, overdue.id)).toMatchObject({ acknowledgedAt: null, acknowledgedBy: null, acknowledgedVia: null });
    expect(await acknowledgementsInTimeline(id)).toEqual([]);

    // Signed with the older secret, still accepted during the rotation.
    expect((await postPagerDuty(body, PAGERDUTY_SECRETS[0])).body).toEqual({ outcome: 'acknowledged' });
    const acknowledged = await escalation(id, overdue.id);
    expectUnauthorized(await postPagerDuty(body, PAGERDUTY_SECRETS[0]), PAGERDUTY_PATH);
    expect(await escalation(id, overdue.id)).toEqual(acknowledged);
    expect(await acknowledgementsInTimeline(id)).toHaveLength(1);
  });

  it('answers 200 and does nothing for other event types and unknown escalations', async () => {
    const { id, overdue } = await overdueIncident('PagerDuty: badge system export mailed out');
    expect((await postPagerDuty(pagerDutyBody(overdue.id, 'incident.triggered'), PAGERDUTY_SECRETS[1])).body).toEqual({ outcome: 'ignored' });
    expect((await postPagerDuty(pagerDutyBody(randomUUID()), PAGERDUTY_SECRETS[1])).body).toEqual({ outcome: 'unknown-escalation' });
    expect(await escalation(id, overdue.id)).toMatchObject({ acknowledgedAt: null, acknowledgedVia: null });
  });

  it('answers 404 when PAGERDUTY_WEBHOOK_SECRET is not set', async () => {
    const res = await postPagerDuty(pagerDutyBody(randomUUID()), PAGERDUTY_SECRETS[1], unconfigured.baseUrl);
    expect(res.status).toBe(404);
  });
});

// planDeliveries, deliverEscalation and withdrawDelivery on Slack, Teams and PagerDuty, run directly in a
// MockActivityEnvironment against a database of their own, with senders that record what they were asked to send.
import { randomBytes, randomUUID } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/common';
import { MockActivityEnvironment } from '@temporalio/testing';
import type pg from 'pg';
import { createActivities, type ActivityDeps } from '../../src/activities';
import type { EscalationFacts } from '../../src/activities/escalation-message';
import type { PlannedDelivery } from '../../src/domain/planned-delivery';
import { migrate } from '../../src/db/migrate';
import { createPool } from '../../src/db/pool';
import { PagerDutyDeliveryError } from '../../src/delivery/pagerduty';
import { createSlackSender } from '../../src/delivery/slack';
import { createSsrfGuard } from '../../src/delivery/ssrf-guard';
import { TeamsDeliveryError } from '../../src/delivery/teams';
import { startSlackReceiver, type VendorReceiver } from '../helpers/vendor-receivers';

const ROUTING_KEY = 'R0ut1ngKeyR0ut1ngKeyR0ut1ngKey12';
const BERLIN_OFFICE = { zone: 'Europe/Berlin', days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' };

let admin: pg.Pool;
let pool: pg.Pool;
const database = `channel_activities_${randomBytes(4).toString('hex')}`;

beforeAll(async () => {
  admin = createPool(process.env.E2E_DB_URL!, 1);
  await admin.query(`CREATE DATABASE ${database}`);
  const url = new URL(process.env.E2E_DB_URL!);
  url.pathname = `/${database}`;
  await migrate(url.toString());
  pool = createPool(url.toString(), 2);
  // DROP DATABASE … WITH (FORCE) in afterAll may terminate a connection pool.end() is still closing.
  pool.on('error', () => undefined);
}, 60_000);

afterAll(async () => {
  await pool?.end();
  await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  await admin.end();
});

type Sent = { channel: string; target: string; facts: EscalationFacts };

/** Activities whose senders record each send; `fail(channel)` makes that channel's next send throw. */
function activitiesWith({ slackBotToken }: { slackBotToken?: string } = {}) {
  const sent: Sent[] = [];
  const failures = new Map<string, Error>();
  const record = (channel: string, target: string, facts: EscalationFacts) => {
    const failure = failures.get(channel);
    failures.delete(channel);
    if (failure) throw failure;
    sent.push({ channel, target, facts });
    return { status: 200, durationMs: 1 };
  };
  const deps: ActivityDeps = {
    pool,
    evidence: {} as ActivityDeps['evidence'],
    email: { send: async () => ({}) as never, close: () => undefined },
    webhooks: { send: async () => ({}) as never },
    slack: {
      postMessage: async ({ channel, facts }) => ({ ...record('slack-app', channel, facts), channel, ts: '1.0' }),
      sendIncomingWebhook: async ({ url, facts }) => record('slack', url, facts),
      findPosted: async () => undefined,
      replaceInteractionMessage: async () => {
        throw new Error('not expected');
      },
    },
    teams: { send: async ({ url, facts }) => record('teams', url, facts) },
    pagerDuty: {
      trigger: async ({ routingKey, facts }) => ({ ...record('pagerduty', routingKey, facts), dedupKey: `breach-escalation-${facts.escalationId}` }),
      resolve: async () => {
        throw new Error('not expected');
      },
    },
    slackBotToken,
    policies: {},
    publicUrl: 'https://breach.example.com',
    incidents: {} as ActivityDeps['incidents'],
  };
  return { activities: createActivities(deps), deps, sent, fail: (channel: string, error: Error) => failures.set(channel, error) };
}

/** An incident with one escalation to leadership, and a leadership contact on Slack (both modes), Teams and PagerDuty. */
async function escalationToChannelContact() {
  const incidentId = randomUUID();
  const escalationId = randomUUID();
  const contactId = randomUUID();
  await pool.query(`INSERT INTO incidents (id, reference, workflow_id, title, detected_at) VALUES ($1::uuid, $2, $3, 'Stolen laptop', now())`, [
    incidentId,
    `BR-T-${randomBytes(3).toString('hex')}`,
    `incident-${incidentId}`,
  ]);
  await pool.query(
    `INSERT INTO escalations (incident_id, regime, obligation, rung, due_at, raised_at, escalation_id, kind, recipients)
     VALUES ($1::uuid, 'GDPR', 'notify-supervisory-authority', 'overdue', now(), now(), $2::uuid, 'overdue', ARRAY['leadership'])`,
    [incidentId, escalationId],
  );
  await pool.query(
    `INSERT INTO contacts (id, name, role, working_hours, slack_webhook_url, slack_channel, teams_webhook_url, pagerduty_routing_key)
     VALUES ($1::uuid, 'Board', 'leadership', $2::jsonb, 'https://hooks.slack.com/services/T/B/X', 'C0123456789', 'https://teams.example.test/hook', $3)`,
    [contactId, JSON.stringify(BERLIN_OFFICE), ROUTING_KEY],
  );
  return { incidentId, escalationId, contactId };
}

afterEach(async () => {
  // Each test's contact must not receive the next test's escalations.
  await pool.query('UPDATE contacts SET active = false');
});

const channelsOf = async (escalationId: string) =>
  (await pool.query<{ id: string; channel: string; target: string; status: string; attempts: number }>('SELECT id, channel, target, status, attempts FROM escalation_deliveries WHERE escalation_id = $1::uuid ORDER BY channel', [escalationId])).rows;

describe('planDeliveries', () => {
  it('plans one delivery per chat and paging channel with the contact’s working hours, and a retry returns the same ids and creates nothing', async () => {
    const { activities } = activitiesWith({ slackBotToken: 'xoxb-test' });
    const { incidentId, escalationId } = await escalationToChannelContact();
    const env = new MockActivityEnvironment();
    const planned: PlannedDelivery[] = await env.run(() => activities.planDeliveries({ incidentId, escalationId }));
    const rows = await channelsOf(escalationId);
    expect(rows.map((r) => [r.channel, r.target])).toEqual([
      ['pagerduty', ROUTING_KEY],
      ['slack', 'https://hooks.slack.com/services/T/B/X'],
      ['slack-app', 'C0123456789'],
      ['teams', 'https://teams.example.test/hook'],
    ]);
    expect(planned).toEqual(rows.map((r) => ({ id: r.id, workingHours: BERLIN_OFFICE })));
    expect(await env.run(() => activities.planDeliveries({ incidentId, escalationId }))).toEqual(planned);
    expect(await channelsOf(escalationId)).toHaveLength(4);
  });

  it('plans no Slack app delivery without a bot token, and the incoming webhook still', async () => {
    const { activities } = activitiesWith();
    const { incidentId, escalationId } = await escalationToChannelContact();
    await new MockActivityEnvironment().run(() => activities.planDeliveries({ incidentId, escalationId }));
    expect((await channelsOf(escalationId)).map((r) => r.channel)).toEqual(['pagerduty', 'slack', 'teams']);
  });
});

describe('deliverEscalation', () => {
  it('sends each channel through its sender with the escalation’s facts and records one sent attempt each', async () => {
    const { activities, sent } = activitiesWith({ slackBotToken: 'xoxb-test' });
    const { incidentId, escalationId } = await escalationToChannelContact();
    const env = new MockActivityEnvironment();
    const planned: PlannedDelivery[] = await env.run(() => activities.planDeliveries({ incidentId, escalationId }));
    for (const { id } of planned) await env.run(() => activities.deliverEscalation({ deliveryId: id }));
    expect(sent.map((s) => [s.channel, s.target, s.facts.escalationId, s.facts.escalationUrl]).sort()).toEqual(
      [
        ['pagerduty', ROUTING_KEY],
        ['slack', 'https://hooks.slack.com/services/T/B/X'],
        ['slack-app', 'C0123456789'],
        ['teams', 'https://teams.example.test/hook'],
      ].map(([channel, target]) => [channel, target, escalationId, `https://breach.example.com/incidents/${incidentId}/escalations/${escalationId}`]),
    );
    expect((await channelsOf(escalationId)).map((r) => [r.channel, r.status, r.attempts])).toEqual([
      ['pagerduty', 'sent', 1],
      ['slack', 'sent', 1],
      ['slack-app', 'sent', 1],
      ['teams', 'sent', 1],
    ]);
  });

  it('asks Temporal to retry after the receiver’s Retry-After, recording the attempt as retryable and leaving the delivery pending', async () => {
    const { activities, fail } = activitiesWith();
    const { incidentId, escalationId } = await escalationToChannelContact();
    const env = new MockActivityEnvironment();
    const planned: PlannedDelivery[] = await env.run(() => activities.planDeliveries({ incidentId, escalationId }));
    const pagerDuty = (await channelsOf(escalationId)).find((r) => r.channel === 'pagerduty')!;
    fail('pagerduty', new PagerDutyDeliveryError('PagerDuty to events.pagerduty.com answered 429', { retryable: true, status: 429, retryAfterMs: 30_000 }));
    const failure = await env.run(() => activities.deliverEscalation({ deliveryId: pagerDuty.id })).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ApplicationFailure);
    expect(failure).toMatchObject({ type: 'PagerDutyDeliveryError', nonRetryable: false, nextRetryDelay: 30_000, message: 'PagerDuty to events.pagerduty.com answered 429' });
    const { rows } = await pool.query('SELECT outcome, error FROM delivery_attempts WHERE delivery_id = $1::uuid', [pagerDuty.id]);
    expect(rows).toEqual([{ outcome: 'retryable-error', error: 'PagerDuty to events.pagerduty.com answered 429' }]);
    expect((await channelsOf(escalationId)).find((r) => r.id === pagerDuty.id)).toMatchObject({ status: 'pending', attempts: 1 });
    expect(planned.map((p) => p.id)).toContain(pagerDuty.id);
  });

  it('fails a delivery the receiver refused for good, non-retryable, and marks it failed', async () => {
    const { activities, fail } = activitiesWith();
    const { incidentId, escalationId } = await escalationToChannelContact();
    const env = new MockActivityEnvironment();
    await env.run(() => activities.planDeliveries({ incidentId, escalationId }));
    const teams = (await channelsOf(escalationId)).find((r) => r.channel === 'teams')!;
    fail('teams', new TeamsDeliveryError('Teams to teams.example.test answered 400', { retryable: false, status: 400 }));
    const failure = await env.run(() => activities.deliverEscalation({ deliveryId: teams.id })).catch((error: unknown) => error);
    expect(failure).toMatchObject({ type: 'DeliveryFailed', nonRetryable: true });
    expect((await channelsOf(escalationId)).find((r) => r.id === teams.id)).toMatchObject({ status: 'failed', attempts: 1 });
  });
});

describe('withdrawDelivery', () => {
  it('withdraws a pending delivery with the reason, sends nothing, and leaves a sent one as it was', async () => {
    const { activities, sent } = activitiesWith();
    const { incidentId, escalationId } = await escalationToChannelContact();
    const env = new MockActivityEnvironment();
    await env.run(() => activities.planDeliveries({ incidentId, escalationId }));
    const [first, second] = await channelsOf(escalationId);
    await env.run(() => activities.deliverEscalation({ deliveryId: first!.id }));
    await env.run(() => activities.withdrawDelivery({ deliveryId: first!.id, reason: 'Acknowledged' }));
    await env.run(() => activities.withdrawDelivery({ deliveryId: second!.id, reason: 'Acknowledged' }));
    await env.run(() => activities.deliverEscalation({ deliveryId: second!.id }));
    expect(sent).toHaveLength(1);
    const { rows } = await pool.query('SELECT id, status, last_error FROM escalation_deliveries WHERE id = ANY($1::uuid[]) ORDER BY channel', [[first!.id, second!.id]]);
    expect(rows).toEqual([
      { id: first!.id, status: 'sent', last_error: null },
      { id: second!.id, status: 'withdrawn', last_error: 'Acknowledged' },
    ]);
  });
});

describe('deliverEscalation to a Slack app channel after an attempt of unknown outcome', () => {
  const token = 'xoxb-test';
  let slack: VendorReceiver;
  afterEach(() => slack?.close());

  /** The activities with the real Slack sender (2 s per attempt) against a Slack stand-in, and the Slack app delivery of a fresh escalation. */
  async function slackAppDelivery(options: { historyScope: boolean }) {
    slack = await startSlackReceiver({ botToken: token, channels: ['C0123456789'], historyScope: options.historyScope });
    const slackSender = createSlackSender({ guard: createSsrfGuard({ allowlist: ['127.0.0.1/32'] }), timeoutMs: 2000, slackApiUrl: `${slack.url}/api/` });
    const activities = createActivities({ ...activitiesWith({ slackBotToken: token }).deps, slack: slackSender });
    const { incidentId, escalationId } = await escalationToChannelContact();
    await new MockActivityEnvironment().run(() => activities.planDeliveries({ incidentId, escalationId }));
    const delivery = (await channelsOf(escalationId)).find((r) => r.channel === 'slack-app')!;
    return { activities, delivery, escalationId };
  }

  /** A first attempt Slack posted but answered too late: the sender timed out, so the outcome is unknown here. */
  async function attemptAnsweredTooLate(activities: ReturnType<typeof createActivities>, deliveryId: string) {
    slack.holdAnswers(3000);
    const failure = await new MockActivityEnvironment().run(() => activities.deliverEscalation({ deliveryId })).catch((error: unknown) => error);
    expect(failure).toMatchObject({ retryable: true });
    slack.holdAnswers(0);
  }

  const outcomes = async (deliveryId: string) =>
    (await pool.query<{ outcome: string }>('SELECT outcome FROM delivery_attempts WHERE delivery_id = $1::uuid ORDER BY id', [deliveryId])).rows.map((r) => r.outcome);

  it('finds the message in the channel’s history and does not post it again', async () => {
    const { activities, delivery, escalationId } = await slackAppDelivery({ historyScope: true });
    await attemptAnsweredTooLate(activities, delivery.id);

    await new MockActivityEnvironment({ attempt: 2 }).run(() => activities.deliverEscalation({ deliveryId: delivery.id }));

    expect(slack.requests.map((r) => r.path)).toEqual(['/api/chat.postMessage', '/api/conversations.history']);
    expect(await outcomes(delivery.id)).toEqual(['retryable-error', 'sent']);
    expect((await channelsOf(escalationId)).find((r) => r.id === delivery.id)).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('posts again when the app may not read the history (no channels:history scope): at least once rather than never', async () => {
    const { activities, delivery } = await slackAppDelivery({ historyScope: false });
    await attemptAnsweredTooLate(activities, delivery.id);

    await new MockActivityEnvironment({ attempt: 2 }).run(() => activities.deliverEscalation({ deliveryId: delivery.id }));

    expect(slack.requests.map((r) => r.path)).toEqual(['/api/chat.postMessage', '/api/conversations.history', '/api/chat.postMessage']);
    expect(await outcomes(delivery.id)).toEqual(['retryable-error', 'sent']);
  });
});

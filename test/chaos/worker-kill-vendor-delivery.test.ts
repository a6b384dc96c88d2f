import { startPagerDutyReceiver, startSlackReceiver, startTeamsReceiver, type PagerDutyReceiver, type RecordedRequest, type VendorReceiver } from '../helpers/vendor-receivers';
import { bounded, openOverdueIncidents, OVERDUE_ONLY_POLICY, startChaosStack, waitFor, waitUntilSettled, type ChaosStack } from './chaos-stack';

// Long enough that every send of a round is still waiting for its answer when the worker is killed.
const ANSWER_DELAY_MS = 6_000;
const BOT_TOKEN = 'xoxb-chaos-token';
const SLACK_CHANNEL = 'C0CHAOS0001';
const SLACK_WEBHOOK_PATH = '/services/T000/B000/CHAOS';
const ROUTING_KEY = 'Cha0sR0ut1ngKeyCha0sR0ut1ngKeyCh';

let stack: ChaosStack;
let slack: VendorReceiver;
let teams: VendorReceiver;
let pagerDuty: PagerDutyReceiver;

beforeAll(async () => {
  [slack, teams, pagerDuty] = await Promise.all([
    startSlackReceiver({ botToken: BOT_TOKEN, channels: [SLACK_CHANNEL], webhookPaths: [SLACK_WEBHOOK_PATH] }),
    startTeamsReceiver(),
    startPagerDutyReceiver(),
  ]);
  stack = await startChaosStack('worker-vendors', {
    ESCALATION_POLICIES: OVERDUE_ONLY_POLICY,
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_API_URL: `${slack.url}/api/`,
    PAGERDUTY_EVENTS_URL: `${pagerDuty.url}/v2/enqueue`,
  });
  // The DPO on every chat and paging channel, and on nothing else.
  const contact = await bounded(stack, 'POST', '/v1/contacts', {
    key: stack.keys.admin,
    json: {
      name: 'Dana Privacy',
      role: 'dpo',
      slackChannel: SLACK_CHANNEL,
      slackWebhookUrl: `${slack.url}${SLACK_WEBHOOK_PATH}`,
      teamsWebhookUrl: `${teams.url}/workflows/breach/triggers/manual/paths/invoke`,
      pagerDutyRoutingKey: ROUTING_KEY,
    },
  });
  if (contact.response?.status !== 201) throw new Error(`the DPO contact was not created: ${JSON.stringify(contact.response?.body ?? 'timed out')}`);
}, 120_000);

afterAll(async () => {
  await stack?.stop();
  await Promise.all([slack?.close(), teams?.close(), pagerDuty?.close()]);
});

interface DeliveryRow {
  id: string;
  incident_id: string;
  escalation_id: string;
  channel: string;
  status: string;
  attempts: number;
}

const CHANNELS = ['pagerduty', 'slack', 'slack-app', 'teams'];
const holdAll = (ms: number) => [slack, teams, pagerDuty].forEach((receiver) => receiver.holdAnswers(ms));
const sentCount = () => slack.requests.length + teams.requests.length + pagerDuty.requests.length;

/** The escalation id each message to a chat channel names: Slack in its Acknowledge block, Teams in its console link. */
function escalationNamed(request: RecordedRequest): string | undefined {
  return /escalations?[:/]([0-9a-f-]{36})/.exec(JSON.stringify(request.body))?.[1];
}

describe('worker SIGKILLed in the middle of Slack, Teams and PagerDuty deliveries', () => {
  it('reaches PagerDuty once per step by its dedup_key and the Slack app channel once, found in its history, although two workers die before the vendors answer; a Slack incoming webhook and Teams, which have no dedup key, keep each attempt that reached them, all naming the same step', async () => {
    const { pool, keys } = stack;
    holdAll(ANSWER_DELAY_MS);
    // Opened a minute past their 72 h deadline: the overdue rung fires at once, on four channels each.
    const incidents = await openOverdueIncidents(stack, ['Payroll export posted to a public Slack channel', 'Backup tapes lost in transit']);
    const ids = incidents.map((i) => i.id);
    const deliveries = async () =>
      (
        await pool.query<DeliveryRow>(
          'SELECT id, incident_id, escalation_id, channel, status, attempts FROM escalation_deliveries WHERE incident_id = ANY($1::uuid[]) ORDER BY incident_id, channel',
          [ids],
        )
      ).rows;

    // Round 1: every send has reached its vendor, which holds its answer; the worker dies.
    const firstRound = await waitFor('every send of round 1 under way', deliveries, (rows) => rows.length === 8 && sentCount() === 8, 60_000);
    expect(firstRound.map((d) => [d.channel, d.status])).toEqual([...CHANNELS, ...CHANNELS].map((channel) => [channel, 'pending']));
    await stack.killWorker();

    // Round 2: a new worker retries every send and dies the same way.
    await stack.startWorker();
    await waitFor('every send of round 2 under way', deliveries, (rows) => rows.every((d) => d.attempts === 2) && sentCount() === 16, 90_000);
    await stack.killWorker();

    // Round 3: the vendors answer at once; a third worker delivers.
    holdAll(0);
    await stack.startWorker();
    const sent = await waitFor('every delivery sent', deliveries, (rows) => rows.every((d) => d.status === 'sent'), 90_000);
    await waitUntilSettled(stack, incidents.map((i) => i.workflowId));
    expect(sent.map((d) => [d.channel, d.status, d.attempts])).toEqual([...CHANNELS, ...CHANNELS].map((channel) => [channel, 'sent', 3]));
    const { rows: attempts } = await pool.query<{ delivery_id: string; outcomes: (string | null)[] }>(
      `SELECT delivery_id, array_agg(outcome ORDER BY attempt, id) AS outcomes FROM delivery_attempts
       WHERE delivery_id = ANY($1::uuid[]) GROUP BY delivery_id`,
      [sent.map((d) => d.id)],
    );
    // Two attempts a dying worker left unfinished, then the one that was sent.
    expect(attempts.map((a) => a.outcomes)).toEqual(Array(8).fill([null, null, 'sent']));

    const steps = [...new Set(sent.map((d) => d.escalation_id))].sort();
    expect(steps).toHaveLength(2);
    // PagerDuty: three triggers per step under one dedup_key, folded into one alert each.
    expect(pagerDuty.requests.map((r) => (r.body as { event_action: string }).event_action)).toEqual(Array(6).fill('trigger'));
    expect(
      pagerDuty
        .alerts()
        .map((a) => [a.dedupKey, a.status, a.triggers])
        .sort(),
    ).toEqual(steps.map((id) => [`breach-escalation-${id}`, 'triggered', 3]));
    // The Slack app posted once per step: the later attempts found the message in the channel's history by its
    // delivery id (one lookup the second worker died in, one the third worker acted on).
    const byStep = (requests: RecordedRequest[]) => steps.map((id) => requests.filter((r) => escalationNamed(r) === id).length);
    expect(byStep(slack.requests.filter((r) => r.path === '/api/chat.postMessage'))).toEqual([1, 1]);
    expect(slack.requests.filter((r) => r.path === '/api/conversations.history')).toHaveLength(4);
    // A Slack incoming webhook and Teams keep every message that reached them: three per step, each naming the
    // same step, so people see one escalation repeated, and acknowledging it once covers them all.
    expect(byStep(slack.requests.filter((r) => r.path === SLACK_WEBHOOK_PATH))).toEqual([3, 3]);
    expect(byStep(teams.requests)).toEqual([3, 3]);

    for (const incident of incidents) {
      const read = await bounded(stack, 'GET', `/v1/incidents/${incident.id}`, { key: keys.viewer });
      expect(read.response?.body.escalations.map((e: { rung: string }) => e.rung)).toEqual(['overdue']);
      const verify = await bounded(stack, 'GET', `/v1/incidents/${incident.id}/audit/verify`, { key: keys.viewer });
      expect(verify.response?.body).toMatchObject({ valid: true, firstBroken: null });
    }
  }, 300_000);
});

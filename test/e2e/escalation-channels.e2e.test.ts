import type pg from 'pg';
import type { Role } from '../../src/domain/roles';
import { adaptiveCardErrors, blockKitErrors, pagerDutyEventErrors, startPagerDutyReceiver, startSlackReceiver, startTeamsReceiver, type RecordedRequest, type VendorReceiver } from '../helpers/vendor-receivers';
import { call, eventually, keysByRole, openPool } from './http';
import { startServices } from './services';

const HOUR = 3_600_000;
const BOT_TOKEN = 'xoxb-test-token';
const SLACK_CHANNEL = 'C0123456789';
const SLACK_WEBHOOK_PATH = '/services/T000/B000/XXXX';
const ROUTING_KEY = 'E2eR0ut1ngKeyE2eR0ut1ngKeyE2eR0u';
const BERLIN_OFFICE = { zone: 'Europe/Berlin', days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' };

let pool: pg.Pool;
let keys: Record<Role, string>;
let slack: VendorReceiver;
let teams: VendorReceiver;
let pagerDuty: VendorReceiver;
let services: Awaited<ReturnType<typeof startServices>>;
const contactIds: string[] = [];

interface Delivery {
  id: string;
  channel: string;
  target: string;
  status: string;
  attempts: number;
  contactName: string;
  lastError: string | null;
}
interface EscalationWithDeliveries {
  id: string;
  rung: string;
  recipients: string[];
  deliveries: Delivery[];
}

beforeAll(async () => {
  pool = openPool();
  keys = await keysByRole(pool);
  [slack, teams, pagerDuty] = await Promise.all([startSlackReceiver({ botToken: BOT_TOKEN, channels: [SLACK_CHANNEL], webhookPaths: [SLACK_WEBHOOK_PATH] }), startTeamsReceiver(), startPagerDutyReceiver()]);
  services = await startServices({
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_API_URL: `${slack.url}/api/`,
    PAGERDUTY_EVENTS_URL: `${pagerDuty.url}/v2/enqueue`,
  });
}, 120_000);

/** Contacts are organisation-wide: each test deactivates its own once done, so no later step or suite reaches it. */
async function deactivateContacts() {
  for (const id of contactIds.splice(0)) expect((await call('PATCH', `/v1/contacts/${id}`, { key: keys.admin, json: { active: false } })).status).toBe(200);
}

afterEach(deactivateContacts);

afterAll(async () => {
  await deactivateContacts();
  await services?.stop();
  await Promise.all([slack?.close(), teams?.close(), pagerDuty?.close()]);
  await pool.end();
});

/** Creates a leadership contact on every chat and paging channel, pointed at this suite's receivers. */
async function createChannelContact(name: string) {
  const res = await call('POST', '/v1/contacts', {
    key: keys.admin,
    json: {
      name,
      role: 'leadership',
      slackWebhookUrl: `${slack.url}${SLACK_WEBHOOK_PATH}`,
      slackChannel: SLACK_CHANNEL,
      teamsWebhookUrl: `${teams.url}/workflows/breach/triggers/manual/paths/invoke`,
      pagerDutyRoutingKey: ROUTING_KEY,
    },
  });
  expect(res.status).toBe(201);
  contactIds.push(res.body.id as string);
  return res.body as { id: string; name: string };
}

/** Opens an incident on this suite's API with awareness `hoursAgo` hours ago: the GDPR clock's rungs up to then fire at once. */
async function openIncident(title: string, hoursAgo: number) {
  const awareAt = new Date(Date.now() - hoursAgo * HOUR).toISOString();
  const res = await call('POST', '/v1/incidents', { baseUrl: services.apiUrl, key: keys.responder, json: { title, detectedAt: awareAt, awareAt } });
  expect(res.status).toBe(201);
  return res.body as { id: string; reference: string };
}

/** The incident's escalations that reach leadership, once every delivery to `contactName` on them has ended. */
async function settledLeadershipEscalations(incidentId: string, contactName: string): Promise<EscalationWithDeliveries[]> {
  const mine = (items: EscalationWithDeliveries[]) => items.filter((e) => e.recipients.includes('leadership'));
  const res = await eventually(
    () => call<{ items: EscalationWithDeliveries[] }>('GET', `/v1/incidents/${incidentId}/escalations`, { key: keys.viewer }),
    (r) => {
      const escalations = mine(r.body.items ?? []);
      return (
        escalations.length >= 2 &&
        escalations.every((e) => {
          const toContact = e.deliveries.filter((d) => d.contactName === contactName);
          return toContact.length === 4 && toContact.every((d) => d.status !== 'pending');
        })
      );
    },
    60_000,
  );
  return mine(res.body.items).map((e) => ({ ...e, deliveries: e.deliveries.filter((d) => d.contactName === contactName) }));
}

const about = (escalationId: string) => (request: RecordedRequest) => JSON.stringify(request.body ?? request.rawBody).includes(escalationId);

describe('escalation delivery on Slack, Teams and PagerDuty', () => {
  it('posts each escalation step once to each vendor, in the format each documents, and records it sent', async () => {
    const contact = await createChannelContact(`Board ${Date.now()}`);
    const incident = await openIncident('Customer database exposed on a public bucket', 73);
    const escalations = await settledLeadershipEscalations(incident.id, contact.name);
    expect(escalations.map((e) => e.rung).sort()).toEqual(['overdue', 'reminder-4']);

    for (const escalation of escalations) {
      expect(escalation.deliveries.map((d) => [d.channel, d.status, d.attempts]).sort()).toEqual([
        ['pagerduty', 'sent', 1],
        ['slack', 'sent', 1],
        ['slack-app', 'sent', 1],
        ['teams', 'sent', 1],
      ]);
      // The routing key is never shown: only its last 4 characters.
      expect(escalation.deliveries.find((d) => d.channel === 'pagerduty')!.target).toBe(`…${ROUTING_KEY.slice(-4)}`);

      const webhookPosts = slack.requests.filter((r) => r.path === SLACK_WEBHOOK_PATH).filter(about(escalation.id));
      expect(webhookPosts).toHaveLength(1);
      expect(blockKitErrors((webhookPosts[0]!.body as { blocks: unknown }).blocks)).toEqual([]);

      const appPosts = slack.requests.filter((r) => r.path === '/api/chat.postMessage').filter(about(escalation.id));
      expect(appPosts).toHaveLength(1);
      expect(appPosts[0]!.headers.authorization).toBe(`Bearer ${BOT_TOKEN}`);
      const appBody = appPosts[0]!.body as { channel: string; blocks: unknown };
      expect(appBody.channel).toBe(SLACK_CHANNEL);
      expect(blockKitErrors(typeof appBody.blocks === 'string' ? JSON.parse(appBody.blocks) : appBody.blocks)).toEqual([]);
      expect(JSON.stringify(appBody.blocks)).toContain('Acknowledge');

      const cards = teams.requests.filter(about(escalation.id));
      expect(cards).toHaveLength(1);
      expect(adaptiveCardErrors(cards[0]!.body)).toEqual([]);

      const events = pagerDuty.requests.filter((r) => (r.body as { dedup_key?: string }).dedup_key === `breach-escalation-${escalation.id}`);
      expect(events).toHaveLength(1);
      expect(pagerDutyEventErrors(events[0]!.body)).toEqual([]);
      expect(events[0]!.body).toMatchObject({
        routing_key: ROUTING_KEY,
        event_action: 'trigger',
        payload: { severity: escalation.rung === 'overdue' ? 'critical' : 'warning', group: incident.reference },
      });
    }
  }, 120_000);

  it('resolves the PagerDuty incidents of a clock once it is met, by their dedup_key', async () => {
    const contact = await createChannelContact(`Resolve ${Date.now()}`);
    const incident = await openIncident('Payroll export mailed to the wrong bureau', 73);
    const escalations = await settledLeadershipEscalations(incident.id, contact.name);
    const notice = await call('POST', `/v1/incidents/${incident.id}/notifications/supervisory-authority`, {
      baseUrl: services.apiUrl,
      key: keys.dpo,
      json: { authority: 'APD (BE)', submittedAt: new Date().toISOString(), reference: `APD-${Date.now()}`, phase: 'initial', delayReasons: 'The bureau told us late' },
    });
    expect(notice.status).toBe(201);
    for (const escalation of escalations) {
      const dedupKey = `breach-escalation-${escalation.id}`;
      const resolves = () => pagerDuty.requests.filter((r) => (r.body as { event_action?: string; dedup_key?: string }).event_action === 'resolve' && (r.body as { dedup_key?: string }).dedup_key === dedupKey);
      await eventually(async () => resolves().length, (n) => n >= 1, 30_000);
      expect(resolves()[0]!.body).toEqual({ routing_key: ROUTING_KEY, event_action: 'resolve', dedup_key: dedupKey });
      expect(pagerDutyEventErrors(resolves()[0]!.body)).toEqual([]);
    }
  }, 120_000);

  it('retries a delivery the receiver answered 429 with Retry-After after that delay, and records both attempts', async () => {
    const contact = await createChannelContact(`Board retry ${Date.now()}`);
    pagerDuty.failNext(1, { status: 429, headers: { 'content-type': 'application/json', 'retry-after': '1' }, body: JSON.stringify({ status: 'throttle event', message: 'Requests for this service are arriving too quickly' }) });
    const incident = await openIncident('Phishing compromise of the finance mailbox', 73);
    const escalations = await settledLeadershipEscalations(incident.id, contact.name);

    const paged = escalations.flatMap((e) => e.deliveries.filter((d) => d.channel === 'pagerduty'));
    expect(paged.every((d) => d.status === 'sent')).toBe(true);
    const retried = paged.filter((d) => d.attempts === 2);
    expect(retried).toHaveLength(1);
    expect(paged.filter((d) => d.attempts === 1)).toHaveLength(paged.length - 1);

    const { rows } = await pool.query<{ attempt: number; outcome: string; error: string | null; started_at: Date; finished_at: Date }>(
      'SELECT attempt, outcome, error, started_at, finished_at FROM delivery_attempts WHERE delivery_id = $1::uuid ORDER BY id',
      [retried[0]!.id],
    );
    expect(rows.map((r) => [r.attempt, r.outcome])).toEqual([
      [1, 'retryable-error'],
      [2, 'sent'],
    ]);
    expect(rows[0]!.error).toMatch(/answered 429/);
    // Retry-After: 1 s, not the 5 s backoff of the delivery retry policy.
    const waitedMs = rows[1]!.started_at.getTime() - rows[0]!.finished_at.getTime();
    expect(waitedMs).toBeGreaterThanOrEqual(900);
    expect(waitedMs).toBeLessThan(4_500);
  }, 120_000);
});

describe('POST /v1/contacts and PATCH /v1/contacts/{contactId} with channels and working hours', () => {
  it('round-trips working hours and channels, shows only the routing key’s last 4 characters, and clears a channel with null', async () => {
    const created = await call('POST', '/v1/contacts', {
      key: keys.admin,
      json: { name: 'On-call privacy', role: 'legal', workingHours: BERLIN_OFFICE, teamsWebhookUrl: 'https://teams.example.test/hook', pagerDutyRoutingKey: ROUTING_KEY },
    });
    expect(created.status).toBe(201);
    contactIds.push(created.body.id as string);
    const expected = {
      id: expect.any(String),
      name: 'On-call privacy',
      role: 'legal',
      email: null,
      webhookUrl: null,
      slackWebhookUrl: null,
      slackChannel: null,
      teamsWebhookUrl: 'https://teams.example.test/hook',
      pagerDutyRoutingKeyEnding: ROUTING_KEY.slice(-4),
      workingHours: BERLIN_OFFICE,
      apiKeyId: null,
      active: true,
      createdAt: expect.stringMatching(/Z$/),
      webhookSecret: null,
    };
    expect(created.body).toEqual(expected);
    expect(JSON.stringify(created.body)).not.toContain(ROUTING_KEY);

    const listed = await call('GET', '/v1/contacts', { key: keys.admin });
    const { webhookSecret: _secret, ...read } = expected;
    expect(listed.body.items.find((c: { id: string }) => c.id === created.body.id)).toEqual(read);

    const changed = await call('PATCH', `/v1/contacts/${created.body.id}`, {
      key: keys.admin,
      json: { workingHours: null, slackChannel: SLACK_CHANNEL, pagerDutyRoutingKey: null },
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toEqual({ ...expected, workingHours: null, slackChannel: SLACK_CHANNEL, pagerDutyRoutingKeyEnding: null });

    const lastChannels = await call('PATCH', `/v1/contacts/${created.body.id}`, { key: keys.admin, json: { slackChannel: null, teamsWebhookUrl: null } });
    expect(lastChannels.status).toBe(422);
    expect(lastChannels.body.errors).toEqual([expect.objectContaining({ location: 'body', path: ['email'], code: 'no_channel_left' })]);
  });

  it('refuses a time zone that is not IANA and a routing key that is not 32 letters or digits with 422 at their paths, storing nothing', async () => {
    const name = `Refused ${Date.now()}`;
    const badZone = await call('POST', '/v1/contacts', { key: keys.admin, json: { name, role: 'legal', pagerDutyRoutingKey: ROUTING_KEY, workingHours: { ...BERLIN_OFFICE, zone: 'Europe/Atlantis' } } });
    expect(badZone.status).toBe(422);
    expect(badZone.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(badZone.body.errors).toEqual([expect.objectContaining({ location: 'body', path: ['workingHours', 'zone'], message: 'An IANA time zone, e.g. Europe/Berlin' })]);

    const badKey = await call('POST', '/v1/contacts', { key: keys.admin, json: { name, role: 'legal', pagerDutyRoutingKey: 'not-a-routing-key' } });
    expect(badKey.status).toBe(422);
    expect(badKey.body.errors).toEqual([expect.objectContaining({ location: 'body', path: ['pagerDutyRoutingKey'], message: 'A PagerDuty routing key: 32 letters or digits' })]);

    const { rows } = await pool.query('SELECT id FROM contacts WHERE name = $1', [name]);
    expect(rows).toEqual([]);
  });
});

import { createSsrfGuard, SsrfBlockedError } from '../../src/delivery/ssrf-guard';
import { ADAPTIVE_CARD_VERSION, createTeamsSender, teamsEscalationCard, TeamsDeliveryError } from '../../src/delivery/teams';
import { adaptiveCardErrors, overdueEscalationFacts, sendWithRetries, startTeamsReceiver, type VendorReceiver } from '../helpers/vendor-receivers';

const facts = overdueEscalationFacts();
const WORKFLOW_PATH = '/workflows/2f0c/triggers/manual/paths/invoke?api-version=1&sig=secret-signature';
const allowLoopback = createSsrfGuard({ allowlist: ['127.0.0.1/32'] });

async function rejectionOf(promise: Promise<unknown>): Promise<TeamsDeliveryError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(TeamsDeliveryError);
    return error as TeamsDeliveryError;
  }
  throw new Error('expected the delivery to fail');
}

describe('teamsEscalationCard', () => {
  it('wraps one Adaptive Card in the message envelope a Teams workflow takes, with a link to open and acknowledge', () => {
    const message = teamsEscalationCard(facts);

    expect(adaptiveCardErrors(message)).toEqual([]);
    expect(message.attachments[0]).toMatchObject({
      contentType: 'application/vnd.microsoft.card.adaptive',
      contentUrl: null,
      content: {
        $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
        type: 'AdaptiveCard',
        version: ADAPTIVE_CARD_VERSION,
        actions: [{ type: 'Action.OpenUrl', title: 'Open and acknowledge', url: facts.escalationUrl }],
      },
    });
    expect(JSON.stringify(message)).toContain('[BR-2026-0042] OVERDUE: GDPR notify-supervisory-authority');
    expect(JSON.stringify(message)).toContain('{{DATE(2026-03-31T08:00:00Z, SHORT)}}');
    expect(JSON.stringify(message)).toContain('GDPR Art. 33(1)).');
  });

  it('says "Due soon" and leaves out the late-notice reminder for a reminder', () => {
    const message = teamsEscalationCard({ ...facts, kind: 'reminder', rung: 'reminder-2' });

    expect(adaptiveCardErrors(message)).toEqual([]);
    expect(JSON.stringify(message)).toContain('Due soon');
    expect(JSON.stringify(message)).not.toContain('reasons for the delay');
  });
});

describe('createTeamsSender', () => {
  let teams: VendorReceiver;
  const sender = () => createTeamsSender({ guard: allowLoopback, timeoutMs: 2000 });
  const url = () => `${teams.url}${WORKFLOW_PATH}`;

  beforeEach(async () => {
    teams = await startTeamsReceiver();
  });

  afterEach(async () => {
    await teams.close();
  });

  it('posts the card, which the workflow accepts with 202', async () => {
    const result = await sender().send({ url: url(), facts });

    expect(result).toEqual({ status: 202, durationMs: expect.any(Number) });
    expect(teams.requests).toHaveLength(1);
    expect(teams.requests[0]).toMatchObject({ method: 'POST', path: WORKFLOW_PATH, headers: { 'content-type': 'application/json' } });
    expect(teams.requests[0]?.body).toEqual(teamsEscalationCard(facts));
  });

  it('fails without retry on 400, with the workflow’s error, and keeps the signed URL out of the message', async () => {
    teams.failNext(1, { status: 400, headers: { 'content-type': 'application/json' }, body: '{"error":{"code":"InvalidRequestContent","message":"bad card"}}' });

    const error = await rejectionOf(sender().send({ url: url(), facts }));

    expect(error).toMatchObject({ name: 'TeamsDeliveryError', retryable: false, status: 400, vendorError: 'InvalidRequestContent: bad card' });
    expect(error.message).not.toContain('sig=');
  });

  it.each([401, 403, 404])('fails without retry on %i', async (status) => {
    teams.failNext(1, { status });

    await expect(sender().send({ url: url(), facts })).rejects.toMatchObject({ retryable: false, status });
  });

  it('reports a 429 with its Retry-After', async () => {
    teams.failNext(1, { status: 429, headers: { 'retry-after': '2' } });

    const error = await rejectionOf(sender().send({ url: url(), facts }));

    expect(error).toMatchObject({ retryable: true, status: 429, retryAfterMs: 2000 });
  });

  it('is delivered by the caller’s retries after a 500 and a 429, with backoff', async () => {
    teams.failNext(1, { status: 500 });
    teams.failNext(1, { status: 429, headers: { 'retry-after': '1' } });
    const waits: number[] = [];

    const { result, attempts } = await sendWithRetries(() => sender().send({ url: url(), facts }), { initialMs: 300, sleep: async (ms) => void waits.push(ms) });

    expect(result).toMatchObject({ status: 202 });
    expect(attempts.map((a) => a.status)).toEqual([500, 429, 202]);
    expect(waits).toEqual([300, 1000]);
    expect(teams.requests).toHaveLength(3);
  });

  it('refuses a private address without an allowlist, before any request', async () => {
    const guarded = createTeamsSender({ guard: createSsrfGuard({ allowlist: [] }), timeoutMs: 2000 });

    const error = await rejectionOf(guarded.send({ url: url(), facts }));

    expect(error).toMatchObject({ retryable: false });
    expect(error.cause).toBeInstanceOf(SsrfBlockedError);
    expect(teams.requests).toHaveLength(0);
  });
});

import { createHmac } from 'node:crypto';
import { SLACK_SIGNATURE_WINDOW_MS, verifyPagerDutySignature, verifySlackSignature } from '../../src/api/vendor-signatures';

const SLACK_SECRET = '8f742231b10e8888abcd99yyyzzz85a5';
const NOW = Date.parse('2026-03-31T08:05:00Z');
const TIMESTAMP = String(NOW / 1000);
const SLACK_BODY = 'payload=%7B%22type%22%3A%22block_actions%22%7D';

const slackSign = (secret: string, timestamp: string, body: string) =>
  `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;

describe('verifySlackSignature', () => {
  const signature = slackSign(SLACK_SECRET, TIMESTAMP, SLACK_BODY);

  it('accepts a request signed with the signing secret and returns the signature to dedupe replays on', () => {
    expect(verifySlackSignature({ signingSecret: SLACK_SECRET, timestamp: TIMESTAMP, signature, rawBody: SLACK_BODY, now: NOW })).toEqual({
      ok: true,
      replayKey: signature,
    });
    expect(verifySlackSignature({ signingSecret: SLACK_SECRET, timestamp: TIMESTAMP, signature, rawBody: Buffer.from(SLACK_BODY), now: new Date(NOW) })).toMatchObject({ ok: true });
  });

  it('accepts a request at the edge of the 5-minute window, either side', () => {
    for (const now of [NOW + SLACK_SIGNATURE_WINDOW_MS, NOW - SLACK_SIGNATURE_WINDOW_MS]) {
      expect(verifySlackSignature({ signingSecret: SLACK_SECRET, timestamp: TIMESTAMP, signature, rawBody: SLACK_BODY, now })).toMatchObject({ ok: true });
    }
  });

  it.each([
    ['a forged body', { rawBody: SLACK_BODY.replace('block_actions', 'view_submission') }, 'mismatch'],
    ['a wrong secret', { signingSecret: 'another-signing-secret' }, 'mismatch'],
    ['a timestamp changed after signing', { timestamp: String(NOW / 1000 + 1) }, 'mismatch'],
    ['a request older than 5 minutes', { now: NOW + SLACK_SIGNATURE_WINDOW_MS + 1000 }, 'stale'],
    ['a timestamp from the future', { now: NOW - SLACK_SIGNATURE_WINDOW_MS - 1000 }, 'stale'],
    ['a missing signature', { signature: undefined }, 'missing'],
    ['a missing timestamp', { timestamp: undefined }, 'missing'],
    ['a signature of another version', { signature: signature.replace('v0=', 'v1=') }, 'malformed'],
    ['a truncated signature', { signature: signature.slice(0, -2) }, 'malformed'],
    ['a timestamp that is not a number', { timestamp: '1e9' }, 'malformed'],
  ])('refuses %s', (_label, overrides, reason) => {
    const input = { signingSecret: SLACK_SECRET, timestamp: TIMESTAMP as string | undefined, signature: signature as string | undefined, rawBody: SLACK_BODY, now: NOW, ...overrides };

    expect(verifySlackSignature(input)).toEqual({ ok: false, reason });
  });

  it('refuses a stale request even when its signature is right', () => {
    const old = String(NOW / 1000 - 301);

    expect(verifySlackSignature({ signingSecret: SLACK_SECRET, timestamp: old, signature: slackSign(SLACK_SECRET, old, SLACK_BODY), rawBody: SLACK_BODY, now: NOW })).toEqual({
      ok: false,
      reason: 'stale',
    });
  });
});

describe('verifyPagerDutySignature', () => {
  const SECRET = 'pd-webhook-secret-0123456789abcdef';
  const BODY = JSON.stringify({ event: { id: '01DRF6BV78DEFGHIJK56789', event_type: 'incident.acknowledged', data: { incident_key: 'breach-escalation-x' } } });
  const pdSign = (secret: string, body: string) => `v1=${createHmac('sha256', secret).update(body).digest('hex')}`;

  it('accepts a body signed with the secret and returns the event id to dedupe on', () => {
    expect(verifyPagerDutySignature({ secret: SECRET, signatureHeader: pdSign(SECRET, BODY), rawBody: BODY })).toEqual({ ok: true, eventId: '01DRF6BV78DEFGHIJK56789' });
  });

  it('accepts when any of several comma-separated signatures matches, as while PagerDuty rotates its secret', () => {
    const header = `${pdSign('old-secret', BODY)}, ${pdSign(SECRET, BODY)}`;

    expect(verifyPagerDutySignature({ secret: SECRET, signatureHeader: header, rawBody: Buffer.from(BODY) })).toMatchObject({ ok: true });
  });

  it('accepts with either of our secrets while we rotate ours', () => {
    expect(verifyPagerDutySignature({ secret: ['new-secret', SECRET], signatureHeader: pdSign(SECRET, BODY), rawBody: BODY })).toMatchObject({ ok: true });
  });

  it.each([
    ['a forged body', { rawBody: BODY.replace('acknowledged', 'resolved') }, 'mismatch'],
    ['a wrong secret', { secret: 'another-secret' }, 'mismatch'],
    ['a missing header', { signatureHeader: undefined }, 'missing'],
    ['an empty secret', { secret: '' }, 'missing'],
    ['a signature of an unknown version only', { signatureHeader: 'v2=abc' }, 'malformed'],
    ['a signature that is not hex', { signatureHeader: `v1=${'z'.repeat(64)}` }, 'malformed'],
  ])('refuses %s', (_label, overrides, reason) => {
    const input = { secret: SECRET as string | readonly string[], signatureHeader: pdSign(SECRET, BODY) as string | undefined, rawBody: BODY, ...overrides };

    expect(verifyPagerDutySignature(input)).toEqual({ ok: false, reason });
  });
});

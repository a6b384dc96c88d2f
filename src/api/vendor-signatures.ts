import { createHmac, timingSafeEqual } from 'node:crypto';

/** Why a vendor callback's signature was refused. */
export type SignatureRefusal = 'missing' | 'malformed' | 'stale' | 'mismatch';

/**
 * A Slack verdict. Accepted: `replayKey` is the signature, unique per timestamp and body; the caller stores it for
 * SLACK_SIGNATURE_WINDOW_MS and refuses a repeat (older requests are refused here as stale, so no longer storage is needed).
 */
export type SlackSignatureVerdict = { ok: true; replayKey: string } | { ok: false; reason: SignatureRefusal };

/**
 * A PagerDuty verdict. Its signature covers the body only, with no timestamp, so replay protection is the caller's:
 * dedupe on `eventId` (the webhook's `event.id`, the same on PagerDuty's redeliveries) for as long as it keeps them.
 */
export type PagerDutySignatureVerdict = { ok: true; eventId: string | undefined } | { ok: false; reason: SignatureRefusal };

/** Slack's freshness window for `X-Slack-Request-Timestamp`, in ms either side of now. */
export const SLACK_SIGNATURE_WINDOW_MS = 5 * 60 * 1000;

/** Checks `X-Slack-Signature` (v0, HMAC-SHA256 of `v0:{timestamp}:{raw body}`) and `X-Slack-Request-Timestamp` (Unix seconds). */
export function verifySlackSignature(input: {
  signingSecret: string;
  timestamp: string | undefined;
  signature: string | undefined;
  rawBody: Buffer | string;
  now?: Date | number;
}): SlackSignatureVerdict {
  const { signingSecret, timestamp, signature, rawBody } = input;
  if (timestamp === undefined || signature === undefined || signingSecret === '') return { ok: false, reason: 'missing' };
  if (!/^\d{1,12}$/.test(timestamp) || !/^v0=[0-9a-f]{64}$/.test(signature)) return { ok: false, reason: 'malformed' };
  const nowMs = input.now === undefined ? Date.now() : Number(input.now);
  // A captured request replayed later is refused by its age: the signature covers the timestamp.
  if (Math.abs(nowMs - Number(timestamp) * 1000) > SLACK_SIGNATURE_WINDOW_MS) return { ok: false, reason: 'stale' };
  const expected = `v0=${createHmac('sha256', signingSecret).update(`v0:${timestamp}:`).update(rawBody).digest('hex')}`;
  return sameText(expected, signature) ? { ok: true, replayKey: signature } : { ok: false, reason: 'mismatch' };
}

/**
 * Checks `X-PagerDuty-Signature` (webhooks v3): one or more comma-separated `v1=<hex HMAC-SHA256 of the raw body>`,
 * several while PagerDuty rotates its secret; accepted when any matches any of `secret` (several while we rotate ours).
 */
export function verifyPagerDutySignature(input: {
  secret: string | readonly string[];
  signatureHeader: string | undefined;
  rawBody: Buffer | string;
}): PagerDutySignatureVerdict {
  const secrets = (typeof input.secret === 'string' ? [input.secret] : input.secret).filter((secret) => secret !== '');
  if (input.signatureHeader === undefined || secrets.length === 0) return { ok: false, reason: 'missing' };
  const offered = input.signatureHeader
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.startsWith('v1='));
  if (offered.length === 0 || offered.some((part) => !/^v1=[0-9a-f]{64}$/.test(part))) return { ok: false, reason: 'malformed' };
  const expected = secrets.map((secret) => `v1=${createHmac('sha256', secret).update(input.rawBody).digest('hex')}`);
  // Every pair is compared, so the time taken does not tell which one matched.
  let matched = false;
  for (const mine of expected) for (const theirs of offered) matched = sameText(mine, theirs) || matched;
  return matched ? { ok: true, eventId: pagerDutyEventId(input.rawBody) } : { ok: false, reason: 'mismatch' };
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}

function pagerDutyEventId(rawBody: Buffer | string): string | undefined {
  try {
    const parsed = JSON.parse(rawBody.toString()) as { event?: { id?: unknown } } | null;
    const id = parsed?.event?.id;
    return typeof id === 'string' ? id : undefined;
  } catch {
    return undefined;
  }
}

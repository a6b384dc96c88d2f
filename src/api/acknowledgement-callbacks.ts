import type pg from 'pg';
import type { Logger } from 'pino';
import { z } from 'zod';
import { claimCallbackReceipt, releaseCallbackReceipt } from '../db/callback-receipts-repository';
import { findEscalationTarget } from '../db/incidents-repository';
import { readPagerDutyAcknowledgement } from '../delivery/pagerduty';
import { readSlackAcknowledgement, slackAcknowledgedMessage, type SlackSender } from '../delivery/slack';
import type { AcknowledgementChannel } from '../domain/acknowledgement-channel';
import type { Actor } from '../domain/incident';
import type { IncidentWrites } from './incident-writes';
import { HttpProblem, NotFoundError, RETRY_AFTER_SECONDS, UnauthorizedError } from './problem';
import { verifyPagerDutySignature, verifySlackSignature, type SignatureRefusal } from './vendor-signatures';

/** The secrets of the vendor callbacks; an integration without its secret is off (404). */
export interface CallbackSecrets {
  slackSigningSecret?: string;
  /** Several while the secret is rotated. */
  pagerDutySecrets?: readonly string[];
}

/** What a verified callback did: acknowledged the escalation, found it acknowledged already, found no such escalation, or had nothing to do. */
export type CallbackOutcome = 'acknowledged' | 'already-acknowledged' | 'unknown-escalation' | 'ignored';

/** The answer Slack shows only to the person who pressed the button. */
export const SlackInteractionAnswerSchema = z
  .object({ response_type: z.literal('ephemeral'), replace_original: z.literal(false), text: z.string() })
  .meta({ id: 'SlackInteractionAnswer' });
export type SlackInteractionAnswer = z.infer<typeof SlackInteractionAnswerSchema>;

/** The answer to PagerDuty: what the event did. */
export const PagerDutyWebhookAnswerSchema = z
  .object({ outcome: z.enum(['acknowledged', 'already-acknowledged', 'unknown-escalation', 'ignored']) })
  .meta({ id: 'PagerDutyWebhookAnswer' });
export type PagerDutyWebhookAnswer = z.infer<typeof PagerDutyWebhookAnswerSchema>;

/** How long Slack's replay keys are kept, in hours: older requests are refused as stale anyway; PagerDuty's event ids for a week of retries. */
export const CALLBACK_RECEIPT_RETENTION_HOURS = 24 * 7;

// Attempts, and the pause between them, at an escalation stored in PostgreSQL that its workflow's state does not hold yet.
const NOT_YET_KNOWN_ATTEMPTS = 3;
const NOT_YET_KNOWN_DELAY_MS = 200;

const REFUSALS: Record<SignatureRefusal, string> = {
  missing: 'The signature headers are missing.',
  malformed: 'The signature headers are malformed.',
  stale: 'The request timestamp is outside the 5-minute window.',
  mismatch: 'The signature does not match.',
};

// An UnauthorizedError, as for signed intake: a forged callback counts against its address like a failed authentication.
function refused(detail: string): UnauthorizedError {
  return new UnauthorizedError(detail);
}

/** Slack's display name of the clicker (`name`, else `username`), from an already verified payload. */
function slackUserName(rawBody: string): string | undefined {
  try {
    const payload = JSON.parse(new URLSearchParams(rawBody).get('payload') ?? 'null') as { user?: { name?: unknown; username?: unknown } } | null;
    const name = payload?.user?.name ?? payload?.user?.username;
    return typeof name === 'string' && name.trim() !== '' ? name.trim() : undefined;
  } catch {
    return undefined;
  }
}

/** Acknowledgements that arrive as Slack interactions and PagerDuty webhooks: verified, deduplicated, then written through the workflow. */
export function createAcknowledgementCallbacks({
  pool,
  writes,
  secrets,
  logger,
  slack,
}: {
  pool: pg.Pool;
  writes: IncidentWrites;
  secrets: CallbackSecrets;
  logger: Logger;
  /** Replaces an acknowledged Slack message (its buttons gone, who acknowledged it shown); without it the message stays. */
  slack?: Pick<SlackSender, 'replaceInteractionMessage'>;
}) {
  /** Runs `fn` once per replay key: a key seen before is a 401; a failure forgets the key so the vendor's retry is handled. */
  async function once<T>(key: string, fn: () => Promise<T>): Promise<T> {
    if (!(await claimCallbackReceipt(pool, key))) throw refused('This request was already received (replay).');
    try {
      return await fn();
    } catch (error) {
      await releaseCallbackReceipt(pool, key).catch((release: unknown) => logger.warn({ err: release, key }, 'could not release a callback receipt'));
      throw error;
    }
  }

  async function acknowledge(escalationId: string, acknowledgedBy: string, via: AcknowledgementChannel): Promise<Exclude<CallbackOutcome, 'ignored'>> {
    const target = z.uuid().safeParse(escalationId).success ? await findEscalationTarget(pool, escalationId) : undefined;
    if (!target) {
      logger.warn({ escalationId, via }, 'acknowledgement callback for an unknown escalation');
      return 'unknown-escalation';
    }
    if (target.acknowledged_at) return 'already-acknowledged';
    const actor: Actor = { keyId: null, name: acknowledgedBy, role: 'recipient' };
    for (let attempt = 1; ; attempt += 1) {
      try {
        await writes(target.incident_id, 'acknowledgeEscalation', { escalationId, acknowledgedBy, via }, actor);
        return 'acknowledged';
      } catch (error) {
        // Acknowledged meanwhile through another channel, or the incident closed: the vendor's click changes nothing.
        if (error instanceof HttpProblem && error.status === 409) return 'already-acknowledged';
        if (!(error instanceof NotFoundError)) throw error;
        // The escalation's row is stored before the workflow's state has it: a moment later the workflow knows it too.
        if (attempt >= NOT_YET_KNOWN_ATTEMPTS) throw new HttpProblem(503, 'Service Unavailable', 'The escalation is still being recorded; retry later.', { headers: { 'Retry-After': String(RETRY_AFTER_SECONDS) } });
        await new Promise((resolve) => setTimeout(resolve, NOT_YET_KNOWN_DELAY_MS));
      }
    }
  }

  return {
    /** Whether each integration is on (its secret is configured). */
    enabled: { slack: Boolean(secrets.slackSigningSecret), pagerDuty: (secrets.pagerDutySecrets ?? []).some((s) => s !== '') },

    /** A Slack `block_actions` interaction: the Acknowledge button acknowledges as `<Slack user> (Slack)`; throws 401 when unsigned, stale, forged or replayed. */
    async slack(input: { rawBody: Buffer; timestamp: string | undefined; signature: string | undefined }): Promise<SlackInteractionAnswer> {
      if (!secrets.slackSigningSecret) throw new NotFoundError('The Slack integration is not configured.');
      const verdict = verifySlackSignature({ signingSecret: secrets.slackSigningSecret, timestamp: input.timestamp, signature: input.signature, rawBody: input.rawBody });
      if (!verdict.ok) throw refused(REFUSALS[verdict.reason]);
      const rawBody = input.rawBody.toString('utf8');
      return once(`slack:${verdict.replayKey}`, async () => {
        const ack = readSlackAcknowledgement(rawBody);
        if (!ack) return { response_type: 'ephemeral', replace_original: false, text: 'Nothing to do.' };
        const by = `${slackUserName(rawBody) ?? ack.slackUserId} (Slack)`;
        const outcome = await acknowledge(ack.escalationId, by, 'slack');
        const { responseUrl, message } = ack;
        if (outcome === 'acknowledged' && slack && responseUrl && message) {
          // After the answer, not before: Slack wants its answer within 3 seconds, and the message is only cosmetic.
          const replacement = slackAcknowledgedMessage(message, by, new Date().toISOString());
          setImmediate(() => {
            slack.replaceInteractionMessage({ responseUrl, message: replacement }).catch((error: unknown) => logger.warn({ err: error, escalationId: ack.escalationId }, 'could not update the acknowledged Slack message'));
          });
        }
        const text = {
          acknowledged: `Acknowledged by ${by}. Overdue notices stop repeating; the deadline stands until the notice is recorded.`,
          'already-acknowledged': 'This escalation was already acknowledged.',
          'unknown-escalation': 'This escalation is not known here.',
        }[outcome];
        return { response_type: 'ephemeral', replace_original: false, text };
      });
    },

    /** A PagerDuty webhook v3: `incident.acknowledged` of an incident raised here acknowledges as `<user> (PagerDuty)`; throws 401 when unsigned, forged or replayed. */
    async pagerDuty(input: { rawBody: Buffer; signatureHeader: string | undefined }): Promise<PagerDutyWebhookAnswer> {
      const pagerDutySecrets = (secrets.pagerDutySecrets ?? []).filter((s) => s !== '');
      if (pagerDutySecrets.length === 0) throw new NotFoundError('The PagerDuty integration is not configured.');
      const verdict = verifyPagerDutySignature({ secret: pagerDutySecrets, signatureHeader: input.signatureHeader, rawBody: input.rawBody });
      if (!verdict.ok) throw refused(REFUSALS[verdict.reason]);
      const rawBody = input.rawBody.toString('utf8');
      const handle = async (): Promise<PagerDutyWebhookAnswer> => {
        const ack = readPagerDutyAcknowledgement(rawBody);
        if (!ack) return { outcome: 'ignored' };
        const by = `${ack.pagerDutyUserName ?? ack.pagerDutyUserId ?? 'PagerDuty user'} (PagerDuty)`;
        return { outcome: await acknowledge(ack.escalationId, by, 'pagerduty') };
      };
      // The signature covers no timestamp: the event id is what tells a replay from PagerDuty's first delivery.
      return verdict.eventId === undefined ? handle() : once(`pagerduty:${verdict.eventId}`, handle);
    },
  };
}

export type AcknowledgementCallbacks = ReturnType<typeof createAcknowledgementCallbacks>;

import { IncomingWebhook, type IncomingWebhookSendArguments } from '@slack/webhook';
import { LogLevel, WebAPIPlatformError, WebClient } from '@slack/web-api';
import type { EscalationFacts } from '../activities/escalation-message';
import {
  answerError,
  DeliveryError,
  guardedFetch,
  guardedPost,
  requirePositiveTimeout,
  type DeliveryErrorDetails,
  type DeliveryResult,
  type GuardedPostOptions,
  type HttpAnswer,
} from './guarded-post';
import type { SsrfGuard } from './ssrf-guard';

/** Block Kit blocks as Slack's own types describe them. */
export type SlackBlocks = NonNullable<IncomingWebhookSendArguments['blocks']>;

/** A Slack message: `text` is the notification and screen-reader fallback, `blocks` what the channel shows. */
export interface SlackMessage {
  text: string;
  blocks: SlackBlocks;
}

/** The `action_id` of the Acknowledge button; its `value` is the escalation id. */
export const SLACK_ACKNOWLEDGE_ACTION_ID = 'escalation_acknowledge';

/** A Slack message or call that failed; `vendorError` is Slack's error code (`channel_not_found`, `invalid_blocks`…). */
export class SlackDeliveryError extends DeliveryError {
  constructor(message: string, details: DeliveryErrorDetails) {
    super(message, details);
    this.name = 'SlackDeliveryError';
  }
}

// Slack's documented limits (api.slack.com/reference/block-kit): header 150, section text 3000, field 2000, button 75.
const HEADER_MAX = 150;
const SECTION_MAX = 3000;
const FIELD_MAX = 2000;

/**
 * The escalation as Block Kit. `interactive` (a Slack app) adds an Acknowledge button whose value is the escalation id;
 * without it (an incoming webhook, which has no app to receive the click) the message links to the console instead.
 */
export function slackEscalationMessage(facts: EscalationFacts, { interactive }: { interactive: boolean }): SlackMessage {
  const overdue = facts.kind !== 'reminder';
  const headline = `${overdue ? 'OVERDUE' : 'Due soon'}: ${facts.regime} ${facts.obligation}`;
  const when = slackDate(facts.dueAt);
  const what = `*${escapeMrkdwn(facts.regime)} ${escapeMrkdwn(facts.obligation)}*${
    facts.source === undefined ? '' : ` (${escapeMrkdwn(facts.source)}, to ${escapeMrkdwn(facts.recipient ?? '')})`
  }`;
  const lead = overdue ? `The deadline for ${what} passed at ${when} without a notice recorded.` : `The deadline for ${what} falls at ${when}.`;
  const consoleLink = `<${facts.escalationUrl}|Open it in the console>`;

  const blocks: SlackBlocks = [
    { type: 'header', text: { type: 'plain_text', text: clip(`[${facts.reference}] ${headline}`, HEADER_MAX) } },
    { type: 'section', text: { type: 'mrkdwn', text: clip(lead, SECTION_MAX) } },
    {
      type: 'section',
      fields: [
        { type: 'mrkdwn', text: clip(`*Incident*\n${escapeMrkdwn(facts.reference)} — ${escapeMrkdwn(facts.title)}`, FIELD_MAX) },
        { type: 'mrkdwn', text: clip(`*Ladder step*\n${escapeMrkdwn(facts.rung)} (to ${escapeMrkdwn(facts.recipients.join(', '))})`, FIELD_MAX) },
      ],
    },
  ];
  // GDPR Art. 33(1): a notification made after 72 hours must be accompanied by the reasons for the delay.
  if (overdue) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: 'A late notice must state the reasons for the delay (GDPR Art. 33(1)).' }] });
  if (interactive) {
    blocks.push({
      type: 'actions',
      block_id: clip(`escalation:${facts.escalationId}`, 255),
      elements: [
        {
          type: 'button',
          action_id: SLACK_ACKNOWLEDGE_ACTION_ID,
          text: { type: 'plain_text', text: 'Acknowledge' },
          value: facts.escalationId,
          style: 'primary',
        },
        { type: 'button', action_id: 'escalation_open', text: { type: 'plain_text', text: 'Open in the console' }, url: facts.escalationUrl },
      ],
    });
  } else {
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: `${consoleLink} to acknowledge it or record the notice.` } });
  }
  return { text: `[${facts.reference}] ${headline}, due ${facts.dueAt}`, blocks };
}

/**
 * The escalation message once acknowledged: as it was, without its buttons (nobody needs to press them again),
 * and a line saying who acknowledged it and when.
 */
export function slackAcknowledgedMessage(original: SlackMessage, acknowledgedBy: string, atIso: string): SlackMessage {
  const blocks = original.blocks.filter((block) => !(block.type === 'actions' && block.block_id?.startsWith('escalation:')));
  blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: clip(`:white_check_mark: Acknowledged by ${escapeMrkdwn(acknowledgedBy)} at ${slackDate(atIso)}`, SECTION_MAX) }] });
  return { text: clip(`${original.text} (acknowledged by ${acknowledgedBy})`, 40_000), blocks };
}

/** Settings of the Slack sender; `slackApiUrl` (default https://slack.com/api/) points it at a test receiver. */
export interface SlackSenderOptions {
  guard: SsrfGuard;
  timeoutMs: number;
  slackApiUrl?: string;
}

/** A message posted by the app: the HTTP status, the attempt's wall time in ms, and Slack's `channel` and `ts` for later updates. */
export interface SlackPostResult extends DeliveryResult {
  channel: string;
  ts: string;
}

/** Slack's side of escalations: posts them, finds one posted already, replaces an acknowledged one; one call each (callers retry); throws SlackDeliveryError. */
export interface SlackSender {
  /** chat.postMessage with the app's bot token: the interactive message with the Acknowledge button, tagged with the delivery id. */
  postMessage(delivery: { token: string; channel: string; deliveryId: string; facts: EscalationFacts }): Promise<SlackPostResult>;
  /**
   * The app's message of this delivery in `channel` posted since `since`, found by its metadata (conversations.history),
   * or undefined. Asked before posting again after an attempt whose outcome is unknown (its worker died while Slack
   * had the message). Needs the app's channels:history scope (groups:history for a private channel): without it, or
   * without access to the channel, undefined, and the message may be posted twice rather than not at all.
   */
  findPosted(lookup: { token: string; channel: string; deliveryId: string; since: Date }): Promise<{ channel: string; ts: string } | undefined>;
  /** An incoming webhook: the message that links to the console. */
  sendIncomingWebhook(delivery: { url: string; facts: EscalationFacts }): Promise<DeliveryResult>;
  /** Replaces the message a button was pressed on, through the interaction's `response_url` (Slack's, valid 30 minutes). */
  replaceInteractionMessage(reply: { responseUrl: string; message: SlackMessage }): Promise<DeliveryResult>;
}

// Web API error codes that say "try again later"; every other `ok: false` is permanent (auth, channel, payload).
const RETRYABLE_PLATFORM_ERRORS = new Set(['ratelimited', 'rate_limited', 'internal_error', 'fatal_error', 'service_unavailable', 'request_timeout']);

/** The metadata event type of the app's escalation messages; its payload names the escalation, the rung and the delivery. */
const MESSAGE_EVENT_TYPE = 'escalation_raised';
// How many of the channel's messages since the delivery's first attempt are searched; an escalation channel is quiet.
const HISTORY_LIMIT = 200;

/**
 * Slack's own clients (`@slack/web-api`, `@slack/webhook`) build and parse the calls; their `fetch` option is
 * guardedFetch, so the SSRF guard, the timeout, the 64 KiB cap and the no-redirect rule still hold, and their own
 * retries are off, so each call is one recorded attempt.
 */
export function createSlackSender({ guard, timeoutMs, slackApiUrl = 'https://slack.com/api/' }: SlackSenderOptions): SlackSender {
  requirePositiveTimeout(timeoutMs);
  const postOptions: GuardedPostOptions = { guard, timeoutMs, label: 'Slack', errorClass: SlackDeliveryError };

  /** A Web API client on guardedFetch, without retries of its own; `onAnswer` hears the HTTP answer of its call. */
  const webClient = (token: string, onAnswer: (answer: HttpAnswer) => void) =>
    new WebClient(token, {
      slackApiUrl,
      fetch: guardedFetch(postOptions, onAnswer),
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
      allowAbsoluteUrls: false,
      logLevel: LogLevel.ERROR,
    });

  return {
    async postMessage({ token, channel, deliveryId, facts }) {
      let answer: HttpAnswer | undefined;
      const client = webClient(token, (received) => (answer = received));
      try {
        const result = await client.chat.postMessage({
          channel,
          ...slackEscalationMessage(facts, { interactive: true }),
          unfurl_links: false,
          // Ties the message to its delivery, so findPosted can tell it was posted when the answer never came back.
          metadata: { event_type: MESSAGE_EVENT_TYPE, event_payload: { escalation_id: facts.escalationId, rung: facts.rung, delivery_id: deliveryId } },
        });
        return { status: answer?.status ?? 200, durationMs: answer?.durationMs ?? 0, channel: result.channel ?? channel, ts: result.ts ?? '' };
      } catch (error) {
        throw slackFailure(error, answer, postOptions);
      }
    },

    async findPosted({ token, channel, deliveryId, since }) {
      let answer: HttpAnswer | undefined;
      const client = webClient(token, (received) => (answer = received));
      try {
        const history = await client.conversations.history({ channel, oldest: (since.getTime() / 1000).toFixed(6), include_all_metadata: true, limit: HISTORY_LIMIT });
        // The response's type names only Slack's own payload fields; ours are the ones postMessage set.
        const deliveryOf = (payload: unknown) => (isRecord(payload) ? payload.delivery_id : undefined);
        const posted = (history.messages ?? []).find((m) => m.metadata?.event_type === MESSAGE_EVENT_TYPE && deliveryOf(m.metadata.event_payload) === deliveryId);
        return posted?.ts === undefined ? undefined : { channel, ts: posted.ts };
      } catch (error) {
        const failure = slackFailure(error, answer, postOptions);
        // A missing scope or channel access will not come: post rather than never deliver.
        if (!failure.retryable) return undefined;
        throw failure;
      }
    },

    async replaceInteractionMessage({ responseUrl, message }) {
      const answer = await guardedPost(responseUrl, JSON.stringify({ replace_original: true, ...message }), { 'content-type': 'application/json' }, postOptions);
      const failure = answerError(answer, { ...postOptions, vendorError: slackErrorCode(answer.body) });
      if (failure) throw failure;
      return { status: answer.status, durationMs: answer.durationMs };
    },

    async sendIncomingWebhook({ url, facts }) {
      let answer: HttpAnswer | undefined;
      const webhook = new IncomingWebhook(url, { fetch: guardedFetch(postOptions, (received) => (answer = received)), retryConfig: { retries: 0 } });
      try {
        await webhook.send({ ...slackEscalationMessage(facts, { interactive: false }), unfurl_links: false });
        return { status: answer?.status ?? 200, durationMs: answer?.durationMs ?? 0 };
      } catch (error) {
        throw slackFailure(error, answer, postOptions);
      }
    },
  };
}

/** What Slack's interactive callback says when someone pressed Acknowledge; undefined for any other interaction. */
export interface SlackAcknowledgement {
  escalationId: string;
  slackUserId: string;
  slackTeamId: string | undefined;
  /** Where a reply to the clicker can be posted (valid 30 minutes). */
  responseUrl: string | undefined;
  /** The message the button was pressed on, when Slack sent it along (it does for messages the app posted). */
  message: SlackMessage | undefined;
}

/** Reads a `block_actions` callback (form-encoded `payload=<json>`); call only after verifySlackSignature accepted the raw body. */
export function readSlackAcknowledgement(rawBody: string): SlackAcknowledgement | undefined {
  const payloadText = new URLSearchParams(rawBody).get('payload');
  if (payloadText === null) return undefined;
  let payload: unknown;
  try {
    payload = JSON.parse(payloadText);
  } catch {
    return undefined;
  }
  if (!isRecord(payload) || payload.type !== 'block_actions' || !Array.isArray(payload.actions)) return undefined;
  const action: unknown = payload.actions.find((a: unknown) => isRecord(a) && a.action_id === SLACK_ACKNOWLEDGE_ACTION_ID);
  const user = payload.user;
  if (!isRecord(action) || typeof action.value !== 'string' || !isRecord(user) || typeof user.id !== 'string') return undefined;
  const team = payload.team;
  return {
    escalationId: action.value,
    slackUserId: user.id,
    slackTeamId: isRecord(team) && typeof team.id === 'string' ? team.id : undefined,
    responseUrl: typeof payload.response_url === 'string' ? payload.response_url : undefined,
    message: messageOf(payload.message),
  };
}

/** A posted message as an interaction payload carries it: its text and blocks, or undefined. */
function messageOf(message: unknown): SlackMessage | undefined {
  if (!isRecord(message) || typeof message.text !== 'string' || !Array.isArray(message.blocks)) return undefined;
  return { text: message.text, blocks: message.blocks as SlackBlocks };
}

function slackFailure(error: unknown, answer: HttpAnswer | undefined, options: GuardedPostOptions): DeliveryError {
  // The clients wrap what our fetch threw (refused target, timeout, network) as `original`.
  const original = isRecord(error) ? error.original : undefined;
  if (original instanceof DeliveryError) return original;
  if (error instanceof DeliveryError) return error;
  if (answer !== undefined) {
    const vendorError = slackErrorCode(answer.body);
    const failure = answerError(answer, { ...options, vendorError });
    if (failure) return failure;
  }
  if (error instanceof WebAPIPlatformError) {
    const code = typeof error.data.error === 'string' ? error.data.error : 'unknown_error';
    return new SlackDeliveryError(`Slack refused the message: ${code}`, {
      retryable: RETRYABLE_PLATFORM_ERRORS.has(code),
      status: answer?.status,
      vendorError: code,
      cause: error,
    });
  }
  // Nothing says the failure is permanent, so the activity may try again.
  return new SlackDeliveryError(`Slack call failed: ${error instanceof Error ? error.message : String(error)}`, { retryable: true, cause: error });
}

/** Slack's error code from a Web API JSON body (`{"ok":false,"error":"…"}`) or an incoming webhook's plain text. */
function slackErrorCode(body: string): string | undefined {
  const trimmed = body.trim();
  if (trimmed === '') return undefined;
  try {
    const parsed: unknown = JSON.parse(trimmed);
    if (isRecord(parsed) && typeof parsed.error === 'string') return parsed.error;
  } catch {
    // Incoming webhooks answer plain text such as `invalid_blocks`.
  }
  return clip(trimmed, 200);
}

/** Slack renders `<!date^…>` in each reader's own time zone; the ISO text is the fallback for old clients. */
function slackDate(iso: string): string {
  const seconds = Math.floor(Date.parse(iso) / 1000);
  return `<!date^${seconds}^{date_short_pretty} {time}|${iso}>`;
}

/** Slack's mrkdwn needs only &, < and > escaped (api.slack.com/reference/surfaces/formatting#escaping). */
function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

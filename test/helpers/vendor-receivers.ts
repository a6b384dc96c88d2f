// Local stand-ins for Slack, Teams workflows and PagerDuty: each checks a request against the vendor's documented
// format, answers as the vendor does, records every request, and can be scripted to fail the next N requests.
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EscalationFacts } from '../../src/activities/escalation-message';

/** A named state: the overdue notice of GDPR Art. 33 for a stolen laptop, to the DPO and leadership. */
export function overdueEscalationFacts(overrides: Partial<EscalationFacts> = {}): EscalationFacts {
  const incidentId = '5d0c3a2e-1b4f-4c55-9a3b-000000000003';
  const escalationId = overrides.escalationId ?? '5d0c3a2e-1b4f-4c55-9a3b-000000000002';
  return {
    incidentId,
    escalationId,
    reference: 'BR-2026-0042',
    title: 'Stolen laptop',
    regime: 'GDPR',
    obligation: 'notify-supervisory-authority',
    source: 'GDPR Art. 33(1)',
    recipient: 'the supervisory authority',
    rung: 'overdue',
    kind: 'overdue',
    recipients: ['dpo', 'leadership'],
    dueAt: '2026-03-31T08:00:00.000Z',
    raisedAt: '2026-03-31T08:00:01.000Z',
    escalationUrl: `https://breach.example.com/incidents/${incidentId}/escalations/${escalationId}`,
    acknowledgeUrl: `https://breach.example.com/v1/incidents/${incidentId}/escalations/${escalationId}/acknowledge`,
    ...overrides,
  };
}

/** One request as the receiver saw it: `body` is the parsed JSON (or form fields), `rawBody` the text. */
export interface RecordedRequest {
  method: string | undefined;
  path: string | undefined;
  headers: IncomingHttpHeaders;
  rawBody: string;
  body: unknown;
}

/** An answer to give instead of the vendor's own. */
export interface ScriptedAnswer {
  status: number;
  /** Never answer, to exercise the sender's timeout. */
  hang?: boolean;
  headers?: Record<string, string>;
  body?: string;
}

/** A running receiver: `url` is its base (http://127.0.0.1:port), without a trailing slash. */
export interface VendorReceiver {
  url: string;
  requests: RecordedRequest[];
  /** Answers the next `count` requests with `answer` (after any already scripted), recording them as usual. */
  failNext(count: number, answer: ScriptedAnswer): void;
  /** Holds every answer `ms` after the request is read (0: at once), as a slow vendor would; the request is handled meanwhile. */
  holdAnswers(ms: number): void;
  close(): Promise<void>;
}

type Handler = (request: RecordedRequest) => ScriptedAnswer;

async function startReceiver(handle: Handler): Promise<VendorReceiver> {
  const requests: RecordedRequest[] = [];
  const script: ScriptedAnswer[] = [];
  let holdMs = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const rawBody = Buffer.concat(chunks).toString('utf8');
      const recorded: RecordedRequest = { method: req.method, path: req.url, headers: req.headers, rawBody, body: parseBody(req.headers, rawBody) };
      requests.push(recorded);
      const scripted = script.shift() ?? handle(recorded);
      if (holdMs === 0) answer(res, scripted);
      else setTimeout(() => answer(res, scripted), holdMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    failNext: (count, scripted) => script.push(...Array.from({ length: count }, () => scripted)),
    holdAnswers: (ms) => {
      holdMs = ms;
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

function answer(res: ServerResponse, { status, hang = false, headers = {}, body = '' }: ScriptedAnswer): void {
  // A sender that left while the answer was held (a killed worker) gets nothing.
  if (!hang && !res.destroyed) res.writeHead(status, headers).end(body);
}

function parseBody(headers: IncomingHttpHeaders, rawBody: string): unknown {
  if ((headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) {
    const fields: Record<string, unknown> = {};
    for (const [key, value] of new URLSearchParams(rawBody)) fields[key] = value;
    return fields;
  }
  try {
    return JSON.parse(rawBody);
  } catch {
    return undefined;
  }
}

const json = (status: number, value: unknown, headers: Record<string, string> = {}): ScriptedAnswer => ({
  status,
  headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  body: JSON.stringify(value),
});
const text = (status: number, value: string): ScriptedAnswer => ({ status, headers: { 'content-type': 'text/plain' }, body: value });

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isText = (value: unknown, max: number): value is string => typeof value === 'string' && value.length > 0 && value.length <= max;

// ---- Slack ----------------------------------------------------------------------------------------------------

const BLOCK_TYPES = new Set(['actions', 'context', 'divider', 'header', 'image', 'input', 'rich_text', 'section', 'markdown', 'file', 'video']);

/** Where a Block Kit `blocks` array breaks Slack's documented limits (api.slack.com/reference/block-kit/blocks); empty when valid. */
export function blockKitErrors(blocks: unknown): string[] {
  const errors: string[] = [];
  if (!Array.isArray(blocks)) return ['blocks must be an array'];
  if (blocks.length === 0 || blocks.length > 50) errors.push('blocks must have 1 to 50 items');
  blocks.forEach((block: unknown, i) => {
    const at = `blocks[${i}]`;
    if (!isRecord(block) || typeof block.type !== 'string' || !BLOCK_TYPES.has(block.type)) return errors.push(`${at}: unknown block type`);
    if (block.block_id !== undefined && !isText(block.block_id, 255)) errors.push(`${at}.block_id: 1 to 255 chars`);
    const textObject = (value: unknown, path: string, max: number, plainOnly = false) => {
      if (!isRecord(value) || (value.type !== 'plain_text' && (plainOnly || value.type !== 'mrkdwn'))) errors.push(`${path}: a ${plainOnly ? 'plain_text' : 'text'} object`);
      else if (!isText(value.text, max)) errors.push(`${path}.text: 1 to ${max} chars`);
    };
    switch (block.type) {
      case 'header':
        textObject(block.text, `${at}.text`, 150, true);
        break;
      case 'section':
        if (block.text === undefined && block.fields === undefined) errors.push(`${at}: text or fields required`);
        if (block.text !== undefined) textObject(block.text, `${at}.text`, 3000);
        if (block.fields !== undefined) {
          if (!Array.isArray(block.fields) || block.fields.length === 0 || block.fields.length > 10) errors.push(`${at}.fields: 1 to 10 items`);
          else block.fields.forEach((field: unknown, j) => textObject(field, `${at}.fields[${j}]`, 2000));
        }
        break;
      case 'context':
        if (!Array.isArray(block.elements) || block.elements.length === 0 || block.elements.length > 10) errors.push(`${at}.elements: 1 to 10 items`);
        else block.elements.forEach((element: unknown, j) => textObject(element, `${at}.elements[${j}]`, 3000));
        break;
      case 'actions': {
        if (!Array.isArray(block.elements) || block.elements.length === 0 || block.elements.length > 25) {
          errors.push(`${at}.elements: 1 to 25 items`);
          break;
        }
        const actionIds = new Set<string>();
        block.elements.forEach((element: unknown, j) => {
          const path = `${at}.elements[${j}]`;
          if (!isRecord(element) || element.type !== 'button') return errors.push(`${path}: only buttons are checked here`);
          textObject(element.text, `${path}.text`, 75, true);
          if (element.action_id !== undefined) {
            if (!isText(element.action_id, 255)) errors.push(`${path}.action_id: 1 to 255 chars`);
            else if (actionIds.has(element.action_id)) errors.push(`${path}.action_id: not unique in the block`);
            else actionIds.add(element.action_id);
          }
          if (element.value !== undefined && !isText(element.value, 2000)) errors.push(`${path}.value: 1 to 2000 chars`);
          if (element.url !== undefined && !(isText(element.url, 3000) && /^https?:\/\//.test(element.url))) errors.push(`${path}.url: an http(s) URL of at most 3000 chars`);
          if (element.style !== undefined && element.style !== 'primary' && element.style !== 'danger') errors.push(`${path}.style: primary or danger`);
          return undefined;
        });
        break;
      }
      default:
        break;
    }
    return undefined;
  });
  return errors;
}

/** Options of the Slack stand-in: the bot token it accepts, the channels that exist, incoming-webhook paths and their states. */
export interface SlackReceiverOptions {
  botToken?: string;
  channels?: readonly string[];
  /** Incoming-webhook paths that exist (`/services/T…/B…/…`); `archived` ones answer 410. */
  webhookPaths?: readonly string[];
  archivedWebhookPaths?: readonly string[];
  /** Whether the token has the history scopes (channels:history); without them conversations.history answers missing_scope. */
  historyScope?: boolean;
}

/** A message as the Slack stand-in keeps it, per channel. */
interface PostedMessage {
  ts: string;
  text: unknown;
  metadata: unknown;
}

/**
 * Slack's Web API (`POST /api/chat.postMessage`, `POST /api/conversations.history`) and incoming webhooks
 * (`POST /services/…`), answering as Slack does; a posted message is kept even when its answer never reaches the sender.
 */
export function startSlackReceiver(options: SlackReceiverOptions = {}): Promise<VendorReceiver> {
  const { botToken = 'xoxb-test-token', channels = ['C0123456789'], webhookPaths = ['/services/T000/B000/XXXX'], archivedWebhookPaths = [], historyScope = true } = options;
  // A message's ts is when Slack posted it, in seconds, unique per receiver.
  let ts = 0;
  const posted = new Map<string, PostedMessage[]>();
  // Form-encoded calls carry objects (blocks, metadata) as JSON strings.
  const field = (value: unknown) => (typeof value === 'string' && /^[[{]/.test(value) ? JSON.parse(value) : value);
  return startReceiver((request) => {
    const webApi = request.path === '/api/chat.postMessage' || request.path === '/api/conversations.history';
    // The Web API answers HTTP 200 with ok:false for everything but rate limits.
    if (webApi && request.headers.authorization !== `Bearer ${botToken}`) return json(200, { ok: false, error: request.headers.authorization ? 'invalid_auth' : 'not_authed' });
    if (webApi && !isRecord(request.body)) return json(200, { ok: false, error: 'invalid_arguments' });
    if (request.path === '/api/chat.postMessage') {
      const body = request.body as Record<string, unknown>;
      const { channel, text: messageText } = body;
      const blocks = field(body.blocks);
      if (typeof channel !== 'string' || channel === '') return json(200, { ok: false, error: 'channel_not_found' });
      if (blocks === undefined && !isText(messageText, 40000)) return json(200, { ok: false, error: 'no_text' });
      if (blocks !== undefined && blockKitErrors(blocks).length > 0) return json(200, { ok: false, error: 'invalid_blocks', errors: blockKitErrors(blocks) });
      if (!channels.includes(channel)) return json(200, { ok: false, error: 'channel_not_found' });
      ts = Math.max(ts + 1, Math.floor(Date.now() / 1000));
      const message = { ts: `${ts}.000100`, text: messageText, metadata: field(body.metadata) };
      posted.set(channel, [...(posted.get(channel) ?? []), message]);
      return json(200, { ok: true, channel, ts: message.ts, message: { type: 'message', text: messageText, ts: message.ts } });
    }
    if (request.path === '/api/conversations.history') {
      if (!historyScope) return json(200, { ok: false, error: 'missing_scope', needed: 'channels:history,groups:history', provided: 'chat:write' });
      const { channel, oldest = '0', include_all_metadata: withMetadata } = request.body as Record<string, string | undefined>;
      if (channel === undefined || !channels.includes(channel)) return json(200, { ok: false, error: 'channel_not_found' });
      // Newest first, after `oldest` (exclusive, as Slack's default); metadata only when asked for.
      const messages = (posted.get(channel) ?? [])
        .filter((m) => Number(m.ts) > Number(oldest))
        .reverse()
        .map((m) => ({ type: 'message', ts: m.ts, text: m.text, ...(withMetadata === 'true' && m.metadata !== undefined ? { metadata: m.metadata } : {}) }));
      return json(200, { ok: true, messages, has_more: false });
    }
    // An interaction's response_url (`/actions/T…/…/…`): replaces or answers the message a button was pressed on.
    if (request.path?.startsWith('/actions/')) {
      if (!isRecord(request.body)) return json(400, { ok: false, error: 'invalid_payload' });
      const { replace_original: replace, blocks } = request.body;
      if (replace !== undefined && typeof replace !== 'boolean') return json(400, { ok: false, error: 'invalid_replace_original' });
      if (blocks !== undefined && blockKitErrors(blocks).length > 0) return json(400, { ok: false, error: 'invalid_blocks' });
      if (blocks === undefined && !isText(request.body.text, 40000)) return json(400, { ok: false, error: 'no_text' });
      return json(200, { ok: true });
    }
    if (request.path?.startsWith('/services/')) {
      if (archivedWebhookPaths.includes(request.path)) return text(410, 'channel_is_archived');
      if (!webhookPaths.includes(request.path)) return text(404, 'no_service');
      if (!isRecord(request.body)) return text(400, 'invalid_payload');
      if (request.body.blocks !== undefined && blockKitErrors(request.body.blocks).length > 0) return text(400, 'invalid_blocks');
      if (request.body.blocks === undefined && !isText(request.body.text, 40000)) return text(400, 'no_text');
      return text(200, 'ok');
    }
    return text(404, 'not_found');
  });
}

// ---- Microsoft Teams --------------------------------------------------------------------------------------------

/** Where a Teams workflow message breaks the Adaptive Card envelope; empty when valid. */
export function adaptiveCardErrors(message: unknown): string[] {
  const errors: string[] = [];
  if (!isRecord(message) || message.type !== 'message') return ['type must be "message"'];
  if (!Array.isArray(message.attachments) || message.attachments.length === 0) return ['attachments must be a non-empty array'];
  message.attachments.forEach((attachment: unknown, i) => {
    const at = `attachments[${i}]`;
    if (!isRecord(attachment) || attachment.contentType !== 'application/vnd.microsoft.card.adaptive') return errors.push(`${at}.contentType: application/vnd.microsoft.card.adaptive`);
    const card = attachment.content;
    if (!isRecord(card) || card.type !== 'AdaptiveCard') return errors.push(`${at}.content.type: AdaptiveCard`);
    if (typeof card.version !== 'string' || !/^1\.[0-6]$/.test(card.version)) errors.push(`${at}.content.version: 1.0 to 1.6`);
    if (card.$schema !== undefined && typeof card.$schema !== 'string') errors.push(`${at}.content.$schema: a string`);
    if (!Array.isArray(card.body)) errors.push(`${at}.content.body: an array`);
    else card.body.forEach((element: unknown, j) => {
      if (!isRecord(element) || typeof element.type !== 'string') errors.push(`${at}.content.body[${j}].type: required`);
      else if (element.type === 'TextBlock' && typeof element.text !== 'string') errors.push(`${at}.content.body[${j}].text: required`);
      else if (element.type === 'FactSet' && !Array.isArray(element.facts)) errors.push(`${at}.content.body[${j}].facts: required`);
    });
    if (card.actions !== undefined) {
      if (!Array.isArray(card.actions)) errors.push(`${at}.content.actions: an array`);
      else card.actions.forEach((action: unknown, j) => {
        if (!isRecord(action) || typeof action.type !== 'string') errors.push(`${at}.content.actions[${j}].type: required`);
        else if (action.type === 'Action.OpenUrl' && !(typeof action.url === 'string' && /^https?:\/\//.test(action.url))) errors.push(`${at}.content.actions[${j}].url: an http(s) URL`);
      });
    }
    return undefined;
  });
  return errors;
}

/** A Teams workflow webhook: 202 Accepted with no body, 400 with Power Automate's error object for a bad card. */
export function startTeamsReceiver(): Promise<VendorReceiver> {
  return startReceiver((request) => {
    if (request.body === undefined) return json(400, { error: { code: 'InvalidRequestContent', message: 'The request content is not valid JSON.' } });
    const errors = adaptiveCardErrors(request.body);
    if (errors.length > 0) return json(400, { error: { code: 'InvalidRequestContent', message: errors.join('; ') } });
    return { status: 202 };
  });
}

// ---- PagerDuty ----------------------------------------------------------------------------------------------------

const SEVERITIES = new Set(['critical', 'error', 'warning', 'info']);

/** Where an Events API v2 event breaks PagerDuty's documented format; empty when valid. */
export function pagerDutyEventErrors(event: unknown): string[] {
  const errors: string[] = [];
  if (!isRecord(event)) return ['Event object is invalid'];
  if (typeof event.routing_key !== 'string' || event.routing_key.length !== 32) errors.push("'routing_key' must be 32 characters");
  if (event.event_action !== 'trigger' && event.event_action !== 'acknowledge' && event.event_action !== 'resolve') {
    errors.push("'event_action' must be one of trigger, acknowledge, resolve");
  }
  if (event.dedup_key !== undefined && !isText(event.dedup_key, 255)) errors.push("'dedup_key' must be 1 to 255 characters");
  if (event.event_action !== 'trigger' && event.dedup_key === undefined) errors.push("'dedup_key' is required for acknowledge and resolve");
  if (event.event_action === 'trigger') {
    const payload = event.payload;
    if (!isRecord(payload)) errors.push("'payload' is missing or blank");
    else {
      if (!isText(payload.summary, 1024)) errors.push("'payload.summary' is missing or longer than 1024 characters");
      if (!isText(payload.source, 255)) errors.push("'payload.source' is missing or blank");
      if (typeof payload.severity !== 'string' || !SEVERITIES.has(payload.severity)) errors.push("'payload.severity' must be one of critical, error, warning, info");
      if (payload.timestamp !== undefined && (typeof payload.timestamp !== 'string' || Number.isNaN(Date.parse(payload.timestamp)))) errors.push("'payload.timestamp' must be ISO 8601");
    }
    if (event.links !== undefined && (!Array.isArray(event.links) || event.links.some((link: unknown) => !isRecord(link) || typeof link.href !== 'string'))) {
      errors.push("'links' must be objects with href");
    }
  }
  return errors;
}

/** An alert as PagerDuty keeps it: one per open dedup_key, with every trigger event folded into it. */
export interface PagerDutyAlert {
  dedupKey: string;
  routingKey: string;
  status: 'triggered' | 'resolved';
  triggers: number;
}

export interface PagerDutyReceiver extends VendorReceiver {
  /** The alerts opened, in order: a trigger whose dedup_key has an open alert is folded into it, as PagerDuty does. */
  alerts(): PagerDutyAlert[];
}

/** PagerDuty's `POST /v2/enqueue`: 202 with the dedup_key, 400 'invalid event' with its errors; deduplicates triggers by dedup_key. */
export async function startPagerDutyReceiver(): Promise<PagerDutyReceiver> {
  const alerts: PagerDutyAlert[] = [];
  const receiver = await startReceiver((request) => {
    if (request.path !== '/v2/enqueue') return json(404, { status: 'not found' });
    const errors = pagerDutyEventErrors(request.body);
    if (errors.length > 0) return json(400, { status: 'invalid event', message: 'Event object is invalid', errors });
    const event = request.body as { routing_key: string; event_action: string; dedup_key?: string };
    const dedupKey = event.dedup_key ?? `generated-${alerts.length + 1}`;
    const open = alerts.find((a) => a.dedupKey === dedupKey && a.routingKey === event.routing_key && a.status === 'triggered');
    if (event.event_action === 'trigger') {
      if (open) open.triggers += 1;
      else alerts.push({ dedupKey, routingKey: event.routing_key, status: 'triggered', triggers: 1 });
    } else if (event.event_action === 'resolve' && open) open.status = 'resolved';
    return json(202, { status: 'success', message: 'Event processed', dedup_key: dedupKey });
  });
  return { ...receiver, alerts: () => alerts.map((a) => ({ ...a })) };
}

export interface AttemptRecord {
  outcome: 'sent' | 'failed';
  status: number | undefined;
  durationMs: number | undefined;
  retryable: boolean | undefined;
  /** How long the caller waited before the next attempt, in ms. */
  waitMs: number | undefined;
}

/**
 * Retries `send` as the Temporal activity retry policy would: exponential backoff from `initialMs`, raised to the
 * error's `retryAfterMs`, stopping at a non-retryable error or `maxAttempts`. `sleep` is injected so tests do not wait.
 */
export async function sendWithRetries<T extends { status: number; durationMs: number }>(
  send: () => Promise<T>,
  { maxAttempts = 5, initialMs = 100, sleep = async () => undefined }: { maxAttempts?: number; initialMs?: number; sleep?: (ms: number) => Promise<void> } = {},
): Promise<{ result: T | undefined; attempts: AttemptRecord[]; error: unknown }> {
  const attempts: AttemptRecord[] = [];
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    try {
      const result = await send();
      attempts.push({ outcome: 'sent', status: result.status, durationMs: result.durationMs, retryable: undefined, waitMs: undefined });
      return { result, attempts, error: undefined };
    } catch (error) {
      const details = error as { retryable?: boolean; status?: number; retryAfterMs?: number };
      const last = details.retryable !== true || attempt === maxAttempts;
      const waitMs = last ? undefined : Math.max(initialMs * 2 ** (attempt - 1), details.retryAfterMs ?? 0);
      attempts.push({ outcome: 'failed', status: details.status, durationMs: undefined, retryable: details.retryable, waitMs });
      if (waitMs === undefined) return { result: undefined, attempts, error };
      await sleep(waitMs);
    }
  }
  return { result: undefined, attempts, error: undefined };
}

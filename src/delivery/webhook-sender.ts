import { request as httpRequest, type IncomingHttpHeaders, type OutgoingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { performance } from 'node:perf_hooks';
import { Webhook } from 'standardwebhooks';
import { SsrfBlockedError, type SsrfGuard } from './ssrf-guard';

/** One outbound Standard Webhooks message (https://www.standardwebhooks.com). */
export interface WebhookDelivery {
  url: string;
  /** The receiver's signing secret, `whsec_` + base64. */
  secret: string;
  /** `webhook-id`: the same for every retry of one message, so receivers can dedupe on it. */
  id: string;
  /** `webhook-timestamp`: the time of this attempt. Receivers reject signatures older than ~5 minutes. */
  timestamp: Date;
  payload: unknown;
}

/** A delivery the receiver answered with 2xx: its status and the wall time of the attempt in ms. */
export interface WebhookResult {
  status: number;
  durationMs: number;
}

/** Settings of the sender: the SSRF guard, the overall timeout per attempt (headers and body) in ms. */
export interface WebhookSenderOptions {
  guard: SsrfGuard;
  timeoutMs: number;
  userAgent?: string;
}

/** Sends signed webhooks; throws WebhookDeliveryError for anything but a 2xx. */
export interface WebhookSender {
  send(delivery: WebhookDelivery): Promise<WebhookResult>;
}

/** A webhook that was not delivered; `retryable` says whether sending the same message again may succeed. */
export class WebhookDeliveryError extends Error {
  readonly retryable: boolean;
  readonly status: number | undefined;
  /** From a `Retry-After` answer to 429 or 503, in ms. */
  readonly retryAfterMs: number | undefined;

  constructor(message: string, details: { retryable: boolean; status?: number; retryAfterMs?: number; cause?: unknown }) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'WebhookDeliveryError';
    this.retryable = details.retryable;
    this.status = details.status;
    this.retryAfterMs = details.retryAfterMs;
  }
}

const MAX_RESPONSE_BYTES = 64 * 1024;
const DEFAULT_USER_AGENT = 'breach-response-engine-webhooks/1';

interface HttpAnswer {
  status: number;
  headers: IncomingHttpHeaders;
}

/** A Standard Webhooks sender over node:http(s), resolving every host through the guard's `lookup`. */
export function createWebhookSender({ guard, timeoutMs, userAgent = DEFAULT_USER_AGENT }: WebhookSenderOptions): WebhookSender {
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) throw new RangeError('timeoutMs must be a positive number');

  const post = (url: URL, body: string, headers: OutgoingHttpHeaders): Promise<HttpAnswer> =>
    new Promise((resolve, reject) => {
      let settled = false;
      const settle = (outcome: () => void): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        outcome();
      };
      const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
      // agent: false gives each attempt its own connection, so `lookup` (and its address check) runs every time.
      const req = request(url, { method: 'POST', headers, lookup: guard.lookup, agent: false });
      const timer = setTimeout(() => {
        settle(() =>
          reject(new WebhookDeliveryError(`Webhook to ${url.host} got no complete answer within ${timeoutMs} ms`, { retryable: true })),
        );
        req.destroy();
      }, timeoutMs);
      req.on('error', (error) => settle(() => reject(error)));
      req.on('response', (res) => {
        let received = 0;
        res.on('data', (chunk: Buffer) => {
          received += chunk.length;
          if (received > MAX_RESPONSE_BYTES) res.destroy();
        });
        // The status decides; a body cut short (by us at the cap, or by the receiver) does not change it.
        res.on('error', () => undefined);
        res.on('close', () => settle(() => resolve({ status: res.statusCode ?? 0, headers: res.headers })));
      });
      req.end(body);
    });

  return {
    async send(delivery) {
      const started = performance.now();
      let url: URL;
      try {
        guard.checkUrl(delivery.url);
        url = new URL(delivery.url);
      } catch (error) {
        throw new WebhookDeliveryError(`Webhook target refused: ${messageOf(error)}`, { retryable: false, cause: error });
      }
      const signed = signedRequest(delivery, userAgent);

      let answer: HttpAnswer;
      try {
        answer = await post(url, signed.body, signed.headers);
      } catch (error) {
        if (error instanceof WebhookDeliveryError) throw error;
        const retryable = !(error instanceof SsrfBlockedError);
        throw new WebhookDeliveryError(`Webhook to ${url.host} failed: ${messageOf(error)}`, { retryable, cause: error });
      }

      const { status } = answer;
      const durationMs = Math.round(performance.now() - started);
      if (status >= 200 && status < 300) return { status, durationMs };
      if (status >= 300 && status < 400) {
        // An allowed host could redirect to a private one, so redirects are never followed.
        const location = answer.headers.location ?? '(no Location)';
        throw new WebhookDeliveryError(`Webhook to ${url.host} answered ${status} redirecting to ${location}; redirects are not followed`, {
          retryable: false,
          status,
        });
      }
      const retryable = status === 408 || status === 429 || status >= 500 || status < 200;
      throw new WebhookDeliveryError(`Webhook to ${url.host} answered ${status}`, {
        retryable,
        status,
        retryAfterMs: status === 429 || status === 503 ? parseRetryAfter(answer.headers['retry-after']) : undefined,
      });
    },
  };
}

function signedRequest(delivery: WebhookDelivery, userAgent: string): { body: string; headers: OutgoingHttpHeaders } {
  const permanent = (message: string, cause?: unknown) => new WebhookDeliveryError(message, { retryable: false, cause });
  if (!/^[\x21-\x7e]{1,256}$/.test(delivery.id)) throw permanent('webhook-id must be 1-256 visible ASCII characters');
  if (Number.isNaN(delivery.timestamp.getTime())) throw permanent('webhook timestamp is not a valid Date');

  let body: string | undefined;
  try {
    body = JSON.stringify(delivery.payload);
  } catch (error) {
    throw permanent(`Webhook payload is not serializable to JSON: ${messageOf(error)}`, error);
  }
  if (body === undefined) throw permanent('Webhook payload is not serializable to JSON');

  let signature: string;
  try {
    signature = new Webhook(delivery.secret).sign(delivery.id, delivery.timestamp, body);
  } catch (error) {
    throw permanent(`Webhook secret is unusable: ${messageOf(error)}`, error);
  }

  return {
    body,
    headers: {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(body),
      'user-agent': userAgent,
      'webhook-id': delivery.id,
      'webhook-timestamp': String(Math.floor(delivery.timestamp.getTime() / 1000)),
      'webhook-signature': signature,
    },
  };
}

function parseRetryAfter(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

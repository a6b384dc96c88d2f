import type { OutgoingHttpHeaders } from 'node:http';
import { Webhook } from 'standardwebhooks';
import { answerError, DeliveryError, guardedPost, requirePositiveTimeout, type DeliveryErrorDetails, type DeliveryResult } from './guarded-post';
import type { SsrfGuard } from './ssrf-guard';

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
export type WebhookResult = DeliveryResult;

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
export class WebhookDeliveryError extends DeliveryError {
  constructor(message: string, details: DeliveryErrorDetails) {
    super(message, details);
    this.name = 'WebhookDeliveryError';
  }
}

const DEFAULT_USER_AGENT = 'breach-response-engine-webhooks/1';

/** A Standard Webhooks sender over node:http(s), resolving every host through the guard's `lookup`. */
export function createWebhookSender({ guard, timeoutMs, userAgent = DEFAULT_USER_AGENT }: WebhookSenderOptions): WebhookSender {
  requirePositiveTimeout(timeoutMs);
  const postOptions = { guard, timeoutMs, label: 'Webhook', errorClass: WebhookDeliveryError };

  return {
    async send(delivery) {
      const signed = signedRequest(delivery, userAgent);
      const answer = await guardedPost(delivery.url, signed.body, signed.headers, postOptions);
      const failure = answerError(answer, postOptions);
      if (failure) throw failure;
      return { status: answer.status, durationMs: answer.durationMs };
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

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

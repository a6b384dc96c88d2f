import { request as httpRequest, type IncomingHttpHeaders, type OutgoingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { performance } from 'node:perf_hooks';
import { SsrfBlockedError, type SsrfGuard } from './ssrf-guard';

/** What a failed delivery tells its caller: whether a retry may succeed, the HTTP status, the vendor's own error code. */
export interface DeliveryErrorDetails {
  retryable: boolean;
  status?: number;
  /** From a `Retry-After` answer to 429 or 503, in ms. */
  retryAfterMs?: number;
  /** The vendor's error code or message, e.g. Slack's `channel_not_found`. */
  vendorError?: string;
  cause?: unknown;
}

/** A message that was not delivered; `retryable` says whether sending the same message again may succeed. */
export class DeliveryError extends Error {
  readonly retryable: boolean;
  readonly status: number | undefined;
  readonly retryAfterMs: number | undefined;
  readonly vendorError: string | undefined;

  constructor(message: string, details: DeliveryErrorDetails) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'DeliveryError';
    this.retryable = details.retryable;
    this.status = details.status;
    this.retryAfterMs = details.retryAfterMs;
    this.vendorError = details.vendorError;
  }
}

/** The class a sender throws, so a workflow can branch on `ActivityFailure.cause.type` per channel. */
export type DeliveryErrorClass = new (message: string, details: DeliveryErrorDetails) => DeliveryError;

/** Settings of one guarded POST: the SSRF guard, the overall timeout per attempt (headers and body) in ms. */
export interface GuardedPostOptions {
  guard: SsrfGuard;
  timeoutMs: number;
  /** Names the target in error messages, e.g. "Webhook", "Slack". */
  label: string;
  errorClass?: DeliveryErrorClass;
}

/** An answer of any status: its headers, its body (cut at 64 KiB, as UTF-8) and the wall time of the attempt in ms. */
export interface HttpAnswer {
  /** The host (and port) answering, for error messages; never the path, which may carry a token. */
  host: string;
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
  durationMs: number;
}

/** A delivery the receiver accepted: its status and the wall time of the attempt in ms, for the attempt record. */
export interface DeliveryResult {
  status: number;
  durationMs: number;
}

const MAX_RESPONSE_BYTES = 64 * 1024;

/** Throws RangeError unless `timeoutMs` is positive, so a misconfigured sender fails at start-up rather than per message. */
export function requirePositiveTimeout(timeoutMs: number): void {
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) throw new RangeError('timeoutMs must be a positive number');
}

/**
 * POSTs `body` to `url` once over node:http(s), resolving the host through the guard's `lookup`, following no redirect.
 * Resolves with any HTTP answer; throws a DeliveryError for a refused URL, a network failure or a timeout.
 */
export async function guardedPost(url: string, body: string, headers: OutgoingHttpHeaders, options: GuardedPostOptions): Promise<HttpAnswer> {
  const { guard, timeoutMs, label, errorClass = DeliveryError } = options;
  const started = performance.now();
  let target: URL;
  try {
    guard.checkUrl(url);
    target = new URL(url);
  } catch (error) {
    throw new errorClass(`${label} target refused: ${messageOf(error)}`, { retryable: false, cause: error });
  }
  try {
    const answer = await post(target, body, headers, guard, timeoutMs);
    return { ...answer, host: target.host, durationMs: Math.round(performance.now() - started) };
  } catch (error) {
    if (error instanceof TimeoutError) {
      throw new errorClass(`${label} to ${target.host} got no complete answer within ${timeoutMs} ms`, { retryable: true, cause: error });
    }
    const retryable = !(error instanceof SsrfBlockedError);
    throw new errorClass(`${label} to ${target.host} failed: ${messageOf(error)}`, { retryable, cause: error });
  }
}

/** The error for an answer that is not 2xx (undefined for 2xx): 408, 429 and 5xx are retryable, redirects never followed. */
export function answerError(answer: HttpAnswer, options: Pick<GuardedPostOptions, 'label' | 'errorClass'> & { vendorError?: string }): DeliveryError | undefined {
  const { label, errorClass = DeliveryError, vendorError } = options;
  const { status, host } = answer;
  if (status >= 200 && status < 300) return undefined;
  const said = vendorError === undefined ? '' : `: ${vendorError}`;
  if (status >= 300 && status < 400) {
    // An allowed host could redirect to a private one, so redirects are never followed.
    const location = headerOf(answer.headers.location) ?? '(no Location)';
    return new errorClass(`${label} to ${host} answered ${status} redirecting to ${location}; redirects are not followed`, {
      retryable: false,
      status,
    });
  }
  const retryable = status === 408 || status === 429 || status >= 500 || status < 200;
  return new errorClass(`${label} to ${host} answered ${status}${said}`, {
    retryable,
    status,
    vendorError,
    retryAfterMs: status === 429 || status === 503 ? parseRetryAfter(headerOf(answer.headers['retry-after'])) : undefined,
  });
}

/** A `Retry-After` value (delta-seconds or an HTTP date) in ms from now, or undefined when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** The subset of WHATWG fetch that vendor clients taking a `fetch` option call (`@slack/web-api`, `@slack/webhook`). */
export type GuardedFetch = (url: string | URL, init?: { method?: string; headers?: Record<string, string>; body?: string | FormData }) => Promise<Response>;

/**
 * A `fetch` over guardedPost for vendor clients, so they keep the SSRF guard, timeout, cap and no-redirect rule;
 * `onAnswer` sees every HTTP answer, because the clients' errors drop the headers (Retry-After) and the duration.
 */
export function guardedFetch(options: GuardedPostOptions, onAnswer: (answer: HttpAnswer) => void): GuardedFetch {
  return async (url, init = {}) => {
    if (init.method !== undefined && init.method !== 'POST') throw new TypeError(`guardedFetch sends POST only, not ${init.method}`);
    if (init.body !== undefined && typeof init.body !== 'string') throw new TypeError('guardedFetch sends string bodies only');
    const body = init.body ?? '';
    const headers: OutgoingHttpHeaders = {};
    for (const [name, value] of Object.entries(init.headers ?? {})) headers[name.toLowerCase()] = value;
    headers['content-length'] = Buffer.byteLength(body);
    const answer = await guardedPost(String(url), body, headers, options);
    onAnswer(answer);
    const responseHeaders = new Headers();
    for (const [name, value] of Object.entries(answer.headers)) {
      for (const one of Array.isArray(value) ? value : value === undefined ? [] : [value]) responseHeaders.append(name, one);
    }
    // A Response with a status outside 200-599 or a body on 204/205/304 throws; the status alone matters for those.
    const status = answer.status >= 200 && answer.status <= 599 ? answer.status : 502;
    const nullBody = status === 204 || status === 205 || status === 304;
    return new Response(nullBody ? null : answer.body, { status, headers: responseHeaders });
  };
}

class TimeoutError extends Error {
  constructor(timeoutMs: number) {
    super(`no complete answer within ${timeoutMs} ms`);
    this.name = 'TimeoutError';
  }
}

function post(url: URL, body: string, headers: OutgoingHttpHeaders, guard: SsrfGuard, timeoutMs: number): Promise<Omit<HttpAnswer, 'durationMs' | 'host'>> {
  return new Promise((resolve, reject) => {
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
      settle(() => reject(new TimeoutError(timeoutMs)));
      req.destroy();
    }, timeoutMs);
    req.on('error', (error) => settle(() => reject(error)));
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      let received = 0;
      res.on('data', (chunk: Buffer) => {
        if (received < MAX_RESPONSE_BYTES) chunks.push(chunk.subarray(0, MAX_RESPONSE_BYTES - received));
        received += chunk.length;
        if (received > MAX_RESPONSE_BYTES) res.destroy();
      });
      // The status decides; a body cut short (by us at the cap, or by the receiver) does not change it.
      res.on('error', () => undefined);
      res.on('close', () =>
        settle(() => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') })),
      );
    });
    req.end(body);
  });
}

function headerOf(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';
import type pg from 'pg';
import { z } from 'zod';
import { canonicalJson } from '../db/canonical-json';
import { claimIdempotencyKey, completeIdempotencyKey, releaseIdempotencyKey, type IdempotencyKeyRow } from '../db/idempotency-repository';
import type { Principal } from './auth';
import { HttpProblem, RETRY_AFTER_SECONDS, ValidationError } from './problem';
import { isDependencyUnavailable } from './unavailable';

/** Hours a key and its stored response are kept and replayed, counted from the first request. */
export const IDEMPOTENCY_TTL_HOURS = 24;

/** Header set on a response that is a stored earlier answer, not a new execution. */
export const IDEMPOTENT_REPLAYED_HEADER = 'Idempotent-Replayed';

/** An Idempotency-Key: 1 to 255 printable ASCII characters, chosen by the client (a UUID v4 is a good choice). */
export const IdempotencyKeySchema = z
  .string()
  .min(1)
  .max(255)
  .regex(/^[\x20-\x7E]*$/, 'Use printable ASCII characters only')
  .describe('Makes a retry safe: the same key with the same request replays the first response; keys are per API key and kept 24 h');

/** The optional request header of every POST, PUT and PATCH, for the OpenAPI document. */
export const IdempotencyHeadersSchema = z.object({ 'idempotency-key': IdempotencyKeySchema.optional() });

/** What a route answers when it succeeds: its status and its (already validated) JSON body. */
export interface RouteResult {
  status: number;
  body: unknown;
}

const FieldIssueSchema = z.object({ location: z.string(), path: z.array(z.union([z.string(), z.number()])), code: z.string(), message: z.string() });
/** A 4xx problem as stored for replay: everything but the per-request instance and request id. */
const StoredProblemSchema = z.object({ type: z.string().optional(), title: z.string(), detail: z.string(), errors: z.array(FieldIssueSchema).optional() });
const StoredHeadersSchema = z.record(z.string(), z.string());

function parseKey(header: string): string {
  const parsed = z.object({ 'Idempotency-Key': IdempotencyKeySchema }).safeParse({ 'Idempotency-Key': header });
  if (!parsed.success) throw new ValidationError('header', parsed.error);
  return parsed.data['Idempotency-Key'];
}

/** sha256 hex of method, path (with query) and the canonical JSON body; a route without a body hashes `null`. */
function hashRequest(req: Request): string {
  return createHash('sha256').update(`${req.method}\n${req.originalUrl}\n${canonicalJson(req.body ?? null)}`).digest('hex');
}

function reusedProblem(): HttpProblem {
  const message = 'This Idempotency-Key was already used for a different request (method, path or body); send a new key for a new request.';
  return new HttpProblem(422, 'Idempotency-Key reused', message, {
    type: 'idempotency-key-reused',
    errors: [{ location: 'header', path: ['Idempotency-Key'], code: 'idempotency_key_reused', message }],
  });
}

/** The earlier answer to the same key: replayed if it is complete and the request is the same, else a problem. */
function replay(row: IdempotencyKeyRow, requestHash: string, res: Response): RouteResult {
  if (row.request_hash !== requestHash) throw reusedProblem();
  if (row.state !== 'completed' || row.response_status === null) {
    throw new HttpProblem(409, 'Conflict', 'A request with this Idempotency-Key is still in progress.', {
      type: 'idempotency-key-in-progress',
      headers: { 'Retry-After': '1' },
    });
  }
  res.set(StoredHeadersSchema.parse(row.response_headers ?? {}));
  res.set(IDEMPOTENT_REPLAYED_HEADER, 'true');
  if (row.response_status >= 400) {
    const problem = StoredProblemSchema.parse(row.response_body);
    throw new HttpProblem(row.response_status, problem.title, problem.detail, {
      ...(problem.type ? { type: problem.type } : {}),
      ...(problem.errors ? { errors: problem.errors } : {}),
    });
  }
  return { status: row.response_status, body: row.response_body };
}

/**
 * How long a claim may stay in progress before a retry of the same request takes it over: longer than a write takes
 * (Temporal calls time out after TEMPORAL_RPC_TIMEOUT_MS, 10 s by default), so only a claim whose API process died
 * is taken over. Running the write again is safe even so: the incident and update ids derive from the key, so
 * Temporal applies the update once.
 */
const CLAIM_LEASE_SECONDS = 30;

/**
 * Runs a write at most once per (API key, Idempotency-Key) and answers retries with the first response (status,
 * Location and body, plus `Idempotent-Replayed: true`). Without the header it just runs. The same key with another
 * method, path or JSON body answers 422; a retry while the first request runs answers 409, and one after its API
 * process died (the claim older than CLAIM_LEASE_SECONDS) runs it again.
 *
 * Stored and replayed: 2xx answers and 4xx problems the handler threw (a retry of a refused request is refused the
 * same way; fixing the body needs a new key). Released, so the same key may be retried: 5xx and unknown errors,
 * e.g. 503 while PostgreSQL or Temporal is down. Only JSON bodies are hashed: routes whose body is raw bytes
 * streamed by the handler must not use this.
 */
export async function withIdempotency(pool: pg.Pool, req: Request, res: Response, principal: Principal, run: () => Promise<RouteResult>): Promise<RouteResult> {
  const header = req.get('idempotency-key');
  if (header === undefined) return run();
  const id = { apiKeyId: idempotencyScope(principal), key: parseKey(header) };
  const requestHash = hashRequest(req);
  const claim = await claimIdempotencyKey(pool, { ...id, method: req.method, path: req.originalUrl, requestHash, ttlHours: IDEMPOTENCY_TTL_HOURS, leaseSeconds: CLAIM_LEASE_SECONDS });
  if (!claim.claimed) return replay(claim.row, requestHash, res);

  let result: RouteResult;
  try {
    result = await run();
  } catch (error) {
    if (error instanceof HttpProblem && error.status < 500) {
      const { type, errors } = error.extras;
      const body = { ...(type ? { type } : {}), title: error.title, detail: error.message, ...(errors ? { errors } : {}) };
      await settleClaim(req, () => completeIdempotencyKey(pool, { ...id, requestHash, status: error.status, headers: error.extras.headers ?? {}, body }));
    } else {
      await settleClaim(req, () => releaseIdempotencyKey(pool, { ...id, requestHash }));
    }
    throw error;
  }

  const location = res.getHeader('location');
  await settleClaim(req, () => completeIdempotencyKey(pool, { ...id, requestHash, status: result.status, headers: typeof location === 'string' ? { Location: location } : {}, body: result.body }));
  return result;
}

/** How long a claim is kept trying to settle while PostgreSQL is unreachable. */
const SETTLE_RETRY_FOR_MS = 60 * 60 * 1000;

/**
 * Stores the answer of a claimed key, or releases the claim. While PostgreSQL is unreachable (the request was
 * answered 503 because it went down, or went down just after the write) it keeps trying in the background every
 * Retry-After seconds: a claim left in progress would answer every retry 409 until the key expires, a day later,
 * and the client would never learn whether its write was made. Never a second execution: an answer is stored, or
 * the claim released only after a failure, as when PostgreSQL is up.
 */
async function settleClaim(req: Request, settle: () => Promise<unknown>): Promise<void> {
  const giveUpAt = Date.now() + SETTLE_RETRY_FOR_MS;
  const attempt = async (): Promise<void> => {
    try {
      await settle();
    } catch (error) {
      if (!isDependencyUnavailable(error) || Date.now() > giveUpAt) {
        // The claim stays in progress until it expires: retries get 409, never a second execution.
        req.log.error({ err: error }, 'could not store or release the Idempotency-Key');
        return;
      }
      setTimeout(() => void attempt(), RETRY_AFTER_SECONDS * 1000).unref();
    }
  };
  await attempt();
}

/**
 * A UUID derived from the API key, its Idempotency-Key and the request: a retry after a timeout (503)
 * targets the same incident workflow, or carries the same Temporal update id, so a write that did land
 * is not made twice. The request is part of it, so an expired key reused for another request is new.
 */
export function idempotentUuid(principal: Principal, key: string, request: unknown): string {
  return hashedUuid(`${idempotencyScope(principal)}\n${key}\n${canonicalJson(request ?? null)}`);
}

/** A UUID from the SHA-256 of `text`: version 8 (custom) with the RFC 9562 variant bits, so it is well formed. */
function hashedUuid(text: string): string {
  const hex = createHash('sha256').update(text).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${((parseInt(hex.slice(16, 18), 16) & 0x3f) | 0x80).toString(16)}${hex.slice(18, 20)}-${hex.slice(20, 32)}`;
}

/**
 * What Idempotency-Keys (and the ids derived from them) are scoped to: the API key's id, or for a person signed in
 * through OIDC a UUID derived from their subject, the same in each of their sessions.
 */
export function idempotencyScope(principal: Principal): string {
  return principal.keyId ?? hashedUuid(`person\n${principal.subject ?? ''}`);
}

/**
 * The id a request sent with an Idempotency-Key gives what it creates (an incident's id, a write's Temporal
 * update id), so a retry targets the same one however often it runs; undefined without a key.
 */
export function idFromKey(principal: Principal, idempotencyKey: string | null, input: unknown): string | undefined {
  return idempotencyKey ? idempotentUuid(principal, idempotencyKey, input) : undefined;
}

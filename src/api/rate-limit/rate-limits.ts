import { createHash } from 'node:crypto';
import { parse as parseCookies } from 'cookie';
import type { ErrorRequestHandler, Request, RequestHandler, Response } from 'express';
import { ipKeyGenerator, rateLimit, type RateLimitExceededEventHandler } from 'express-rate-limit';
import type { Logger } from 'pino';
import type { Queryable } from '../../db/pool';
import { hashApiKey } from '../api-keys';
import { SESSION_COOKIE } from '../person-sessions';
import { HttpProblem, UnauthorizedError } from '../problem';
import { PostgresRateLimitStore } from './postgres-rate-limit-store';

/** The /v1 limits: requests per API key or console session, and failed authentications per client address. */
export interface RateLimitSettings {
  /** Requests one API key or console session may make to /v1 in a minute. */
  perCallerPerMinute: number;
  /** Failed authentications one client address may make in a window before /v1 refuses it. */
  failedAuthLimit: number;
  /** That window, in seconds. */
  failedAuthWindowSeconds: number;
}

/** The middleware of the /v1 limits: `refuse` goes before the routes, `countFailedAuthentication` after them. */
export interface RateLimits {
  refuse: RequestHandler[];
  countFailedAuthentication: ErrorRequestHandler;
}

const BEARER = /^Bearer\s+(\S+)$/i;
/** Set once a request's failed authentication is counted, so the error path does not count it again. */
const FAILURE_COUNTED = 'failedAuthenticationCounted';

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * Whom a request claims to be, as `authorize` will read it: the hash of its bearer key, else of its session
 * cookie; undefined without either (that request fails authentication, which the address limit counts).
 */
function callerKey(req: Request): string | undefined {
  const header = req.get('authorization');
  const bearer = header?.match(BEARER)?.[1];
  if (bearer) return `key:${hashApiKey(bearer)}`;
  const session = header ? undefined : parseCookies(req.headers.cookie ?? '')[SESSION_COOKIE];
  return session ? `session:${sha256(session)}` : undefined;
}

/** The client address (`req.ip`, so as `trust proxy` says), IPv6 by its /56 as one client may hold all of it. */
function addressKey(req: Request): string {
  return ipKeyGenerator(req.ip ?? req.socket.remoteAddress ?? 'unknown');
}

/** `POST /v1/intake/{sourceId}` has its own per-source limit (intake-service.ts); paths here are below /v1. */
function isSignedIntake(req: Request): boolean {
  return req.method === 'POST' && /^\/intake\/[^/]+\/?$/.test(req.path);
}

function refuseWith(detail: string): RateLimitExceededEventHandler {
  // express-rate-limit has set RateLimit-Policy, RateLimit and Retry-After; the problem handler keeps them.
  return (_req, _res, next) => next(new HttpProblem(429, 'Too Many Requests', detail));
}

/**
 * The /v1 rate limits over counters in PostgreSQL that every replica shares, with draft-8 `RateLimit` and
 * `RateLimit-Policy` headers and, on 429, `Retry-After`. An address over its failed authentications is refused
 * before its credential is looked at, a valid one too: otherwise a guessed key would still answer 200 to a
 * blocked brute force. Authenticated callers get a per-key (or per-session) limit; signed intake is left to its
 * own per-source limit, but its failed signatures count against the address like any failed authentication.
 */
export function createRateLimits({ pool, logger, settings }: { pool: Queryable; logger: Logger; settings: RateLimitSettings }): RateLimits {
  const windowSeconds = settings.failedAuthWindowSeconds;
  const failureStore = new PostgresRateLimitStore(pool, 'failed-auth:', (error) => logger.warn({ err: error }, 'sweeping rate-limit counters failed'));
  // Fail open: the limits guard against guessing and floods, and without PostgreSQL no key or session can be
  // checked anyway (authorize answers 503), so refusing on a store error would only turn a hiccup into an outage.
  const common = { standardHeaders: 'draft-8', legacyHeaders: false, passOnStoreError: true, logger } as const;
  const failedAuthentications = rateLimit({
    ...common,
    windowMs: windowSeconds * 1000,
    limit: settings.failedAuthLimit,
    identifier: 'failed-auth',
    store: failureStore,
    keyGenerator: addressKey,
    handler: refuseWith(`More than ${settings.failedAuthLimit} failed authentications from this address in ${windowSeconds} s: retry after Retry-After seconds.`),
  });
  const perCaller = rateLimit({
    ...common,
    windowMs: 60_000,
    limit: settings.perCallerPerMinute,
    identifier: 'per-caller',
    store: new PostgresRateLimitStore(pool, 'caller:'),
    skip: (req) => isSignedIntake(req) || callerKey(req) === undefined,
    keyGenerator: (req) => callerKey(req)!,
    handler: refuseWith(`This API key or session may make ${settings.perCallerPerMinute} requests a minute: retry after Retry-After seconds.`),
  });

  const refuseBlockedAddress: RequestHandler = async (req, res, next) => {
    let blocked = false;
    try {
      const counted = await failureStore.get(addressKey(req));
      blocked = counted !== undefined && counted.totalHits >= settings.failedAuthLimit;
    } catch (error) {
      logger.error({ err: error }, 'rate-limit store unavailable: allowing the request without the failed-authentication check');
    }
    if (!blocked) {
      next();
      return;
    }
    // Another attempt from a blocked address counts as one more failure: the limiter answers 429 with its headers.
    res.locals[FAILURE_COUNTED] = true;
    await failedAuthentications(req, res, next);
  };

  const countFailedAuthentication: ErrorRequestHandler = (error, req, res: Response, next) => {
    if (!(error instanceof UnauthorizedError) || res.locals[FAILURE_COUNTED] === true) {
      next(error);
      return;
    }
    res.locals[FAILURE_COUNTED] = true;
    // The limiter answers the attempt over the limit with 429 (passed on as an error); otherwise the 401 stands.
    void failedAuthentications(req, res, (limited?: unknown) => next(limited ?? error));
  };

  return { refuse: [refuseBlockedAddress, perCaller], countFailedAuthentication };
}

import type { Request, Response } from 'express';
import type pg from 'pg';
import { findActiveApiKeyByHash } from '../db/api-keys-repository';
import type { PersonSessionRow } from '../db/sessions-repository';
import type { Actor } from '../domain/incident';
import type { Role } from '../domain/roles';
import { hashApiKey } from './api-keys';
import { CSRF_HEADER, sameSecret, type PersonSessions } from './person-sessions';
import { ForbiddenError, UnauthorizedError } from './problem';

/** The authenticated caller: an API key (its id, name and role) or a signed-in person (name, role, OIDC subject). */
export type Principal = Actor & { role: Role };

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The person's session behind this request, when a person (not a key) made it; set by `authorize`. */
export function personSessionOf(res: Response): PersonSessionRow | undefined {
  return res.locals.personSession as PersonSessionRow | undefined;
}

async function keyPrincipal(pool: pg.Pool, key: string): Promise<Principal> {
  const row = await findActiveApiKeyByHash(pool, hashApiKey(key));
  if (!row) throw new UnauthorizedError('The API key is unknown or revoked.');
  return { keyId: row.id, name: row.name, role: row.role };
}

async function personPrincipal(sessions: PersonSessions, req: Request, res: Response): Promise<Principal> {
  const session = await sessions.find(req);
  if (!session) throw new UnauthorizedError('Your session has ended: sign in again.');
  // A cookie rides along with any request a page on another site makes the browser send; the token does not.
  const token = req.get(CSRF_HEADER);
  if (!SAFE_METHODS.has(req.method) && !(token && sameSecret(token, session.csrf_token))) {
    throw new ForbiddenError(`A change made with a session cookie needs the session's CSRF token in the ${CSRF_HEADER} header.`);
  }
  res.locals.personSession = session;
  return { keyId: null, name: session.name, role: session.role, subject: session.subject };
}

/**
 * Resolves the caller, a bearer API key or else the console's session cookie, and checks its role; throws 401 or
 * 403 problems. A key wins over a cookie: a machine's request never depends on a browser's session.
 */
export async function authorize(pool: pg.Pool, sessions: PersonSessions, req: Request, res: Response, roles: readonly Role[]): Promise<Principal> {
  const header = req.get('authorization');
  const match = header?.match(/^Bearer\s+(\S+)$/i);
  let principal: Principal;
  if (match) principal = await keyPrincipal(pool, match[1]!);
  else if (!header && sessions.presented(req)) principal = await personPrincipal(sessions, req, res);
  else throw new UnauthorizedError('An API key is required: send `Authorization: Bearer <key>`; people sign in at /auth/login.');
  if (!roles.includes(principal.role)) {
    throw new ForbiddenError(`The role '${principal.role}' may not do this; it needs one of: ${roles.join(', ')}.`);
  }
  return principal;
}

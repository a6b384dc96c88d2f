import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { parse as parseCookies, serialize as serializeCookie } from 'cookie';
import type { Request, Response } from 'express';
import type pg from 'pg';
import { endPersonSession, insertPersonSession, touchLivePersonSession, type PersonSessionRow } from '../db/sessions-repository';
import type { Role } from '../domain/roles';

/** The console's session cookie: a random token, httpOnly; PostgreSQL keeps only its SHA-256. */
export const SESSION_COOKIE = 'bre_session';
/** Header a cookie-authenticated write must carry: the session's CSRF token (synchronizer-token pattern). */
export const CSRF_HEADER = 'x-csrf-token';

/** A person as the OpenID provider vouched for them, with the role their claims map to. */
export interface SignedInPerson {
  issuer: string;
  subject: string;
  name: string;
  email: string | null;
  role: Role;
}

function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Whether two secrets are equal, in time that does not depend on where they differ. */
export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Server-side sessions of people signed in through OpenID Connect: idle and absolute expiry, logout. */
export function createPersonSessions({ pool, idleMinutes, maxHours, secureCookies }: { pool: pg.Pool; idleMinutes: number; maxHours: number; secureCookies: boolean }) {
  const cookieOptions = { httpOnly: true, secure: secureCookies, sameSite: 'lax' as const, path: '/' };
  const tokenOf = (req: Request): string | undefined => parseCookies(req.headers.cookie ?? '')[SESSION_COOKIE] || undefined;

  return {
    /** Starts a session for the person and sets its cookie. */
    async start(res: Response, person: SignedInPerson): Promise<void> {
      const token = randomBytes(32).toString('base64url');
      const expiresAt = new Date(Date.now() + maxHours * 3_600_000);
      await insertPersonSession(pool, { ...person, tokenHash: hashToken(token), csrfToken: randomBytes(32).toString('base64url'), expiresAt });
      res.append('Set-Cookie', serializeCookie(SESSION_COOKIE, token, { ...cookieOptions, expires: expiresAt }));
    },

    /** Whether the request carries a session cookie at all (live or not). */
    presented: (req: Request): boolean => tokenOf(req) !== undefined,

    /** The live session the request's cookie names, if any. */
    async find(req: Request): Promise<PersonSessionRow | undefined> {
      const token = tokenOf(req);
      return token ? touchLivePersonSession(pool, hashToken(token), idleMinutes * 60) : undefined;
    },

    /** Ends the request's session and clears its cookie. */
    async end(req: Request, res: Response): Promise<void> {
      const token = tokenOf(req);
      if (token) await endPersonSession(pool, hashToken(token));
      res.append('Set-Cookie', serializeCookie(SESSION_COOKIE, '', { ...cookieOptions, expires: new Date(0) }));
    },
  };
}

export type PersonSessions = ReturnType<typeof createPersonSessions>;

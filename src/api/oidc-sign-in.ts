import { Router, type Request, type Response } from 'express';
import * as oidc from 'openid-client';
import type pg from 'pg';
import type { Logger } from 'pino';
import { insertLoginRequest, takeLoginRequest } from '../db/sessions-repository';
import { RoleSchema, type Role } from '../domain/roles';
import { CSRF_HEADER, sameSecret, type PersonSessions } from './person-sessions';
import { ForbiddenError, RETRY_AFTER_SECONDS } from './problem';
import { isDependencyUnavailable } from './unavailable';

/** Where people sign in: the provider, this client's registration there, and how claims map to roles. */
export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  scopes: string;
  roleClaim: string;
  /** Claim value → role. */
  roleMap: Record<string, Role>;
}

/** How long a person may take at the provider between leaving for it and coming back. */
const LOGIN_REQUEST_MAX_AGE_SECONDS = 600;
/** Most powerful first: a person in several mapped groups gets the strongest role. */
const ROLE_ORDER = RoleSchema.options;

/** The strongest role the claim's values map to; undefined when none maps. */
export function roleFromClaim(claim: unknown, roleMap: Record<string, Role>): Role | undefined {
  const values = (Array.isArray(claim) ? claim : [claim]).filter((v): v is string => typeof v === 'string');
  const roles = new Set(values.map((v) => roleMap[v]).filter((r): r is Role => r !== undefined));
  return ROLE_ORDER.find((role) => roles.has(role));
}

/** Only a path on this site: an absolute or protocol-relative URL would make sign-in an open redirect. */
export function safeReturnPath(value: unknown): string {
  return typeof value === 'string' && /^\/(?![/\\])[\x21-\x7e]*$/.test(value) && value.length <= 2000 ? value : '/';
}

function page(res: Response, status: number, title: string, message: string): void {
  const escape = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  res
    .status(status)
    .type('html')
    .send(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escape(title)}</title></head>` +
      `<body style="font-family:system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem"><main><h1>${escape(title)}</h1><p>${escape(message)}</p>` +
      '<p><a href="/auth/login">Try signing in again</a></p></main></body></html>');
}

/** A handler of a page people look at: a database outage gets a page saying so (503), not a problem+json body. */
function forPeople(handler: (req: Request, res: Response) => Promise<void>) {
  return async (req: Request, res: Response) => {
    try {
      await handler(req, res);
    } catch (error) {
      if (!isDependencyUnavailable(error)) throw error;
      res.set('Retry-After', String(RETRY_AFTER_SECONDS));
      page(res, 503, 'Sign-in is unavailable', 'The service cannot reach its database right now. Try again in a minute.');
    }
  };
}

/**
 * Sign-in for people through OpenID Connect (authorization code + PKCE, state and nonce): `/auth/login`,
 * `/auth/callback`, `POST /auth/logout`. Without settings, /auth/login says sign-in is not configured.
 */
export function oidcSignInRouter(deps: { pool: pg.Pool; sessions: PersonSessions; publicUrl: string; settings?: OidcSettings; logger: Logger }): Router {
  const { pool, sessions, publicUrl, settings, logger } = deps;
  const router = Router();
  const redirectUri = `${publicUrl}/auth/callback`;
  // Discovered on first use and kept; a failed discovery (provider down) is retried by the next sign-in.
  let discovered: Promise<oidc.Configuration> | undefined;
  const configuration = (s: OidcSettings) => {
    discovered ??= oidc
      .discovery(new URL(s.issuer), s.clientId, s.clientSecret, undefined, s.issuer.startsWith('http:') ? { execute: [oidc.allowInsecureRequests] } : undefined)
      .catch((error: unknown) => {
        discovered = undefined;
        throw error;
      });
    return discovered;
  };

  router.get('/auth/login', forPeople(async (req: Request, res: Response) => {
    if (!settings) return page(res, 503, 'Sign-in is not configured', 'This server has no OpenID provider: set OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET.');
    let config: oidc.Configuration;
    try {
      config = await configuration(settings);
    } catch (error) {
      logger.warn({ err: error }, 'OpenID provider discovery failed');
      return page(res, 503, 'Sign-in is unavailable', 'The identity provider cannot be reached right now. Try again in a minute.');
    }
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    const codeVerifier = oidc.randomPKCECodeVerifier();
    await insertLoginRequest(pool, { state, nonce, codeVerifier, returnTo: safeReturnPath(req.query.returnTo) });
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      scope: settings.scopes,
      state,
      nonce,
      code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
    });
    res.redirect(303, url.href);
  }));

  router.get('/auth/callback', forPeople(async (req: Request, res: Response) => {
    if (!settings) return page(res, 503, 'Sign-in is not configured', 'This server has no OpenID provider.');
    const state = typeof req.query.state === 'string' ? req.query.state : '';
    const request = state ? await takeLoginRequest(pool, state, LOGIN_REQUEST_MAX_AGE_SECONDS) : undefined;
    if (!request) return page(res, 400, 'Sign-in expired', 'This sign-in link was already used or is too old.');
    let claims: Record<string, unknown>;
    try {
      const config = await configuration(settings);
      const tokens = await oidc.authorizationCodeGrant(config, new URL(req.originalUrl, publicUrl), {
        pkceCodeVerifier: request.code_verifier,
        expectedState: state,
        expectedNonce: request.nonce,
        idTokenExpected: true,
      });
      const idToken = tokens.claims()!;
      // Some providers put groups in userinfo only; the ID token's subject binds the answer to this person.
      const userinfo = idToken[settings.roleClaim] === undefined ? await oidc.fetchUserInfo(config, tokens.access_token, idToken.sub) : {};
      claims = { ...userinfo, ...idToken };
    } catch (error) {
      logger.warn({ err: error }, 'OpenID sign-in failed');
      return page(res, 400, 'Sign-in failed', 'The identity provider did not confirm the sign-in.');
    }
    const role = roleFromClaim(claims[settings.roleClaim], settings.roleMap);
    if (!role) {
      logger.info({ subject: claims.sub }, 'sign-in refused: no mapped role');
      return res.redirect(303, '/no-role');
    }
    const name = [claims.name, claims.preferred_username, claims.email, claims.sub].find((v): v is string => typeof v === 'string' && v.length > 0)!;
    await sessions.start(res, { issuer: settings.issuer, subject: String(claims.sub), name, email: typeof claims.email === 'string' ? claims.email : null, role });
    res.redirect(303, request.return_to);
  }));

  router.post('/auth/logout', async (req: Request, res: Response) => {
    const session = await sessions.find(req);
    const token = req.get(CSRF_HEADER);
    // Logging someone out from another site's page is a nuisance attack; the token proves the console asked.
    if (session && !(token && sameSecret(token, session.csrf_token))) throw new ForbiddenError(`Send the session's CSRF token in the ${CSRF_HEADER} header.`);
    await sessions.end(req, res);
    res.status(204).end();
  });

  return router;
}

import type { Role } from '../domain/roles';
import type { Queryable } from './pool';

/** A person_sessions row as PostgreSQL returns it. */
export interface PersonSessionRow {
  token_hash: string;
  issuer: string;
  subject: string;
  name: string;
  email: string | null;
  role: Role;
  csrf_token: string;
  created_at: Date;
  last_seen_at: Date;
  expires_at: Date;
}

export async function insertPersonSession(
  client: Queryable,
  session: { tokenHash: string; issuer: string; subject: string; name: string; email: string | null; role: Role; csrfToken: string; expiresAt: Date },
): Promise<void> {
  await client.query(
    `INSERT INTO person_sessions (token_hash, issuer, subject, name, email, role, csrf_token, expires_at)
     VALUES ($1::text, $2::text, $3::text, $4::text, $5::text, $6::text, $7::text, $8::timestamptz)`,
    [session.tokenHash, session.issuer, session.subject, session.name, session.email, session.role, session.csrfToken, session.expiresAt],
  );
}

/**
 * The live session with this token hash: not ended, before its absolute expiry, and seen within `idleSeconds`.
 * Marks it seen now when the last mark is older than a minute, so a busy console writes at most once a minute.
 */
export async function touchLivePersonSession(client: Queryable, tokenHash: string, idleSeconds: number): Promise<PersonSessionRow | undefined> {
  const { rows } = await client.query<PersonSessionRow>(
    `WITH live AS (
       SELECT * FROM person_sessions
       WHERE token_hash = $1::text AND ended_at IS NULL AND expires_at > now()
         AND last_seen_at > now() - make_interval(secs => $2::int)
     ), touched AS (
       UPDATE person_sessions s SET last_seen_at = now()
       FROM live WHERE s.token_hash = live.token_hash AND live.last_seen_at < now() - interval '1 minute'
       RETURNING s.token_hash
     )
     SELECT * FROM live`,
    [tokenHash, idleSeconds],
  );
  return rows[0];
}

/** Ends a session (logout); ending one already ended changes nothing. */
export async function endPersonSession(client: Queryable, tokenHash: string): Promise<void> {
  await client.query('UPDATE person_sessions SET ended_at = now() WHERE token_hash = $1::text AND ended_at IS NULL', [tokenHash]);
}

export async function insertLoginRequest(client: Queryable, request: { state: string; codeVerifier: string; nonce: string; returnTo: string }): Promise<void> {
  await client.query(
    'INSERT INTO oidc_login_requests (state, code_verifier, nonce, return_to) VALUES ($1::text, $2::text, $3::text, $4::text)',
    [request.state, request.codeVerifier, request.nonce, request.returnTo],
  );
}

/** Removes and returns the login request with this state if it is younger than `maxAgeSeconds`: each can finish once. */
export async function takeLoginRequest(
  client: Queryable,
  state: string,
  maxAgeSeconds: number,
): Promise<{ code_verifier: string; nonce: string; return_to: string } | undefined> {
  const { rows } = await client.query<{ code_verifier: string; nonce: string; return_to: string; fresh: boolean }>(
    `DELETE FROM oidc_login_requests WHERE state = $1::text
     RETURNING code_verifier, nonce, return_to, created_at > now() - make_interval(secs => $2::int) AS fresh`,
    [state, maxAgeSeconds],
  );
  return rows[0]?.fresh ? rows[0] : undefined;
}

/** Deletes sessions past their absolute expiry and abandoned login requests; any replica may sweep. */
export async function deleteStaleSessions(client: Queryable): Promise<void> {
  await client.query("DELETE FROM person_sessions WHERE expires_at < now() - interval '1 day' OR ended_at < now() - interval '1 day'");
  await client.query("DELETE FROM oidc_login_requests WHERE created_at < now() - interval '1 hour'");
}

-- Up Migration

-- People sign in through OpenID Connect; each sign-in is one server-side session. The cookie holds a random
-- token; only its SHA-256 is stored, so a copy of this table opens no session.
CREATE TABLE person_sessions (
  token_hash text PRIMARY KEY,
  issuer text NOT NULL,
  subject text NOT NULL,
  name text NOT NULL,
  email text,
  role text NOT NULL,
  csrf_token text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  ended_at timestamptz,
  CONSTRAINT person_sessions_role_check CHECK (role IN ('admin', 'dpo', 'responder', 'viewer'))
);
CREATE INDEX person_sessions_expires_at_idx ON person_sessions (expires_at);

-- An authorization request in flight: what the callback needs to finish it (PKCE verifier, nonce, where to return).
-- Keyed by the OAuth state, so any API replica can finish a sign-in another one started.
CREATE TABLE oidc_login_requests (
  state text PRIMARY KEY,
  code_verifier text NOT NULL,
  nonce text NOT NULL,
  return_to text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX oidc_login_requests_created_at_idx ON oidc_login_requests (created_at);

-- A person's writes name them in the audit trail by the provider's subject as well as by name.
ALTER TABLE audit_events ADD COLUMN actor_subject text;

-- Down Migration

ALTER TABLE audit_events DROP COLUMN actor_subject;
DROP TABLE oidc_login_requests;
DROP TABLE person_sessions;

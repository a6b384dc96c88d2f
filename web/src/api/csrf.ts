// The session's CSRF token, held in memory only: the client middleware sends it with every write.
let token: string | null = null;

/** Remembers the CSRF token of the signed-in session. */
export function setCsrfToken(value: string | null): void {
  token = value;
}

/** The CSRF token of the signed-in session, or null before the session is known. */
export function csrfToken(): string | null {
  return token;
}

/** The header every non-GET request carries: the server refuses cookie-authenticated writes without it (403). */
export const CSRF_HEADER = 'X-CSRF-Token';

/** Where the browser goes to sign in, coming back to `returnTo` (a path on this site). */
export function signInUrl(returnTo: string = window.location.pathname + window.location.search): string {
  return `/auth/login?returnTo=${encodeURIComponent(returnTo)}`;
}

let redirecting = false;

/** Sends the browser to sign in (a full page load: the server redirects to the OpenID provider and back). */
export function redirectToSignIn(): void {
  if (redirecting) return;
  redirecting = true;
  window.location.assign(signInUrl());
}

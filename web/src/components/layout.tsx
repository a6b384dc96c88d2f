import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Link, NavLink, Outlet, useLocation } from 'react-router';
import { CSRF_HEADER, csrfToken } from '../api/csrf';
import { roleMay } from '../api/permissions';
import { SessionProvider, useSessionQuery, type Session } from '../api/session';
import { ApiError } from '../api/problems';
import { ReadinessBanner } from './readiness-banner';
import { ErrorState, Loading } from './states';
import type { Role } from '@domain/roles';

const ROLE_LABELS: Record<string, string> = { admin: 'Administrator', dpo: 'DPO', responder: 'Responder', viewer: 'Viewer' };

/** The role's name as shown in the header. */
export function roleLabel(role: string): string {
  return ROLE_LABELS[role] ?? role;
}

function Brand() {
  return (
    <Link to="/" className="brand">
      <span className="brand-mark" aria-hidden="true" />
      <span>Breach response</span>
    </Link>
  );
}

/** Moves focus to the new page's heading after client-side navigation, as a full page load would reset it. */
function useFocusOnNavigation() {
  const { pathname, hash } = useLocation();
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const timer = setTimeout(() => {
      // A link to a part of the page (…/notification#record-subjects-notice) lands there, as a full page load would:
      // the page has already scrolled to it and put the cursor in it, which focusing the heading would undo.
      if (hash && document.getElementById(decodeURIComponent(hash.slice(1)))) return;
      const target = document.getElementById('page-title') ?? document.getElementById('main');
      target?.focus({ preventScroll: false });
    }, 0);
    return () => clearTimeout(timer);
  }, [pathname]);
}

function SignOutButton() {
  const [failed, setFailed] = useState(false);
  const signOut = async () => {
    try {
      // /auth is the sign-in flow, not part of the /v1 API document; like every write it carries the CSRF token.
      const response = await fetch('/auth/logout', { method: 'POST', credentials: 'same-origin', headers: { [CSRF_HEADER]: csrfToken() ?? '' } });
      if (!response.ok && response.status !== 401) throw new Error(String(response.status));
      window.location.assign('/signed-out');
    } catch {
      setFailed(true);
    }
  };
  return (
    <>
      <button type="button" className="button button-ghost" onClick={() => void signOut()}>
        Sign out
      </button>
      {failed && (
        <span className="sign-out-failed" role="alert">
          Sign-out failed; try again.
        </span>
      )}
    </>
  );
}

function Header({ session }: { session: Session }) {
  const [open, setOpen] = useState(false);
  const { pathname } = useLocation();
  useEffect(() => setOpen(false), [pathname]);
  const role = session.role as Role;
  return (
    <header className="app-header">
      <div className="app-header-inner">
        <Brand />
        <button type="button" className="nav-toggle button button-ghost" aria-expanded={open} aria-controls="primary-nav" onClick={() => setOpen(!open)}>
          <span aria-hidden="true">☰</span> Menu
        </button>
        <div id="primary-nav" className={`header-collapse ${open ? 'is-open' : ''}`}>
          <nav aria-label="Main" className="primary-nav">
            <NavLink to="/" end>
              Deadlines
            </NavLink>
            <NavLink to="/incidents">Incidents</NavLink>
            {roleMay(role, 'GET /v1/register') && <NavLink to="/register">Register</NavLink>}
            {(role === 'dpo' || role === 'admin') && <NavLink to="/settings">Settings</NavLink>}
          </nav>
          <div className="user-box">
            <span className="user-name">{session.name}</span>
            <span className="user-role">{roleLabel(session.role)}</span>
            <SignOutButton />
          </div>
        </div>
      </div>
    </header>
  );
}

function Shell({ header, children }: { header: ReactNode; children: ReactNode }) {
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to main content
      </a>
      {header}
      <ReadinessBanner />
      <main id="main" tabIndex={-1}>
        {children}
      </main>
      <footer className="app-footer">
        <p>
          Breach response engine · times in your time zone ({Intl.DateTimeFormat().resolvedOptions().timeZone}) · <a href="/docs">API documentation</a>
        </p>
      </footer>
    </>
  );
}

/** Pages for signed-in people: loads the session (a 401 goes to sign in), then header, banner and the page. */
export function SignedInLayout() {
  const session = useSessionQuery();
  useFocusOnNavigation();
  if (session.isPending || (session.error instanceof ApiError && session.error.status === 401)) {
    return (
      <Shell header={<header className="app-header"><div className="app-header-inner"><Brand /></div></header>}>
        <Loading what={session.isPending ? 'Loading the console' : 'Taking you to sign in'} />
      </Shell>
    );
  }
  if (session.isError) {
    return (
      <Shell header={<header className="app-header"><div className="app-header-inner"><Brand /></div></header>}>
        <h1 id="page-title" tabIndex={-1}>
          Waiting for the server
        </h1>
        <ErrorState error={session.error} what="Your session" onRetry={() => void session.refetch()} />
      </Shell>
    );
  }
  return (
    <SessionProvider session={session.data}>
      <Shell header={<Header session={session.data} />}>
        <Outlet />
      </Shell>
    </SessionProvider>
  );
}

/** Pages shown without a session (signed out, no role): brand only, no API calls. */
export function PublicLayout() {
  useFocusOnNavigation();
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to main content
      </a>
      <header className="app-header">
        <div className="app-header-inner">
          <Brand />
        </div>
      </header>
      <main id="main" tabIndex={-1} className="public-main">
        <Outlet />
      </main>
    </>
  );
}

import { useQuery } from '@tanstack/react-query';
import { createContext, useContext, type ReactNode } from 'react';
import type { Role } from '@domain/roles';
import { api, unwrap } from './client';
import { setCsrfToken } from './csrf';
import { roleMay, type Operation } from './permissions';
import type { paths } from './schema';

/** Who is signed in (`GET /v1/session`): a person (OIDC) or an API key, their role and the CSRF token for writes. */
export type Session = paths['/v1/session']['get']['responses'][200]['content']['application/json'];

const SessionContext = createContext<Session | null>(null);

/** The query of the current session; a 401 sends the browser to sign in (client middleware). */
export function useSessionQuery() {
  return useQuery({
    queryKey: ['session'],
    queryFn: async () => {
      const session = await unwrap(api.GET('/v1/session'));
      setCsrfToken(session.csrfToken);
      return session;
    },
    staleTime: 60_000,
    // Every 5 minutes notices a session that ended elsewhere; every 5 s while the server could not answer.
    refetchInterval: (query) => (query.state.status === 'error' ? 5_000 : 5 * 60_000),
  });
}

/** Makes the signed-in session available to the pages below. */
export function SessionProvider({ session, children }: { session: Session; children: ReactNode }) {
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

/** The signed-in session; only pages inside the signed-in layout call it. */
export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside the signed-in layout');
  return session;
}

/** Whether the signed-in role may call the operation (the console hides what it may not). */
export function useMay(operation: Operation): boolean {
  return roleMay(useSession().role as Role, operation);
}

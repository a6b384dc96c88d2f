import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createBrowserRouter, Navigate, RouterProvider } from 'react-router';
import { ApiError } from './api/problems';
import { PublicLayout, SignedInLayout } from './components/layout';
import { BoardPage, boardQuery } from './pages/board';
import { EscalationPage } from './pages/escalation';
import { IncidentPage } from './pages/incident/incident-page';
import { incidentSectionRoutes } from './pages/incident/sections';
import { IncidentsPage } from './pages/incidents';
import { NoRolePage } from './pages/no-role';
import { NotFoundPage } from './pages/not-found';
import { OpenIncidentPage } from './pages/open-incident';
import { RegisterPage } from './pages/register';
import { SettingsPage } from './pages/settings/settings-page';
import { settingsRoutes } from './pages/settings/sections';
import { SignedOutPage } from './pages/signed-out';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // An outage is worth a few retries; a 4xx will answer the same again.
      retry: (failures, error) => error instanceof ApiError && error.transient && failures < 3,
      retryDelay: (attempt) => Math.min(1000 * 2 ** attempt, 10_000),
      refetchOnWindowFocus: true,
      staleTime: 5_000,
    },
  },
});

const router = createBrowserRouter([
  {
    element: <PublicLayout />,
    children: [
      { path: '/signed-out', element: <SignedOutPage /> },
      { path: '/no-role', element: <NoRolePage /> },
    ],
  },
  {
    element: <SignedInLayout />,
    children: [
      {
        path: '/',
        element: <BoardPage />,
        // Starts the board's request alongside the session's instead of after it: the DPO's home paints sooner.
        loader: ({ request }) => {
          void queryClient.prefetchQuery(boardQuery(new URL(request.url).searchParams));
          return null;
        },
      },
      { path: '/incidents', element: <IncidentsPage /> },
      { path: '/incidents/new', element: <OpenIncidentPage /> },
      { path: '/incidents/:id/escalations/:escalationId', element: <EscalationPage /> },
      { path: '/incidents/:id', element: <IncidentPage />, children: incidentSectionRoutes },
      { path: '/register', element: <RegisterPage /> },
      { path: '/settings', element: <SettingsPage />, children: [{ index: true, element: <Navigate to="contacts" replace /> }, ...settingsRoutes] },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);

/** The console: data cache, router and the two layouts (signed in, public). */
export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  );
}

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { onUnavailable } from '../api/availability';

interface Readiness {
  reachable: boolean;
  checks: { postgres?: string; temporal?: string };
}

// /readyz is the operations probe, not part of the /v1 API document, so it is read with plain fetch.
async function fetchReadiness(): Promise<Readiness> {
  try {
    const response = await fetch('/readyz', { headers: { Accept: 'application/json' }, cache: 'no-store' });
    const body = (await response.json().catch(() => ({}))) as { checks?: Readiness['checks'] };
    return { reachable: true, checks: body.checks ?? (response.ok ? {} : { postgres: 'unknown', temporal: 'unknown' }) };
  } catch {
    return { reachable: false, checks: {} };
  }
}

function outageMessages({ reachable, checks }: Readiness): string[] {
  if (!reachable) return ["The server can't be reached — changes can't be saved right now; retrying…"];
  const messages: string[] = [];
  if (checks.postgres && checks.postgres !== 'ok') messages.push("PostgreSQL is unreachable — changes can't be saved right now; retrying…");
  if (checks.temporal && checks.temporal !== 'ok')
    messages.push("Temporal is unreachable — changes can't be saved and live clocks can't be read right now; retrying…");
  return messages;
}

/** A banner while the API or one of its dependencies is down (GET /readyz every 15 s, at once after a 503). */
export function ReadinessBanner() {
  const readiness = useQuery({ queryKey: ['readyz'], queryFn: fetchReadiness, refetchInterval: 15_000, refetchIntervalInBackground: false, retry: false });
  const { refetch } = readiness;
  useEffect(() => onUnavailable(() => void refetch()), [refetch]);
  const messages = readiness.data ? outageMessages(readiness.data) : [];

  // Once the outage ends, reads that gave up during it load again without a reload.
  const queryClient = useQueryClient();
  const wasDown = useRef(false);
  const down = messages.length > 0;
  useEffect(() => {
    if (wasDown.current && !down) void queryClient.refetchQueries({ type: 'active', predicate: (query) => query.state.status === 'error' });
    wasDown.current = down;
  }, [down, queryClient]);
  return (
    <div className="readiness" role="alert" aria-live="assertive">
      {messages.length > 0 && (
        <div className="banner banner-danger">
          {messages.map((message) => (
            <p key={message}>
              <span className="banner-icon" aria-hidden="true">
                ⚠
              </span>{' '}
              {message}
            </p>
          ))}
        </div>
      )}
    </div>
  );
}

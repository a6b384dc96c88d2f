import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { RoleSchema } from '@domain/roles';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { useMay } from '../../api/session';
import { roleLabel } from '../../components/layout';
import { LoadMore } from '../../components/load-more';
import { Section } from '../../components/section';
import { Empty, ErrorState, QueryView } from '../../components/states';
import { StatusChip } from '../../components/status-chip';
import { Time } from '../../components/time';
import { humanize } from '../../lib/labels';
import { incidentKey, useIncident } from './incident-data';

type AuditEvent = components['schemas']['AuditEvent'];

function payloadValue(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

function Actor({ actor }: { actor: AuditEvent['actor'] }) {
  // An API key's writes carry its id; a person signed in through OIDC has none but one of the four roles; the engine has neither.
  const kind = actor.keyId ? 'API key' : (RoleSchema.options as readonly string[]).includes(actor.role) ? 'signed in' : 'engine';
  return (
    <span className="actor">
      <strong>{actor.name}</strong>
      {actor.role && <span className="muted"> · {roleLabel(actor.role)}</span>}
      <span className="muted"> ({kind})</span>
    </span>
  );
}

function VerifyChain({ incidentId }: { incidentId: string }) {
  const verify = useQuery({
    queryKey: incidentKey(incidentId, 'audit-verify'),
    queryFn: () => unwrap(api.GET('/v1/incidents/{id}/audit/verify', { params: { path: { id: incidentId } } })),
    enabled: false,
    retry: false,
  });
  return (
    <div className="verify-chain">
      <button type="button" className="button button-secondary" onClick={() => void verify.refetch()} disabled={verify.isFetching}>
        {verify.isFetching ? 'Verifying…' : 'Verify chain'}
      </button>
      <div role="status" className="verify-result">
        {verify.data &&
          (verify.data.valid ? (
            <StatusChip tone="success">Chain intact: {verify.data.checked} entries verified</StatusChip>
          ) : verify.data.firstBroken ? (
            <StatusChip tone="danger">
              Chain broken at entry {verify.data.firstBroken.seq} ({humanize(verify.data.firstBroken.reason)}) — {verify.data.checked} checked
            </StatusChip>
          ) : (
            <StatusChip tone="danger">
              Entries removed from the end: the chain stops at entry {verify.data.checked}, the incident recorded entry {verify.data.head?.seq}
            </StatusChip>
          ))}
        {verify.isError && <ErrorState error={verify.error} what="The verification" />}
      </div>
    </div>
  );
}

/** The hash-chained audit trail, oldest first, with who did what; "Verify chain" recomputes it on the server. */
export function TimelineSection() {
  const incident = useIncident();
  const mayVerify = useMay('GET /v1/incidents/{id}/audit/verify');
  const timeline = useInfiniteQuery({
    queryKey: incidentKey(incident.id, 'timeline'),
    queryFn: ({ pageParam }) =>
      unwrap(api.GET('/v1/incidents/{id}/timeline', { params: { path: { id: incident.id }, query: { afterSeq: pageParam, limit: 200 } } })),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last) => last.nextAfterSeq ?? undefined,
  });
  const items = timeline.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Section id="timeline" title="Audit timeline" actions={mayVerify ? <VerifyChain incidentId={incident.id} /> : undefined} description="Every change, who made it and when. PostgreSQL keeps it append-only and hash-chained.">
      <QueryView
        query={timeline}
        what="The timeline"
        loading="Loading the timeline"
        errorWhenEmpty
        isEmpty={() => items.length === 0}
        empty={
          <Empty>
            <p>No entry yet.</p>
          </Empty>
        }
      >
        {() => (
          <>
            <ol className="timeline">
              {items.map((e) => (
                <li key={e.seq} data-testid="timeline-entry">
                  <div className="timeline-head">
                    <span className="timeline-seq">#{e.seq}</span> <strong className="timeline-event">{humanize(e.eventType.replace(/[._]/g, ' '))}</strong>{' '}
                    <Time value={e.occurredAt} />
                  </div>{' '}
                  <p className="timeline-actor">
                    by <Actor actor={e.actor} />
                  </p>
                  {Object.keys(e.payload).length > 0 && (
                    <details>
                      <summary>
                        Details<span className="visually-hidden"> of entry {e.seq}</span>
                      </summary>
                      <dl className="kv">
                        {Object.entries(e.payload).map(([k, v]) => (
                          <div key={k}>
                            <dt>{humanize(k.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase())}</dt>
                            <dd className="break">{payloadValue(v)}</dd>
                          </div>
                        ))}
                      </dl>
                      <p className="cell-sub mono break">hash {e.hash}</p>
                    </details>
                  )}
                </li>
              ))}
            </ol>
            <LoadMore query={timeline} />
          </>
        )}
      </QueryView>
    </Section>
  );
}

import { useInfiniteQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api, unwrap } from '../api/client';
import type { components } from '../api/schema';
import { useMay } from '../api/session';
import { CardTable } from '../components/card-table';
import { LoadMore } from '../components/load-more';
import { PageHeader } from '../components/page-header';
import { Empty, QueryView } from '../components/states';
import { IncidentStatusChip, StatusChip } from '../components/status-chip';
import { Time } from '../components/time';
import { formatCount, humanize } from '../lib/labels';
import { BandChip } from './incident/risk';

type Entry = components['schemas']['RegisterEntry'];

function Notified({ entry }: { entry: Entry }) {
  const n = entry.notifications;
  return (
    <>
      {entry.decisions.supervisoryAuthority ? humanize(entry.decisions.supervisoryAuthority) : <span className="muted">Not decided</span>}
      {n.authorityNotifiedAt && (
        <span className="cell-sub">
          Notified <Time value={n.authorityNotifiedAt} /> {n.authorityNoticeLate && <StatusChip tone="danger">Late</StatusChip>}
        </span>
      )}
    </>
  );
}

function EntryDetails({ entry }: { entry: Entry }) {
  const f = entry.facts;
  return (
    <details>
      <summary>
        Details<span className="visually-hidden"> of {entry.reference}</span>
      </summary>
      <dl className="kv">
        <div>
          <dt>Facts</dt>
          <dd>
            {f.description ?? '—'}
            {f.cause && <span className="cell-sub">Cause: {f.cause}</span>}
          </dd>
        </div>
        <div>
          <dt>Data</dt>
          <dd>
            {f.dataCategories.join(', ') || '—'}
            {f.specialCategories.length > 0 && <span className="cell-sub">Special categories: {f.specialCategories.map(humanize).join(', ')}</span>}
          </dd>
        </div>
        <div>
          <dt>People and records</dt>
          <dd>
            {formatCount(f.dataSubjectsApprox)} people, {formatCount(f.recordsApprox)} records{f.countries.length ? ` · ${f.countries.join(', ')}` : ''}
          </dd>
        </div>
        <div>
          <dt>Effects</dt>
          <dd>{entry.effects.likelyConsequences ?? '—'}</dd>
        </div>
        <div>
          <dt>Remedial action</dt>
          <dd>
            {humanize(entry.remedialAction.containmentStatus)}
            {entry.remedialAction.actions.length > 0 && (
              <ul>
                {entry.remedialAction.actions.map((a, i) => (
                  <li key={i}>{a}</li>
                ))}
              </ul>
            )}
          </dd>
        </div>
        <div>
          <dt>Decisions and reasons</dt>
          <dd>
            Risk: {entry.decisions.riskOutcome ? humanize(entry.decisions.riskOutcome) : '—'}
            {entry.decisions.riskOverrideJustification && <span className="cell-sub">Override: {entry.decisions.riskOverrideJustification}</span>}
            {entry.decisions.supervisoryAuthorityReason && <span className="cell-sub">Authority: {entry.decisions.supervisoryAuthorityReason}</span>}
            {entry.decisions.dataSubjectsReason && (
              <span className="cell-sub">
                Data subjects{entry.decisions.dataSubjectsExemption ? ` (${humanize(entry.decisions.dataSubjectsExemption)})` : ''}: {entry.decisions.dataSubjectsReason}
              </span>
            )}
            {entry.notifications.delayReasons && <span className="cell-sub">Reasons for delay: {entry.notifications.delayReasons}</span>}
          </dd>
        </div>
        {entry.closure.kind && (
          <div>
            <dt>Closure</dt>
            <dd>
              {humanize(entry.closure.kind)} <Time value={entry.closure.closedAt} />
              {entry.closure.reason && <span className="cell-sub">{entry.closure.reason}</span>}
            </dd>
          </div>
        )}
      </dl>
    </details>
  );
}

/** The GDPR Art. 33(5) breach register, with its CSV export. */
export function RegisterPage() {
  const mayRead = useMay('GET /v1/register');
  const register = useInfiniteQuery({
    queryKey: ['register'],
    queryFn: ({ pageParam }) => unwrap(api.GET('/v1/register', { params: { query: { cursor: pageParam, limit: 100 } } })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: mayRead,
  });
  const items = register.data?.pages.flatMap((p) => p.items) ?? [];
  if (!mayRead) {
    return (
      <>
        <PageHeader title="Breach register" documentTitle="Register" />
        <p>Your role may not read the breach register. The DPO, administrators and viewers can.</p>
      </>
    );
  }
  return (
    <>
      <PageHeader
        title="Breach register"
        documentTitle="Register"
        lead="Every personal-data breach with its facts, effects and remedial action, as GDPR Art. 33(5) requires the controller to document — also those not notified."
        actions={
          <a className="button button-secondary" href="/v1/register.csv" download>
            Download CSV
          </a>
        }
      />
      <section className="panel" aria-labelledby="register-heading">
        <h2 id="register-heading" className="visually-hidden">
          Register entries
        </h2>
        <QueryView
          query={register}
          what="The register"
          loading="Loading the register"
          errorWhenEmpty
          isEmpty={() => items.length === 0}
          empty={
            <Empty>
              <p>The register is empty: no incident has been opened yet.</p>
            </Empty>
          }
        >
          {() => (
            <>
              <CardTable caption="Breach register, oldest first" columns={['Reference', 'Breach', 'Detected', 'Severity', 'Authority', 'Data subjects', 'Status']}>
                {items.map((entry) => (
                  <tr key={entry.id} data-testid="register-row">
                    <td data-label="Reference">
                      <Link to={`/incidents/${entry.id}`} className="reference">
                        {entry.reference}
                      </Link>
                    </td>
                    <td data-label="Breach">
                      {entry.title}
                      <EntryDetails entry={entry} />
                    </td>
                    <td data-label="Detected">
                      <Time value={entry.detectedAt} />
                    </td>
                    <td data-label="Severity">{entry.effects.severityBand ? <BandChip band={entry.effects.severityBand} /> : <span className="muted">Not assessed</span>}</td>
                    <td data-label="Authority">
                      <Notified entry={entry} />
                    </td>
                    <td data-label="Data subjects">
                      {entry.decisions.dataSubjects ? humanize(entry.decisions.dataSubjects) : <span className="muted">Not decided</span>}
                      {entry.notifications.dataSubjectsNotifiedAt && (
                        <span className="cell-sub">
                          Told <Time value={entry.notifications.dataSubjectsNotifiedAt} />
                        </span>
                      )}
                    </td>
                    <td data-label="Status">
                      <IncidentStatusChip status={entry.status} />
                    </td>
                  </tr>
                ))}
              </CardTable>
              <LoadMore query={register} />
            </>
          )}
        </QueryView>
      </section>
    </>
  );
}

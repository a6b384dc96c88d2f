import { useInfiniteQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { StageSchema, type Stage } from '@domain/incident';
import { api, unwrap } from '../api/client';
import { useMay } from '../api/session';
import { CardTable } from '../components/card-table';
import { LoadMore } from '../components/load-more';
import { PageHeader } from '../components/page-header';
import { Empty, ErrorState, QueryView } from '../components/states';
import { IncidentStatusChip } from '../components/status-chip';
import { Time } from '../components/time';
import { STAGE_LABELS } from '../lib/labels';

const PAGE_SIZE = 50;

/** Incidents, newest first: search by title or reference, filter by status and stage, "Load more" by cursor. */
export function IncidentsPage() {
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const status = params.get('status') ?? '';
  const stage = params.get('stage') ?? '';
  const [search, setSearch] = useState(q);
  const mayOpen = useMay('POST /v1/incidents');

  const incidents = useInfiniteQuery({
    queryKey: ['incidents', { q, status, stage }],
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/v1/incidents', {
          params: {
            query: {
              q: q || undefined,
              status: (status || undefined) as 'open' | 'closed' | undefined,
              stage: (stage || undefined) as Stage | undefined,
              limit: PAGE_SIZE,
              cursor: pageParam,
            },
          },
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

  const setFilter = (name: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  };
  const onSearch = (event: FormEvent) => {
    event.preventDefault();
    setFilter('q', search.trim());
  };
  const items = incidents.data?.pages.flatMap((page) => page.items) ?? [];
  const filtered = Boolean(q || status || stage);

  return (
    <>
      <PageHeader
        title="Incidents"
        documentTitle="Incidents"
        lead="Every suspected personal-data breach, newest first."
        actions={
          mayOpen && (
            <Link className="button button-primary" to="/incidents/new">
              Open an incident
            </Link>
          )
        }
      />
      <section className="panel" aria-labelledby="incident-list-heading">
        <h2 id="incident-list-heading" className="visually-hidden">
          Incident list
        </h2>
        <form className="filters" role="search" aria-label="Search incidents" onSubmit={onSearch}>
          <div className="field field-grow">
            <label htmlFor="incident-search">Search by title or reference</label>
            <div className="input-with-button">
              <input id="incident-search" type="search" value={search} onChange={(e) => setSearch(e.target.value)} placeholder="e.g. BR-2026-0001 or laptop" />
              <button type="submit" className="button button-secondary">
                Search
              </button>
            </div>
          </div>
          <div className="field">
            <label htmlFor="incident-status">Status</label>
            <select id="incident-status" value={status} onChange={(e) => setFilter('status', e.target.value)}>
              <option value="">Open and closed</option>
              <option value="open">Open</option>
              <option value="closed">Closed</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor="incident-stage">Stage</label>
            <select id="incident-stage" value={stage} onChange={(e) => setFilter('stage', e.target.value)}>
              <option value="">Any stage</option>
              {StageSchema.options.map((s) => (
                <option key={s} value={s}>
                  {STAGE_LABELS[s]}
                </option>
              ))}
            </select>
          </div>
          {filtered && (
            <button
              type="button"
              className="button button-ghost"
              onClick={() => {
                setSearch('');
                setParams(new URLSearchParams(), { replace: true });
              }}
            >
              Clear filters
            </button>
          )}
        </form>

        <QueryView
          query={incidents}
          what="The incidents"
          loading="Loading incidents"
          errorWhenEmpty
          isEmpty={() => items.length === 0}
          empty={
            <Empty>
              <p>{filtered ? 'No incident matches this search.' : 'No incident has been opened yet.'}</p>
              {!filtered && mayOpen && (
                <p>
                  <Link to="/incidents/new">Open the first incident</Link>
                </p>
              )}
            </Empty>
          }
        >
          {() => (
            <>
              <p className="note" role="status">
                {items.length} incident{items.length === 1 ? '' : 's'} shown{incidents.hasNextPage ? ', more available' : ''}.
              </p>
              <CardTable caption="Incidents, newest first" columns={['Reference', 'Title', 'Status', 'Stage', 'Detected', 'Opened']}>
                {items.map((incident) => (
                  <tr key={incident.id} data-testid="incident-row">
                    <td data-label="Reference">
                      <Link to={`/incidents/${incident.id}`} className="reference">
                        {incident.reference}
                      </Link>
                    </td>
                    <td data-label="Title">{incident.title}</td>
                    <td data-label="Status">
                      <IncidentStatusChip status={incident.status} />
                    </td>
                    <td data-label="Stage">{STAGE_LABELS[incident.stage]}</td>
                    <td data-label="Detected">
                      <Time value={incident.detectedAt} />
                    </td>
                    <td data-label="Opened">
                      <Time value={incident.createdAt} />
                    </td>
                  </tr>
                ))}
              </CardTable>
              {incidents.isError && <ErrorState error={incidents.error} what="More incidents" onRetry={() => void incidents.fetchNextPage()} />}
              <LoadMore query={incidents} />
            </>
          )}
        </QueryView>
      </section>
    </>
  );
}

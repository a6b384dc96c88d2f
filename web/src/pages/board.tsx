import { queryOptions, useQuery } from '@tanstack/react-query';
import { memo, useMemo, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { RegimeSchema } from '@domain/lifecycle';
import { api, unwrap, type ApiRegime } from '../api/client';
import type { components } from '../api/schema';
import { Countdown } from '../components/countdown';
import { PageHeader } from '../components/page-header';
import { Empty, ErrorState, QueryView } from '../components/states';
import { DeadlineStatusChip, StatusChip } from '../components/status-chip';
import { Time } from '../components/time';
import { byUrgency, clockState } from '../lib/clock-state';
import { humanize, regimeName } from '../lib/labels';
import { useLinkDelegation } from '../lib/use-link-delegation';
import { useNow } from '../lib/use-now';
import { usePast } from '../lib/use-past';

/** A board row; secondsRemaining is left out, the countdown works from dueAt. */
type BoardEntry = Omit<components['schemas']['DeadlineBoardEntry'], 'secondsRemaining'>;

const BOARD_LIMIT = 1000;
const STATUS_OPTIONS = [
  ['', 'Pending and overdue'],
  ['overdue', 'Overdue only'],
  ['pending', 'Pending only'],
  ['met', 'Met in the last 7 days'],
] as const;

// Only the countdown ticks each second; a row re-renders when its data changes or its due instant passes,
// so a board of a thousand clocks stays cheap.
const ClockRow = memo(function ClockRow({ entry }: { entry: BoardEntry }) {
  const past = usePast(entry.dueAt);
  const state = clockState(entry.status, past ? entry.dueAt : null, Date.now());
  return (
    <div role="row" data-testid="clock-row" data-state={state} className={`board-row ${state === 'overdue' ? 'row-overdue' : ''}`}>
      <div role="cell" data-label="Time left">
        {entry.status === 'met' ? (
          <span>
            Met <Time value={entry.metAt} />
          </span>
        ) : (
          <Countdown dueAt={entry.dueAt} status={entry.status} />
        )}
      </div>
      <div role="cell" data-label="Due">
        <Time value={entry.dueAt} />
      </div>
      <div role="cell" data-label="Status">
        <DeadlineStatusChip status={state} />
      </div>
      <div role="cell" data-label="Regime">{regimeName(entry.regime)}</div>
      <div role="cell" data-label="Obligation">{humanize(entry.obligation)}</div>
      <div role="cell" data-label="Incident">
        {/* A plain anchor: the table's delegated handler navigates (see useLinkDelegation). */}
        <a href={`/incidents/${entry.incidentId}`} className="reference">
          {entry.reference}
        </a>
        <span className="cell-sub">{entry.title}</span>
      </div>
      <div role="cell" data-label="Owner">{entry.owner ? entry.owner.name : <span className="muted">No owner</span>}</div>
      <div role="cell" data-label="Escalations">
        {entry.unacknowledgedEscalations > 0 ? (
          <StatusChip tone="danger">{entry.unacknowledgedEscalations} unacknowledged</StatusChip>
        ) : entry.latestEscalation ? (
          <StatusChip tone="success">Acknowledged</StatusChip>
        ) : (
          <span className="muted">None yet</span>
        )}
      </div>
    </div>
  );
});

const SHOWN_ESCALATIONS = 5;

function UnacknowledgedEscalations({ entries }: { entries: BoardEntry[] }) {
  const waiting = entries.filter((e) => e.unacknowledgedEscalations > 0 && e.latestEscalation);
  const [showAll, setShowAll] = useState(false);
  const shown = showAll ? waiting : waiting.slice(0, SHOWN_ESCALATIONS);
  return (
    <section aria-labelledby="unacknowledged-heading" className="panel">
      <h2 id="unacknowledged-heading">Unacknowledged escalations</h2>
      {waiting.length === 0 ? (
        <Empty>
          <p>No escalation is waiting for acknowledgement.</p>
        </Empty>
      ) : (
        <ul className="escalation-list">
          {shown.map((entry) => {
            const latest = entry.latestEscalation!;
            return (
              <li key={`${entry.incidentId}-${entry.regime}-${entry.obligation}`} className={latest.kind === 'reminder' ? '' : 'escalation-overdue'}>
                <div>
                  <StatusChip tone={latest.kind === 'reminder' ? 'warning' : 'danger'}>{latest.kind === 'reminder' ? 'Reminder' : 'Overdue'}</StatusChip>{' '}
                  <strong>
                    {entry.reference} · {regimeName(entry.regime)} {humanize(entry.obligation)}
                  </strong>
                  <span className="cell-sub">
                    {entry.title} — ladder step {humanize(latest.rung)}, raised <Time value={latest.raisedAt} />
                    {entry.unacknowledgedEscalations > 1 ? ` (${entry.unacknowledgedEscalations} unacknowledged)` : ''}
                  </span>
                </div>
                <Link className="button button-secondary" to={`/incidents/${entry.incidentId}/escalations/${latest.id}`}>
                  Review escalation<span className="visually-hidden"> for {entry.reference} {entry.regime} {entry.obligation}</span>
                </Link>
              </li>
            );
          })}
        </ul>
      )}
      {waiting.length > SHOWN_ESCALATIONS && (
        <p className="load-more">
          <button type="button" className="button button-secondary" aria-expanded={showAll} onClick={() => setShowAll(!showAll)}>
            {showAll ? 'Show the most urgent only' : `Show all ${waiting.length}`}
          </button>
        </p>
      )}
    </section>
  );
}

/** The board's query for the filters in the URL; the route's loader starts it while the session is still loading. */
export function boardQuery(params: URLSearchParams) {
  const regime = params.get('regime') ?? '';
  const status = params.get('status') ?? '';
  const owner = params.get('owner') ?? '';
  return queryOptions({
    queryKey: ['deadlines', { regime, status, owner }],
    queryFn: () =>
      unwrap(
        api.GET('/v1/deadlines', {
          params: {
            query: {
              regime: (regime || undefined) as ApiRegime | undefined,
              status: (status || undefined) as 'pending' | 'overdue' | 'met' | undefined,
              owner: owner || undefined,
              limit: BOARD_LIMIT,
            },
          },
        }),
      ),
  });
}

/** The board's counts, recomputed each second so a clock that runs out moves from "due soon" to "overdue". */
function BoardStats({ entries, filtered, more }: { entries: BoardEntry[] | null; filtered: boolean; more: boolean }) {
  const now = useNow();
  const list = entries ?? [];
  const count = (n: number) => (entries ? n : '–');
  const overdue = list.filter((e) => clockState(e.status, e.dueAt, now) === 'overdue').length;
  const dueSoon = list.filter((e) => e.dueAt && clockState(e.status, e.dueAt, now) === 'pending' && Date.parse(e.dueAt) - now < 24 * 3600_000).length;
  const unacknowledged = list.reduce((sum, e) => sum + e.unacknowledgedEscalations, 0);
  return (
    <div className="stats" role="group" aria-label="Summary">
      <div className={`stat ${overdue > 0 ? 'stat-danger' : ''}`}>
        <span className="stat-value">{count(overdue)}</span>
        <span className="stat-label">Overdue</span>
      </div>
      <div className={`stat ${dueSoon > 0 ? 'stat-warning' : ''}`}>
        <span className="stat-value">{count(dueSoon)}</span>
        <span className="stat-label">Due within 24 hours</span>
      </div>
      <div className="stat">
        <span className="stat-value">
          {count(list.length)}
          {more && '+'}
        </span>
        <span className="stat-label">Running clocks{filtered ? ' (filtered)' : ''}</span>
      </div>
      <div className={`stat ${unacknowledged > 0 ? 'stat-danger' : ''}`}>
        <span className="stat-value">{count(unacknowledged)}</span>
        <span className="stat-label">Unacknowledged escalations</span>
      </div>
    </div>
  );
}

/** The DPO's home: every running clock across incidents, overdue first then soonest due, refreshed every 10 s. */
export function BoardPage() {
  const [params, setParams] = useSearchParams();
  const regime = params.get('regime') ?? '';
  const status = params.get('status') ?? '';
  const owner = params.get('owner') ?? '';

  const board = useQuery({
    ...boardQuery(params),
    // secondsRemaining changes on every fetch; dropping it (the countdown computes from dueAt) lets unchanged clocks keep
    // their identity across refreshes, so only rows whose clock changed re-render.
    select: (page) => ({ ...page, items: page.items.map(({ secondsRemaining: _ignored, ...entry }) => entry) }),
    refetchInterval: 10_000,
    refetchOnWindowFocus: true,
  });

  // Owners seen on any page of the board so far, so narrowing to one owner keeps the others choosable.
  const owners = useRef(new Map<string, string>());
  for (const entry of board.data?.items ?? []) if (entry.owner) owners.current.set(entry.owner.contactId, entry.owner.name);

  const entries = useMemo(() => [...(board.data?.items ?? [])].sort(byUrgency), [board.data]);

  const setFilter = (name: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  };
  const filtered = Boolean(regime || status || owner);
  const followLink = useLinkDelegation();

  return (
    <>
      <PageHeader
        title="Deadline board"
        documentTitle="Deadlines"
        lead="Every running legal clock across incidents, overdue first, then the soonest due. It refreshes every 10 seconds."
        actions={
          board.dataUpdatedAt ? (
            <p className="updated" aria-live="off">
              Updated <Time value={new Date(board.dataUpdatedAt).toISOString()} />
              {board.isFetching ? ' · refreshing…' : ''}
            </p>
          ) : null
        }
      />

      <BoardStats entries={board.data ? entries : null} filtered={filtered} more={Boolean(board.data?.nextCursor)} />

      {board.data && <UnacknowledgedEscalations entries={entries} />}

      <section aria-labelledby="clocks-heading" className="panel">
        <div className="section-head">
          <h2 id="clocks-heading">Running clocks</h2>
        </div>
        <form className="filters" role="search" aria-label="Filter clocks" onSubmit={(e) => e.preventDefault()}>
          <div className="field">
            <label htmlFor="board-regime">Regime</label>
            <select id="board-regime" value={regime} onChange={(e) => setFilter('regime', e.target.value)}>
              <option value="">All regimes</option>
              {RegimeSchema.options.map((r) => (
                <option key={r} value={r}>
                  {regimeName(r)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="board-status">Status</label>
            <select id="board-status" value={status} onChange={(e) => setFilter('status', e.target.value)}>
              {STATUS_OPTIONS.map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="board-owner">Owner</label>
            <select id="board-owner" value={owner} onChange={(e) => setFilter('owner', e.target.value)}>
              <option value="">Any owner</option>
              {[...owners.current.entries()]
                .sort((a, b) => a[1].localeCompare(b[1]))
                .map(([id, name]) => (
                  <option key={id} value={id}>
                    {name}
                  </option>
                ))}
            </select>
          </div>
          {filtered && (
            <button type="button" className="button button-ghost" onClick={() => setParams(new URLSearchParams(), { replace: true })}>
              Clear filters
            </button>
          )}
        </form>

        <QueryView
          query={board}
          what="The deadline board"
          loading="Loading the clocks"
          isEmpty={() => entries.length === 0}
          empty={
            <Empty>
              <p>{filtered ? 'No running clock matches these filters.' : 'No clock is running. Clocks start when an incident is opened or a trigger event is recorded.'}</p>
              {!filtered && (
                <p>
                  <Link to="/incidents">Browse incidents</Link>
                </p>
              )}
            </Empty>
          }
        >
          {(data) => (
            <>
              {board.isError && <ErrorState error={board.error} what="The latest update" />}
              {/* A grid of rows rather than a <table>: each row can skip layout while off screen (content-visibility),
                  so a thousand clocks paint in a fraction of the time. The ARIA roles keep it a table for assistive tech. */}
              <div role="table" aria-label="Running clocks, overdue first then soonest due" className="board-table" onClick={followLink}>
                <div role="rowgroup" className="board-head">
                  <div role="row" className="board-row">
                    {['Time left', 'Due', 'Status', 'Regime', 'Obligation', 'Incident', 'Owner', 'Escalations'].map((name) => (
                      <span role="columnheader" key={name}>
                        {name}
                      </span>
                    ))}
                  </div>
                </div>
                <div role="rowgroup">
                  {entries.map((entry) => (
                    <ClockRow key={`${entry.incidentId}-${entry.regime}-${entry.obligation}`} entry={entry} />
                  ))}
                </div>
              </div>
              {data.nextCursor && <p className="note">Showing the first {BOARD_LIMIT} clocks. Narrow the list with the filters above.</p>}
            </>
          )}
        </QueryView>
      </section>
    </>
  );
}

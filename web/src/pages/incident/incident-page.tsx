import { Link, NavLink, Outlet } from 'react-router';
import { ApiError } from '../../api/problems';
import { PageHeader } from '../../components/page-header';
import { StageProgress } from '../../components/stage-progress';
import { ErrorState, Loading } from '../../components/states';
import { IncidentStatusChip, StatusChip } from '../../components/status-chip';
import { Time } from '../../components/time';
import { humanize } from '../../lib/labels';
import { useIncidentId, useIncidentQuery } from './incident-data';
import { INCIDENT_SECTIONS } from './sections';

/** One incident: header, stage progress, the section tabs and the chosen section. */
export function IncidentPage() {
  const id = useIncidentId();
  const incident = useIncidentQuery(id);

  if (incident.isPending) return <Loading what="Loading the incident" />;
  if (incident.isError && !incident.data) {
    const notFound = incident.error instanceof ApiError && (incident.error.status === 404 || incident.error.status === 422);
    return (
      <>
        <PageHeader title={notFound ? 'Incident not found' : 'Incident'} documentTitle={notFound ? 'Incident not found' : 'Incident'} eyebrow={<Link to="/incidents">← Incidents</Link>} />
        {notFound ? (
          <p>There is no incident with this id. Check the link, or find it in the incident list.</p>
        ) : (
          <ErrorState error={incident.error} what="The incident" onRetry={() => void incident.refetch()} />
        )}
      </>
    );
  }
  const data = incident.data;
  const overdue = data.deadlines.filter((d) => d.status === 'overdue').length;

  return (
    <>
      <PageHeader
        eyebrow={
          <>
            <Link to="/incidents">← Incidents</Link> <span className="reference">{data.reference}</span>
          </>
        }
        title={data.title}
        documentTitle={`${data.reference} ${data.title}`}
        actions={
          <div className="chip-row">
            <IncidentStatusChip status={data.status} />
            {overdue > 0 && <StatusChip tone="danger">{overdue} overdue</StatusChip>}
            {data.closure && <StatusChip tone="neutral">{data.closure.kind === 'resolved' ? 'Resolved' : 'Not a breach'}</StatusChip>}
          </div>
        }
      />
      <StageProgress stage={data.stage} />
      <dl className="facts">
        <div>
          <dt>Detected</dt>
          <dd>
            <Time value={data.detectedAt} zone />
          </dd>
        </div>
        <div>
          <dt>Aware</dt>
          <dd>{data.awareAt ? <Time value={data.awareAt} zone /> : <span className="muted">Not recorded (clock runs from detection)</span>}</dd>
        </div>
        <div>
          <dt>Containment</dt>
          <dd>{humanize(data.containment.status)}</dd>
        </div>
        <div>
          <dt>Reported by</dt>
          <dd>{data.reportedBy ?? <span className="muted">—</span>}</dd>
        </div>
      </dl>
      <nav aria-label="Incident sections" className="tabs">
        <ul>
          {INCIDENT_SECTIONS.map((section) => (
            <li key={section.path}>
              <NavLink to={section.path === '' ? `/incidents/${id}` : `/incidents/${id}/${section.path}`} end>
                {section.label}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <div className="tab-panel">
        <Outlet context={data} />
      </div>
    </>
  );
}

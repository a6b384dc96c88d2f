import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, unwrap } from '../api/client';
import { ApiError, problemSummary } from '../api/problems';
import { Countdown } from '../components/countdown';
import { ActionError } from '../components/form';
import { PageHeader } from '../components/page-header';
import { ErrorState, Loading } from '../components/states';
import { DeadlineStatusChip, StatusChip } from '../components/status-chip';
import { Time } from '../components/time';
import { clockState } from '../lib/clock-state';
import { humanize, RECIPIENT_LABELS, regimeName, viaChannel } from '../lib/labels';
import { randomId } from '../lib/ids';
import { useNow } from '../lib/use-now';
import { incidentKey, useIncidentQuery, useRefreshIncident } from './incident/incident-data';

/**
 * The page escalation emails and webhooks link to: what is due and an Acknowledge button. It never acknowledges on
 * load — mail scanners follow links — only when a person presses the button (a POST).
 */
export function EscalationPage() {
  const { id = '', escalationId = '' } = useParams();
  const now = useNow();
  const incident = useIncidentQuery(id);
  const refresh = useRefreshIncident(id);
  const escalations = useQuery({
    queryKey: incidentKey(id, 'escalations'),
    queryFn: () => unwrap(api.GET('/v1/incidents/{id}/escalations', { params: { path: { id } } })),
  });
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [justAcknowledged, setJustAcknowledged] = useState(false);
  const [key] = useState(randomId);

  if (incident.isPending || escalations.isPending) return <Loading what="Loading the escalation" />;
  const failed = incident.error ?? escalations.error;
  if (failed) {
    const missing = failed instanceof ApiError && (failed.status === 404 || failed.status === 422);
    return (
      <>
        <PageHeader title={missing ? 'Escalation not found' : 'Escalation'} documentTitle="Escalation" />
        {missing ? <p>This link does not lead to an incident. It may be mistyped.</p> : <ErrorState error={failed} what="The escalation" onRetry={() => void Promise.all([incident.refetch(), escalations.refetch()])} />}
      </>
    );
  }
  const escalation = escalations.data?.items.find((e) => e.id === escalationId);
  const data = incident.data!;
  if (!escalation) {
    return (
      <>
        <PageHeader title="Escalation not found" documentTitle="Escalation not found" eyebrow={<Link to={`/incidents/${id}`}>← {data.reference}</Link>} />
        <p>
          Incident {data.reference} has no escalation with this id. <Link to={`/incidents/${id}`}>Open the incident</Link> to see its escalations.
        </p>
      </>
    );
  }
  const clock = data.deadlines.find((d) => d.regime === escalation.regime && d.obligation === escalation.obligation);
  const dueAt = clock?.dueAt ?? escalation.dueAt;
  const status = clock ? clockState(clock.status, clock.dueAt, now) : 'pending';

  const acknowledge = () => {
    setPending(true);
    setError(null);
    unwrap(
      api.POST('/v1/incidents/{id}/escalations/{escalationId}/acknowledge', {
        params: { path: { id, escalationId } },
        headers: { 'Idempotency-Key': key },
      }),
    )
      .then(() => {
        setJustAcknowledged(true);
        refresh();
      })
      .catch((e: unknown) => setError(e instanceof ApiError ? problemSummary(e) : 'The acknowledgement failed.'))
      .finally(() => setPending(false));
  };

  const acknowledged = escalation.acknowledgedAt !== null || justAcknowledged;
  const overdue = escalation.kind !== 'reminder';
  return (
    <>
      <PageHeader
        eyebrow={
          <>
            <Link to={`/incidents/${id}`}>← {data.reference}</Link> · Escalation
          </>
        }
        title={`${overdue ? 'Overdue' : 'Due soon'}: ${regimeName(escalation.regime)} ${humanize(escalation.obligation).toLowerCase()}`}
        documentTitle={`Escalation ${data.reference} ${escalation.regime}`}
      />
      <section className="panel escalation-detail" aria-labelledby="what-is-due">
        <h2 id="what-is-due" className="visually-hidden">
          What is due
        </h2>
        <div className={`due-callout ${status === 'overdue' ? 'due-callout-late' : ''}`}>
          <p className="due-countdown">
            <Countdown dueAt={dueAt} status={clock?.status ?? 'pending'} />
          </p>
          <p>
            Deadline <Time value={dueAt} zone /> <DeadlineStatusChip status={status} />
          </p>
        </div>
        <dl className="kv kv-grid">
          <div>
            <dt>Incident</dt>
            <dd>
              <Link to={`/incidents/${id}`} className="reference">
                {data.reference}
              </Link>{' '}
              {data.title}
            </dd>
          </div>
          <div>
            <dt>Regime and obligation</dt>
            <dd>
              {regimeName(escalation.regime)} — {humanize(escalation.obligation)}
            </dd>
          </div>
          <div>
            <dt>Ladder step</dt>
            <dd>
              {humanize(escalation.rung)} <StatusChip tone={overdue ? 'danger' : 'warning'}>{overdue ? 'Overdue' : 'Reminder'}</StatusChip>
            </dd>
          </div>
          <div>
            <dt>Raised</dt>
            <dd>
              <Time value={escalation.raisedAt} zone />
            </dd>
          </div>
          <div>
            <dt>Recipients</dt>
            <dd>
              {escalation.recipients.map((r) => RECIPIENT_LABELS[r] ?? r).join(', ')}
              {escalation.deliveries.length > 0 && <span className="cell-sub">Sent to {[...new Set(escalation.deliveries.map((d) => d.contactName))].join(', ')}</span>}
            </dd>
          </div>
          <div>
            <dt>Acknowledged</dt>
            <dd data-testid="acknowledgement">
              {escalation.acknowledgedAt ? (
                <>
                  <StatusChip tone="success">Acknowledged</StatusChip> by {escalation.acknowledgedBy ?? 'a recipient'}
                  {viaChannel(escalation.acknowledgedVia)}, <Time value={escalation.acknowledgedAt} />
                </>
              ) : justAcknowledged ? (
                <StatusChip tone="success">Acknowledged by you</StatusChip>
              ) : (
                <StatusChip tone="danger">Not yet</StatusChip>
              )}
            </dd>
          </div>
        </dl>
        {overdue && <p className="warning-note">A late notice must state the reasons for the delay (GDPR Art. 33(1)).</p>}

        {!acknowledged ? (
          <div className="ack">
            <p>Acknowledging tells the team you have seen this{overdue ? ' and stops the repeats of this overdue notice' : ''}. It does not meet the deadline.</p>
            <button type="button" className="button button-primary button-large" onClick={acknowledge} disabled={pending}>
              {pending ? 'Acknowledging…' : 'Acknowledge'}
            </button>
            <ActionError message={error} />
          </div>
        ) : (
          <div className="ack ack-done" role="status">
            {justAcknowledged && <p className="success">Acknowledged. Thank you.</p>}
            <p>Next:</p>
            <p className="button-row">
              <Link className="button button-primary" to={`/incidents/${id}/notification#record-authority-notice`}>
                Record the authority notice
              </Link>
              <Link className="button button-secondary" to={`/incidents/${id}`}>
                Open the incident
              </Link>
            </p>
          </div>
        )}
      </section>
    </>
  );
}

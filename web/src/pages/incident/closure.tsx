import { useState } from 'react';
import { Link } from 'react-router';
import { IncidentCloseSchema } from '@domain/lifecycle';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { useMay } from '../../api/session';
import { SelectField, TextArea } from '../../components/field';
import { Form, FormSummary, SubmitButton } from '../../components/form';
import { FormCard, Section } from '../../components/section';
import { ErrorState, Loading } from '../../components/states';
import { StatusChip } from '../../components/status-chip';
import { Time } from '../../components/time';
import { useApiForm } from '../../lib/use-api-form';
import { idempotent, useCaseFile, useIncident, useRefreshIncident } from './incident-data';

type Blocker = components['schemas']['ClosureBlocker'];

/** Where a blocker is dealt with, and what to do there. */
function fixFor(incidentId: string, blocker: Blocker): { to: string; label: string } {
  switch (blocker.code) {
    case 'obligation-open':
      return { to: `/incidents/${incidentId}`, label: 'Meet or waive the clock' };
    case 'subjects-decision-missing':
      return { to: `/incidents/${incidentId}/notification#decisions`, label: 'Decide on telling the data subjects' };
    case 'subjects-notice-missing':
      return { to: `/incidents/${incidentId}/notification#record-subjects-notice`, label: 'Record the communication' };
    default:
      return { to: `/incidents/${incidentId}`, label: 'Open the incident' };
  }
}

function CloseForm({ incidentId, blocked }: { incidentId: string; blocked: boolean }) {
  const refresh = useRefreshIncident(incidentId);
  const [kind, setKind] = useState('resolved');
  const [lessons, setLessons] = useState('');
  const [reason, setReason] = useState('');
  const form = useApiForm({
    schema: IncidentCloseSchema,
    body: () => ({ kind, lessonsLearned: lessons.trim() ? lessons : undefined, reason: reason.trim() ? reason : undefined }),
    send: (body, key) => unwrap(api.POST('/v1/incidents/{id}/close', { params: { path: { id: incidentId } }, body, headers: idempotent(key) })),
    onSuccess: refresh,
  });
  const resolved = kind === 'resolved';
  return (
    <FormCard title="Close the incident">
      <Form form={form}>
        <FormSummary form={form} labels={{ kind: 'Closure', lessonsLearned: 'Lessons learned', reason: 'Reason' }} />
        <SelectField
          label="Closure"
          name="kind"
          required
          value={kind}
          onChange={setKind}
          error={form.errors.kind}
          options={[
            ['resolved', 'Resolved'],
            ['not-a-breach', 'Not a personal data breach'],
          ]}
        />
        {resolved && blocked && (
          <p className="warning-note">The items above still block a resolved closure: the server will refuse it until they are dealt with.</p>
        )}
        <TextArea label="Lessons learned" name="lessonsLearned" required={resolved} rows={4} value={lessons} onChange={setLessons} error={form.errors.lessonsLearned} />
        <TextArea
          label="Reason"
          name="reason"
          required={!resolved}
          rows={3}
          value={reason}
          onChange={setReason}
          error={form.errors.reason}
          hint={resolved ? undefined : 'Why this is not a personal data breach. It goes into the register.'}
        />
        <SubmitButton form={form} variant="danger" pendingLabel="Closing…">
          Close incident
        </SubmitButton>
      </Form>
    </FormCard>
  );
}

/** Closure: what still blocks closing as resolved (from the case file), and the close form; or how it was closed. */
export function ClosureSection() {
  const incident = useIncident();
  const caseFile = useCaseFile(incident.id);
  const mayClose = useMay('POST /v1/incidents/{id}/close');

  if (incident.closure) {
    const c = incident.closure;
    return (
      <Section id="closure" title="Closure">
        <p>
          <StatusChip tone="neutral">{c.kind === 'resolved' ? 'Closed as resolved' : 'Closed: not a personal data breach'}</StatusChip> <Time value={c.closedAt} zone />
        </p>
        <dl className="kv">
          {c.reason && (
            <div>
              <dt>Reason</dt>
              <dd>{c.reason}</dd>
            </div>
          )}
          {c.lessonsLearned && (
            <div>
              <dt>Lessons learned</dt>
              <dd className="prewrap">{c.lessonsLearned}</dd>
            </div>
          )}
        </dl>
      </Section>
    );
  }

  if (caseFile.isPending) return <Loading what="Checking what closure needs" />;
  if (caseFile.isError && !caseFile.data) return <ErrorState error={caseFile.error} what="The closure gates" onRetry={() => void caseFile.refetch()} />;
  const blockers = caseFile.data.closure.blockers;
  return (
    <>
      <Section
        id="closure"
        title="Closure"
        description="Closing as resolved needs every obligation met or waived with a reason, and, when the signed-off risk calls for it, the data subjects told or an Art. 34(3) exemption recorded. Closing as “not a personal data breach” needs the reason."
      >
        {blockers.length === 0 ? (
          <p className="ready-note">
            <StatusChip tone="success">Ready to close</StatusChip> Nothing blocks closing this incident as resolved.
          </p>
        ) : (
          <>
            <h3>Still missing before it can close as resolved</h3>
            <ul className="blockers" data-testid="closure-blockers">
              {blockers.map((b) => {
                const fix = fixFor(incident.id, b);
                return (
                  <li key={`${b.code}-${b.path.join('/')}`}>
                    <StatusChip tone="danger">Blocking</StatusChip> <span>{b.message}</span> <Link to={fix.to}>{fix.label}</Link>
                  </li>
                );
              })}
            </ul>
          </>
        )}
      </Section>
      {mayClose && <CloseForm incidentId={incident.id} blocked={blockers.length > 0} />}
    </>
  );
}

import { useState } from 'react';
import { ContainmentActionCreateSchema, ContainmentStatusSchema, ContainmentStatusUpdateSchema } from '@domain/lifecycle';
import { api, unwrap } from '../../api/client';
import { useMay, useSession } from '../../api/session';
import { SelectField, TextArea, TextField } from '../../components/field';
import { Form, FormSummary, SubmitButton } from '../../components/form';
import { FormCard, Section } from '../../components/section';
import { Empty, QueryView } from '../../components/states';
import { StatusChip } from '../../components/status-chip';
import { Time } from '../../components/time';
import { humanize } from '../../lib/labels';
import { fromLocalInput, toLocalInput } from '../../lib/time-format';
import { useApiForm } from '../../lib/use-api-form';
import { idempotent, useCaseFile, useIncident, useRefreshIncident } from './incident-data';

function ActionForm({ incidentId }: { incidentId: string }) {
  const refresh = useRefreshIncident(incidentId);
  const session = useSession();
  const [action, setAction] = useState('');
  const [performedBy, setPerformedBy] = useState(session.name);
  const [performedAt, setPerformedAt] = useState(toLocalInput());
  const form = useApiForm({
    schema: ContainmentActionCreateSchema,
    body: () => ({ action, performedBy, performedAt: fromLocalInput(performedAt) }),
    send: (body, key) => unwrap(api.POST('/v1/incidents/{id}/containment-actions', { params: { path: { id: incidentId } }, body, headers: idempotent(key) })),
    onSuccess: () => {
      setAction('');
      setPerformedAt(toLocalInput());
      refresh();
    },
  });
  return (
    <FormCard title="Record a containment action">
      <Form form={form}>
        <FormSummary form={form} labels={{ action: 'Action', performedBy: 'Performed by', performedAt: 'Performed at' }} />
        <TextArea label="Action" name="action" required rows={3} value={action} onChange={setAction} error={form.errors.action} hint="What was done, e.g. “Revoked the leaked access key”." />
        <div className="field-row">
          <TextField label="Performed by" name="performedBy" required value={performedBy} onChange={setPerformedBy} error={form.errors.performedBy} />
          <TextField label="Performed at" name="performedAt" type="datetime-local" required value={performedAt} onChange={setPerformedAt} error={form.errors.performedAt} />
        </div>
        <SubmitButton form={form}>Record action</SubmitButton>
      </Form>
    </FormCard>
  );
}

function StatusForm({ incidentId, current }: { incidentId: string; current: string }) {
  const refresh = useRefreshIncident(incidentId);
  const [status, setStatus] = useState(current === 'not-started' ? 'in-progress' : current);
  const [confirmedAt, setConfirmedAt] = useState(toLocalInput());
  const [note, setNote] = useState('');
  const contained = status === 'contained';
  const form = useApiForm({
    schema: ContainmentStatusUpdateSchema,
    body: () => ({ status, confirmedAt: contained ? fromLocalInput(confirmedAt) : undefined, note: note || undefined }),
    send: (body, key) => unwrap(api.POST('/v1/incidents/{id}/containment-status', { params: { path: { id: incidentId } }, body, headers: idempotent(key) })),
    onSuccess: () => {
      setNote('');
      refresh();
    },
  });
  return (
    <FormCard title="Set the containment status">
      <Form form={form}>
        <FormSummary form={form} labels={{ status: 'Status', confirmedAt: 'Confirmed at', note: 'Note' }} />
        <SelectField label="Status" name="status" required value={status} onChange={setStatus} error={form.errors.status} options={ContainmentStatusSchema.options.map((s) => [s, humanize(s)] as const)} />
        {contained && (
          <TextField label="Confirmed at" name="confirmedAt" type="datetime-local" required value={confirmedAt} onChange={setConfirmedAt} error={form.errors.confirmedAt} hint="When containment was confirmed." />
        )}
        <TextArea label="Note" name="note" rows={2} value={note} onChange={setNote} error={form.errors.note} />
        <SubmitButton form={form}>Set status</SubmitButton>
      </Form>
    </FormCard>
  );
}

/** Containment: its status, the actions taken, and the forms to record more. */
export function ContainmentSection() {
  const incident = useIncident();
  const caseFile = useCaseFile(incident.id);
  const mayAct = useMay('POST /v1/incidents/{id}/containment-actions');
  const mayStatus = useMay('POST /v1/incidents/{id}/containment-status');
  const open = incident.status === 'open';
  const { status, confirmedAt } = incident.containment;
  return (
    <>
      <Section id="containment" title="Containment">
        <p className="status-line">
          Status:{' '}
          {status === 'contained' ? (
            <StatusChip tone="success">Contained</StatusChip>
          ) : status === 'in-progress' ? (
            <StatusChip tone="warning">In progress</StatusChip>
          ) : (
            <StatusChip tone="danger">Not started</StatusChip>
          )}
          {confirmedAt && (
            <>
              {' '}
              confirmed <Time value={confirmedAt} zone />
            </>
          )}
        </p>
        <h3>Actions taken</h3>
        <QueryView
          query={caseFile}
          what="The containment actions"
          loading="Loading containment actions"
          isEmpty={({ containmentActions }) => containmentActions.length === 0}
          empty={
            <Empty>
              <p>No containment action recorded yet.</p>
            </Empty>
          }
        >
          {({ containmentActions }) => (
            <ol className="record-list">
              {containmentActions.map((a) => (
                <li key={a.id}>
                  <p className="record-main">{a.action}</p>{' '}
                  <p className="cell-sub">
                    By {a.performedBy}, <Time value={a.performedAt} /> · recorded by {a.recordedBy} <Time value={a.recordedAt} />
                  </p>
                </li>
              ))}
            </ol>
          )}
        </QueryView>
      </Section>
      {open && (mayAct || mayStatus) && (
        <div className="form-grid">
          {mayAct && <ActionForm incidentId={incident.id} />}
          {mayStatus && <StatusForm incidentId={incident.id} current={status} />}
        </div>
      )}
    </>
  );
}

import { useQuery } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { ObligationMeetSchema, ObligationWaiveSchema, RecordableTriggerSchema, RegimeSchema, RegimeSelectionSchema, TriggerRecordSchema } from '@domain/lifecycle';
import { OwnerAssignSchema } from '@domain/lifecycle';
import { api, unwrap, type ApiRegime } from '../../api/client';
import { useMay } from '../../api/session';
import { CardTable } from '../../components/card-table';
import { Countdown } from '../../components/countdown';
import { EscalationGroups } from '../../components/escalation-groups';
import { CheckboxGroup, SelectField, TextArea, TextField } from '../../components/field';
import { Form, FormSummary, SubmitButton } from '../../components/form';
import { FormCard, Section } from '../../components/section';
import { Empty, ErrorState, Loading, QueryView } from '../../components/states';
import { DeadlineStatusChip } from '../../components/status-chip';
import { Time } from '../../components/time';
import { clockState } from '../../lib/clock-state';
import { humanize, RECIPIENT_LABELS, regimeName, triggerText } from '../../lib/labels';
import { fromLocalInput, toLocalInput } from '../../lib/time-format';
import { useApiForm, type ApiForm } from '../../lib/use-api-form';
import { useNow } from '../../lib/use-now';
import { idempotent, incidentKey, useIncident, useRefreshIncident, type Incident } from './incident-data';

type Regime = ApiRegime;
type ClockAction = { kind: 'meet' | 'waive'; regime: Regime; obligation: string };

const MeetBodySchema = ObligationMeetSchema.omit({ regime: true, obligation: true });
const WaiveBodySchema = ObligationWaiveSchema.omit({ regime: true, obligation: true });

/** The path parameters of one clock of the incident. */
const clockParams = (incidentId: string, clock: ClockAction) => ({ path: { id: incidentId, regime: clock.regime, obligation: clock.obligation } });

/** A clock action's card: its fields, then the submit button beside Cancel. */
function ClockActionCard({ title, form, labels, submit, onDone, children }: { title: string; form: ApiForm; labels: Record<string, string>; submit: ReactNode; onDone: () => void; children: ReactNode }) {
  return (
    <FormCard title={title}>
      <Form form={form}>
        <FormSummary form={form} labels={labels} />
        {children}
        <div className="button-row">
          {submit}
          <button type="button" className="button button-ghost" onClick={onDone}>
            Cancel
          </button>
        </div>
      </Form>
    </FormCard>
  );
}

function MeetForm({ incidentId, clock, onDone }: { incidentId: string; clock: ClockAction; onDone: () => void }) {
  const refresh = useRefreshIncident(incidentId);
  const [metAt, setMetAt] = useState(toLocalInput());
  const [reference, setReference] = useState('');
  const [note, setNote] = useState('');
  const form = useApiForm({
    schema: MeetBodySchema,
    body: () => ({ metAt: fromLocalInput(metAt), reference: reference || undefined, note: note || undefined }),
    send: (body, key) => unwrap(api.POST('/v1/incidents/{id}/clocks/{regime}/{obligation}/meet', { params: clockParams(incidentId, clock), body, headers: idempotent(key) })),
    onSuccess: () => {
      refresh();
      onDone();
    },
  });
  return (
    <ClockActionCard
      title={`Mark ${regimeName(clock.regime)} “${humanize(clock.obligation)}” as met`}
      form={form}
      labels={{ metAt: 'Met at', reference: 'Reference', note: 'Note' }}
      submit={<SubmitButton form={form}>Mark as met</SubmitButton>}
      onDone={onDone}
    >
      <TextField label="Met at" name="metAt" type="datetime-local" required value={metAt} onChange={setMetAt} error={form.errors.metAt} hint="When the notice was sent." />
      <TextField label="Reference" name="reference" value={reference} onChange={setReference} error={form.errors.reference} hint="The recipient's case or filing reference." />
      <TextArea label="Note" name="note" rows={2} value={note} onChange={setNote} error={form.errors.note} />
    </ClockActionCard>
  );
}

function WaiveForm({ incidentId, clock, onDone }: { incidentId: string; clock: ClockAction; onDone: () => void }) {
  const refresh = useRefreshIncident(incidentId);
  const [reason, setReason] = useState('');
  const form = useApiForm({
    schema: WaiveBodySchema,
    body: () => ({ reason }),
    send: (body, key) => unwrap(api.POST('/v1/incidents/{id}/clocks/{regime}/{obligation}/waive', { params: clockParams(incidentId, clock), body, headers: idempotent(key) })),
    onSuccess: () => {
      refresh();
      onDone();
    },
  });
  return (
    <ClockActionCard
      title={`Waive ${regimeName(clock.regime)} “${humanize(clock.obligation)}”`}
      form={form}
      labels={{ reason: 'Reason' }}
      submit={
        <SubmitButton form={form} variant="danger">
          Waive obligation
        </SubmitButton>
      }
      onDone={onDone}
    >
      <TextArea label="Reason" name="reason" required rows={3} value={reason} onChange={setReason} error={form.errors.reason} hint="Why this obligation does not bind. It is kept in the audit trail." />
    </ClockActionCard>
  );
}

function ClocksTable({ incident }: { incident: Incident }) {
  const now = useNow();
  const mayMeet = useMay('POST /v1/incidents/{id}/clocks/{regime}/{obligation}/meet');
  const mayWaive = useMay('POST /v1/incidents/{id}/clocks/{regime}/{obligation}/waive');
  const [action, setAction] = useState<ClockAction | null>(null);
  const open = incident.status === 'open';
  if (incident.deadlines.length === 0) {
    return (
      <Empty>
        <p>No clock applies yet. Clocks follow from the organisation profile, the scope and the regimes the DPO rules in.</p>
      </Empty>
    );
  }
  return (
    <>
      <CardTable caption="Legal clocks of this incident" columns={['Regime', 'Obligation', 'Status', 'Time left', 'Due', 'Started', ...(open && (mayMeet || mayWaive) ? ['Actions'] : [])]}>
        {incident.deadlines.map((d) => {
          const state = clockState(d.status, d.dueAt, now);
          const running = d.status === 'pending' || d.status === 'overdue';
          const clock = { regime: d.regime as Regime, obligation: d.obligation };
          return (
            <tr key={`${d.regime}-${d.obligation}`} data-testid="incident-clock" data-state={state}>
              <td data-label="Regime">{regimeName(d.regime)}</td>
              <td data-label="Obligation">
                {humanize(d.obligation)}
                <span className="cell-sub">Trigger: {triggerText(d.trigger)}</span>
              </td>
              <td data-label="Status">
                <DeadlineStatusChip status={state} />
                {d.status === 'met' && d.metAt && (
                  <span className="cell-sub">
                    Met <Time value={d.metAt} />
                  </span>
                )}
                {d.status === 'waived' && d.waivedReason && <span className="cell-sub">Waived: {d.waivedReason}</span>}
              </td>
              <td data-label="Time left">
                {d.dueAt === null && d.startsAt !== null ? <span className="muted">No fixed period in law</span> : <Countdown dueAt={d.dueAt} status={d.status} />}
              </td>
              <td data-label="Due">
                {d.dueAt === null && d.targetAt ? (
                  <>
                    <Time value={d.targetAt} zone />
                    <span className="cell-sub">Your organisation’s target, not a legal deadline</span>
                  </>
                ) : (
                  <Time value={d.dueAt} zone />
                )}
              </td>
              <td data-label="Started">
                <Time value={d.startsAt} />
              </td>
              {open && (mayMeet || mayWaive) && (
                <td data-label="Actions">
                  {running ? (
                    <div className="button-row compact">
                      {mayMeet && (
                        <button type="button" className="button button-secondary button-small" onClick={() => setAction({ kind: 'meet', ...clock })}>
                          Mark met<span className="visually-hidden"> {d.regime} {d.obligation}</span>
                        </button>
                      )}
                      {mayWaive && (
                        <button type="button" className="button button-ghost button-small" onClick={() => setAction({ kind: 'waive', ...clock })}>
                          Waive<span className="visually-hidden"> {d.regime} {d.obligation}</span>
                        </button>
                      )}
                    </div>
                  ) : (
                    <span className="muted">—</span>
                  )}
                </td>
              )}
            </tr>
          );
        })}
      </CardTable>
      {action?.kind === 'meet' && <MeetForm key={`${action.regime}-${action.obligation}`} incidentId={incident.id} clock={action} onDone={() => setAction(null)} />}
      {action?.kind === 'waive' && <WaiveForm key={`${action.regime}-${action.obligation}`} incidentId={incident.id} clock={action} onDone={() => setAction(null)} />}
    </>
  );
}

function TriggerForm({ incidentId }: { incidentId: string }) {
  const refresh = useRefreshIncident(incidentId);
  const [event, setEvent] = useState('awareness');
  const [occurredAt, setOccurredAt] = useState(toLocalInput());
  const [reason, setReason] = useState('');
  const form = useApiForm({
    schema: TriggerRecordSchema,
    body: () => ({ event, occurredAt: fromLocalInput(occurredAt), reason }),
    send: (body, key) => unwrap(api.POST('/v1/incidents/{id}/triggers', { params: { path: { id: incidentId } }, body, headers: idempotent(key) })),
    onSuccess: () => {
      setReason('');
      refresh();
    },
  });
  return (
    <FormCard title="Record a trigger event">
      <Form form={form}>
        <FormSummary form={form} labels={{ event: 'Event', occurredAt: 'Occurred at', reason: 'Basis' }} />
        <p className="hint">Trigger events start or move the clocks that count from them, e.g. awareness for GDPR Art. 33.</p>
        <div className="field-row">
          <SelectField label="Event" name="event" required value={event} onChange={setEvent} error={form.errors.event} options={RecordableTriggerSchema.options.map((e) => [e, humanize(e)] as const)} />
          <TextField label="Occurred at" name="occurredAt" type="datetime-local" required value={occurredAt} onChange={setOccurredAt} error={form.errors.occurredAt} />
        </div>
        <TextArea label="Basis" name="reason" required rows={2} value={reason} onChange={setReason} error={form.errors.reason} hint="Who established it and on what basis." />
        <SubmitButton form={form}>Record trigger</SubmitButton>
      </Form>
    </FormCard>
  );
}

function RegimesForm({ incidentId }: { incidentId: string }) {
  const refresh = useRefreshIncident(incidentId);
  const [include, setInclude] = useState<string[]>([]);
  const [exclude, setExclude] = useState<string[]>([]);
  const [reason, setReason] = useState('');
  const form = useApiForm({
    schema: RegimeSelectionSchema,
    body: () => ({ include, exclude, reason }),
    // The catalogue's ids are data, so the schema types them as strings; the API's document lists them.
    send: (body, key) => unwrap(api.POST('/v1/incidents/{id}/regimes', { params: { path: { id: incidentId } }, body: { ...body, include: body.include as ApiRegime[], exclude: body.exclude as ApiRegime[] }, headers: idempotent(key) })),
    onSuccess: () => {
      setInclude([]);
      setExclude([]);
      setReason('');
      refresh();
    },
  });
  const options = RegimeSchema.options.map((r) => [r, regimeName(r)] as const);
  return (
    <FormCard title="Rule regimes in or out">
      <Form form={form}>
        <FormSummary form={form} labels={{ include: 'Include', exclude: 'Exclude', reason: 'Reason' }} />
        <CheckboxGroup legend="Include" name="include" options={options} values={include} onChange={setInclude} error={form.errors.include} />
        <CheckboxGroup legend="Exclude" name="exclude" options={options} values={exclude} onChange={setExclude} error={form.errors.exclude} />
        <TextArea label="Reason" name="reason" required rows={2} value={reason} onChange={setReason} error={form.errors.reason} />
        <SubmitButton form={form}>Apply regimes</SubmitButton>
      </Form>
    </FormCard>
  );
}

function OwnerForm({ incidentId }: { incidentId: string }) {
  const refresh = useRefreshIncident(incidentId);
  const contacts = useQuery({ queryKey: ['contacts'], queryFn: () => unwrap(api.GET('/v1/contacts')) });
  const [contactId, setContactId] = useState('');
  const form = useApiForm({
    schema: OwnerAssignSchema,
    body: () => ({ contactId }),
    send: (body, key) => unwrap(api.POST('/v1/incidents/{id}/owner', { params: { path: { id: incidentId } }, body, headers: idempotent(key) })),
    onSuccess: refresh,
  });
  const active = contacts.data?.items.filter((c) => c.active) ?? [];
  return (
    <FormCard title="Assign the owner">
      <QueryView
        query={contacts}
        what="The contacts"
        loading="Loading contacts"
        retry={false}
        isEmpty={() => active.length === 0}
        empty={
          <p>
            No active contact yet. <Link to="/settings/contacts">Add contacts</Link> to name an owner.
          </p>
        }
      >
        {() => (
          <Form form={form}>
            <FormSummary form={form} labels={{ contactId: 'Owner' }} />
            <SelectField
              label="Owner"
              name="contactId"
              required
              value={contactId}
              onChange={setContactId}
              error={form.errors.contactId}
              placeholder="Choose a contact"
              options={active.map((c) => [c.id, `${c.name} (${RECIPIENT_LABELS[c.role] ?? c.role})`] as const)}
              hint="The owner gets the first escalations of every clock."
            />
            <SubmitButton form={form}>Assign owner</SubmitButton>
          </Form>
        )}
      </QueryView>
    </FormCard>
  );
}

function Escalations({ incidentId }: { incidentId: string }) {
  const escalations = useQuery({
    queryKey: incidentKey(incidentId, 'escalations'),
    queryFn: () => unwrap(api.GET('/v1/incidents/{id}/escalations', { params: { path: { id: incidentId } } })),
    refetchInterval: 15_000,
  });
  if (escalations.isPending) return <Loading what="Loading escalations" />;
  if (escalations.isError && !escalations.data) return <ErrorState error={escalations.error} what="The escalations" onRetry={() => void escalations.refetch()} />;
  if (escalations.data.items.length === 0) {
    return (
      <Empty>
        <p>No escalation has been raised yet. The ladder reaches the owner, then the DPO, legal and leadership as each deadline approaches.</p>
      </Empty>
    );
  }
  return <EscalationGroups incidentId={incidentId} escalations={escalations.data.items} />;
}

/** The incident's clocks with live countdowns, what may change them, and the escalations they raised. */
export function OverviewSection() {
  const incident = useIncident();
  const open = incident.status === 'open';
  const mayTrigger = useMay('POST /v1/incidents/{id}/triggers');
  const mayRegimes = useMay('POST /v1/incidents/{id}/regimes');
  const mayOwner = useMay('POST /v1/incidents/{id}/owner');
  const mayContacts = useMay('GET /v1/contacts');
  return (
    <>
      <Section id="clocks" title="Clocks" description="Each legal deadline that applies, counting down in your time zone. Hover a time for its UTC instant.">
        <ClocksTable incident={incident} />
      </Section>
      <Section id="escalations" title="Escalations">
        <Escalations incidentId={incident.id} />
      </Section>
      {open && (mayTrigger || mayRegimes || (mayOwner && mayContacts)) && (
        <Section id="clock-controls" title="Change the clocks">
          <div className="form-grid">
            {mayTrigger && <TriggerForm incidentId={incident.id} />}
            {mayOwner && mayContacts && <OwnerForm incidentId={incident.id} />}
            {mayRegimes && <RegimesForm incidentId={incident.id} />}
          </div>
        </Section>
      )}
    </>
  );
}

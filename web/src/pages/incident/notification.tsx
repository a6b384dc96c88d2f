import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useLocation } from 'react-router';
import {
  AuthorityDecisionSchema,
  AuthorityNoticeCreateSchema,
  NoticePhaseSchema,
  SubjectsDecisionSchema,
  SubjectsExemptionSchema,
  SubjectsNoticeCreateSchema,
} from '@domain/lifecycle';
import { api, unwrap } from '../../api/client';
import { useMay } from '../../api/session';
import { CardTable } from '../../components/card-table';
import { CopyButton } from '../../components/copy-button';
import { SelectField, TextArea, TextField } from '../../components/field';
import { Form, FormSummary, SubmitButton } from '../../components/form';
import { FormCard, Section } from '../../components/section';
import { ErrorState, Loading } from '../../components/states';
import { StatusChip } from '../../components/status-chip';
import { Time } from '../../components/time';
import { formatCount, humanize } from '../../lib/labels';
import { fromLocalInput, toLocalInput, viewerTimeZone } from '../../lib/time-format';
import { clockState } from '../../lib/clock-state';
import { useApiForm } from '../../lib/use-api-form';
import { idempotent, incidentKey, useCaseFile, useIncident, useRefreshIncident, type CaseFile } from './incident-data';

type DraftKind = 'supervisory-authority' | 'data-subjects';

const EXEMPTION_LABELS: Record<string, string> = {
  'unintelligible-data': 'Art. 34(3)(a): data unintelligible (e.g. encrypted)',
  'subsequent-measures': 'Art. 34(3)(b): measures taken since remove the high risk',
  'disproportionate-effort': 'Art. 34(3)(c): disproportionate effort (public communication instead)',
};

function AuthorityDecisionForm({ incidentId }: { incidentId: string }) {
  const refresh = useRefreshIncident(incidentId);
  const [decision, setDecision] = useState('notify');
  const [reason, setReason] = useState('');
  const form = useApiForm({
    schema: AuthorityDecisionSchema,
    body: () => ({ decision, reason: reason.trim() ? reason : undefined }),
    send: (body, key) =>
      unwrap(api.POST('/v1/incidents/{id}/decisions/supervisory-authority', { params: { path: { id: incidentId } }, body, headers: idempotent(key) })),
    onSuccess: refresh,
  });
  return (
    <FormCard title="Decide on notifying the supervisory authority">
      <Form form={form}>
        <FormSummary form={form} labels={{ decision: 'Decision', reason: 'Reason' }} />
        <SelectField
          label="Decision"
          name="decision"
          required
          value={decision}
          onChange={setDecision}
          error={form.errors.decision}
          options={[
            ['notify', 'Notify the authority (Art. 33)'],
            ['not-required', 'Not required: no risk to people is likely'],
          ]}
        />
        <TextArea label="Reason" name="reason" required={decision === 'not-required'} rows={3} value={reason} onChange={setReason} error={form.errors.reason} hint={decision === 'not-required' ? 'Required: why no risk is likely. It needs a risk assessment.' : undefined} />
        <SubmitButton form={form}>Record decision</SubmitButton>
      </Form>
    </FormCard>
  );
}

function SubjectsDecisionForm({ incidentId }: { incidentId: string }) {
  const refresh = useRefreshIncident(incidentId);
  const [decision, setDecision] = useState('notify');
  const [exemption, setExemption] = useState('');
  const [reason, setReason] = useState('');
  const form = useApiForm({
    schema: SubjectsDecisionSchema,
    body: () => ({ decision, exemption: exemption || undefined, reason: reason.trim() ? reason : undefined }),
    send: (body, key) =>
      unwrap(api.POST('/v1/incidents/{id}/decisions/data-subjects', { params: { path: { id: incidentId } }, body, headers: idempotent(key) })),
    onSuccess: refresh,
  });
  const exempt = decision === 'exempt';
  return (
    <FormCard title="Decide on telling the data subjects">
      <Form form={form}>
        <FormSummary form={form} labels={{ decision: 'Decision', exemption: 'Exemption', reason: 'Reason' }} />
        <SelectField
          label="Decision"
          name="decision"
          required
          value={decision}
          onChange={setDecision}
          error={form.errors.decision}
          options={[
            ['notify', 'Tell the data subjects (Art. 34)'],
            ['exempt', 'Exempt under Art. 34(3)'],
          ]}
        />
        <SelectField
          label="Exemption"
          name="exemption"
          required={exempt}
          value={exemption}
          onChange={setExemption}
          error={form.errors.exemption}
          placeholder={exempt ? 'Choose the ground' : 'None'}
          options={SubjectsExemptionSchema.options.map((x) => [x, EXEMPTION_LABELS[x] ?? x] as const)}
        />
        <TextArea label="Reason" name="reason" required={exempt} rows={3} value={reason} onChange={setReason} error={form.errors.reason} hint={exempt ? 'Required: why the ground applies.' : undefined} />
        <SubmitButton form={form}>Record decision</SubmitButton>
      </Form>
    </FormCard>
  );
}

function Decisions({ caseFile }: { caseFile: CaseFile }) {
  const { supervisoryAuthority: authority, dataSubjects: subjects } = caseFile.decisions;
  return (
    <div className="decision-grid">
      <div className="decision">
        <h3>Supervisory authority</h3>
        {authority ? (
          <>
            <p>
              {authority.decision === 'notify' ? <StatusChip tone="warning">Notify</StatusChip> : <StatusChip tone="neutral">Not required</StatusChip>}
            </p>
            {authority.reason && <p className="rationale">{authority.reason}</p>}
            <p className="cell-sub">
              Decided by {authority.decidedBy}, <Time value={authority.decidedAt} />
            </p>
          </>
        ) : (
          <p className="muted">Not decided yet.</p>
        )}
      </div>
      <div className="decision">
        <h3>Data subjects</h3>
        {subjects ? (
          <>
            <p>
              {subjects.decision === 'notify' ? <StatusChip tone="warning">Tell them</StatusChip> : <StatusChip tone="neutral">Exempt</StatusChip>}
              {subjects.exemption && <span className="cell-sub">{EXEMPTION_LABELS[subjects.exemption] ?? subjects.exemption}</span>}
            </p>
            {subjects.reason && <p className="rationale">{subjects.reason}</p>}
            <p className="cell-sub">
              Decided by {subjects.decidedBy}, <Time value={subjects.decidedAt} />
            </p>
          </>
        ) : (
          <p className="muted">Not decided yet.</p>
        )}
      </div>
    </div>
  );
}

function download(filename: string, content: string) {
  const url = URL.createObjectURL(new Blob([content], { type: 'text/plain;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function Draft({ incidentId, reference, kind }: { incidentId: string; reference: string; kind: DraftKind }) {
  const draft = useQuery({
    queryKey: incidentKey(incidentId, 'draft', kind),
    queryFn: () => unwrap(api.GET('/v1/incidents/{id}/drafts/{kind}', { params: { path: { id: incidentId, kind }, query: { timeZone: viewerTimeZone } } })),
  });
  if (draft.isPending) return <Loading what="Preparing the draft" />;
  if (draft.isError && !draft.data) return <ErrorState error={draft.error} what="The draft" onRetry={() => void draft.refetch()} />;
  const d = draft.data;
  const missing = new Set(d.missing);
  return (
    <div className="draft">
      <div className="draft-head">
        <h3>{d.title}</h3>
        {d.complete ? <StatusChip tone="success">Complete</StatusChip> : <StatusChip tone="warning">{d.missing.length} mandatory field{d.missing.length === 1 ? '' : 's'} missing</StatusChip>}
      </div>
      <CardTable caption={<>Fields of the {d.title}</>} columns={['Field', 'Value', 'Legal basis']} compact>
        {d.fields.map((f) => (
          <tr key={f.name} className={missing.has(f.name) ? 'row-missing' : undefined} data-missing={missing.has(f.name) || undefined}>
            <th scope="row" data-label="Field">
              {f.label}
            </th>
            <td data-label="Value">{missing.has(f.name) ? <StatusChip tone="danger">Missing</StatusChip> : f.value ?? <span className="muted">—</span>}</td>
            <td data-label="Legal basis">{f.legalBasis}</td>
          </tr>
        ))}
      </CardTable>
      <div className="button-row">
        <CopyButton text={d.text} label={`Copy the ${kind === 'supervisory-authority' ? 'authority' : 'data-subject'} draft`} />
        <button type="button" className="button button-secondary" onClick={() => download(`${reference}-${kind}-draft.txt`, d.text)}>
          Download<span className="visually-hidden"> the {kind === 'supervisory-authority' ? 'authority' : 'data-subject'} draft</span> (.txt)
        </button>
      </div>
      <details>
        <summary>Show the full text</summary>
        <pre className="draft-text" tabIndex={0} aria-label={`${d.title}, full text`}>
          {d.text}
        </pre>
      </details>
    </div>
  );
}

function AuthorityNoticeForm({ incidentId, late }: { incidentId: string; late: boolean }) {
  const refresh = useRefreshIncident(incidentId);
  const [v, setV] = useState({ authority: '', submittedAt: toLocalInput(), reference: '', phase: 'initial', delayReasons: '' });
  const set = (name: keyof typeof v) => (value: string) => setV({ ...v, [name]: value });
  const form = useApiForm({
    schema: AuthorityNoticeCreateSchema,
    body: () => ({ authority: v.authority, submittedAt: fromLocalInput(v.submittedAt), reference: v.reference || undefined, phase: v.phase, delayReasons: v.delayReasons.trim() ? v.delayReasons : undefined }),
    send: (body, key) => unwrap(api.POST('/v1/incidents/{id}/notifications/supervisory-authority', { params: { path: { id: incidentId } }, body, headers: idempotent(key) })),
    onSuccess: () => {
      setV({ ...v, reference: '', delayReasons: '' });
      refresh();
    },
  });
  return (
    <FormCard title="Record a notice to the supervisory authority" id="record-authority-notice">
      <Form form={form}>
        <FormSummary form={form} labels={{ authority: 'Authority', submittedAt: 'Submitted at', reference: 'Case reference', phase: 'Phase', delayReasons: 'Reasons for delay' }} />
        <TextField label="Authority" name="authority" required value={v.authority} onChange={set('authority')} error={form.errors.authority} hint="e.g. CNIL, ICO, Data Protection Commission (IE)." />
        <div className="field-row">
          <TextField label="Submitted at" name="submittedAt" type="datetime-local" required value={v.submittedAt} onChange={set('submittedAt')} error={form.errors.submittedAt} />
          <SelectField label="Phase" name="phase" required value={v.phase} onChange={set('phase')} error={form.errors.phase} options={NoticePhaseSchema.options.map((p) => [p, humanize(p)] as const)} hint="Art. 33(4): information may be given in phases." />
        </div>
        <TextField label="Case reference" name="reference" value={v.reference} onChange={set('reference')} error={form.errors.reference} hint="The reference the authority gave the notice, if any." />
        <TextArea
          label="Reasons for delay"
          name="delayReasons"
          required={late}
          rows={3}
          value={v.delayReasons}
          onChange={set('delayReasons')}
          error={form.errors.delayReasons}
          hint={late ? 'The 72-hour deadline has passed: a late notice must give the reasons for the delay (Art. 33(1)).' : 'Required when the notice is late (Art. 33(1)).'}
        />
        <SubmitButton form={form}>Record authority notice</SubmitButton>
      </Form>
    </FormCard>
  );
}

function SubjectsNoticeForm({ incidentId }: { incidentId: string }) {
  const refresh = useRefreshIncident(incidentId);
  const [channel, setChannel] = useState('email');
  const [recipients, setRecipients] = useState('');
  const [sentAt, setSentAt] = useState(toLocalInput());
  const form = useApiForm({
    schema: SubjectsNoticeCreateSchema,
    body: () => ({ channel, recipients: recipients.trim() ? Number(recipients.replace(/[\s,_]/g, '')) : undefined, sentAt: fromLocalInput(sentAt) }),
    send: (body, key) => unwrap(api.POST('/v1/incidents/{id}/notifications/data-subjects', { params: { path: { id: incidentId } }, body, headers: idempotent(key) })),
    onSuccess: () => {
      setRecipients('');
      refresh();
    },
  });
  return (
    <FormCard title="Record a communication to data subjects" id="record-subjects-notice">
      <Form form={form}>
        <FormSummary form={form} labels={{ channel: 'Channel', recipients: 'Recipients', sentAt: 'Sent at' }} />
        <div className="field-row">
          <SelectField label="Channel" name="channel" required value={channel} onChange={setChannel} error={form.errors.channel} options={SubjectsNoticeCreateSchema.shape.channel.options.map((c) => [c, humanize(c)] as const)} />
          <TextField label="Recipients" name="recipients" required value={recipients} onChange={setRecipients} error={form.errors.recipients} inputProps={{ inputMode: 'numeric' }} />
          <TextField label="Sent at" name="sentAt" type="datetime-local" required value={sentAt} onChange={setSentAt} error={form.errors.sentAt} />
        </div>
        <SubmitButton form={form}>Record communication</SubmitButton>
      </Form>
    </FormCard>
  );
}

function Notices({ caseFile }: { caseFile: CaseFile }) {
  const { supervisoryAuthority: authority, dataSubjects: subjects } = caseFile.notices;
  return (
    <div className="decision-grid">
      <div>
        <h3>To the supervisory authority</h3>
        {authority.length === 0 ? (
          <p className="muted">No notice recorded.</p>
        ) : (
          <ol className="record-list">
            {authority.map((n) => (
              <li key={n.id}>
                <p className="record-main">
                  {n.authority} · {humanize(n.phase)} {n.late ? <StatusChip tone="danger">Late</StatusChip> : <StatusChip tone="success">On time</StatusChip>}
                </p>{' '}
                <p className="cell-sub">
                  Submitted <Time value={n.submittedAt} zone />
                  {n.reference && ` · reference ${n.reference}`} · recorded by {n.recordedBy}
                </p>
                {n.delayReasons && <p className="rationale">Reasons for delay: {n.delayReasons}</p>}
              </li>
            ))}
          </ol>
        )}
      </div>
      <div>
        <h3>To the data subjects</h3>
        {subjects.length === 0 ? (
          <p className="muted">No communication recorded.</p>
        ) : (
          <ol className="record-list">
            {subjects.map((n) => (
              <li key={n.id}>
                <p className="record-main">
                  {humanize(n.channel)} to {formatCount(n.recipients)} people
                </p>{' '}
                <p className="cell-sub">
                  Sent <Time value={n.sentAt} zone /> · recorded by {n.recordedBy}
                </p>
              </li>
            ))}
          </ol>
        )}
      </div>
    </div>
  );
}

/** Notification: decisions on telling the authority and the people, the notice drafts, and the notices sent. */
export function NotificationSection() {
  const incident = useIncident();
  const caseFile = useCaseFile(incident.id);
  const mayDecide = useMay('POST /v1/incidents/{id}/decisions/supervisory-authority');
  const mayDecideSubjects = useMay('POST /v1/incidents/{id}/decisions/data-subjects');
  const mayNotify = useMay('POST /v1/incidents/{id}/notifications/supervisory-authority');
  const mayNotifySubjects = useMay('POST /v1/incidents/{id}/notifications/data-subjects');
  const open = incident.status === 'open';
  const { hash } = useLocation();
  const gdpr = incident.deadlines.find((d) => d.regime === 'GDPR' && d.obligation === 'notify-supervisory-authority');
  const gdprLate = gdpr ? clockState(gdpr.status, gdpr.dueAt, Date.now()) === 'overdue' : false;

  // A link from an escalation lands on a form: bring it into view and put the cursor in its first field.
  useEffect(() => {
    if (!hash || caseFile.isPending) return;
    const target = document.getElementById(hash.slice(1));
    if (!target) return;
    target.scrollIntoView({ block: 'start' });
    target.querySelector<HTMLElement>('input, select, textarea')?.focus({ preventScroll: true });
  }, [hash, caseFile.isPending]);

  if (caseFile.isPending) return <Loading what="Loading decisions and notices" />;
  if (caseFile.isError && !caseFile.data) return <ErrorState error={caseFile.error} what="The decisions and notices" onRetry={() => void caseFile.refetch()} />;
  return (
    <>
      <Section id="decisions" title="Decisions">
        <Decisions caseFile={caseFile.data} />
      </Section>
      {open && (mayDecide || mayDecideSubjects) && (
        <div className="form-grid">
          {mayDecide && <AuthorityDecisionForm incidentId={incident.id} />}
          {mayDecideSubjects && <SubjectsDecisionForm incidentId={incident.id} />}
        </div>
      )}
      <Section id="drafts" title="Notice drafts" description="Drafted from the case file in your time zone. Missing mandatory fields are marked: record them in the case file and the draft follows.">
        <Draft incidentId={incident.id} reference={incident.reference} kind="supervisory-authority" />
        <Draft incidentId={incident.id} reference={incident.reference} kind="data-subjects" />
      </Section>
      <Section id="notices" title="Notices sent">
        <Notices caseFile={caseFile.data} />
      </Section>
      {open && (mayNotify || mayNotifySubjects) && (
        <div className="form-grid">
          {mayNotify && <AuthorityNoticeForm incidentId={incident.id} late={gdprLate} />}
          {mayNotifySubjects && <SubjectsNoticeForm incidentId={incident.id} />}
        </div>
      )}
    </>
  );
}

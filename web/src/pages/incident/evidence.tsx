import { useQuery } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { z } from 'zod';
import { CustodyEventCreateSchema, CustodyEventTypeSchema, EvidenceRegisterSchema } from '@domain/lifecycle';
import { text } from '@domain/text';
import { api, unwrap, validatedBody } from '../../api/client';
import { ApiError, problemSummary } from '../../api/problems';
import type { components } from '../../api/schema';
import { useMay, useSession } from '../../api/session';
import { uploadEvidenceContent } from '../../api/upload';
import { SelectField, TextArea, TextField } from '../../components/field';
import { Form, FormSummary, SubmitButton } from '../../components/form';
import { FormCard, Section } from '../../components/section';
import { Empty, QueryView } from '../../components/states';
import { StatusChip } from '../../components/status-chip';
import { Time } from '../../components/time';
import { formatBytes, humanize } from '../../lib/labels';
import { fromLocalInput, toLocalInput } from '../../lib/time-format';
import { useApiForm } from '../../lib/use-api-form';
import { idempotent, incidentKey, useIncident, useRefreshIncident } from './incident-data';

type EvidenceItem = components['schemas']['EvidenceItem'];

// The verify body as the API states it (EvidenceVerify): a purpose, required non-blank text up to 2,000 characters.
const VerifyBodySchema = z.strictObject({ purpose: text(2000) });

function Upload({ incidentId, item }: { incidentId: string; item: EvidenceItem }) {
  const refresh = useRefreshIncident(incidentId);
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const inputId = `upload-${item.id}`;
  const start = () => {
    if (!file) {
      setError('Choose a file to upload.');
      input.current?.focus();
      return;
    }
    setError(null);
    setDone(false);
    setProgress(0);
    uploadEvidenceContent(incidentId, item.id, file, { onProgress: setProgress })
      .then(() => {
        setDone(true);
        setProgress(null);
        refresh();
      })
      .catch((e: unknown) => {
        setProgress(null);
        setError(e instanceof ApiError ? problemSummary(e) : 'The upload failed; nothing was stored.');
      });
  };
  const uploading = progress !== null;
  return (
    <div className="upload">
      <div className="field">
        <label htmlFor={inputId}>Content file</label>
        <p className="hint" id={`${inputId}-hint`}>
          {item.sha256 ? 'Its SHA-256 must match the hash registered for this item.' : 'The server computes and records its SHA-256.'}
        </p>
        <input
          ref={input}
          id={inputId}
          type="file"
          onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          aria-invalid={error ? true : undefined}
          aria-describedby={`${inputId}-hint${error ? ` ${inputId}-error` : ''}`}
          disabled={uploading}
        />
      </div>
      <button type="button" className="button button-secondary" onClick={start} disabled={uploading}>
        {uploading ? 'Uploading…' : 'Upload content'}
      </button>
      {uploading && (
        <div className="progress">
          <label htmlFor={`${inputId}-progress`}>Upload progress</label>
          <progress id={`${inputId}-progress`} max={100} value={Math.round(progress * 100)}>
            {Math.round(progress * 100)} %
          </progress>
          <span aria-hidden="true">{Math.round(progress * 100)} %</span>
        </div>
      )}
      {error && (
        <p className="field-error" id={`${inputId}-error`} role="alert">
          {error}
        </p>
      )}
      {done && (
        <p className="success" role="status">
          Uploaded and hashed.
        </p>
      )}
    </div>
  );
}

function Verify({ incidentId, item }: { incidentId: string; item: EvidenceItem }) {
  const refresh = useRefreshIncident(incidentId);
  const [purpose, setPurpose] = useState('Integrity check');
  const [result, setResult] = useState<string | null>(null);
  const form = useApiForm({
    schema: VerifyBodySchema,
    body: () => ({ purpose }),
    send: (body, key) =>
      unwrap(api.POST('/v1/incidents/{id}/evidence/{evidenceId}/verify', { params: { path: { id: incidentId, evidenceId: item.id } }, body, headers: idempotent(key) })),
    onSuccess: (written) => {
      const state = written.state.evidence.find((e) => e.id === item.id)?.lastVerification;
      setResult(state ? (state.matches ? 'The content matches its recorded hash.' : 'MISMATCH: the content no longer matches its recorded hash.') : 'Verified.');
      refresh();
    },
  });
  return (
    <Form form={form} className="form inline-form">
      <FormSummary form={form} labels={{ purpose: 'Purpose' }} />
      <TextField label="Verification purpose" name="purpose" required value={purpose} onChange={setPurpose} error={form.errors.purpose} />
      <SubmitButton form={form} variant="secondary" pendingLabel="Verifying…">
        Verify
      </SubmitButton>
      {result && (
        <p className={result.startsWith('MISMATCH') ? 'field-error' : 'success'} role="status">
          {result}
        </p>
      )}
    </Form>
  );
}

function CustodyForm({ incidentId, item }: { incidentId: string; item: EvidenceItem }) {
  const refresh = useRefreshIncident(incidentId);
  const session = useSession();
  const [event, setEvent] = useState('transferred');
  const [from, setFrom] = useState(session.name);
  const [to, setTo] = useState('');
  const [purpose, setPurpose] = useState('');
  const [occurredAt, setOccurredAt] = useState(toLocalInput());
  const form = useApiForm({
    schema: CustodyEventCreateSchema,
    body: () => ({ event, from: from || undefined, to: to || undefined, purpose, occurredAt: fromLocalInput(occurredAt) }),
    send: (body, key) =>
      unwrap(api.POST('/v1/incidents/{id}/evidence/{evidenceId}/custody', { params: { path: { id: incidentId, evidenceId: item.id } }, body, headers: idempotent(key) })),
    onSuccess: () => {
      setPurpose('');
      setTo('');
      refresh();
    },
  });
  return (
    <Form form={form}>
      <FormSummary form={form} labels={{ event: 'Event', from: 'From', to: 'To', purpose: 'Purpose', occurredAt: 'Occurred at' }} />
      <div className="field-row">
        <SelectField label="Event" name="event" required value={event} onChange={setEvent} error={form.errors.event} options={CustodyEventTypeSchema.options.map((e) => [e, humanize(e)] as const)} />
        <TextField label="Occurred at" name="occurredAt" type="datetime-local" required value={occurredAt} onChange={setOccurredAt} error={form.errors.occurredAt} />
      </div>
      <div className="field-row">
        <TextField label="From" name="from" required={event === 'transferred'} value={from} onChange={setFrom} error={form.errors.from} />
        <TextField label="To" name="to" required={event === 'transferred'} value={to} onChange={setTo} error={form.errors.to} />
      </div>
      <TextArea label="Purpose" name="purpose" required rows={2} value={purpose} onChange={setPurpose} error={form.errors.purpose} />
      <SubmitButton form={form}>Record custody event</SubmitButton>
    </Form>
  );
}

function EvidenceCard({ incidentId, item, open }: { incidentId: string; item: EvidenceItem; open: boolean }) {
  const mayUpload = useMay('PUT /v1/incidents/{id}/evidence/{evidenceId}/content');
  const mayVerify = useMay('POST /v1/incidents/{id}/evidence/{evidenceId}/verify');
  const mayCustody = useMay('POST /v1/incidents/{id}/evidence/{evidenceId}/custody');
  const lastCheck = [...item.custody].reverse().find((c) => c.result);
  return (
    <article className="evidence-card" aria-labelledby={`evidence-${item.id}`} data-testid="evidence-item">
      <div className="evidence-head">
        <h3 id={`evidence-${item.id}`}>{item.description}</h3>
        {/* A live region from the start: the upload form (and its "Uploaded" message) goes once content is stored, so this announces it. */}
        <div className="chip-row" role="status">
          {item.contentStored ? (
            <StatusChip tone="success">Content stored</StatusChip>
          ) : item.sha256 ? (
            <StatusChip tone="neutral">Registered by hash</StatusChip>
          ) : (
            <StatusChip tone="warning">No content yet</StatusChip>
          )}
          {lastCheck?.result &&
            (lastCheck.result.matches ? <StatusChip tone="success">Hash verified</StatusChip> : <StatusChip tone="danger">Hash mismatch</StatusChip>)}
        </div>
      </div>
      <dl className="kv kv-grid">
        <div>
          <dt>Source</dt>
          <dd>{item.source}</dd>
        </div>
        <div>
          <dt>Collected</dt>
          <dd>
            by {item.collectedBy}, <Time value={item.collectedAt} />
          </dd>
        </div>
        <div>
          <dt>Method</dt>
          <dd>
            {item.method}
            {item.tool ? ` (${item.tool})` : ''}
          </dd>
        </div>
        <div>
          <dt>Size</dt>
          <dd>{formatBytes(item.sizeBytes)}</dd>
        </div>
        <div className="kv-wide">
          <dt>SHA-256</dt>
          <dd className="mono break">{item.sha256 ?? <span className="muted">Not yet known: upload the content</span>}</dd>
        </div>
      </dl>
      <h4>Chain of custody</h4>
      {item.custody.length === 0 ? (
        <p className="muted">No custody event yet.</p>
      ) : (
        <ol className="custody">
          {item.custody.map((c) => (
            <li key={c.id}>
              <strong>{humanize(c.event)}</strong>
              {c.from || c.to ? ` ${c.from ? `from ${c.from}` : ''}${c.to ? ` to ${c.to}` : ''}` : ''} — {c.purpose}
              {c.result && (
                <>
                  {' '}
                  {c.result.matches ? <StatusChip tone="success">Matches</StatusChip> : <StatusChip tone="danger">Mismatch</StatusChip>}
                </>
              )}
              <span className="cell-sub">
                <Time value={c.occurredAt} /> · recorded by {c.recordedBy}
              </span>
            </li>
          ))}
        </ol>
      )}
      {open && (
        <div className="evidence-actions">
          {mayUpload && !item.contentStored && <Upload incidentId={incidentId} item={item} />}
          {mayVerify && item.contentStored && <Verify incidentId={incidentId} item={item} />}
          {mayCustody && (
            <details>
              <summary>Record a custody event</summary>
              <CustodyForm incidentId={incidentId} item={item} />
            </details>
          )}
        </div>
      )}
    </article>
  );
}

const REGISTER_LABELS = { description: 'Description', source: 'Source', collectedBy: 'Collected by', collectedAt: 'Collected at', method: 'Method', tool: 'Tool', sha256: 'SHA-256', sizeBytes: 'Size in bytes' };

function RegisterForm({ incidentId }: { incidentId: string }) {
  const refresh = useRefreshIncident(incidentId);
  const session = useSession();
  const [v, setV] = useState({ description: '', source: '', collectedBy: session.name, collectedAt: toLocalInput(), method: '', tool: '', sha256: '', sizeBytes: '' });
  const set = (name: keyof typeof v) => (value: string) => setV({ ...v, [name]: value });
  const form = useApiForm({
    schema: EvidenceRegisterSchema,
    body: () => ({
      description: v.description,
      source: v.source,
      collectedBy: v.collectedBy,
      collectedAt: fromLocalInput(v.collectedAt),
      method: v.method,
      tool: v.tool || undefined,
      sha256: v.sha256.trim() ? v.sha256.trim().toLowerCase() : undefined,
      sizeBytes: v.sizeBytes.trim() ? Number(v.sizeBytes.replace(/[\s,_]/g, '')) : undefined,
    }),
    send: (body, key) => unwrap(api.POST('/v1/incidents/{id}/evidence', { params: { path: { id: incidentId } }, body: validatedBody(body), headers: idempotent(key) })),
    onSuccess: () => {
      setV({ ...v, description: '', source: '', method: '', tool: '', sha256: '', sizeBytes: '' });
      refresh();
    },
  });
  return (
    <FormCard title="Register an evidence item">
      <Form form={form}>
        <FormSummary form={form} labels={REGISTER_LABELS} />
        <TextArea label={REGISTER_LABELS.description} name="description" required rows={2} value={v.description} onChange={set('description')} error={form.errors.description} />
        <TextField label={REGISTER_LABELS.source} name="source" required value={v.source} onChange={set('source')} error={form.errors.source} hint="Host, path, system or mailbox it came from." />
        <div className="field-row">
          <TextField label={REGISTER_LABELS.collectedBy} name="collectedBy" required value={v.collectedBy} onChange={set('collectedBy')} error={form.errors.collectedBy} />
          <TextField label={REGISTER_LABELS.collectedAt} name="collectedAt" type="datetime-local" required value={v.collectedAt} onChange={set('collectedAt')} error={form.errors.collectedAt} />
        </div>
        <div className="field-row">
          <TextField label={REGISTER_LABELS.method} name="method" required value={v.method} onChange={set('method')} error={form.errors.method} hint="e.g. disk image, log export." />
          <TextField label={REGISTER_LABELS.tool} name="tool" value={v.tool} onChange={set('tool')} error={form.errors.tool} hint="Tool and version." />
        </div>
        <div className="field-row">
          <TextField label={REGISTER_LABELS.sha256} name="sha256" value={v.sha256} onChange={set('sha256')} error={form.errors.sha256} hint="Only when the content is kept elsewhere, or to pin what the upload must match." inputProps={{ className: 'mono', spellCheck: false }} />
          <TextField label={REGISTER_LABELS.sizeBytes} name="sizeBytes" value={v.sizeBytes} onChange={set('sizeBytes')} error={form.errors.sizeBytes} hint="With the hash only." inputProps={{ inputMode: 'numeric' }} />
        </div>
        <SubmitButton form={form}>Register evidence</SubmitButton>
      </Form>
    </FormCard>
  );
}

/** Evidence: each item with its hash and chain of custody, upload with progress, verification, and registration. */
export function EvidenceSection() {
  const incident = useIncident();
  const mayRegister = useMay('POST /v1/incidents/{id}/evidence');
  const open = incident.status === 'open';
  const evidence = useQuery({
    queryKey: incidentKey(incident.id, 'evidence'),
    queryFn: () => unwrap(api.GET('/v1/incidents/{id}/evidence', { params: { path: { id: incident.id } } })),
  });
  return (
    <>
      <Section id="evidence" title="Evidence" description="Every item keeps its SHA-256 and a chain of custody; verification recomputes the hash of the stored content.">
        <QueryView
          query={evidence}
          what="The evidence"
          loading="Loading evidence"
          isEmpty={({ items }) => items.length === 0}
          empty={
            <Empty>
              <p>No evidence registered yet.</p>
            </Empty>
          }
        >
          {({ items }) => (
            <div className="evidence-list">
              {items.map((item) => (
                <EvidenceCard key={item.id} incidentId={incident.id} item={item} open={open} />
              ))}
            </div>
          )}
        </QueryView>
      </Section>
      {open && mayRegister && <RegisterForm incidentId={incident.id} />}
    </>
  );
}

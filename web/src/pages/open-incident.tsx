import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { IncidentCreateSchema } from '@domain/incident';
import { api, unwrap } from '../api/client';
import { useMay } from '../api/session';
import { TextArea, TextField } from '../components/field';
import { FormSummary, SubmitButton } from '../components/form';
import { PageHeader } from '../components/page-header';
import { fromLocalInput, toLocalInput, viewerTimeZone } from '../lib/time-format';
import { useApiForm } from '../lib/use-api-form';

const LABELS = { title: 'Title', description: 'Description', detectedAt: 'Detected at', awareAt: 'Aware at', reportedBy: 'Reported by' };

/** The form a responder opens a suspected breach with; the GDPR clock starts at awareness (or detection). */
export function OpenIncidentPage() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const mayOpen = useMay('POST /v1/incidents');
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [detectedAt, setDetectedAt] = useState(toLocalInput());
  const [awareAt, setAwareAt] = useState('');
  const [reportedBy, setReportedBy] = useState('');

  const form = useApiForm({
    schema: IncidentCreateSchema,
    body: () => ({
      title,
      description: description || undefined,
      detectedAt: fromLocalInput(detectedAt),
      awareAt: fromLocalInput(awareAt),
      reportedBy: reportedBy || undefined,
    }),
    send: (body, key) => unwrap(api.POST('/v1/incidents', { body, headers: { 'Idempotency-Key': key } })),
    onSuccess: (opened) => {
      void queryClient.invalidateQueries({ queryKey: ['incidents'] });
      void queryClient.invalidateQueries({ queryKey: ['deadlines'] });
      void navigate(`/incidents/${opened.id}`);
    },
  });

  if (!mayOpen) {
    return (
      <section className="panel narrow">
        <PageHeader title="Open an incident" documentTitle="Open an incident" />
        <p>Your role can read incidents but not open them. Ask a responder, the DPO or an administrator.</p>
        <Link to="/incidents">Back to incidents</Link>
      </section>
    );
  }

  return (
    <>
      <PageHeader
        title="Open an incident"
        documentTitle="Open an incident"
        eyebrow={<Link to="/incidents">← Incidents</Link>}
        lead="Open it as soon as a breach is suspected: the GDPR Art. 33 72-hour clock starts when you became aware (or at detection if you leave awareness empty)."
      />
      <form className="panel form narrow" noValidate onSubmit={form.onSubmit} aria-label="Open an incident">
        <FormSummary form={form} labels={LABELS} />
        <TextField label={LABELS.title} name="title" required value={title} onChange={setTitle} error={form.errors.title} hint="A short name, e.g. “Stolen laptop with HR exports”." />
        <TextArea label={LABELS.description} name="description" value={description} onChange={setDescription} error={form.errors.description} />
        <div className="field-row">
          <TextField
            label={LABELS.detectedAt}
            name="detectedAt"
            type="datetime-local"
            required
            value={detectedAt}
            onChange={setDetectedAt}
            error={form.errors.detectedAt}
            hint={`Your time zone: ${viewerTimeZone}.`}
          />
          <TextField
            label={LABELS.awareAt}
            name="awareAt"
            type="datetime-local"
            value={awareAt}
            onChange={setAwareAt}
            error={form.errors.awareAt}
            hint="When you were reasonably certain personal data were compromised (EDPB Guidelines 9/2022)."
          />
        </div>
        <TextField label={LABELS.reportedBy} name="reportedBy" value={reportedBy} onChange={setReportedBy} error={form.errors.reportedBy} />
        <div className="button-row">
          <SubmitButton form={form} pendingLabel="Opening…">
            Open incident
          </SubmitButton>
          <Link className="button button-ghost" to="/incidents">
            Cancel
          </Link>
        </div>
      </form>
    </>
  );
}

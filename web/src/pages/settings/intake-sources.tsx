import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { IntakeFormatNameSchema, IntakeSourceCreateSchema } from '@domain/intake-source';
import { api, unwrap } from '../../api/client';
import { ApiError, problemSummary } from '../../api/problems';
import type { components } from '../../api/schema';
import { CardTable } from '../../components/card-table';
import { ConfirmButton } from '../../components/confirm-button';
import { CopyButton } from '../../components/copy-button';
import { SelectField, TextField } from '../../components/field';
import { ActionError, Form, FormSummary, SubmitButton } from '../../components/form';
import { SecretOnce } from '../../components/secret-once';
import { FormCard, Section } from '../../components/section';
import { Empty, QueryView } from '../../components/states';
import { StatusChip } from '../../components/status-chip';
import { Time } from '../../components/time';
import { useApiForm } from '../../lib/use-api-form';

type Source = components['schemas']['IntakeSource'];

const FORMAT_LABELS: Record<string, string> = { generic: 'Generic JSON', 'aws-guardduty': 'AWS GuardDuty (EventBridge)', splunk: 'Splunk webhook alert action', 'elastic-security': 'Elastic Security' };
const LABELS = { name: 'Name', format: 'Format', correlationWindowHours: 'Correlation window (hours)', rateLimitPerMinute: 'Rate limit (per minute)' };

function CreateSourceForm({ onSecret }: { onSecret: (secret: string, name: string) => void }) {
  const queryClient = useQueryClient();
  const [v, setV] = useState({ name: '', format: 'generic', window: '72', rate: '600' });
  const set = (name: keyof typeof v) => (value: string) => setV({ ...v, [name]: value });
  const num = (text: string) => (text.trim() === '' ? undefined : Number(text));
  const form = useApiForm({
    schema: IntakeSourceCreateSchema,
    body: () => ({ name: v.name, format: v.format, correlationWindowHours: num(v.window), rateLimitPerMinute: num(v.rate) }),
    send: (body, key) => unwrap(api.POST('/v1/intake-sources', { body, headers: { 'Idempotency-Key': key } })),
    onSuccess: (created) => {
      setV({ ...v, name: '' });
      void queryClient.invalidateQueries({ queryKey: ['intake-sources'] });
      onSecret(created.secret, created.name);
    },
  });
  return (
    <FormCard title="Add an intake source">
      <Form form={form}>
        <FormSummary form={form} labels={LABELS} />
        <div className="field-row">
          <TextField label={LABELS.name} name="name" required value={v.name} onChange={set('name')} error={form.errors.name} hint="e.g. Production GuardDuty." />
          <SelectField label={LABELS.format} name="format" required value={v.format} onChange={set('format')} error={form.errors.format} options={IntakeFormatNameSchema.options.map((f) => [f, FORMAT_LABELS[f] ?? f] as const)} />
        </div>
        <div className="field-row">
          <TextField label={LABELS.correlationWindowHours} name="correlationWindowHours" value={v.window} onChange={set('window')} error={form.errors.correlationWindowHours} hint="Alerts with the same correlation key attach to an incident opened within this window." inputProps={{ inputMode: 'numeric' }} />
          <TextField label={LABELS.rateLimitPerMinute} name="rateLimitPerMinute" value={v.rate} onChange={set('rate')} error={form.errors.rateLimitPerMinute} inputProps={{ inputMode: 'numeric' }} />
        </div>
        <SubmitButton form={form}>Add intake source</SubmitButton>
      </Form>
    </FormCard>
  );
}

/** Intake sources (admin): security tools allowed to open incidents with signed webhooks. */
export function IntakeSourcesSettings() {
  const queryClient = useQueryClient();
  const sources = useQuery({ queryKey: ['intake-sources'], queryFn: () => unwrap(api.GET('/v1/intake-sources')) });
  const [secret, setSecret] = useState<{ secret: string; name: string } | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const failed = (e: unknown) => setActionError(e instanceof ApiError ? problemSummary(e) : 'The change failed.');

  const rotate = (source: Source) => {
    setActionError(null);
    unwrap(api.POST('/v1/intake-sources/{sourceId}/rotate-secret', { params: { path: { sourceId: source.id } }, body: { overlapHours: 24 } }))
      .then((rotated) => {
        void queryClient.invalidateQueries({ queryKey: ['intake-sources'] });
        setSecret({ secret: rotated.secret, name: rotated.name });
      })
      .catch(failed);
  };
  const setDisabled = (source: Source, disabled: boolean) => {
    setActionError(null);
    unwrap(api.PATCH('/v1/intake-sources/{sourceId}', { params: { path: { sourceId: source.id } }, body: { disabled } }))
      .then(() => void queryClient.invalidateQueries({ queryKey: ['intake-sources'] }))
      .catch(failed);
  };

  return (
    <>
      <Section id="intake-sources" title="Intake sources" description="Security tools (SIEM, EDR, DLP, cloud alerts) that open or enrich incidents through Standard Webhooks-signed requests.">
        {secret && <SecretOnce title={`Signing secret for ${secret.name}`} what="signing secret" secret={secret.secret} onDone={() => setSecret(null)} />}
        <ActionError message={actionError} />
        <QueryView
          query={sources}
          what="The intake sources"
          loading="Loading intake sources"
          isEmpty={({ items }) => items.length === 0}
          empty={
            <Empty>
              <p>No intake source yet. Add one to let a security tool open incidents.</p>
            </Empty>
          }
        >
          {({ items }) => (
            <CardTable caption="Intake sources" columns={['Name', 'Format', 'Intake URL', 'Limits', 'Status', 'Actions']}>
              {items.map((s) => (
                <tr key={s.id} data-testid="intake-source-row">
                  <td data-label="Name">
                    {s.name}
                    <span className="cell-sub">
                      Added <Time value={s.createdAt} />
                    </span>
                  </td>
                  <td data-label="Format">{FORMAT_LABELS[s.format] ?? s.format}</td>
                  <td data-label="Intake URL">
                    <code className="break">{s.intakeUrl}</code> <CopyButton text={s.intakeUrl} label={`Copy the URL of ${s.name}`} className="button button-ghost button-small" />
                  </td>
                  <td data-label="Limits">
                    {s.correlationWindowHours} h window · {s.rateLimitPerMinute}/min
                  </td>
                  <td data-label="Status">{s.disabled ? <StatusChip tone="neutral">Disabled</StatusChip> : <StatusChip tone="success">Enabled</StatusChip>}</td>
                  <td data-label="Actions">
                    <div className="button-row compact">
                      <ConfirmButton
                        label={
                          <>
                            Rotate secret<span className="visually-hidden"> of {s.name}</span>
                          </>
                        }
                        question="The old secret keeps verifying for 24 hours."
                        confirmLabel="Rotate"
                        variant="secondary"
                        onConfirm={() => rotate(s)}
                      />
                      {s.disabled ? (
                        <button type="button" className="button button-ghost button-small" onClick={() => setDisabled(s, false)}>
                          Enable<span className="visually-hidden"> {s.name}</span>
                        </button>
                      ) : (
                        <ConfirmButton
                          label={
                            <>
                              Disable<span className="visually-hidden"> {s.name}</span>
                            </>
                          }
                          question="Its alerts will be refused."
                          confirmLabel="Disable"
                          onConfirm={() => setDisabled(s, true)}
                        />
                      )}
                    </div>
                  </td>
                </tr>
              ))}
            </CardTable>
          )}
        </QueryView>
      </Section>
      <CreateSourceForm onSecret={(s, name) => setSecret({ secret: s, name })} />
    </>
  );
}

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ContactCreateSchema, ContactRoleSchema, ContactUpdateSchema } from '@domain/contacts';
import { api, unwrap, validatedBody } from '../../api/client';
import { ApiError, problemSummary } from '../../api/problems';
import type { components } from '../../api/schema';
import { CardTable } from '../../components/card-table';
import { ConfirmButton } from '../../components/confirm-button';
import { SelectField, TextField } from '../../components/field';
import { ActionError, Form, FormSummary, SubmitButton } from '../../components/form';
import { SecretOnce } from '../../components/secret-once';
import { FormCard, Section } from '../../components/section';
import { Empty, QueryView } from '../../components/states';
import { StatusChip } from '../../components/status-chip';
import { RECIPIENT_LABELS } from '../../lib/labels';
import { useApiForm } from '../../lib/use-api-form';

type Contact = components['schemas']['Contact'];

const LABELS = { name: 'Name', role: 'Escalation role', email: 'Email', webhookUrl: 'Webhook URL', apiKeyId: 'API key id' };

function CreateContactForm({ onSecret }: { onSecret: (secret: string, name: string) => void }) {
  const queryClient = useQueryClient();
  const [v, setV] = useState({ name: '', role: 'dpo', email: '', webhookUrl: '' });
  const set = (name: keyof typeof v) => (value: string) => setV({ ...v, [name]: value });
  const form = useApiForm({
    schema: ContactCreateSchema,
    body: () => ({ name: v.name, role: v.role, email: v.email.trim() || undefined, webhookUrl: v.webhookUrl.trim() || undefined }),
    send: (body, key) => unwrap(api.POST('/v1/contacts', { body: validatedBody(body), headers: { 'Idempotency-Key': key } })),
    onSuccess: (created) => {
      setV({ name: '', role: v.role, email: '', webhookUrl: '' });
      void queryClient.invalidateQueries({ queryKey: ['contacts'] });
      if (created.webhookSecret) onSecret(created.webhookSecret, created.name);
    },
  });
  return (
    <FormCard title="Add a contact">
      <Form form={form}>
        <FormSummary form={form} labels={LABELS} />
        <div className="field-row">
          <TextField label={LABELS.name} name="name" required value={v.name} onChange={set('name')} error={form.errors.name} />
          <SelectField label={LABELS.role} name="role" required value={v.role} onChange={set('role')} error={form.errors.role} options={ContactRoleSchema.options.map((r) => [r, RECIPIENT_LABELS[r] ?? r] as const)} hint="Which rungs of the escalation ladder reach them." />
        </div>
        <p className="hint">Give an email address, a webhook URL, or both. A webhook gets a signing secret, shown once.</p>
        <div className="field-row">
          <TextField label={LABELS.email} name="email" type="email" value={v.email} onChange={set('email')} error={form.errors.email} />
          <TextField label={LABELS.webhookUrl} name="webhookUrl" type="url" value={v.webhookUrl} onChange={set('webhookUrl')} error={form.errors.webhookUrl} />
        </div>
        <SubmitButton form={form}>Add contact</SubmitButton>
      </Form>
    </FormCard>
  );
}

function EditContactForm({ contact, onDone }: { contact: Contact; onDone: () => void }) {
  const queryClient = useQueryClient();
  const [v, setV] = useState({ name: contact.name, email: contact.email ?? '', webhookUrl: contact.webhookUrl ?? '' });
  const set = (name: keyof typeof v) => (value: string) => setV({ ...v, [name]: value });
  const form = useApiForm({
    schema: ContactUpdateSchema,
    body: () => ({ name: v.name, email: v.email.trim() || null, webhookUrl: v.webhookUrl.trim() || null }),
    send: (body, key) => unwrap(api.PATCH('/v1/contacts/{contactId}', { params: { path: { contactId: contact.id } }, body, headers: { 'Idempotency-Key': key } })),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['contacts'] });
      onDone();
    },
  });
  return (
    <FormCard title={`Edit ${contact.name}`}>
      <Form form={form}>
        <FormSummary form={form} labels={LABELS} />
        <TextField label={LABELS.name} name="name" required value={v.name} onChange={set('name')} error={form.errors.name} />
        <div className="field-row">
          <TextField label={LABELS.email} name="email" type="email" value={v.email} onChange={set('email')} error={form.errors.email} />
          <TextField label={LABELS.webhookUrl} name="webhookUrl" type="url" value={v.webhookUrl} onChange={set('webhookUrl')} error={form.errors.webhookUrl} />
        </div>
        <div className="button-row">
          <SubmitButton form={form}>Save changes</SubmitButton>
          <button type="button" className="button button-ghost" onClick={onDone}>
            Cancel
          </button>
        </div>
      </Form>
    </FormCard>
  );
}

/** Contacts escalations reach: list, add, edit, deactivate or reactivate, rotate a webhook secret. */
export function ContactsSettings() {
  const queryClient = useQueryClient();
  const contacts = useQuery({ queryKey: ['contacts'], queryFn: () => unwrap(api.GET('/v1/contacts')) });
  const [editing, setEditing] = useState<Contact | null>(null);
  const [secret, setSecret] = useState<{ secret: string; name: string } | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);

  const patch = (contact: Contact, body: components['schemas']['ContactUpdate']) => {
    setActionError(null);
    unwrap(api.PATCH('/v1/contacts/{contactId}', { params: { path: { contactId: contact.id } }, body }))
      .then((updated) => {
        void queryClient.invalidateQueries({ queryKey: ['contacts'] });
        if (body.rotateWebhookSecret && updated.webhookSecret) setSecret({ secret: updated.webhookSecret, name: updated.name });
      })
      .catch((e: unknown) => setActionError(e instanceof ApiError ? problemSummary(e) : 'The change failed.'));
  };

  return (
    <>
      <Section id="contacts" title="Contacts" description="The people and endpoints escalations reach, by email and signed webhook.">
        {secret && <SecretOnce title={`Webhook signing secret for ${secret.name}`} what="signing secret" secret={secret.secret} onDone={() => setSecret(null)} />}
        <ActionError message={actionError} />
        <QueryView
          query={contacts}
          what="The contacts"
          loading="Loading contacts"
          isEmpty={({ items }) => items.length === 0}
          empty={
            <Empty>
              <p>No contact yet: escalations reach nobody. Add the DPO first.</p>
            </Empty>
          }
        >
          {({ items }) => (
            <CardTable caption="Contacts" columns={['Name', 'Role', 'Email', 'Webhook', 'Status', 'Actions']}>
              {items.map((c) => (
                <tr key={c.id} data-testid="contact-row">
                  <td data-label="Name">{c.name}</td>
                  <td data-label="Role">{RECIPIENT_LABELS[c.role] ?? c.role}</td>
                  <td data-label="Email" className="break">
                    {c.email ?? <span className="muted">—</span>}
                  </td>
                  <td data-label="Webhook" className="break">
                    {c.webhookUrl ?? <span className="muted">—</span>}
                  </td>
                  <td data-label="Status">{c.active ? <StatusChip tone="success">Active</StatusChip> : <StatusChip tone="neutral">Inactive</StatusChip>}</td>
                  <td data-label="Actions">
                    <div className="button-row compact">
                      <button type="button" className="button button-ghost button-small" onClick={() => setEditing(c)}>
                        Edit<span className="visually-hidden"> {c.name}</span>
                      </button>
                      {c.webhookUrl && (
                        <ConfirmButton
                          label={
                            <>
                              Rotate secret<span className="visually-hidden"> of {c.name}</span>
                            </>
                          }
                          question="The old secret stops working."
                          confirmLabel="Rotate"
                          variant="secondary"
                          onConfirm={() => patch(c, { rotateWebhookSecret: true })}
                        />
                      )}
                      {c.active ? (
                        <ConfirmButton
                          label={
                            <>
                              Deactivate<span className="visually-hidden"> {c.name}</span>
                            </>
                          }
                          question={`Stop escalating to ${c.name}?`}
                          confirmLabel="Deactivate"
                          onConfirm={() => patch(c, { active: false })}
                        />
                      ) : (
                        <button type="button" className="button button-ghost button-small" onClick={() => patch(c, { active: true })}>
                          Reactivate<span className="visually-hidden"> {c.name}</span>
                        </button>
                      )}
                    </div>
                  </td>
                </tr>
              ))}
            </CardTable>
          )}
        </QueryView>
      </Section>
      {editing ? <EditContactForm key={editing.id} contact={editing} onDone={() => setEditing(null)} /> : <CreateContactForm onSecret={(s, name) => setSecret({ secret: s, name })} />}
    </>
  );
}

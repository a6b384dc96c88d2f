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
import { channelsCreateBody, channelsInput, channelsUpdateBody, CHANNEL_LABELS, ChannelFields, ContactChannelList } from './contact-channels';
import { WORKING_HOURS_LABELS, workingHoursBody, workingHoursInput, workingHoursText, WorkingHoursFields } from './working-hours-fields';

type Contact = components['schemas']['Contact'];

const LABELS = { name: 'Name', role: 'Escalation role', apiKeyId: 'API key id', ...CHANNEL_LABELS, ...WORKING_HOURS_LABELS };

function CreateContactForm({ onSecret }: { onSecret: (secret: string, name: string) => void }) {
  const queryClient = useQueryClient();
  const [v, setV] = useState({ name: '', role: 'dpo' });
  const [channels, setChannels] = useState(channelsInput());
  const [hours, setHours] = useState(workingHoursInput(null));
  const form = useApiForm({
    schema: ContactCreateSchema,
    body: () => ({ name: v.name, role: v.role, ...channelsCreateBody(channels), workingHours: workingHoursBody(hours) ?? undefined }),
    send: (body, key) => unwrap(api.POST('/v1/contacts', { body: validatedBody(body), headers: { 'Idempotency-Key': key } })),
    onSuccess: (created) => {
      setV({ name: '', role: v.role });
      setChannels(channelsInput());
      setHours(workingHoursInput(null));
      void queryClient.invalidateQueries({ queryKey: ['contacts'] });
      if (created.webhookSecret) onSecret(created.webhookSecret, created.name);
    },
  });
  return (
    <FormCard title="Add a contact">
      <Form form={form}>
        <FormSummary form={form} labels={LABELS} />
        <div className="field-row">
          <TextField label={LABELS.name} name="name" required value={v.name} onChange={(name) => setV({ ...v, name })} error={form.errors.name} />
          <SelectField label={LABELS.role} name="role" required value={v.role} onChange={(role) => setV({ ...v, role })} error={form.errors.role} options={ContactRoleSchema.options.map((r) => [r, RECIPIENT_LABELS[r] ?? r] as const)} hint="Which rungs of the escalation ladder reach them." />
        </div>
        <ChannelFields value={channels} onChange={setChannels} errors={form.errors} />
        <WorkingHoursFields value={hours} onChange={setHours} errors={form.errors} />
        <SubmitButton form={form}>Add contact</SubmitButton>
      </Form>
    </FormCard>
  );
}

function EditContactForm({ contact, onDone }: { contact: Contact; onDone: () => void }) {
  const queryClient = useQueryClient();
  const [name, setName] = useState(contact.name);
  const [channels, setChannels] = useState(channelsInput(contact));
  const [hours, setHours] = useState(workingHoursInput(contact.workingHours));
  const form = useApiForm({
    schema: ContactUpdateSchema,
    body: () => ({ name, ...channelsUpdateBody(channels), workingHours: workingHoursBody(hours) }),
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
        <TextField label={LABELS.name} name="name" required value={name} onChange={setName} error={form.errors.name} />
        <ChannelFields value={channels} onChange={setChannels} errors={form.errors} pagerDutyEnding={contact.pagerDutyRoutingKeyEnding} />
        <WorkingHoursFields value={hours} onChange={setHours} errors={form.errors} />
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
      <Section id="contacts" title="Contacts" description="The people and endpoints escalations reach: by email, signed webhook, Slack, Teams or PagerDuty, at any time or only during their working hours.">
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
            <CardTable caption="Contacts" columns={['Name', 'Role', 'Channels', 'Working hours', 'Status', 'Actions']}>
              {items.map((c) => (
                <tr key={c.id} data-testid="contact-row">
                  <td data-label="Name">{c.name}</td>
                  <td data-label="Role">{RECIPIENT_LABELS[c.role] ?? c.role}</td>
                  <td data-label="Channels">
                    <ContactChannelList contact={c} />
                  </td>
                  <td data-label="Working hours">{c.workingHours ? workingHoursText(c.workingHours) : <span className="muted">{workingHoursText(null)}</span>}</td>
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

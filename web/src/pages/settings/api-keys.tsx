import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiKeyCreateSchema } from '@domain/access';
import { RoleSchema } from '@domain/roles';
import { api, unwrap } from '../../api/client';
import { ApiError, problemSummary } from '../../api/problems';
import { CardTable } from '../../components/card-table';
import { ConfirmButton } from '../../components/confirm-button';
import { roleLabel } from '../../components/layout';
import { SelectField, TextField } from '../../components/field';
import { ActionError, Form, FormSummary, SubmitButton } from '../../components/form';
import { SecretOnce } from '../../components/secret-once';
import { FormCard, Section } from '../../components/section';
import { Empty, QueryView } from '../../components/states';
import { StatusChip } from '../../components/status-chip';
import { Time } from '../../components/time';
import { useApiForm } from '../../lib/use-api-form';

function CreateKeyForm({ onKey }: { onKey: (key: string, name: string) => void }) {
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [role, setRole] = useState('responder');
  const form = useApiForm({
    schema: ApiKeyCreateSchema,
    body: () => ({ name, role }),
    send: (body, key) => unwrap(api.POST('/v1/api-keys', { body, headers: { 'Idempotency-Key': key } })),
    onSuccess: (created) => {
      setName('');
      void queryClient.invalidateQueries({ queryKey: ['api-keys'] });
      onKey(created.key, created.name);
    },
  });
  return (
    <FormCard title="Create an API key">
      <Form form={form}>
        <FormSummary form={form} labels={{ name: 'Name', role: 'Role' }} />
        <div className="field-row">
          <TextField label="Name" name="name" required value={name} onChange={setName} error={form.errors.name} hint="Who or what uses it, e.g. SOAR playbook." />
          <SelectField label="Role" name="role" required value={role} onChange={setRole} error={form.errors.role} options={RoleSchema.options.map((r) => [r, roleLabel(r)] as const)} />
        </div>
        <SubmitButton form={form}>Create key</SubmitButton>
      </Form>
    </FormCard>
  );
}

/** API keys for machines (admin): list, create (the key shown once), revoke. */
export function ApiKeysSettings() {
  const queryClient = useQueryClient();
  const keys = useQuery({ queryKey: ['api-keys'], queryFn: () => unwrap(api.GET('/v1/api-keys')) });
  const [created, setCreated] = useState<{ key: string; name: string } | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const revoke = (keyId: string) => {
    setActionError(null);
    unwrap(api.POST('/v1/api-keys/{keyId}/revoke', { params: { path: { keyId } } }))
      .then(() => void queryClient.invalidateQueries({ queryKey: ['api-keys'] }))
      .catch((e: unknown) => setActionError(e instanceof ApiError ? problemSummary(e) : 'Revoking failed.'));
  };
  return (
    <>
      <Section id="api-keys" title="API keys" description="Keys for machines calling the REST API with Authorization: Bearer. Each carries one role; only a hash is stored.">
        {created && <SecretOnce title={`API key for ${created.name}`} what="API key" secret={created.key} onDone={() => setCreated(null)} />}
        <ActionError message={actionError} />
        <QueryView
          query={keys}
          what="The API keys"
          loading="Loading API keys"
          isEmpty={({ items }) => items.length === 0}
          empty={
            <Empty>
              <p>No API key yet.</p>
            </Empty>
          }
        >
          {({ items }) => (
            <CardTable caption="API keys" columns={['Name', 'Role', 'Key starts with', 'Created', 'Status', 'Actions']}>
              {items.map((k) => (
                <tr key={k.id} data-testid="api-key-row">
                  <td data-label="Name">{k.name}</td>
                  <td data-label="Role">{roleLabel(k.role)}</td>
                  <td data-label="Key starts with">
                    <code>{k.keyPrefix}…</code>
                  </td>
                  <td data-label="Created">
                    <Time value={k.createdAt} />
                  </td>
                  <td data-label="Status">
                    {k.revokedAt ? (
                      <StatusChip tone="neutral">
                        Revoked <Time value={k.revokedAt} />
                      </StatusChip>
                    ) : (
                      <StatusChip tone="success">Active</StatusChip>
                    )}
                  </td>
                  <td data-label="Actions">
                    {!k.revokedAt && (
                      <ConfirmButton
                        label={
                          <>
                            Revoke<span className="visually-hidden"> {k.name}</span>
                          </>
                        }
                        question="It stops working at once."
                        confirmLabel="Revoke key"
                        onConfirm={() => revoke(k.id)}
                      />
                    )}
                  </td>
                </tr>
              ))}
            </CardTable>
          )}
        </QueryView>
      </Section>
      <CreateKeyForm onKey={(key, name) => setCreated({ key, name })} />
    </>
  );
}

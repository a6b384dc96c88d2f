import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { OrganisationProfileSchema, SectorFlagSchema } from '@domain/organisation';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { CheckboxGroup, SelectField, TextField } from '../../components/field';
import { Form, FormSummary, SubmitButton } from '../../components/form';
import { FormCard } from '../../components/section';
import { ErrorState, Loading } from '../../components/states';
import { Time } from '../../components/time';
import { fieldError, useApiForm } from '../../lib/use-api-form';

type Profile = components['schemas']['OrganisationProfileRead'];

const SECTOR_LABELS: Record<string, string> = {
  'nis2-entity': 'Essential or important entity under NIS2',
  'dora-financial-entity': 'Financial entity under DORA',
  'hipaa-covered-entity': 'HIPAA covered entity',
  'sec-registrant': 'SEC registrant',
  'hipaa-business-associate': 'HIPAA business associate',
  'nydfs-covered-entity': 'Covered entity under NYDFS 23 NYCRR 500',
  'ftc-financial-institution': 'Financial institution under the FTC Safeguards Rule',
  'cra-manufacturer': 'Manufacturer of products with digital elements (EU Cyber Resilience Act)',
  'electronic-communications-provider': 'Provider of public electronic communications services (ePrivacy, PECR)',
};

function ProfileForm({ profile }: { profile: Profile | null }) {
  const queryClient = useQueryClient();
  const [name, setName] = useState(profile?.name ?? '');
  const [establishment, setEstablishment] = useState(profile?.establishment.join(', ') ?? '');
  const [sectorFlags, setSectorFlags] = useState<string[]>(profile?.sectorFlags ?? []);
  const [actingAs, setActingAs] = useState<string>(profile?.actingAs ?? 'controller');
  const [targetDays, setTargetDays] = useState(profile?.expedientTargetDays ? String(profile.expedientTargetDays) : '');
  const [saved, setSaved] = useState(false);
  const form = useApiForm({
    schema: OrganisationProfileSchema,
    body: () => ({
      name: name.trim() ? name : null,
      establishment: establishment
        .split(/[\s,;]+/)
        .map((c) => c.trim().toUpperCase())
        .filter(Boolean),
      sectorFlags,
      actingAs,
      expedientTargetDays: targetDays.trim() ? Number(targetDays) : null,
    }),
    send: (body, key) => unwrap(api.PUT('/v1/organisation', { body, headers: { 'Idempotency-Key': key } })),
    onSuccess: () => {
      setSaved(true);
      void queryClient.invalidateQueries({ queryKey: ['organisation'] });
    },
  });
  return (
    <FormCard title="Organisation profile" level={2} className="narrow">
      <p className="hint">Which regimes apply to an incident follows from these facts and the incident's scope.</p>
      <Form form={form} onSubmit={(e) => { setSaved(false); form.onSubmit(e); }}>
        <FormSummary form={form} labels={{ name: 'Name', establishment: 'Countries of establishment', sectorFlags: 'Sector', actingAs: 'Acting as', expedientTargetDays: 'Target for notices without a legal deadline' }} />
        <TextField label="Name" name="name" value={name} onChange={setName} error={form.errors.name} />
        <TextField label="Countries of establishment" name="establishment" required value={establishment} onChange={setEstablishment} error={fieldError(form.errors, 'establishment')} hint="ISO codes separated by commas, e.g. DE, FR." />
        <CheckboxGroup legend="Sector" name="sectorFlags" options={SectorFlagSchema.options.map((f) => [f, SECTOR_LABELS[f] ?? f] as const)} values={sectorFlags} onChange={setSectorFlags} error={fieldError(form.errors, 'sectorFlags')} />
        <SelectField
          label="Acting as"
          name="actingAs"
          required
          value={actingAs}
          onChange={setActingAs}
          error={form.errors.actingAs}
          options={[
            ['controller', 'Controller'],
            ['processor', 'Processor'],
          ]}
        />
        <TextField
          label="Target for notices without a legal deadline (days)"
          name="expedientTargetDays"
          value={targetDays}
          onChange={setTargetDays}
          error={fieldError(form.errors, 'expedientTargetDays')}
          hint="Many US states require notice “in the most expedient time possible” with no fixed period. Their clocks show this target, counted from the trigger; it is never escalated as a legal deadline. Leave empty for none. Applies to incidents opened after saving."
          inputProps={{ inputMode: 'numeric' }}
        />
        <SubmitButton form={form}>Save profile</SubmitButton>
        {saved && (
          <p className="success" role="status">
            Saved.
          </p>
        )}
        {profile && (
          <p className="cell-sub">
            Last changed <Time value={profile.updatedAt} />
          </p>
        )}
      </Form>
    </FormCard>
  );
}

/** The organisation profile (GET/PUT /v1/organisation). */
export function OrganisationSettings() {
  const profile = useQuery({
    queryKey: ['organisation'],
    queryFn: async () => {
      // 404 until the profile is first saved: the form starts empty.
      const result = await api.GET('/v1/organisation');
      if (result.response.status === 404) return null;
      return unwrap(Promise.resolve(result));
    },
  });
  if (profile.isPending) return <Loading what="Loading the organisation profile" />;
  if (profile.isError && !profile.data) return <ErrorState error={profile.error} what="The organisation profile" onRetry={() => void profile.refetch()} />;
  return <ProfileForm key={profile.data?.updatedAt ?? 'new'} profile={profile.data} />;
}

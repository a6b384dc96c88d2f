import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { FindingCreateSchema, ScopeSchema, SpecialCategorySchema } from '@domain/lifecycle';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { useMay } from '../../api/session';
import { CheckboxField, CheckboxGroup, TextArea, TextField } from '../../components/field';
import { Form, FormSummary, SubmitButton } from '../../components/form';
import { FormCard, Section } from '../../components/section';
import { Empty, ErrorState, Loading } from '../../components/states';
import { Time } from '../../components/time';
import { formatCount, humanize } from '../../lib/labels';
import { scopeChanges } from '../../lib/scope-diff';
import { fromLocalInput } from '../../lib/time-format';
import { fieldError, useApiForm } from '../../lib/use-api-form';
import { idempotent, incidentKey, useCaseFile, useIncident, useRefreshIncident } from './incident-data';

type ScopeVersion = components['schemas']['ScopeVersion'];

function FindingForm({ incidentId }: { incidentId: string }) {
  const refresh = useRefreshIncident(incidentId);
  const [summary, setSummary] = useState('');
  const [observedAt, setObservedAt] = useState('');
  const [facts, setFacts] = useState<{ key: string; value: string }[]>([]);
  const form = useApiForm({
    schema: FindingCreateSchema,
    body: () => {
      const entries = facts.filter((f) => f.key.trim() !== '' || f.value.trim() !== '');
      return {
        summary,
        observedAt: fromLocalInput(observedAt),
        details: entries.length > 0 ? Object.fromEntries(entries.map((f) => [f.key.trim(), f.value])) : undefined,
      };
    },
    send: (body, key) => unwrap(api.POST('/v1/incidents/{id}/findings', { params: { path: { id: incidentId } }, body, headers: idempotent(key) })),
    onSuccess: () => {
      setSummary('');
      setObservedAt('');
      setFacts([]);
      refresh();
    },
  });
  const setFact = (i: number, change: Partial<{ key: string; value: string }>) => setFacts(facts.map((f, j) => (j === i ? { ...f, ...change } : f)));
  return (
    <FormCard title="Record a finding">
      <Form form={form}>
        <FormSummary form={form} labels={{ summary: 'Summary', observedAt: 'Observed at', details: 'Facts' }} />
        <TextArea label="Summary" name="summary" required rows={3} value={summary} onChange={setSummary} error={form.errors.summary} />
        <TextField label="Observed at" name="observedAt" type="datetime-local" value={observedAt} onChange={setObservedAt} error={form.errors.observedAt} />
        <fieldset className="field facts-editor">
          <legend>Structured facts (optional)</legend>
          {form.errors.details && <p className="field-error">{form.errors.details}</p>}
          {facts.map((fact, i) => (
            <div className="field-row fact-row" key={i}>
              <TextField label={`Fact ${i + 1} name`} name={`fact-${i}-key`} value={fact.key} onChange={(key) => setFact(i, { key })} inputProps={{ placeholder: 'e.g. attackVector' }} />
              <TextField label={`Fact ${i + 1} value`} name={`fact-${i}-value`} value={fact.value} onChange={(value) => setFact(i, { value })} error={form.errors[`details.${fact.key.trim()}`]} />
              <button type="button" className="button button-ghost button-small" onClick={() => setFacts(facts.filter((_, j) => j !== i))}>
                Remove<span className="visually-hidden"> fact {i + 1}</span>
              </button>
            </div>
          ))}
          <button type="button" className="button button-secondary button-small" onClick={() => setFacts([...facts, { key: '', value: '' }])}>
            Add a fact
          </button>
        </fieldset>
        <SubmitButton form={form}>Record finding</SubmitButton>
      </Form>
    </FormCard>
  );
}

function Findings({ incidentId }: { incidentId: string }) {
  const caseFile = useCaseFile(incidentId);
  if (caseFile.isPending) return <Loading what="Loading findings" />;
  if (caseFile.isError && !caseFile.data) return <ErrorState error={caseFile.error} what="The findings" onRetry={() => void caseFile.refetch()} />;
  const findings = caseFile.data.findings;
  if (findings.length === 0)
    return (
      <Empty>
        <p>No finding recorded yet.</p>
      </Empty>
    );
  return (
    <ol className="record-list">
      {findings.map((f) => (
        <li key={f.id}>
          <p className="record-main">{f.summary}</p>{' '}
          {f.details && Object.keys(f.details).length > 0 && (
            <dl className="kv">
              {Object.entries(f.details).map(([k, v]) => (
                <div key={k}>
                  <dt>{k}</dt>
                  <dd>{v === null ? '—' : String(v)}</dd>
                </div>
              ))}
            </dl>
          )}
          <p className="cell-sub">
            {f.observedAt && (
              <>
                Observed <Time value={f.observedAt} /> ·{' '}
              </>
            )}
            recorded by {f.recordedBy} <Time value={f.recordedAt} />
          </p>
        </li>
      ))}
    </ol>
  );
}

function ScopeSummary({ v }: { v: ScopeVersion }) {
  const list = (items: string[]) => (items.length ? items.join(', ') : '—');
  return (
    <dl className="kv kv-grid">
      <div>
        <dt>Data subjects (approx.)</dt>
        <dd>{formatCount(v.dataSubjectsApprox)}</dd>
      </div>
      <div>
        <dt>Records (approx.)</dt>
        <dd>{formatCount(v.recordsApprox)}</dd>
      </div>
      <div>
        <dt>Data categories</dt>
        <dd>{list(v.dataCategories)}</dd>
      </div>
      <div>
        <dt>Special categories</dt>
        <dd>{list(v.specialCategories.map(humanize))}</dd>
      </div>
      <div>
        <dt>Affected systems</dt>
        <dd>{list(v.affectedSystems)}</dd>
      </div>
      <div>
        <dt>Countries</dt>
        <dd>{list(v.countries)}</dd>
      </div>
      <div>
        <dt>Affected people by area</dt>
        <dd>{list(v.affected.map((a) => `${a.area}: ${a.count.toLocaleString()}`))}</dd>
      </div>
      <div>
        <dt>Encrypted</dt>
        <dd>{v.encrypted ? 'Yes, key not compromised' : 'No'}</dd>
      </div>
      <div>
        <dt>Unintelligible</dt>
        <dd>{v.unintelligible ? 'Yes' : 'No'}</dd>
      </div>
      <div className="kv-wide">
        <dt>Cause</dt>
        <dd>{v.cause ?? '—'}</dd>
      </div>
      <div className="kv-wide">
        <dt>Likely consequences</dt>
        <dd>{v.likelyConsequences ?? '—'}</dd>
      </div>
    </dl>
  );
}

function ScopeDiff({ before, after }: { before: ScopeVersion; after: ScopeVersion }) {
  const changes = scopeChanges(before, after);
  if (changes.length === 0) return <p className="muted">No field changed from version {before.version}.</p>;
  return (
    <ul className="diff" aria-label={`Changes from version ${before.version}`}>
      {changes.map((c) => (
        <li key={c.field}>
          <strong>{c.label}:</strong>{' '}
          {c.kind === 'list' ? (
            <>
              {c.added.map((a) => (
                <ins key={`+${a}`}>
                  <span className="visually-hidden">added </span>+ {a}
                </ins>
              ))}
              {c.removed.map((r) => (
                <del key={`-${r}`}>
                  <span className="visually-hidden">removed </span>− {r}
                </del>
              ))}
            </>
          ) : (
            <>
              <del>
                <span className="visually-hidden">was </span>
                {c.from}
              </del>{' '}
              <span aria-hidden="true">→</span>{' '}
              <ins>
                <span className="visually-hidden">now </span>
                {c.to}
              </ins>
            </>
          )}
        </li>
      ))}
    </ul>
  );
}

const splitLines = (text: string) =>
  text
    .split('\n')
    .map((s) => s.trim())
    .filter(Boolean);

const SCOPE_LABELS: Record<string, string> = {
  dataCategories: 'Data categories',
  specialCategories: 'Special categories',
  dataSubjectsApprox: 'Data subjects (approx.)',
  recordsApprox: 'Records (approx.)',
  affectedSystems: 'Affected systems',
  countries: 'Countries',
  affected: 'Affected people by country or US state',
  cause: 'Cause',
  encrypted: 'Encrypted',
  unintelligible: 'Unintelligible',
  likelyConsequences: 'Likely consequences',
};

function ScopeForm({ incidentId, latest }: { incidentId: string; latest: ScopeVersion | undefined }) {
  const refresh = useRefreshIncident(incidentId);
  const [dataCategories, setDataCategories] = useState(latest?.dataCategories.join('\n') ?? '');
  const [specialCategories, setSpecialCategories] = useState<string[]>(latest?.specialCategories ?? []);
  const [subjects, setSubjects] = useState(latest ? String(latest.dataSubjectsApprox) : '');
  const [records, setRecords] = useState(latest ? String(latest.recordsApprox) : '');
  const [systems, setSystems] = useState(latest?.affectedSystems.join('\n') ?? '');
  const [countries, setCountries] = useState(latest?.countries.join(', ') ?? '');
  const [affected, setAffected] = useState(latest?.affected.map((a) => `${a.area}: ${a.count}`).join('\n') ?? '');
  const [cause, setCause] = useState(latest?.cause ?? '');
  const [encrypted, setEncrypted] = useState(latest?.encrypted ?? false);
  const [unintelligible, setUnintelligible] = useState(latest?.unintelligible ?? false);
  const [consequences, setConsequences] = useState(latest?.likelyConsequences ?? '');
  const number = (text: string) => (text.trim() === '' ? undefined : Number(text.replace(/[\s,_]/g, '')));
  const form = useApiForm({
    schema: ScopeSchema,
    body: () => ({
      dataCategories: splitLines(dataCategories),
      specialCategories,
      dataSubjectsApprox: number(subjects),
      recordsApprox: number(records),
      affectedSystems: splitLines(systems),
      countries: countries
        .split(/[\s,;]+/)
        .map((c) => c.trim().toUpperCase())
        .filter(Boolean),
      affected: splitLines(affected).map((line) => {
        const [area = '', count = ''] = line.split(':');
        return { area: area.trim().toUpperCase(), count: number(count) };
      }),
      cause: cause.trim() ? cause : undefined,
      encrypted,
      unintelligible,
      likelyConsequences: consequences.trim() ? consequences : undefined,
    }),
    send: (body, key) => unwrap(api.POST('/v1/incidents/{id}/scope', { params: { path: { id: incidentId } }, body, headers: idempotent(key) })),
    onSuccess: refresh,
  });
  const e = (name: string) => fieldError(form.errors, name);
  return (
    <FormCard title={latest ? `Record scope version ${latest.version + 1}` : 'Record the scope'}>
      <Form form={form}>
        <FormSummary form={form} labels={SCOPE_LABELS} />
        <p className="hint">Each save is a new version; earlier versions are kept. The form starts from the latest version.</p>
        <div className="field-row">
          <TextField label={SCOPE_LABELS.dataSubjectsApprox!} name="dataSubjectsApprox" required value={subjects} onChange={setSubjects} error={e('dataSubjectsApprox')} inputProps={{ inputMode: 'numeric' }} />
          <TextField label={SCOPE_LABELS.recordsApprox!} name="recordsApprox" required value={records} onChange={setRecords} error={e('recordsApprox')} inputProps={{ inputMode: 'numeric' }} />
        </div>
        <TextArea label={SCOPE_LABELS.dataCategories!} name="dataCategories" required rows={3} value={dataCategories} onChange={setDataCategories} error={e('dataCategories')} hint="One per line, e.g. contact details." />
        <CheckboxGroup legend={SCOPE_LABELS.specialCategories} name="specialCategories" options={SpecialCategorySchema.options.map((c) => [c, humanize(c)] as const)} values={specialCategories} onChange={setSpecialCategories} error={e('specialCategories')} hint="GDPR Art. 9(1) and Art. 10 data." />
        <TextArea label={SCOPE_LABELS.affectedSystems!} name="affectedSystems" rows={2} value={systems} onChange={setSystems} error={e('affectedSystems')} hint="One per line." />
        <TextField label={SCOPE_LABELS.countries!} name="countries" value={countries} onChange={setCountries} error={e('countries')} hint="Where the affected people live: ISO codes separated by commas, e.g. DE, FR." />
        <TextArea label={SCOPE_LABELS.affected!} name="affected" rows={3} value={affected} onChange={setAffected} error={e('affected')} hint="One per line, area: count, e.g. US-CA: 600 or DE: 1200. The US state laws, HIPAA and others count their thresholds there." />
        <TextArea label={SCOPE_LABELS.cause!} name="cause" rows={2} value={cause} onChange={setCause} error={e('cause')} />
        <CheckboxField label="Encrypted with a key that was not compromised" name="encrypted" checked={encrypted} onChange={setEncrypted} error={e('encrypted')} />
        <CheckboxField label="Otherwise unintelligible to anyone not authorised (Art. 34(3)(a))" name="unintelligible" checked={unintelligible} onChange={setUnintelligible} error={e('unintelligible')} />
        <TextArea label={SCOPE_LABELS.likelyConsequences!} name="likelyConsequences" rows={2} value={consequences} onChange={setConsequences} error={e('likelyConsequences')} hint="For the people affected (Art. 33(3)(c))." />
        <SubmitButton form={form}>Save scope version</SubmitButton>
      </Form>
    </FormCard>
  );
}

function Scope({ incidentId, open }: { incidentId: string; open: boolean }) {
  const mayScope = useMay('POST /v1/incidents/{id}/scope');
  const scope = useQuery({
    queryKey: incidentKey(incidentId, 'scope'),
    queryFn: () => unwrap(api.GET('/v1/incidents/{id}/scope', { params: { path: { id: incidentId } } })),
  });
  if (scope.isPending) return <Loading what="Loading the scope" />;
  if (scope.isError && !scope.data) return <ErrorState error={scope.error} what="The scope" onRetry={() => void scope.refetch()} />;
  const versions = [...scope.data.items].sort((a, b) => a.version - b.version);
  const latest = versions.at(-1);
  return (
    <>
      {versions.length === 0 ? (
        <Empty>
          <p>No scope recorded yet: how many people and records, which data, which countries. It decides which regimes apply.</p>
        </Empty>
      ) : (
        <ol className="scope-versions" reversed>
          {[...versions].reverse().map((v, i, newestFirst) => {
            const previous = newestFirst[i + 1];
            return (
              <li key={v.version} className="scope-version">
                <h3>
                  Version {v.version}
                  {v === latest && <span className="muted"> (current)</span>}
                </h3>
                <p className="cell-sub">
                  Recorded by {v.recordedBy}, <Time value={v.recordedAt} />
                </p>
                {previous ? (
                  <>
                    <h4>What changed since version {previous.version}</h4>
                    <ScopeDiff before={previous} after={v} />
                  </>
                ) : null}
                {v === latest ? (
                  <ScopeSummary v={v} />
                ) : (
                  <details>
                    <summary>Show version {v.version} in full</summary>
                    <ScopeSummary v={v} />
                  </details>
                )}
              </li>
            );
          })}
        </ol>
      )}
      {open && mayScope && <ScopeForm key={latest?.version ?? 0} incidentId={incidentId} latest={latest} />}
    </>
  );
}

/** Investigation: findings and the versioned scope with what changed between versions. */
export function InvestigationSection() {
  const incident = useIncident();
  const mayFind = useMay('POST /v1/incidents/{id}/findings');
  const open = incident.status === 'open';
  return (
    <>
      <Section id="findings" title="Findings">
        <Findings incidentId={incident.id} />
        {open && mayFind && <FindingForm incidentId={incident.id} />}
      </Section>
      <Section id="scope" title="Scope">
        <Scope incidentId={incident.id} open={open} />
      </Section>
    </>
  );
}

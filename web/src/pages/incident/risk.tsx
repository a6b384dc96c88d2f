import { useState } from 'react';
import { RiskAssessmentCreateSchema, RiskSignOffSchema } from '@domain/lifecycle';
import { suggestOutcome } from '@domain/risk-factors';
import { RiskFactorsSchema } from '@domain/risk-factors-schema';
import { computeSeverity } from '@domain/severity';
import { SeverityInputSchema, SuggestedOutcomeSchema } from '@domain/severity-schema';
import { api, unwrap, validatedBody } from '../../api/client';
import type { components } from '../../api/schema';
import { useMay } from '../../api/session';
import { CheckboxField, SelectField, TextArea, TextField } from '../../components/field';
import { Form, FormSummary, SubmitButton } from '../../components/form';
import { FormCard, Section } from '../../components/section';
import { Empty, ErrorState, Loading } from '../../components/states';
import { StatusChip, type Tone } from '../../components/status-chip';
import { Time } from '../../components/time';
import { humanize } from '../../lib/labels';
import { useApiForm } from '../../lib/use-api-form';
import { idempotent, useCaseFile, useIncident, useRefreshIncident } from './incident-data';
import { FACTOR_LABELS, FactorsFieldsets, FactorsView, OUTCOME_LABELS, SuggestionReasons, useFactorsDraft, withRationales } from './risk-factors';

type Assessment = components['schemas']['RiskAssessment'];

const BAND_TONES: Record<string, Tone> = { low: 'success', medium: 'warning', high: 'danger', 'very-high': 'danger' };

/** A severity band as a chip: low green, medium amber, high and very high red. */
export function BandChip({ band }: { band: string }) {
  return <StatusChip tone={BAND_TONES[band] ?? 'neutral'}>{humanize(band)} risk</StatusChip>;
}

function AssessmentView({ a }: { a: Assessment }) {
  const { inputs, result } = a;
  const c = inputs.circumstances;
  return (
    <div className="assessment">
      <div className="score-line">
        <span className="score" aria-label={`Score ${result.score}`}>
          <span className="score-label">SE</span> {result.score}
        </span>
        <BandChip band={result.band} />
        <span>
          Suggests: <strong>{OUTCOME_LABELS[a.suggestion.outcome]}</strong>
        </span>
      </div>
      <SuggestionReasons suggestion={a.suggestion} />
      <p className="cell-sub">
        SE = DPC {result.dpc} × EI {result.ei} + CB {result.cb} · version {a.version}, assessed by {a.assessedBy} <Time value={a.assessedAt} />
      </p>
      <dl className="kv">
        <div>
          <dt>Data processing context</dt>
          <dd>
            {humanize(inputs.dataProcessingContext.category)}
            {inputs.dataProcessingContext.adjustment !== 0 && ` (adjusted ${inputs.dataProcessingContext.adjustment > 0 ? '+' : ''}${inputs.dataProcessingContext.adjustment})`}
            <span className="rationale">{inputs.dataProcessingContext.rationale}</span>
          </dd>
        </div>
        <div>
          <dt>Ease of identification</dt>
          <dd>
            {humanize(inputs.easeOfIdentification.level)}
            <span className="rationale">{inputs.easeOfIdentification.rationale}</span>
          </dd>
        </div>
        <div>
          <dt>Circumstances</dt>
          <dd>
            Confidentiality {c.lossOfConfidentiality}, integrity {c.lossOfIntegrity}, availability {c.lossOfAvailability}
            {c.maliciousIntent ? ', malicious intent' : ', no malicious intent'}
            <span className="rationale">{c.rationale}</span>
          </dd>
        </div>
      </dl>
      {a.factors && (
        <>
          <h4 className="subheading">EDPB risk factors</h4>
          <FactorsView factors={a.factors} />
        </>
      )}
      {a.signOff ? (
        <div className={`signoff ${a.signOff.overridden ? 'signoff-override' : ''}`}>
          <p>
            <StatusChip tone="success">Signed off</StatusChip> by {a.signOff.signedOffBy}, <Time value={a.signOff.signedOffAt} />:{' '}
            <strong>{OUTCOME_LABELS[a.signOff.finalOutcome]}</strong>
            {a.signOff.overridden && ' (overrides the suggestion)'}
          </p>
          {a.signOff.justification && <p className="rationale">Justification: {a.signOff.justification}</p>}
        </div>
      ) : (
        <p>
          <StatusChip tone="warning">Awaiting the DPO's sign-off</StatusChip>
        </p>
      )}
    </div>
  );
}

const ASSESS_LABELS: Record<string, string> = {
  'inputs.dataProcessingContext.category': 'Data processing context',
  'inputs.dataProcessingContext.adjustment': 'Adjustment',
  'inputs.dataProcessingContext.rationale': 'Why this context',
  'inputs.easeOfIdentification.level': 'Ease of identification',
  'inputs.easeOfIdentification.rationale': 'Why this level',
  'inputs.circumstances.lossOfConfidentiality': 'Loss of confidentiality',
  'inputs.circumstances.lossOfIntegrity': 'Loss of integrity',
  'inputs.circumstances.lossOfAvailability': 'Loss of availability',
  'inputs.circumstances.maliciousIntent': 'Malicious intent',
  'inputs.circumstances.rationale': 'Why these circumstances',
  notes: 'Notes',
  ...FACTOR_LABELS,
};

function AssessForm({ incidentId }: { incidentId: string }) {
  const refresh = useRefreshIncident(incidentId);
  const [v, setV] = useState({
    category: 'simple',
    adjustment: '0',
    dpcRationale: '',
    level: 'limited',
    eiRationale: '',
    confidentiality: '0',
    integrity: '0',
    availability: '0',
    malicious: false,
    cbRationale: '',
    notes: '',
  });
  const set = <K extends keyof typeof v>(name: K) => (value: (typeof v)[K]) => setV({ ...v, [name]: value });
  const num = (text: string) => (text.trim() === '' ? undefined : Number(text));
  const inputs = () => ({
    dataProcessingContext: { category: v.category, adjustment: num(v.adjustment), rationale: v.dpcRationale },
    easeOfIdentification: { level: v.level, rationale: v.eiRationale },
    circumstances: {
      lossOfConfidentiality: num(v.confidentiality),
      lossOfIntegrity: num(v.integrity),
      lossOfAvailability: num(v.availability),
      maliciousIntent: v.malicious,
      rationale: v.cbRationale,
    },
  });
  // The preview ignores the rationales so the score shows while they are still being written.
  const preview = SeverityInputSchema.safeParse({
    ...inputs(),
    dataProcessingContext: { ...inputs().dataProcessingContext, rationale: 'x' },
    easeOfIdentification: { ...inputs().easeOfIdentification, rationale: 'x' },
    circumstances: { ...inputs().circumstances, rationale: 'x' },
  });
  const severity = preview.success ? computeSeverity(preview.data) : null;
  const factorsDraft = useFactorsDraft();
  // The factors count toward the preview once their choices are valid, rationales or not (the same stand-in as above).
  const factorsPreview = RiskFactorsSchema.safeParse(withRationales(factorsDraft.factors));
  const suggestion = severity ? suggestOutcome(severity, factorsPreview.success ? factorsPreview.data : null, preview.success ? preview.data : undefined) : null;
  const form = useApiForm({
    schema: RiskAssessmentCreateSchema,
    body: () => ({ inputs: inputs(), factors: factorsDraft.factors, notes: v.notes.trim() ? v.notes : undefined }),
    send: (body, key) =>
      unwrap(api.POST('/v1/incidents/{id}/risk-assessments', { params: { path: { id: incidentId } }, body, headers: idempotent(key) })),
    onSuccess: refresh,
  });
  const e = (path: string) => form.errors[`inputs.${path}`];
  const lossHint = 'From 0 to 0.5, at most 2 decimals.';
  return (
    <FormCard title="Assess the risk (ENISA score and EDPB factors)">
      <Form form={form}>
        <FormSummary form={form} labels={ASSESS_LABELS} />
        <fieldset className="field-set">
          <legend>Data processing context (DPC)</legend>
          <div className="field-row">
            <SelectField
              label="Data processing context"
              name="category"
              required
              value={v.category}
              onChange={set('category')}
              error={e('dataProcessingContext.category')}
              options={[
                ['simple', 'Simple (1)'],
                ['behavioural', 'Behavioural (2)'],
                ['financial', 'Financial (3)'],
                ['sensitive', 'Sensitive (4)'],
              ]}
            />
            <TextField label="Adjustment" name="adjustment" required value={v.adjustment} onChange={set('adjustment')} error={e('dataProcessingContext.adjustment')} hint="−3 to +3 in steps of 0.25." inputProps={{ inputMode: 'decimal' }} />
          </div>
          <TextArea label="Why this context" name="dpcRationale" required rows={2} value={v.dpcRationale} onChange={set('dpcRationale')} error={e('dataProcessingContext.rationale')} />
        </fieldset>
        <fieldset className="field-set">
          <legend>Ease of identification (EI)</legend>
          <SelectField
            label="Ease of identification"
            name="level"
            required
            value={v.level}
            onChange={set('level')}
            error={e('easeOfIdentification.level')}
            options={[
              ['negligible', 'Negligible (0.25)'],
              ['limited', 'Limited (0.5)'],
              ['significant', 'Significant (0.75)'],
              ['maximum', 'Maximum (1)'],
            ]}
          />
          <TextArea label="Why this level" name="eiRationale" required rows={2} value={v.eiRationale} onChange={set('eiRationale')} error={e('easeOfIdentification.rationale')} />
        </fieldset>
        <fieldset className="field-set">
          <legend>Circumstances of the breach (CB)</legend>
          <div className="field-row field-row-3">
            <TextField label="Loss of confidentiality" name="confidentiality" required value={v.confidentiality} onChange={set('confidentiality')} error={e('circumstances.lossOfConfidentiality')} hint={lossHint} inputProps={{ inputMode: 'decimal' }} />
            <TextField label="Loss of integrity" name="integrity" required value={v.integrity} onChange={set('integrity')} error={e('circumstances.lossOfIntegrity')} hint={lossHint} inputProps={{ inputMode: 'decimal' }} />
            <TextField label="Loss of availability" name="availability" required value={v.availability} onChange={set('availability')} error={e('circumstances.lossOfAvailability')} hint={lossHint} inputProps={{ inputMode: 'decimal' }} />
          </div>
          <CheckboxField label="Malicious intent (adds 0.5)" name="malicious" checked={v.malicious} onChange={set('malicious')} error={e('circumstances.maliciousIntent')} />
          <TextArea label="Why these circumstances" name="cbRationale" required rows={2} value={v.cbRationale} onChange={set('cbRationale')} error={e('circumstances.rationale')} />
        </fieldset>
        <FactorsFieldsets draft={factorsDraft} errors={form.errors} />
        <TextArea label="Notes" name="notes" rows={2} value={v.notes} onChange={set('notes')} error={form.errors.notes} />
        <div className="score-preview" aria-live="polite">
          {severity && suggestion ? (
            <>
              Score preview: <strong>SE {severity.score}</strong> <BandChip band={severity.band} /> — suggests {OUTCOME_LABELS[suggestion.outcome].toLowerCase()}
              {!factorsPreview.success && ' (at least; complete the risk factors)'}
            </>
          ) : (
            'Score preview: complete the factors to see the score.'
          )}
        </div>
        <SubmitButton form={form}>Record assessment</SubmitButton>
      </Form>
    </FormCard>
  );
}

function SignOffForm({ incidentId, assessment }: { incidentId: string; assessment: Assessment }) {
  const refresh = useRefreshIncident(incidentId);
  const [mode, setMode] = useState<'accept' | 'override'>('accept');
  const [outcome, setOutcome] = useState('');
  const [justification, setJustification] = useState('');
  const form = useApiForm({
    schema: RiskSignOffSchema,
    // An override without a chosen outcome still routes to the override branch, so both its fields are checked.
    body: () => (mode === 'accept' ? { justification: justification.trim() ? justification : undefined } : { outcome, justification }),
    send: (body, key) =>
      unwrap(
        api.POST('/v1/incidents/{id}/risk-assessments/{assessmentId}/sign-off', {
          params: { path: { id: incidentId, assessmentId: assessment.id } },
          body: validatedBody(body),
          headers: idempotent(key),
        }),
      ),
    onSuccess: refresh,
  });
  return (
    <FormCard title={`Sign off assessment version ${assessment.version}`}>
      <Form form={form}>
        <FormSummary form={form} labels={{ outcome: 'Outcome', justification: 'Justification' }} />
        <fieldset className="field">
          <legend>Outcome</legend>
          <label className="radio">
            <input type="radio" name="signoff-mode" value="accept" checked={mode === 'accept'} onChange={() => setMode('accept')} />
            Accept the suggestion: {OUTCOME_LABELS[assessment.suggestion.outcome]}
          </label>
          <label className="radio">
            <input type="radio" name="signoff-mode" value="override" checked={mode === 'override'} onChange={() => setMode('override')} />
            Override the suggestion
          </label>
        </fieldset>
        {mode === 'override' && (
          <SelectField
            label="Final outcome"
            name="outcome"
            required
            value={outcome}
            onChange={setOutcome}
            error={form.errors.outcome}
            placeholder="Choose the outcome"
            options={SuggestedOutcomeSchema.options.filter((o) => o !== assessment.suggestion.outcome).map((o) => [o, OUTCOME_LABELS[o] ?? o] as const)}
          />
        )}
        <TextArea
          label="Justification"
          name="justification"
          required={mode === 'override'}
          rows={3}
          value={justification}
          onChange={setJustification}
          error={form.errors.justification}
          hint={mode === 'override' ? 'Required: why the suggested outcome does not fit. It goes into the register.' : undefined}
        />
        <SubmitButton form={form}>{mode === 'override' ? 'Sign off with override' : 'Sign off'}</SubmitButton>
      </Form>
    </FormCard>
  );
}

/** The risk assessment: ENISA inputs, score and band, the EDPB factors, the suggestion and its reasons; the DPO's sign-off or override. */
export function RiskSection() {
  const incident = useIncident();
  const caseFile = useCaseFile(incident.id);
  const mayAssess = useMay('POST /v1/incidents/{id}/risk-assessments');
  const maySignOff = useMay('POST /v1/incidents/{id}/risk-assessments/{assessmentId}/sign-off');
  const open = incident.status === 'open';
  if (caseFile.isPending) return <Loading what="Loading the risk assessment" />;
  if (caseFile.isError && !caseFile.data) return <ErrorState error={caseFile.error} what="The risk assessment" onRetry={() => void caseFile.refetch()} />;
  const assessments = caseFile.data.riskAssessments;
  const latest = assessments.at(-1);
  return (
    <>
      <Section id="risk" title="Risk assessment" description="ENISA severity: SE = DPC × EI + CB (below 2 low, below 3 medium, below 4 high, else very high). The suggestion is the stronger of the band's outcome and what the EDPB risk factors call for; only a recorded finding that no risk is likely allows register-only.">
        {!latest ? (
          <Empty>
            <p>No risk assessment yet. A decision not to notify needs one.</p>
          </Empty>
        ) : (
          <>
            <AssessmentView a={latest} />
            {assessments.length > 1 && (
              <details>
                <summary>Earlier versions ({assessments.length - 1})</summary>
                {assessments
                  .slice(0, -1)
                  .reverse()
                  .map((a) => (
                    <AssessmentView key={a.id} a={a} />
                  ))}
              </details>
            )}
          </>
        )}
      </Section>
      {open && (
        <div className="form-grid">
          {maySignOff && latest && !latest.signOff && <SignOffForm incidentId={incident.id} assessment={latest} />}
          {mayAssess && <AssessForm incidentId={incident.id} />}
        </div>
      )}
    </>
  );
}

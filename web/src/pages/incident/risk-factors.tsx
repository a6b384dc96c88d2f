// The EDPB risk factors on the risk page: the fieldsets the assessor fills beside the ENISA inputs, and how a
// recorded assessment shows them with the suggestion's reasons, factor by factor.
import { useState } from 'react';
import {
  CONSEQUENCE_SEVERITIES,
  CONTROLLER_SECTORS,
  DATA_CATEGORIES,
  DATA_VOLUMES,
  HARMS,
  SUBJECT_CHARACTERISTICS,
  type RiskFactors,
} from '@domain/risk-factors';
import type { components } from '../../api/schema';
import { CheckboxField, CheckboxGroup, SelectField, TextArea, TextField } from '../../components/field';
import { StatusChip, type Tone } from '../../components/status-chip';
import { humanize } from '../../lib/labels';

type Suggestion = components['schemas']['RiskSuggestionRecord'];
type Outcome = Suggestion['outcome'];

export const OUTCOME_LABELS: Record<Outcome, string> = {
  'register-only': 'Record in the register only',
  'notify-authority': 'Notify the supervisory authority',
  'notify-authority-and-subjects': 'Notify the authority and the data subjects',
};
const OUTCOME_TONES: Record<Outcome, Tone> = { 'register-only': 'success', 'notify-authority': 'warning', 'notify-authority-and-subjects': 'danger' };

const options = (values: readonly string[]) => values.map((v) => [v, humanize(v)] as const);
const list = (values: readonly string[]) => (values.length > 0 ? values.map(humanize).join(', ') : 'none');

/** Labels of the factor fields, for the form's error summary. */
export const FACTOR_LABELS: Record<string, string> = {
  'factors.breachType.rationale': 'Why this type of breach',
  'factors.data.categories': 'Kinds of data',
  'factors.data.rationale': 'Why this data',
  'factors.individuals.count': 'People affected',
  'factors.individuals.rationale': 'Why these people',
  'factors.consequences.rationale': 'Why these consequences',
  'factors.controller.rationale': 'Why these characteristics',
  'factors.mitigations.rationale': 'Why these measures',
  'factors.unlikelyToResultInRisk.reasons': 'Why no risk is likely',
};

const EMPTY = {
  confidentiality: false,
  integrity: false,
  availability: false,
  breachRationale: '',
  categories: [] as string[],
  volume: 'limited',
  dataRationale: '',
  count: '',
  countUnknown: false,
  characteristics: [] as string[],
  individualsRationale: '',
  severity: 'limited',
  permanent: false,
  harms: [] as string[],
  consequencesRationale: '',
  sectors: [] as string[],
  controllerRationale: '',
  encrypted: false,
  trustedRecipient: false,
  restored: false,
  mitigationsRationale: '',
  unlikely: false,
  unlikelyReasons: '',
};
type FactorsDraft = typeof EMPTY;

/** The factor fields' state and the body they make; the API's schema checks it (422 with the field path). */
export function useFactorsDraft() {
  const [v, setV] = useState(EMPTY);
  const set =
    <K extends keyof FactorsDraft>(name: K) =>
    (value: FactorsDraft[K]) =>
      setV((current) => ({ ...current, [name]: value }));
  const count = v.countUnknown ? 'unknown' : v.count.trim() === '' ? undefined : Number(v.count);
  // Built as typed; what the schema refuses (an empty rationale, a count of 0) comes back as a field error.
  const factors = {
    breachType: { confidentiality: v.confidentiality, integrity: v.integrity, availability: v.availability, rationale: v.breachRationale },
    data: { categories: v.categories, volume: v.volume, rationale: v.dataRationale },
    individuals: { count, characteristics: v.characteristics, rationale: v.individualsRationale },
    consequences: { severity: v.severity, permanent: v.permanent, harms: v.harms, rationale: v.consequencesRationale },
    controller: { sectors: v.sectors, rationale: v.controllerRationale },
    mitigations: {
      encryptedWithUncompromisedKey: v.encrypted,
      disclosedOnlyToTrustedRecipient: v.trustedRecipient,
      restoredFromBackupInTime: v.restored,
      rationale: v.mitigationsRationale,
    },
    ...(v.unlikely ? { unlikelyToResultInRisk: { reasons: v.unlikelyReasons } } : {}),
  } as unknown as RiskFactors;
  return { v, set, factors };
}

/** The factors with a stand-in for every rationale, so the preview shows before the reasons are written. */
export function withRationales(factors: RiskFactors): RiskFactors {
  const f = factors;
  return {
    ...f,
    breachType: { ...f.breachType, rationale: 'x' },
    data: { ...f.data, rationale: 'x' },
    individuals: { ...f.individuals, rationale: 'x' },
    consequences: { ...f.consequences, rationale: 'x' },
    controller: { ...f.controller, rationale: 'x' },
    mitigations: { ...f.mitigations, rationale: 'x' },
    ...(f.unlikelyToResultInRisk ? { unlikelyToResultInRisk: { reasons: 'x' } } : {}),
  };
}

/** The EDPB factor fieldsets of the assessment form. */
export function FactorsFieldsets({ draft, errors }: { draft: ReturnType<typeof useFactorsDraft>; errors: Record<string, string | undefined> }) {
  const { v, set } = draft;
  const e = (path: string) => errors[`factors.${path}`];
  return (
    <>
      <fieldset className="field-set">
        <legend>Type of breach</legend>
        <div className="field-row field-row-3">
          <CheckboxField label="Confidentiality (disclosed or accessed)" name="confidentiality" checked={v.confidentiality} onChange={set('confidentiality')} />
          <CheckboxField label="Integrity (altered)" name="integrity" checked={v.integrity} onChange={set('integrity')} />
          <CheckboxField label="Availability (lost or destroyed)" name="availability" checked={v.availability} onChange={set('availability')} />
        </div>
        <TextArea label="Why this type of breach" name="breachRationale" required rows={2} value={v.breachRationale} onChange={set('breachRationale')} error={e('breachType.rationale')} />
      </fieldset>
      <fieldset className="field-set">
        <legend>The data</legend>
        <CheckboxGroup legend="Kinds of data" name="categories" options={options(DATA_CATEGORIES)} values={v.categories} onChange={set('categories')} error={e('data.categories')} hint="Special category is GDPR Art. 9; criminal offence Art. 10." />
        <SelectField label="Data about each person" name="volume" required value={v.volume} onChange={set('volume')} error={e('data.volume')} options={options(DATA_VOLUMES)} />
        <TextArea label="Why this data" name="dataRationale" required rows={2} value={v.dataRationale} onChange={set('dataRationale')} error={e('data.rationale')} />
      </fieldset>
      <fieldset className="field-set">
        <legend>The people affected</legend>
        <div className="field-row">
          <TextField label="People affected" name="count" required={!v.countUnknown} value={v.countUnknown ? '' : v.count} onChange={set('count')} error={e('individuals.count')} hint="An estimate will do." inputProps={{ inputMode: 'numeric', disabled: v.countUnknown }} />
          <CheckboxField label="Not even an estimate yet" name="countUnknown" checked={v.countUnknown} onChange={set('countUnknown')} />
        </div>
        <CheckboxGroup legend="Who they are" name="characteristics" options={options(SUBJECT_CHARACTERISTICS)} values={v.characteristics} onChange={set('characteristics')} error={e('individuals.characteristics')} />
        <TextArea label="Why these people" name="individualsRationale" required rows={2} value={v.individualsRationale} onChange={set('individualsRationale')} error={e('individuals.rationale')} />
      </fieldset>
      <fieldset className="field-set">
        <legend>Consequences</legend>
        <div className="field-row">
          <SelectField label="How severe" name="severity" required value={v.severity} onChange={set('severity')} error={e('consequences.severity')} options={options(CONSEQUENCE_SEVERITIES)} />
          <CheckboxField label="Lasting (cannot be undone)" name="permanent" checked={v.permanent} onChange={set('permanent')} />
        </div>
        <CheckboxGroup legend="Possible harms" name="harms" options={options(HARMS)} values={v.harms} onChange={set('harms')} error={e('consequences.harms')} />
        <TextArea label="Why these consequences" name="consequencesRationale" required rows={2} value={v.consequencesRationale} onChange={set('consequencesRationale')} error={e('consequences.rationale')} />
      </fieldset>
      <fieldset className="field-set">
        <legend>The controller</legend>
        <CheckboxGroup legend="What the controller does" name="sectors" options={options(CONTROLLER_SECTORS)} values={v.sectors} onChange={set('sectors')} error={e('controller.sectors')} />
        <TextArea label="Why these characteristics" name="controllerRationale" required rows={2} value={v.controllerRationale} onChange={set('controllerRationale')} error={e('controller.rationale')} />
      </fieldset>
      <fieldset className="field-set">
        <legend>Measures that kept harm away</legend>
        <CheckboxField label="Encrypted to the state of the art, key not compromised" name="encrypted" checked={v.encrypted} onChange={set('encrypted')} />
        <CheckboxField label="Disclosed only to a trusted recipient who returned or deleted it" name="trustedRecipient" checked={v.trustedRecipient} onChange={set('trustedRecipient')} />
        <CheckboxField label="Restored from a clean backup in time" name="restored" checked={v.restored} onChange={set('restored')} />
        <TextArea label="Why these measures" name="mitigationsRationale" required rows={2} value={v.mitigationsRationale} onChange={set('mitigationsRationale')} error={e('mitigations.rationale')} />
      </fieldset>
      <fieldset className="field-set">
        <legend>Unlikely to result in a risk? (Art. 33(1))</legend>
        <CheckboxField
          label="We find the breach unlikely to result in a risk to people"
          name="unlikely"
          checked={v.unlikely}
          onChange={set('unlikely')}
          hint="Only with this finding can the suggestion be to record the breach in the register alone."
        />
        {v.unlikely && <TextArea label="Why no risk is likely" name="unlikelyReasons" required rows={2} value={v.unlikelyReasons} onChange={set('unlikelyReasons')} error={e('unlikelyToResultInRisk.reasons')} />}
      </fieldset>
    </>
  );
}

/** An outcome as a chip: register-only green, the authority amber, the data subjects red. */
export function OutcomeChip({ outcome }: { outcome: Outcome }) {
  return <StatusChip tone={OUTCOME_TONES[outcome]}>{OUTCOME_LABELS[outcome]}</StatusChip>;
}

/** Why the assessment suggests what it does: the two outcomes it weighs, then each factor's reason. */
export function SuggestionReasons({ suggestion }: { suggestion: Suggestion }) {
  if (suggestion.factorsOutcome === null) {
    return <p className="cell-sub">Assessed before the EDPB risk factors were recorded: the suggestion is the ENISA band's alone.</p>;
  }
  return (
    <div className="suggestion-reasons">
      <p className="cell-sub">
        The stronger of the ENISA band's outcome ({OUTCOME_LABELS[suggestion.enisaOutcome].toLowerCase()}) and the risk factors' (
        {OUTCOME_LABELS[suggestion.factorsOutcome].toLowerCase()}){suggestion.method === 'enisa-only' ? '; no risk factors were recorded' : ''}.
      </p>
      <ul className="reasons" aria-label="Why this suggestion">
        {suggestion.reasons.map((r, i) => (
          <li key={`${r.factor}-${i}`}>
            <OutcomeChip outcome={r.outcome} /> {r.explanation}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The recorded factors, each with its rationale. */
export function FactorsView({ factors }: { factors: RiskFactors }) {
  const { breachType: b, data, individuals, consequences: c, controller, mitigations: m } = factors;
  const lost = [b.confidentiality && 'confidentiality', b.integrity && 'integrity', b.availability && 'availability'].filter((x): x is string => Boolean(x));
  const measures = [
    m.encryptedWithUncompromisedKey && 'encrypted, key not compromised',
    m.disclosedOnlyToTrustedRecipient && 'only a trusted recipient',
    m.restoredFromBackupInTime && 'restored from backup in time',
  ].filter((x): x is string => Boolean(x));
  const rows: [string, string, string][] = [
    ['Type of breach', lost.length > 0 ? lost.map(humanize).join(', ') : 'none recorded', b.rationale],
    ['Data', `${list(data.categories)}; ${data.volume} about each person`, data.rationale],
    ['People affected', `${individuals.count === 'unknown' ? 'unknown' : individuals.count.toLocaleString('en')}; ${list(individuals.characteristics)}`, individuals.rationale],
    ['Consequences', `${humanize(c.severity)}${c.permanent ? ', lasting' : ''}; harms: ${list(c.harms)}`, c.rationale],
    ['Controller', list(controller.sectors), controller.rationale],
    ['Measures', measures.length > 0 ? measures.join(', ') : 'none', m.rationale],
  ];
  if (factors.unlikelyToResultInRisk) rows.push(['Unlikely to result in a risk', 'Finding recorded', factors.unlikelyToResultInRisk.reasons]);
  return (
    <dl className="kv">
      {rows.map(([label, value, rationale]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>
            {value}
            <span className="rationale">{rationale}</span>
          </dd>
        </div>
      ))}
    </dl>
  );
}

// The EDPB risk factors beside the ENISA score: Guidelines 9/2022 on personal data breach notification (section IV.B,
// "factors to consider when assessing risk") and the worked cases of Guidelines 01/2021. ENISA's formula (severity.ts)
// has no input for how many people are affected nor for vulnerable subjects, and GDPR Art. 33(1) excuses an authority
// notice only where a breach is *unlikely* to result in a risk, so a low band alone never suffices. Zod-free: this module
// is bundled into workflow code, so it imports the schema module's types only.
import type { SeverityInput, SeverityResult, SuggestedOutcome } from './severity-schema';
import type { RiskFactors, RiskReason, RiskSuggestion } from './risk-factors-schema';

export type { RiskFactors, RiskReason, RiskSuggestion } from './risk-factors-schema';

/** The outcomes from weakest to strongest; a later one includes every duty of an earlier one. */
export const OUTCOME_ORDER = ['register-only', 'notify-authority', 'notify-authority-and-subjects'] as const satisfies readonly SuggestedOutcome[];

/** Categories of the breached data (Guidelines 9/2022, "nature, sensitivity and volume of personal data"). */
export const DATA_CATEGORIES = [
  'identity-and-contact',
  'contractual',
  'employment',
  'behavioural',
  'location',
  'communications',
  'financial',
  'identity-document',
  'credentials',
  'special-category',
  'criminal-offence',
] as const;

/** How much data about each individual the breach holds: a fuller profile is more harmful than a single item. */
export const DATA_VOLUMES = ['limited', 'moderate', 'extensive'] as const;

/** Who the individuals are (Guidelines 9/2022, "special characteristics of the individual"). */
export const SUBJECT_CHARACTERISTICS = [
  'customers',
  'employees',
  'job-applicants',
  'students',
  'patients',
  'children',
  'vulnerable-adults',
] as const;

/** How severe the consequences for the individuals can be, from minimal to severe. */
export const CONSEQUENCE_SEVERITIES = ['minimal', 'limited', 'serious', 'severe'] as const;

/** Harms the breach may cause (GDPR Recitals 75 and 85, cited by Guidelines 9/2022). */
export const HARMS = [
  'loss-of-control',
  'unwanted-contact',
  'reputational-damage',
  'financial-loss',
  'fraud',
  'identity-theft',
  'discrimination',
  'physical-harm',
  'loss-of-professional-secrecy',
] as const;

/** What the controller does (Guidelines 9/2022, "special characteristics of the data controller"). */
export const CONTROLLER_SECTORS = [
  'health',
  'social-care',
  'financial',
  'public-authority',
  'education',
  'telecommunications',
  'other',
] as const;

/** Stable ids of the reasons a suggestion gives, one per factor the rule reads. */
export const RISK_FACTOR_IDS = [
  'enisa-band',
  'unlikely-risk-finding',
  'no-unlikely-risk-finding',
  'sensitive-data',
  'fraud-enabling-data',
  'revealing-data',
  'data-volume',
  'number-of-individuals',
  'vulnerable-individuals',
  'consequence-severity',
  'permanent-consequences',
  'possible-harms',
  'unavailable-data',
  'critical-service-unavailable',
  'confidentiality-mitigated',
  'restored-in-time',
] as const;

type DataCategory = (typeof DATA_CATEGORIES)[number];
type Characteristic = (typeof SUBJECT_CHARACTERISTICS)[number];
type Harm = (typeof HARMS)[number];
type Sector = (typeof CONTROLLER_SECTORS)[number];
type FactorId = (typeof RISK_FACTOR_IDS)[number];

// No threshold is published. 500 is the lowest "many people" line among the regimes this engine already encodes
// (HIPAA media notice, Singapore PDPA s26B), and "unknown" counts as at least that many: the controller cannot rule
// out large scale, and Guidelines 01/2021 case 11 counts it against the controller when the affected people are hard
// to identify.
/** Affected individuals at or above which an unmitigated breach calls for telling them (Art. 34). */
export const LARGE_SCALE_INDIVIDUALS = 500;
/** Affected individuals at or above which an unmitigated breach calls for at least an authority notice. */
export const NOTABLE_SCALE_INDIVIDUALS = 100;

const ART9_OR_10: readonly DataCategory[] = ['special-category', 'criminal-offence'];
const IDENTITY_FRAUD: readonly DataCategory[] = ['identity-document', 'credentials'];
const REVEALING: readonly DataCategory[] = ['location', 'communications'];
const VULNERABLE: readonly Characteristic[] = ['patients', 'children', 'vulnerable-adults'];
const CARE_SECTORS: readonly Sector[] = ['health', 'social-care'];
// Recital 85's "physical, material or non-material damage", which Guidelines 9/2022 reads as high risk: every harm
// listed but the two that touch only the person's control of their data.
const MILD_HARMS: readonly Harm[] = ['loss-of-control', 'unwanted-contact'];
const HIGH_RISK_HARMS: readonly Harm[] = HARMS.filter((h) => !MILD_HARMS.includes(h));

const rank = (outcome: SuggestedOutcome): number => OUTCOME_ORDER.indexOf(outcome);

/** The stronger of two outcomes (the one with more duties). */
export function strongerOutcome(a: SuggestedOutcome, b: SuggestedOutcome): SuggestedOutcome {
  return rank(a) >= rank(b) ? a : b;
}

/** Whether an outcome is at least as strong as another. */
export function isAtLeast(outcome: SuggestedOutcome, floor: SuggestedOutcome): boolean {
  return rank(outcome) >= rank(floor);
}

/** Which security properties were lost and not neutralised by a mitigation. */
interface Exposure {
  confidentiality: boolean;
  integrity: boolean;
  availability: boolean;
  any: boolean;
}

function exposureOf(f: RiskFactors): Exposure {
  const m = f.mitigations;
  // Art. 34(3)(a): data unintelligible to whoever got it; Guidelines 9/2022 likewise for a trusted recipient bound to
  // confidentiality who returned or deleted the data. Neither helps against alteration or loss (01/2021 case 1).
  const confidentiality = f.breachType.confidentiality && !(m.encryptedWithUncompromisedKey || m.disclosedOnlyToTrustedRecipient);
  // 01/2021 case 1: a clean backup restored in time contains both the alteration and the loss of access.
  const integrity = f.breachType.integrity && !m.restoredFromBackupInTime;
  const availability = f.breachType.availability && !m.restoredFromBackupInTime;
  return { confidentiality, integrity, availability, any: confidentiality || integrity || availability };
}

const reason = (factor: FactorId, outcome: SuggestedOutcome, explanation: string): RiskReason => ({ factor, outcome, explanation });

const listed = <T extends string>(values: readonly T[], wanted: readonly T[]): T[] => values.filter((v) => wanted.includes(v));

// Ease of identification is ENISA's input (SeverityInput), not recorded twice; without it, assume identifiable.
function identifiable(enisaInput: SeverityInput | undefined): boolean {
  const level = enisaInput?.easeOfIdentification.level;
  return level === undefined || level === 'significant' || level === 'maximum';
}

function dataReasons(f: RiskFactors, x: Exposure, enisaInput: SeverityInput | undefined): RiskReason[] {
  const out: RiskReason[] = [];
  const categories = f.data.categories;
  const sensitive = listed(categories, ART9_OR_10);
  // Guidelines 9/2022: special categories and offence data are likely to cause high risk whichever property was lost;
  // 01/2021 case 3 treats unavailable health data as high risk too.
  if (sensitive.length > 0 && x.any) {
    out.push(reason('sensitive-data', 'notify-authority-and-subjects', `Art. 9/10 data (${sensitive.join(', ')}) was exposed without an effective mitigation.`));
  }
  const fraud = listed(categories, IDENTITY_FRAUD);
  if (x.confidentiality && fraud.length > 0) {
    out.push(reason('fraud-enabling-data', 'notify-authority-and-subjects', `Disclosed ${fraud.join(', ')} enable identity theft or fraud (Recital 85).`));
  } else if (x.confidentiality && categories.includes('financial')) {
    const who = identifiable(enisaInput);
    out.push(
      reason(
        'fraud-enabling-data',
        who ? 'notify-authority-and-subjects' : 'notify-authority',
        who
          ? 'Disclosed financial data of identifiable people enables fraud or financial loss (Recital 85).'
          : 'Disclosed financial data, though ENISA rates the people hard to identify.',
      ),
    );
  }
  const revealing = listed(categories, REVEALING);
  if (x.confidentiality && revealing.length > 0) {
    out.push(reason('revealing-data', 'notify-authority', `Disclosed ${revealing.join(', ')} data reveals private life.`));
  }
  // Guidelines 9/2022: a combination of data about one person is more sensitive than a single item.
  if (x.confidentiality && f.data.volume === 'extensive') {
    out.push(reason('data-volume', 'notify-authority', 'An extensive profile of each person was disclosed.'));
  }
  return out;
}

function individualsReasons(f: RiskFactors, x: Exposure): RiskReason[] {
  const out: RiskReason[] = [];
  const count = f.individuals.count;
  const atLeast = count === 'unknown' ? Number.POSITIVE_INFINITY : count;
  const many = count === 'unknown' ? 'An unknown number of people' : `${count} people`;
  if (x.any && atLeast >= LARGE_SCALE_INDIVIDUALS) {
    out.push(reason('number-of-individuals', 'notify-authority-and-subjects', `${many} affected, at or above the large-scale line of ${LARGE_SCALE_INDIVIDUALS}.`));
  } else if (x.any && atLeast >= NOTABLE_SCALE_INDIVIDUALS) {
    out.push(reason('number-of-individuals', 'notify-authority', `${many} affected, at or above ${NOTABLE_SCALE_INDIVIDUALS}.`));
  }
  const vulnerable = listed(f.individuals.characteristics, VULNERABLE);
  if (x.any && vulnerable.length > 0) {
    out.push(reason('vulnerable-individuals', 'notify-authority-and-subjects', `Vulnerable individuals affected (${vulnerable.join(', ')}).`));
  }
  return out;
}

function consequenceReasons(f: RiskFactors): RiskReason[] {
  const out: RiskReason[] = [];
  const { severity, permanent, harms } = f.consequences;
  if (severity === 'serious' || severity === 'severe') {
    out.push(reason('consequence-severity', 'notify-authority-and-subjects', `Consequences can be ${severity} (Art. 34(1) high risk).`));
  } else if (severity === 'limited') {
    out.push(reason('consequence-severity', 'notify-authority', 'Consequences can be limited but not negligible.'));
  }
  // Guidelines 9/2022: permanent consequences weigh more than short-lived ones.
  if (permanent) {
    const outcome = severity === 'minimal' ? 'notify-authority' : 'notify-authority-and-subjects';
    out.push(reason('permanent-consequences', outcome, 'The consequences would be permanent.'));
  }
  const high = listed(harms, HIGH_RISK_HARMS);
  const other = harms.filter((h) => !HIGH_RISK_HARMS.includes(h));
  if (high.length > 0) {
    out.push(reason('possible-harms', 'notify-authority-and-subjects', `Possible harms: ${high.join(', ')} (Recital 85).`));
  } else if (other.length > 0) {
    out.push(reason('possible-harms', 'notify-authority', `Possible harms: ${other.join(', ')}.`));
  }
  return out;
}

function availabilityReasons(f: RiskFactors, x: Exposure): RiskReason[] {
  const out: RiskReason[] = [];
  if (!(x.availability || x.integrity)) return out;
  // 01/2021 case 2: without a timely restore the loss of access is itself a risk.
  out.push(reason('unavailable-data', 'notify-authority', 'Data was lost or altered and not restored from a backup in time.'));
  const care = listed(f.controller.sectors, CARE_SECTORS);
  // 01/2021 case 3: a hospital whose records are out for days delays care, a high risk even with a backup.
  if (care.length > 0) {
    out.push(reason('critical-service-unavailable', 'notify-authority-and-subjects', `A ${care.join(', ')} controller could not rely on its data in time.`));
  }
  return out;
}

function mitigationReasons(f: RiskFactors): RiskReason[] {
  const out: RiskReason[] = [];
  const m = f.mitigations;
  if (f.breachType.confidentiality && (m.encryptedWithUncompromisedKey || m.disclosedOnlyToTrustedRecipient)) {
    const how = m.encryptedWithUncompromisedKey ? 'encrypted with a state-of-the-art key that was not compromised' : 'seen only by a trusted recipient bound to confidentiality';
    out.push(reason('confidentiality-mitigated', 'register-only', `The disclosed data was ${how} (Art. 34(3)(a)); the disclosure raises nothing.`));
  }
  if ((f.breachType.availability || f.breachType.integrity) && m.restoredFromBackupInTime) {
    out.push(reason('restored-in-time', 'register-only', 'The data was restored from a backup in time (Guidelines 01/2021 case 1); the loss raises nothing.'));
  }
  return out;
}

function findingReason(f: RiskFactors | null): RiskReason {
  const finding = f?.unlikelyToResultInRisk;
  if (finding === undefined) {
    return reason('no-unlikely-risk-finding', 'notify-authority', 'No finding that the breach is unlikely to result in a risk was recorded (Art. 33(1)).');
  }
  return reason('unlikely-risk-finding', 'register-only', `Recorded finding that the breach is unlikely to result in a risk: ${finding.reasons}`);
}

const strongestOf = (reasons: readonly RiskReason[]): SuggestedOutcome =>
  reasons.reduce<SuggestedOutcome>((acc, r) => strongerOutcome(acc, r.outcome), 'register-only');

/**
 * The suggested outcome: the stronger of the ENISA band's outcome and the EDPB risk factors' outcome. Register-only
 * needs a recorded finding that the breach is unlikely to result in a risk; each factor that calls for more says so in
 * `reasons`. Monotone: more individuals, data, harms or lost properties, fewer mitigations or a higher band never lower it.
 */
export function suggestOutcome(enisa: SeverityResult, factors: RiskFactors | null, enisaInput?: SeverityInput): RiskSuggestion {
  const band = reason('enisa-band', enisa.suggestedOutcome, `ENISA severity ${enisa.score} (${enisa.band}) suggests ${enisa.suggestedOutcome}.`);
  if (factors === null) {
    const floor = findingReason(null);
    return {
      outcome: strongerOutcome(enisa.suggestedOutcome, floor.outcome),
      enisaOutcome: enisa.suggestedOutcome,
      factorsOutcome: floor.outcome,
      method: 'enisa-only',
      reasons: [band, floor],
    };
  }
  const x = exposureOf(factors);
  const factorReasons = [
    findingReason(factors),
    ...dataReasons(factors, x, enisaInput),
    ...individualsReasons(factors, x),
    ...consequenceReasons(factors),
    ...availabilityReasons(factors, x),
    ...mitigationReasons(factors),
  ];
  const factorsOutcome = strongestOf(factorReasons);
  return {
    outcome: strongerOutcome(enisa.suggestedOutcome, factorsOutcome),
    enisaOutcome: enisa.suggestedOutcome,
    factorsOutcome,
    method: 'enisa-and-factors',
    reasons: [band, ...factorReasons],
  };
}

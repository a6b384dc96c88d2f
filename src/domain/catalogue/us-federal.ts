import type { Counting, Obligation, RegimeInfo } from './types';

const CHECKED_ON = '2026-12-05';
const HIPAA_URL = 'https://www.ecfr.gov/current/title-45/subtitle-A/subchapter-C/part-164/subpart-D';
const FORM_8K_URL = 'https://www.sec.gov/files/form8-k.pdf';

// HHS sits in Eastern time, whose day ends before any mainland US zone's.
const US_EASTERN: Counting = { zone: 'America/New_York' };
// Filings are made on EDGAR, which keeps Eastern time and federal holidays.
const EDGAR: Counting = { zone: 'America/New_York', calendar: 'US-FEDERAL' };
// 17 CFR 232.13(a)(2): a filing begun after 17:30 Eastern is filed the next business day.
const EDGAR_CUTOFF = '17:30';

export const US_FEDERAL_REGIMES: readonly RegimeInfo[] = [
  { id: 'HIPAA', name: 'HIPAA Breach Notification Rule, 45 CFR 164.400–414', jurisdiction: 'United States (health care)' },
  { id: 'SEC', name: 'SEC Form 8-K Item 1.05', jurisdiction: 'United States (SEC registrants)' },
];

const HIPAA_NOTICE_CONTENT = [
  'what happened, with the date of the breach and the date of its discovery',
  'types of unsecured PHI involved',
  'steps individuals should take to protect themselves',
  'what the entity is doing to investigate, mitigate and prevent recurrence',
  'contact procedures',
] as const;

const COVERED_ENTITY = { countries: ['US'], sectorFlags: ['hipaa-covered-entity'] } as const;

const HIPAA: readonly Obligation[] = [
  {
    regime: 'HIPAA',
    obligation: 'notify-individuals',
    trigger: 'discovery',
    deadline: {
      amount: 60,
      unit: 'calendar-days',
      standard: 'without unreasonable delay and in no case later than 60 calendar days after discovery',
    },
    counting: US_EASTERN,
    recipient: 'affected individuals',
    requiredContent: HIPAA_NOTICE_CONTENT,
    source: '45 CFR 164.404',
    sourceUrl: HIPAA_URL,
    checkedOn: CHECKED_ON,
    appliesWhen: COVERED_ENTITY,
  },
  {
    regime: 'HIPAA',
    obligation: 'notify-media',
    trigger: 'discovery',
    deadline: { amount: 60, unit: 'calendar-days' },
    counting: US_EASTERN,
    recipient: 'prominent media outlets serving the State or jurisdiction',
    requiredContent: HIPAA_NOTICE_CONTENT,
    source: '45 CFR 164.406',
    sourceUrl: HIPAA_URL,
    checkedOn: CHECKED_ON,
    appliesWhen: { ...COVERED_ENTITY, minAffected: 501, perSubdivision: true },
  },
  {
    regime: 'HIPAA',
    obligation: 'notify-hhs',
    trigger: 'discovery',
    deadline: { amount: 60, unit: 'calendar-days' },
    counting: US_EASTERN,
    recipient: 'Secretary of HHS (OCR breach portal)',
    requiredContent: ['the breach report requested on the HHS breach portal'],
    source: '45 CFR 164.408(b)',
    sourceUrl: HIPAA_URL,
    checkedOn: CHECKED_ON,
    appliesWhen: { ...COVERED_ENTITY, minAffected: 500 },
  },
  {
    regime: 'HIPAA',
    obligation: 'log-for-hhs',
    // Derived from discovery: 31 December of the year of discovery, in Eastern time.
    trigger: 'calendar-year-end',
    deadline: { amount: 60, unit: 'calendar-days', standard: 'not later than 60 days after the end of each calendar year' },
    counting: US_EASTERN,
    recipient: 'Secretary of HHS (annual submission of the breach log)',
    requiredContent: ['the breach report requested on the HHS breach portal'],
    source: '45 CFR 164.408(c)',
    sourceUrl: HIPAA_URL,
    checkedOn: CHECKED_ON,
    appliesWhen: { ...COVERED_ENTITY, maxAffected: 499 },
  },
  {
    regime: 'HIPAA',
    obligation: 'notify-covered-entity',
    trigger: 'discovery',
    deadline: {
      amount: 60,
      unit: 'calendar-days',
      standard: 'without unreasonable delay and in no case later than 60 calendar days after discovery',
    },
    counting: US_EASTERN,
    recipient: 'the covered entity',
    requiredContent: [
      'identification of each individual whose unsecured PHI was, or is reasonably believed to have been, breached',
      'any other information the covered entity needs for its notice to individuals (164.404(c))',
    ],
    source: '45 CFR 164.410',
    sourceUrl: HIPAA_URL,
    checkedOn: CHECKED_ON,
    appliesWhen: { countries: ['US'], sectorFlags: ['hipaa-business-associate'] },
    notes: ['A business associate discovers a breach on the first day it is known to it, or would have been known with reasonable diligence (164.410(a)(2)).'],
  },
];

const SEC_REGISTRANT = { sectorFlags: ['sec-registrant'] } as const;

const SEC: readonly Obligation[] = [
  {
    regime: 'SEC',
    obligation: 'file-8k',
    trigger: 'materiality-determination',
    deadline: { amount: 4, unit: 'business-days', cutoff: EDGAR_CUTOFF, standard: 'within four business days after the registrant determines the incident is material' },
    counting: EDGAR,
    recipient: 'public filing on EDGAR (Form 8-K)',
    requiredContent: [
      'material aspects of the nature, scope and timing of the incident',
      'material impact or reasonably likely material impact on the registrant, incl. its financial condition and results of operations',
    ],
    source: 'SEC Form 8-K Item 1.05; General Instruction B.1; 17 CFR 232.13(a)(2)',
    sourceUrl: FORM_8K_URL,
    checkedOn: CHECKED_ON,
    appliesWhen: SEC_REGISTRANT,
    notes: ['Due at 17:30 Eastern on the fourth business day: EDGAR dates a filing begun later the next business day.'],
  },
  {
    regime: 'SEC',
    obligation: 'file-8k-amendment',
    trigger: 'sec-information-available',
    deadline: { amount: 4, unit: 'business-days', cutoff: EDGAR_CUTOFF, standard: 'within four business days after the information is determined or becomes available' },
    counting: EDGAR,
    recipient: 'public filing on EDGAR (Form 8-K/A)',
    requiredContent: ['the Item 1.05 information that was not determined or not available when the Form 8-K was filed'],
    source: 'SEC Form 8-K Item 1.05 Instruction 2; 17 CFR 232.13(a)(2)',
    sourceUrl: FORM_8K_URL,
    checkedOn: CHECKED_ON,
    appliesWhen: SEC_REGISTRANT,
  },
];

/** The US federal regimes' obligations. */
export const US_FEDERAL_OBLIGATIONS: readonly Obligation[] = [...HIPAA, ...SEC];

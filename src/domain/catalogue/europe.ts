import { EEA_COUNTRIES, EU_MEMBER_STATES } from './countries';
import type { Counting, Obligation, RegimeInfo } from './types';

const CHECKED_ON = '2026-12-05';
const GDPR_URL = 'https://eur-lex.europa.eu/eli/reg/2016/679/oj';
const UK_GDPR_URL = 'https://www.legislation.gov.uk/eur/2016/679/contents';
const NIS2_URL = 'https://eur-lex.europa.eu/eli/dir/2022/2555/oj';
const DORA_RTS_URL = 'https://eur-lex.europa.eu/eli/reg_del/2025/301/oj';

// Member-state authorities differ in zone; Brussels time is the one most EU authorities share.
const EU_COUNTING: Counting = { zone: 'Europe/Brussels' };
const UK_COUNTING: Counting = { zone: 'Europe/London' };

export const EUROPE_REGIMES: readonly RegimeInfo[] = [
  { id: 'GDPR', name: 'General Data Protection Regulation (EU) 2016/679', jurisdiction: 'EU and EEA' },
  { id: 'UK-GDPR', name: 'UK GDPR and Data Protection Act 2018', jurisdiction: 'United Kingdom' },
  { id: 'NIS2', name: 'NIS2 Directive (EU) 2022/2555', jurisdiction: 'EU' },
  { id: 'DORA', name: 'Digital Operational Resilience Act, Regulation (EU) 2022/2554', jurisdiction: 'EU (financial entities)' },
];

const GDPR_NOTICE_CONTENT = [
  'nature of the breach, incl. categories and approximate numbers of data subjects and of personal data records',
  'name and contact details of the DPO or other contact point',
  'likely consequences of the breach',
  'measures taken or proposed, incl. to mitigate its adverse effects',
  'reasons for the delay, when notified after 72 h',
] as const;

const GDPR_SUBJECT_CONTENT = [
  'description of the breach in clear and plain language',
  'name and contact details of the DPO or other contact point',
  'likely consequences of the breach',
  'measures taken or proposed',
] as const;

/** GDPR Art. 33(1): notify the lead supervisory authority within 72 h of awareness. */
export const GDPR_AUTHORITY_NOTICE: Obligation = {
  regime: 'GDPR',
  obligation: 'notify-supervisory-authority',
  trigger: 'awareness',
  deadline: { amount: 72, unit: 'hours', standard: 'without undue delay and, where feasible, not later than 72 hours' },
  counting: EU_COUNTING,
  recipient: 'lead supervisory authority',
  requiredContent: GDPR_NOTICE_CONTENT,
  source: 'GDPR Art. 33(1), 33(3)',
  sourceUrl: GDPR_URL,
  checkedOn: CHECKED_ON,
  appliesWhen: { countries: EEA_COUNTRIES, actingAs: 'controller', minRisk: 'risk' },
  notes: [
    'No notice where the breach is unlikely to result in a risk to individuals; the decision is still documented (Art. 33(5)).',
    'Controllers without an EU establishment notify every authority where affected data subjects live (EDPB Guidelines 9/2022).',
  ],
};

const GDPR: readonly Obligation[] = [
  GDPR_AUTHORITY_NOTICE,
  {
    regime: 'GDPR',
    obligation: 'notify-data-subjects',
    trigger: 'awareness',
    deadline: { standard: 'without undue delay' },
    counting: EU_COUNTING,
    recipient: 'data subjects',
    requiredContent: GDPR_SUBJECT_CONTENT,
    source: 'GDPR Art. 34(1), 34(2)',
    sourceUrl: GDPR_URL,
    checkedOn: CHECKED_ON,
    appliesWhen: { countries: EEA_COUNTRIES, actingAs: 'controller', minRisk: 'high-risk' },
    notes: [
      'Exempt under Art. 34(3): data unintelligible (e.g. encrypted), later measures remove the high risk, or disproportionate effort (then a public communication).',
      'The supervisory authority may order the communication (Art. 34(4)).',
    ],
  },
  {
    regime: 'GDPR',
    obligation: 'supplement-notification',
    trigger: { after: 'notify-supervisory-authority' },
    deadline: { standard: 'in phases, without undue further delay' },
    counting: EU_COUNTING,
    recipient: 'lead supervisory authority',
    requiredContent: ['reference to the first notification', 'information not available when it was sent'],
    source: 'GDPR Art. 33(4)',
    sourceUrl: GDPR_URL,
    checkedOn: CHECKED_ON,
    appliesWhen: { countries: EEA_COUNTRIES, actingAs: 'controller', minRisk: 'risk' },
  },
  {
    regime: 'GDPR',
    obligation: 'notify-controller',
    trigger: 'awareness',
    deadline: { standard: 'without undue delay' },
    counting: EU_COUNTING,
    recipient: 'controller',
    requiredContent: ['what the processor knows of the breach, for the controller’s Art. 33(3) notice'],
    source: 'GDPR Art. 33(2)',
    sourceUrl: GDPR_URL,
    checkedOn: CHECKED_ON,
    appliesWhen: { countries: EEA_COUNTRIES, actingAs: 'processor' },
    notes: ['The controller is aware once its processor has informed it (EDPB Guidelines 9/2022).'],
  },
  {
    regime: 'GDPR',
    obligation: 'document-breach',
    trigger: 'awareness',
    deadline: { standard: 'for every breach, notified or not' },
    counting: EU_COUNTING,
    recipient: 'breach register, kept for the supervisory authority',
    requiredContent: ['facts relating to the breach', 'its effects', 'remedial action taken'],
    source: 'GDPR Art. 33(5)',
    sourceUrl: GDPR_URL,
    checkedOn: CHECKED_ON,
    appliesWhen: { countries: EEA_COUNTRIES, actingAs: 'controller' },
  },
];

const UK_GDPR: readonly Obligation[] = [
  {
    regime: 'UK-GDPR',
    obligation: 'notify-supervisory-authority',
    trigger: 'awareness',
    deadline: { amount: 72, unit: 'hours', standard: 'without undue delay and, where feasible, not later than 72 hours' },
    counting: UK_COUNTING,
    recipient: 'Information Commissioner’s Office (ICO)',
    requiredContent: GDPR_NOTICE_CONTENT,
    source: 'UK GDPR Art. 33(1), 33(3)',
    sourceUrl: UK_GDPR_URL,
    checkedOn: CHECKED_ON,
    appliesWhen: { countries: ['GB'], actingAs: 'controller', minRisk: 'risk' },
  },
  {
    regime: 'UK-GDPR',
    obligation: 'notify-data-subjects',
    trigger: 'awareness',
    deadline: { standard: 'without undue delay' },
    counting: UK_COUNTING,
    recipient: 'data subjects',
    requiredContent: GDPR_SUBJECT_CONTENT,
    source: 'UK GDPR Art. 34(1), 34(2)',
    sourceUrl: UK_GDPR_URL,
    checkedOn: CHECKED_ON,
    appliesWhen: { countries: ['GB'], actingAs: 'controller', minRisk: 'high-risk' },
    notes: ['Exempt under Art. 34(3), as under the EU GDPR; the ICO may require the communication (Art. 34(4)).'],
  },
  {
    regime: 'UK-GDPR',
    obligation: 'notify-controller',
    trigger: 'awareness',
    deadline: { standard: 'without undue delay' },
    counting: UK_COUNTING,
    recipient: 'controller',
    requiredContent: ['what the processor knows of the breach, for the controller’s Art. 33(3) notice'],
    source: 'UK GDPR Art. 33(2)',
    sourceUrl: UK_GDPR_URL,
    checkedOn: CHECKED_ON,
    appliesWhen: { countries: ['GB'], actingAs: 'processor' },
  },
  {
    regime: 'UK-GDPR',
    obligation: 'document-breach',
    trigger: 'awareness',
    deadline: { standard: 'for every breach, notified or not' },
    counting: UK_COUNTING,
    recipient: 'breach log, kept for the ICO',
    requiredContent: ['facts relating to the breach', 'its effects', 'remedial action taken'],
    source: 'UK GDPR Art. 33(5)',
    sourceUrl: UK_GDPR_URL,
    checkedOn: CHECKED_ON,
    appliesWhen: { countries: ['GB'], actingAs: 'controller' },
  },
];

const NIS2_FINAL_CONTENT = [
  'detailed description of the incident, its severity and impact',
  'type of threat or root cause',
  'mitigation measures applied and ongoing',
  'cross-border impact, where applicable',
] as const;

const NIS2_APPLIES = { countries: EU_MEMBER_STATES, sectorFlags: ['nis2-entity'] } as const;

const NIS2: readonly Obligation[] = [
  {
    regime: 'NIS2',
    obligation: 'early-warning',
    trigger: 'awareness',
    deadline: { amount: 24, unit: 'hours', standard: 'without undue delay and in any event within 24 hours' },
    counting: EU_COUNTING,
    recipient: 'CSIRT or competent authority',
    requiredContent: [
      'whether the incident is suspected of being caused by unlawful or malicious acts',
      'whether it could have a cross-border impact',
    ],
    source: 'NIS2 Directive (EU) 2022/2555 Art. 23(4)(a)',
    sourceUrl: NIS2_URL,
    checkedOn: CHECKED_ON,
    appliesWhen: NIS2_APPLIES,
    notes: ['Applies to significant incidents; the clock starts on awareness of one.'],
  },
  {
    regime: 'NIS2',
    obligation: 'incident-notification',
    trigger: 'awareness',
    deadline: { amount: 72, unit: 'hours', standard: 'without undue delay and in any event within 72 hours' },
    counting: EU_COUNTING,
    recipient: 'CSIRT or competent authority',
    requiredContent: ['initial assessment of the incident', 'its severity and impact', 'indicators of compromise, where available'],
    source: 'NIS2 Directive (EU) 2022/2555 Art. 23(4)(b)',
    sourceUrl: NIS2_URL,
    checkedOn: CHECKED_ON,
    appliesWhen: NIS2_APPLIES,
  },
  {
    regime: 'NIS2',
    obligation: 'intermediate-report',
    trigger: 'authority-request',
    deadline: { standard: 'upon request of the CSIRT or competent authority' },
    counting: EU_COUNTING,
    recipient: 'CSIRT or competent authority',
    requiredContent: ['relevant status updates'],
    source: 'NIS2 Directive (EU) 2022/2555 Art. 23(4)(c)',
    sourceUrl: NIS2_URL,
    checkedOn: CHECKED_ON,
    appliesWhen: NIS2_APPLIES,
  },
  {
    regime: 'NIS2',
    obligation: 'final-report',
    trigger: { after: 'incident-notification' },
    deadline: { amount: 1, unit: 'months', standard: 'not later than one month after the incident notification' },
    counting: EU_COUNTING,
    recipient: 'CSIRT or competent authority',
    requiredContent: NIS2_FINAL_CONTENT,
    source: 'NIS2 Directive (EU) 2022/2555 Art. 23(4)(d)',
    sourceUrl: NIS2_URL,
    checkedOn: CHECKED_ON,
    appliesWhen: NIS2_APPLIES,
    notes: ['When the incident is still ongoing at this point, a progress report is due instead (Art. 23(4)(e)): waive this clock with that reason.'],
  },
  {
    regime: 'NIS2',
    obligation: 'progress-report',
    trigger: { after: 'incident-notification' },
    deadline: { amount: 1, unit: 'months', standard: 'at the time the final report would be due, while the incident is ongoing' },
    counting: EU_COUNTING,
    recipient: 'CSIRT or competent authority',
    requiredContent: ['the state of the incident and of its handling at that time'],
    source: 'NIS2 Directive (EU) 2022/2555 Art. 23(4)(e)',
    sourceUrl: NIS2_URL,
    checkedOn: CHECKED_ON,
    appliesWhen: NIS2_APPLIES,
    notes: ['Only for an incident still ongoing one month after the incident notification: waive it when the final report went in time.'],
  },
  {
    regime: 'NIS2',
    obligation: 'final-report-after-handling',
    trigger: 'incident-handled',
    deadline: { amount: 1, unit: 'months', standard: 'within one month of the handling of the incident' },
    counting: EU_COUNTING,
    recipient: 'CSIRT or competent authority',
    requiredContent: NIS2_FINAL_CONTENT,
    source: 'NIS2 Directive (EU) 2022/2555 Art. 23(4)(e)',
    sourceUrl: NIS2_URL,
    checkedOn: CHECKED_ON,
    appliesWhen: NIS2_APPLIES,
    notes: ['Starts when the handling of an incident that was ongoing at the progress report is recorded (trigger incident-handled).'],
  },
];

const DORA_APPLIES = { countries: EU_MEMBER_STATES, sectorFlags: ['dora-financial-entity'] } as const;
const DORA_RELIEF =
  'Where a deadline falls on a weekend or bank holiday, the entities Art. 5 of Delegated Regulation (EU) 2025/301 allows may report by 12:00 the next working day; the clock keeps the strict deadline, which is always on time.';

const DORA: readonly Obligation[] = [
  {
    regime: 'DORA',
    obligation: 'initial-notification',
    trigger: 'classification-as-major',
    deadline: { amount: 4, unit: 'hours', standard: 'within 4 hours of classification as major, and no later than 24 hours after awareness' },
    // Art. 5(2): classified more than 24 h after awareness, it is due 4 h after the classification, never before it.
    noLaterThan: { trigger: 'awareness', deadline: { amount: 24, unit: 'hours' } },
    counting: EU_COUNTING,
    recipient: 'competent authority',
    requiredContent: ['initial-notification fields of the ITS reporting template (Implementing Regulation (EU) 2025/302)'],
    source: 'DORA Regulation (EU) 2022/2554 Art. 19(4)(a); Delegated Regulation (EU) 2025/301 Art. 5(1)–(2)',
    sourceUrl: DORA_RTS_URL,
    checkedOn: CHECKED_ON,
    appliesWhen: DORA_APPLIES,
    notes: [DORA_RELIEF],
  },
  {
    regime: 'DORA',
    obligation: 'intermediate-report',
    trigger: { after: 'initial-notification' },
    deadline: { amount: 72, unit: 'hours', standard: 'within 72 hours of the initial notification' },
    counting: EU_COUNTING,
    recipient: 'competent authority',
    requiredContent: ['intermediate-report fields of the ITS reporting template (Implementing Regulation (EU) 2025/302)'],
    source: 'DORA Regulation (EU) 2022/2554 Art. 19(4)(b); Delegated Regulation (EU) 2025/301 Art. 5(3)',
    sourceUrl: DORA_RTS_URL,
    checkedOn: CHECKED_ON,
    appliesWhen: DORA_APPLIES,
    notes: [DORA_RELIEF, 'Send an updated intermediate report without undue delay whenever the status changes significantly.'],
  },
  {
    regime: 'DORA',
    obligation: 'final-report',
    trigger: { after: 'intermediate-report' },
    deadline: { amount: 1, unit: 'months', standard: 'within one month of the latest updated intermediate report' },
    counting: EU_COUNTING,
    recipient: 'competent authority',
    requiredContent: ['final-report fields of the ITS reporting template (Implementing Regulation (EU) 2025/302)'],
    source: 'DORA Regulation (EU) 2022/2554 Art. 19(4)(c); Delegated Regulation (EU) 2025/301 Art. 5(4)',
    sourceUrl: DORA_RTS_URL,
    checkedOn: CHECKED_ON,
    verify: true,
    verifyNote: 'which paragraph of Art. 5 of Delegated Regulation (EU) 2025/301 sets the final-report limit is not confirmed from the Official Journal text',
    appliesWhen: DORA_APPLIES,
    notes: [DORA_RELIEF, 'Restart from the latest intermediate report when an updated one is sent.'],
  },
];

/** The European regimes' obligations, GDPR first. */
export const EUROPE_OBLIGATIONS: readonly Obligation[] = [...GDPR, ...UK_GDPR, ...NIS2, ...DORA];

import type { HolidayCalendar } from './holidays';

/** Regimes the catalogue knows, by id. */
export type Regime =
  | 'GDPR'
  | 'UK-GDPR'
  | 'NIS2'
  | 'DORA'
  | 'HIPAA'
  | 'SEC'
  | 'LGPD'
  | 'PDPA-SG'
  | 'NDB-AU'
  | 'DPDP-IN'
  | 'PIPEDA-CA'
  | 'US-CA'
  | 'US-TX';

/** The recorded events that can start a clock, each with what it means. */
export const TRIGGER_EVENTS = {
  awareness: 'the controller (or processor) is aware with reasonable certainty that personal data were compromised (EDPB Guidelines 9/2022)',
  discovery: 'the breach is known, or would have been known with reasonable diligence (HIPAA)',
  suspicion: 'there are reasonable grounds to suspect an eligible data breach (Australia)',
  'breach-determination': 'the entity determines that a breach of system security occurred (Texas)',
  'harm-determination': 'the organisation determines the breach creates a real risk of significant harm (PIPEDA)',
  'classification-as-major': 'the incident is classified as major (DORA)',
  'materiality-determination': 'the registrant determines the incident is material (SEC)',
  'notifiability-assessment': 'the organisation assesses the breach as notifiable (PDPA)',
  'authority-request': 'the authority asks for the report (NIS2 intermediate report)',
  'calendar-year-end': '31 December of the year of discovery, counted as day 0 (HIPAA annual log)',
} as const;
/** An event that can start a clock: a key of TRIGGER_EVENTS. */
export type TriggerEvent = keyof typeof TRIGGER_EVENTS;

/** What starts a clock: an event, or `{ after }` = the moment another obligation of the same regime is met (its notice sent). */
export type Trigger = TriggerEvent | { readonly after: string };

/** Units a fixed period is counted in: elapsed hours (UTC, DST-proof) or local days/months in the regime's zone. */
export type PeriodUnit = 'hours' | 'calendar-days' | 'business-days' | 'months';

/** A fixed period: `amount` of `unit`, with the law's wording of the duty where it says more (e.g. "without undue delay"). */
export interface FixedPeriod {
  readonly amount: number;
  readonly unit: PeriodUnit;
  readonly standard?: string;
}

/** A duty with no fixed period ("without undue delay"): the obligation exists but no timer is set. */
export interface OpenPeriod {
  readonly amount?: undefined;
  readonly unit?: undefined;
  readonly standard: string;
}

/** How long an obligation's clock runs: a fixed period, or none. */
export type Period = FixedPeriod | OpenPeriod;

/** Where a day-based clock counts: the regime's IANA zone and, for business days, its holiday calendar. */
export interface Counting {
  readonly zone: string;
  readonly calendar?: HolidayCalendar;
}

/** Facts about the organisation that make an obligation apply to it. */
export type SectorFlag = 'nis2-entity' | 'dora-financial-entity' | 'hipaa-covered-entity' | 'sec-registrant';

/** Applicability hints: facts that make an obligation apply; every field present must hold. */
export interface Applicability {
  /** ISO 3166-1 alpha-2 codes where the organisation is established or the affected individuals live. */
  readonly countries?: readonly string[];
  /** ISO 3166-2 codes (e.g. `US-CA`) where the affected individuals live. */
  readonly subdivisions?: readonly string[];
  readonly sectorFlags?: readonly SectorFlag[];
  readonly actingAs?: 'controller' | 'processor';
  /** The least risk to individuals that triggers the duty (GDPR Art. 33(1) / 34(1)). */
  readonly minRisk?: 'risk' | 'high-risk';
  /** Inclusive lower bound on affected individuals in the countries/subdivisions above (in total when none). */
  readonly minAffected?: number;
  /** Inclusive upper bound, counted like `minAffected`. */
  readonly maxAffected?: number;
  /** Count the bounds in one subdivision (HIPAA media: more than 500 residents of a State). */
  readonly perSubdivision?: true;
}

/** One obligation of one regime, as data: what starts its clock, how long it runs, whom it serves, where the law says so. */
export interface Obligation {
  readonly regime: Regime;
  /** Kebab-case id, unique within the regime. */
  readonly obligation: string;
  readonly trigger: Trigger;
  readonly deadline: Period;
  /** A second clock that caps the first: the obligation is due at whichever ends first (DORA initial notification). */
  readonly noLaterThan?: { readonly trigger: TriggerEvent; readonly deadline: FixedPeriod };
  readonly counting: Counting;
  readonly recipient: string;
  readonly requiredContent: readonly string[];
  /** Article or section that imposes the obligation. */
  readonly source: string;
  /** Set where the fact was not confirmed from the primary text: check it before relying on it. */
  readonly verify?: true;
  /** What to check, when `verify` is set. */
  readonly verifyNote?: string;
  readonly appliesWhen?: Applicability;
  readonly notes?: readonly string[];
}

/** The 27 EU member states, ISO 3166-1 alpha-2. */
export const EU_MEMBER_STATES: readonly string[] = [
  'AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IE',
  'IT', 'LV', 'LT', 'LU', 'MT', 'NL', 'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE',
];

/** The EEA (EU plus Iceland, Liechtenstein, Norway), ISO 3166-1 alpha-2: where the GDPR applies. */
export const EEA_COUNTRIES: readonly string[] = [...EU_MEMBER_STATES, 'IS', 'LI', 'NO'];

// Member-state authorities differ in zone; Brussels time is the one most EU authorities share.
const EU_COUNTING: Counting = { zone: 'Europe/Brussels' };

const GDPR_NOTICE_CONTENT = [
  'nature of the breach, incl. categories and approximate numbers of data subjects and of personal data records',
  'name and contact details of the DPO or other contact point',
  'likely consequences of the breach',
  'measures taken or proposed, incl. to mitigate its adverse effects',
  'reasons for the delay, when notified after 72 h',
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
  appliesWhen: { countries: EEA_COUNTRIES, actingAs: 'controller', minRisk: 'risk' },
  notes: [
    'No notice where the breach is unlikely to result in a risk to individuals; the decision is still documented (Art. 33(5)).',
    'Controllers without an EU establishment notify every authority where affected data subjects live (EDPB Guidelines 9/2022).',
  ],
};

const HIPAA_NOTICE_CONTENT = [
  'what happened, with the date of the breach and the date of its discovery',
  'types of unsecured PHI involved',
  'steps individuals should take to protect themselves',
  'what the entity is doing to investigate, mitigate and prevent recurrence',
  'contact procedures',
] as const;

// HHS sits in Eastern time, whose day ends before any mainland US zone's.
const US_EASTERN: Counting = { zone: 'America/New_York' };

const DORA_VERIFY = 'weekend and holiday rules of the 2025 RTS on reporting time limits are not confirmed';
const DPDP_VERIFY = 'commencement date of the DPDP Rules 2025 breach-reporting rule is not confirmed';

/** Every regime's obligations, one entry per (regime, obligation). */
export const CATALOGUE: readonly Obligation[] = [
  GDPR_AUTHORITY_NOTICE,
  {
    regime: 'GDPR',
    obligation: 'notify-data-subjects',
    trigger: 'awareness',
    deadline: { standard: 'without undue delay' },
    counting: EU_COUNTING,
    recipient: 'data subjects',
    requiredContent: [
      'description of the breach in clear and plain language',
      'name and contact details of the DPO or other contact point',
      'likely consequences of the breach',
      'measures taken or proposed',
    ],
    source: 'GDPR Art. 34(1), 34(2)',
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
    appliesWhen: { countries: EEA_COUNTRIES, actingAs: 'controller' },
  },
  {
    regime: 'UK-GDPR',
    obligation: 'notify-supervisory-authority',
    trigger: 'awareness',
    deadline: { amount: 72, unit: 'hours', standard: 'without undue delay and, where feasible, not later than 72 hours' },
    counting: { zone: 'Europe/London' },
    recipient: 'Information Commissioner’s Office (ICO)',
    requiredContent: GDPR_NOTICE_CONTENT,
    source: 'UK GDPR Art. 33(1), 33(3)',
    appliesWhen: { countries: ['GB'], actingAs: 'controller', minRisk: 'risk' },
  },
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
    appliesWhen: { countries: EU_MEMBER_STATES, sectorFlags: ['nis2-entity'] },
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
    appliesWhen: { countries: EU_MEMBER_STATES, sectorFlags: ['nis2-entity'] },
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
    appliesWhen: { countries: EU_MEMBER_STATES, sectorFlags: ['nis2-entity'] },
  },
  {
    regime: 'NIS2',
    obligation: 'final-report',
    trigger: { after: 'incident-notification' },
    deadline: { amount: 1, unit: 'months', standard: 'not later than one month after the incident notification' },
    counting: EU_COUNTING,
    recipient: 'CSIRT or competent authority',
    requiredContent: [
      'detailed description of the incident, its severity and impact',
      'type of threat or root cause',
      'mitigation measures applied and ongoing',
      'cross-border impact, where applicable',
    ],
    source: 'NIS2 Directive (EU) 2022/2555 Art. 23(4)(d)',
    appliesWhen: { countries: EU_MEMBER_STATES, sectorFlags: ['nis2-entity'] },
  },
  {
    regime: 'DORA',
    obligation: 'initial-notification',
    trigger: 'classification-as-major',
    deadline: { amount: 4, unit: 'hours' },
    noLaterThan: { trigger: 'awareness', deadline: { amount: 24, unit: 'hours' } },
    counting: EU_COUNTING,
    recipient: 'competent authority',
    requiredContent: ['initial-notification fields of the ITS reporting template'],
    source: 'DORA Regulation (EU) 2022/2554 Art. 19(4)(a); RTS and ITS on incident reporting (2025)',
    verify: true,
    verifyNote: DORA_VERIFY,
    appliesWhen: { countries: EU_MEMBER_STATES, sectorFlags: ['dora-financial-entity'] },
  },
  {
    regime: 'DORA',
    obligation: 'intermediate-report',
    trigger: { after: 'initial-notification' },
    deadline: { amount: 72, unit: 'hours' },
    counting: EU_COUNTING,
    recipient: 'competent authority',
    requiredContent: ['intermediate-report fields of the ITS reporting template'],
    source: 'DORA Regulation (EU) 2022/2554 Art. 19(4)(b); RTS and ITS on incident reporting (2025)',
    verify: true,
    verifyNote: DORA_VERIFY,
    appliesWhen: { countries: EU_MEMBER_STATES, sectorFlags: ['dora-financial-entity'] },
  },
  {
    regime: 'DORA',
    obligation: 'final-report',
    trigger: { after: 'intermediate-report' },
    deadline: { amount: 1, unit: 'months', standard: 'within one month of the latest updated intermediate report' },
    counting: EU_COUNTING,
    recipient: 'competent authority',
    requiredContent: ['final-report fields of the ITS reporting template'],
    source: 'DORA Regulation (EU) 2022/2554 Art. 19(4)(c); RTS and ITS on incident reporting (2025)',
    verify: true,
    verifyNote: DORA_VERIFY,
    appliesWhen: { countries: EU_MEMBER_STATES, sectorFlags: ['dora-financial-entity'] },
    notes: ['Restart from the latest intermediate report when an updated one is sent.'],
  },
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
    appliesWhen: { countries: ['US'], sectorFlags: ['hipaa-covered-entity'] },
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
    appliesWhen: { countries: ['US'], sectorFlags: ['hipaa-covered-entity'], minAffected: 501, perSubdivision: true },
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
    appliesWhen: { countries: ['US'], sectorFlags: ['hipaa-covered-entity'], minAffected: 500 },
  },
  {
    regime: 'HIPAA',
    obligation: 'log-for-hhs',
    trigger: 'calendar-year-end',
    deadline: { amount: 60, unit: 'calendar-days', standard: 'not later than 60 days after the end of each calendar year' },
    counting: US_EASTERN,
    recipient: 'Secretary of HHS (annual submission of the breach log)',
    requiredContent: ['the breach report requested on the HHS breach portal'],
    source: '45 CFR 164.408(c)',
    appliesWhen: { countries: ['US'], sectorFlags: ['hipaa-covered-entity'], maxAffected: 499 },
  },
  {
    regime: 'SEC',
    obligation: 'file-8k',
    trigger: 'materiality-determination',
    deadline: { amount: 4, unit: 'business-days' },
    // Filings are made on EDGAR, which keeps Eastern time and federal holidays.
    counting: { zone: 'America/New_York', calendar: 'US-FEDERAL' },
    recipient: 'public filing on EDGAR (Form 8-K)',
    requiredContent: [
      'material aspects of the nature, scope and timing of the incident',
      'material impact or reasonably likely material impact on the registrant, incl. its financial condition and results of operations',
    ],
    source: 'SEC Form 8-K Item 1.05; General Instruction B.1',
    appliesWhen: { sectorFlags: ['sec-registrant'] },
  },
  {
    regime: 'LGPD',
    obligation: 'notify-anpd',
    trigger: 'awareness',
    deadline: { amount: 3, unit: 'business-days' },
    // BR-NATIONAL counts Carnival and Corpus Christi (pontos facultativos) as business days: the earlier,
    // safe deadline. Use BR-FEDERAL-OFFICES once ANPD's treatment of those days is confirmed.
    counting: { zone: 'America/Sao_Paulo', calendar: 'BR-NATIONAL' },
    recipient: 'Autoridade Nacional de Proteção de Dados (ANPD)',
    requiredContent: [
      'nature and categories of personal data affected',
      'number of data subjects affected, with children and elderly people counted separately',
      'technical and security measures used and taken',
      'risks related to the incident',
      'reasons for the delay, if any',
    ],
    source: 'LGPD Art. 48; ANPD Resolution CD/ANPD 15/2024 Art. 6',
    appliesWhen: { countries: ['BR'] },
    notes: ['The clock starts when the controller knows the incident affected personal data.', 'Deadlines are doubled for small processing agents.'],
  },
  {
    regime: 'LGPD',
    obligation: 'notify-data-subjects',
    trigger: 'awareness',
    deadline: { amount: 3, unit: 'business-days' },
    counting: { zone: 'America/Sao_Paulo', calendar: 'BR-NATIONAL' },
    recipient: 'data subjects',
    requiredContent: [
      'nature and categories of personal data affected',
      'risks related to the incident',
      'measures taken and recommended',
      'reasons for the delay, if any',
    ],
    source: 'LGPD Art. 48; ANPD Resolution CD/ANPD 15/2024 Art. 9',
    appliesWhen: { countries: ['BR'] },
    notes: ['Deadlines are doubled for small processing agents.'],
  },
  {
    regime: 'LGPD',
    obligation: 'supplement-anpd',
    trigger: { after: 'notify-anpd' },
    deadline: { amount: 20, unit: 'business-days' },
    counting: { zone: 'America/Sao_Paulo', calendar: 'BR-NATIONAL' },
    recipient: 'Autoridade Nacional de Proteção de Dados (ANPD)',
    requiredContent: ['information not available at the first communication'],
    source: 'ANPD Resolution CD/ANPD 15/2024 Art. 6',
    verify: true,
    verifyNote: 'that the 20 business days run from the first communication to ANPD is not confirmed',
    appliesWhen: { countries: ['BR'] },
  },
  {
    regime: 'PDPA-SG',
    obligation: 'notify-pdpc',
    trigger: 'notifiability-assessment',
    deadline: { amount: 3, unit: 'calendar-days' },
    counting: { zone: 'Asia/Singapore' },
    recipient: 'Personal Data Protection Commission (PDPC)',
    requiredContent: ['the information prescribed by the PDP (Notification of Data Breaches) Regulations 2021'],
    source: 'PDPA s26D(1)',
    appliesWhen: { countries: ['SG'] },
    notes: ['Notifiable: significant harm to affected individuals, or 500 or more individuals affected.'],
  },
  {
    regime: 'PDPA-SG',
    obligation: 'notify-individuals',
    trigger: { after: 'notify-pdpc' },
    deadline: { standard: 'on or after notifying the PDPC' },
    counting: { zone: 'Asia/Singapore' },
    recipient: 'affected individuals',
    requiredContent: ['the information prescribed by the PDP (Notification of Data Breaches) Regulations 2021'],
    source: 'PDPA s26D(2)',
    appliesWhen: { countries: ['SG'] },
  },
  {
    regime: 'NDB-AU',
    obligation: 'assess-breach',
    trigger: 'suspicion',
    deadline: { amount: 30, unit: 'calendar-days' },
    counting: { zone: 'Australia/Sydney' },
    recipient: 'internal (assessment record)',
    requiredContent: ['whether there are reasonable grounds to believe an eligible data breach occurred'],
    source: 'Privacy Act 1988 (Cth) s26WH',
    appliesWhen: { countries: ['AU'] },
  },
  {
    regime: 'NDB-AU',
    obligation: 'notify-oaic',
    trigger: { after: 'assess-breach' },
    deadline: { standard: 'as soon as practicable' },
    counting: { zone: 'Australia/Sydney' },
    recipient: 'Office of the Australian Information Commissioner (OAIC)',
    requiredContent: [
      'identity and contact details of the entity',
      'description of the breach',
      'kinds of information concerned',
      'recommended steps for individuals',
    ],
    source: 'Privacy Act 1988 (Cth) s26WK',
    appliesWhen: { countries: ['AU'] },
  },
  {
    regime: 'NDB-AU',
    obligation: 'notify-individuals',
    trigger: { after: 'assess-breach' },
    deadline: { standard: 'as soon as practicable' },
    counting: { zone: 'Australia/Sydney' },
    recipient: 'affected individuals',
    requiredContent: [
      'identity and contact details of the entity',
      'description of the breach',
      'kinds of information concerned',
      'recommended steps for individuals',
    ],
    source: 'Privacy Act 1988 (Cth) s26WL',
    appliesWhen: { countries: ['AU'] },
  },
  {
    regime: 'DPDP-IN',
    obligation: 'notify-board',
    trigger: 'awareness',
    deadline: { standard: 'without delay' },
    counting: { zone: 'Asia/Kolkata' },
    recipient: 'Data Protection Board of India',
    requiredContent: ['description of the breach: nature, extent, timing, location', 'likely impact'],
    source: 'DPDP Rules 2025 r.7(2)(a)',
    verify: true,
    verifyNote: DPDP_VERIFY,
    appliesWhen: { countries: ['IN'] },
  },
  {
    regime: 'DPDP-IN',
    obligation: 'report-to-board',
    trigger: 'awareness',
    deadline: { amount: 72, unit: 'hours' },
    counting: { zone: 'Asia/Kolkata' },
    recipient: 'Data Protection Board of India',
    requiredContent: ['facts and circumstances', 'causes', 'mitigation measures', 'remediation', 'notices sent to data principals'],
    source: 'DPDP Rules 2025 r.7(2)(b)',
    verify: true,
    verifyNote: DPDP_VERIFY,
    appliesWhen: { countries: ['IN'] },
  },
  {
    regime: 'DPDP-IN',
    obligation: 'notify-data-principals',
    trigger: 'awareness',
    deadline: { standard: 'without delay' },
    counting: { zone: 'Asia/Kolkata' },
    recipient: 'affected data principals',
    requiredContent: ['description of the breach', 'likely consequences', 'mitigation measures', 'safety measures they can take', 'contact details'],
    source: 'DPDP Rules 2025 r.7(1)',
    verify: true,
    verifyNote: DPDP_VERIFY,
    appliesWhen: { countries: ['IN'] },
  },
  {
    regime: 'PIPEDA-CA',
    obligation: 'report-commissioner',
    trigger: 'harm-determination',
    deadline: { standard: 'as soon as feasible' },
    counting: { zone: 'America/Toronto' },
    recipient: 'Office of the Privacy Commissioner of Canada',
    requiredContent: ['the information prescribed by the Breach of Security Safeguards Regulations'],
    source: 'PIPEDA s10.1(1)',
    appliesWhen: { countries: ['CA'] },
  },
  {
    regime: 'PIPEDA-CA',
    obligation: 'notify-individuals',
    trigger: 'harm-determination',
    deadline: { standard: 'as soon as feasible' },
    counting: { zone: 'America/Toronto' },
    recipient: 'affected individuals',
    requiredContent: ['the information prescribed by the Breach of Security Safeguards Regulations'],
    source: 'PIPEDA s10.1(3)',
    appliesWhen: { countries: ['CA'] },
  },
  {
    regime: 'PIPEDA-CA',
    obligation: 'keep-breach-record',
    trigger: 'awareness',
    deadline: { standard: 'for every breach; keep the record for 24 months' },
    counting: { zone: 'America/Toronto' },
    recipient: 'breach record, kept for the Commissioner',
    requiredContent: ['the information prescribed by the Breach of Security Safeguards Regulations'],
    source: 'PIPEDA s10.3',
    appliesWhen: { countries: ['CA'] },
  },
  {
    regime: 'US-CA',
    obligation: 'notify-residents',
    trigger: 'discovery',
    deadline: { amount: 30, unit: 'calendar-days' },
    counting: { zone: 'America/Los_Angeles' },
    recipient: 'affected California residents',
    requiredContent: ['notice titled "Notice of Data Breach"'],
    source: 'Cal. Civ. Code 1798.82(a) (as amended from 2026)',
    verify: true,
    verifyNote: 'the 30-calendar-day limit of the 2026 amendment is not confirmed',
    appliesWhen: { countries: ['US'], subdivisions: ['US-CA'] },
  },
  {
    regime: 'US-CA',
    obligation: 'notify-attorney-general',
    trigger: 'discovery',
    deadline: { standard: 'no period recorded' },
    counting: { zone: 'America/Los_Angeles' },
    recipient: 'California Attorney General',
    requiredContent: ['a sample copy of the "Notice of Data Breach" sent to residents'],
    source: 'Cal. Civ. Code 1798.82(f)',
    verify: true,
    verifyNote: 'the time limit for the Attorney General notice under the 2026 amendment is not recorded',
    appliesWhen: { countries: ['US'], subdivisions: ['US-CA'], minAffected: 501 },
  },
  {
    regime: 'US-TX',
    obligation: 'notify-individuals',
    trigger: 'breach-determination',
    deadline: { amount: 60, unit: 'calendar-days' },
    counting: { zone: 'America/Chicago' },
    recipient: 'affected individuals',
    requiredContent: ['notice of the breach of system security'],
    source: 'Tex. Bus. & Com. Code 521.053(b)',
    appliesWhen: { countries: ['US'], subdivisions: ['US-TX'] },
  },
  {
    regime: 'US-TX',
    obligation: 'notify-attorney-general',
    trigger: 'breach-determination',
    deadline: { amount: 30, unit: 'calendar-days' },
    counting: { zone: 'America/Chicago' },
    recipient: 'Texas Attorney General',
    requiredContent: ['the Attorney General’s online breach-report form'],
    source: 'Tex. Bus. & Com. Code 521.053(i)',
    appliesWhen: { countries: ['US'], subdivisions: ['US-TX'], minAffected: 250 },
  },
];

/** The obligations every incident carries from the start. */
export const DEFAULT_OBLIGATIONS: readonly Obligation[] = [GDPR_AUTHORITY_NOTICE];

/** The catalogue entry for a regime's obligation, or undefined when the catalogue has none. */
export function findObligation(regime: Regime, obligation: string): Obligation | undefined {
  return CATALOGUE.find((o) => o.regime === regime && o.obligation === obligation);
}

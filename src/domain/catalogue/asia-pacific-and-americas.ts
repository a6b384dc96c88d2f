import type { Obligation, RegimeInfo } from './types';

const CHECKED_ON = '2026-12-05';
const LGPD_URL = 'https://www.planalto.gov.br/ccivil_03/_ato2015-2018/2018/lei/l13709.htm';
const PDPA_URL = 'https://sso.agc.gov.sg/Act/PDPA2012';
const PRIVACY_ACT_AU_URL = 'https://www.legislation.gov.au/C2004A03712/latest/text';
const DPDP_URL = 'https://www.meity.gov.in/data-protection-framework';
const PIPEDA_URL = 'https://laws-lois.justice.gc.ca/eng/acts/P-8.6/';

export const ASIA_PACIFIC_AND_AMERICAS_REGIMES: readonly RegimeInfo[] = [
  { id: 'LGPD', name: 'Lei Geral de Proteção de Dados (Lei 13.709/2018) and ANPD Resolution 15/2024', jurisdiction: 'Brazil' },
  { id: 'PDPA-SG', name: 'Personal Data Protection Act 2012', jurisdiction: 'Singapore' },
  { id: 'NDB-AU', name: 'Privacy Act 1988 (Cth), Notifiable Data Breaches scheme', jurisdiction: 'Australia' },
  { id: 'DPDP-IN', name: 'Digital Personal Data Protection Act 2023 and DPDP Rules 2025', jurisdiction: 'India' },
  { id: 'PIPEDA-CA', name: 'Personal Information Protection and Electronic Documents Act', jurisdiction: 'Canada' },
];

// BR-NATIONAL counts Carnival and Corpus Christi (pontos facultativos) as business days: the earlier,
// safe deadline. Use BR-FEDERAL-OFFICES once ANPD's treatment of those days is confirmed.
const BRAZIL = { zone: 'America/Sao_Paulo', calendar: 'BR-NATIONAL' } as const;

const LGPD: readonly Obligation[] = [
  {
    regime: 'LGPD',
    obligation: 'notify-anpd',
    trigger: 'awareness',
    deadline: { amount: 3, unit: 'business-days' },
    counting: BRAZIL,
    recipient: 'Autoridade Nacional de Proteção de Dados (ANPD)',
    requiredContent: [
      'nature and categories of personal data affected',
      'number of data subjects affected, with children and elderly people counted separately',
      'technical and security measures used and taken',
      'risks related to the incident',
      'reasons for the delay, if any',
    ],
    source: 'LGPD Art. 48; ANPD Resolution CD/ANPD 15/2024 Art. 6',
    sourceUrl: LGPD_URL,
    checkedOn: CHECKED_ON,
    appliesWhen: { countries: ['BR'] },
    notes: ['The clock starts when the controller knows the incident affected personal data.', 'Deadlines are doubled for small processing agents.'],
  },
  {
    regime: 'LGPD',
    obligation: 'notify-data-subjects',
    trigger: 'awareness',
    deadline: { amount: 3, unit: 'business-days' },
    counting: BRAZIL,
    recipient: 'data subjects',
    requiredContent: [
      'nature and categories of personal data affected',
      'risks related to the incident',
      'measures taken and recommended',
      'reasons for the delay, if any',
    ],
    source: 'LGPD Art. 48; ANPD Resolution CD/ANPD 15/2024 Art. 9',
    sourceUrl: LGPD_URL,
    checkedOn: CHECKED_ON,
    appliesWhen: { countries: ['BR'] },
    notes: ['Deadlines are doubled for small processing agents.'],
  },
  {
    regime: 'LGPD',
    obligation: 'supplement-anpd',
    trigger: { after: 'notify-anpd' },
    deadline: { amount: 20, unit: 'business-days' },
    counting: BRAZIL,
    recipient: 'Autoridade Nacional de Proteção de Dados (ANPD)',
    requiredContent: ['information not available at the first communication'],
    source: 'ANPD Resolution CD/ANPD 15/2024 Art. 6',
    sourceUrl: LGPD_URL,
    checkedOn: CHECKED_ON,
    verify: true,
    verifyNote: 'that the 20 business days run from the first communication to ANPD is not confirmed',
    appliesWhen: { countries: ['BR'] },
  },
];

const SINGAPORE = { zone: 'Asia/Singapore' } as const;

const PDPA_SG: readonly Obligation[] = [
  {
    regime: 'PDPA-SG',
    obligation: 'notify-pdpc',
    trigger: 'notifiability-assessment',
    deadline: { amount: 3, unit: 'calendar-days' },
    counting: SINGAPORE,
    recipient: 'Personal Data Protection Commission (PDPC)',
    requiredContent: ['the information prescribed by the PDP (Notification of Data Breaches) Regulations 2021'],
    source: 'PDPA s26D(1)',
    sourceUrl: PDPA_URL,
    checkedOn: CHECKED_ON,
    appliesWhen: { countries: ['SG'] },
    notes: ['Notifiable: significant harm to affected individuals, or 500 or more individuals affected.'],
  },
  {
    regime: 'PDPA-SG',
    obligation: 'notify-individuals',
    trigger: { after: 'notify-pdpc' },
    deadline: { standard: 'on or after notifying the PDPC' },
    counting: SINGAPORE,
    recipient: 'affected individuals',
    requiredContent: ['the information prescribed by the PDP (Notification of Data Breaches) Regulations 2021'],
    source: 'PDPA s26D(2)',
    sourceUrl: PDPA_URL,
    checkedOn: CHECKED_ON,
    appliesWhen: { countries: ['SG'] },
  },
];

const AUSTRALIA = { zone: 'Australia/Sydney' } as const;
const NDB_STATEMENT = [
  'identity and contact details of the entity',
  'description of the breach',
  'kinds of information concerned',
  'recommended steps for individuals',
] as const;

const NDB_AU: readonly Obligation[] = [
  {
    regime: 'NDB-AU',
    obligation: 'assess-breach',
    trigger: 'suspicion',
    deadline: { amount: 30, unit: 'calendar-days', standard: 'a reasonable and expeditious assessment, within 30 days' },
    counting: AUSTRALIA,
    recipient: 'internal (assessment record)',
    requiredContent: ['whether there are reasonable grounds to believe an eligible data breach occurred'],
    source: 'Privacy Act 1988 (Cth) s26WH',
    sourceUrl: PRIVACY_ACT_AU_URL,
    checkedOn: CHECKED_ON,
    appliesWhen: { countries: ['AU'] },
  },
  {
    regime: 'NDB-AU',
    obligation: 'notify-oaic',
    // s26WK(2): as soon as practicable after the entity becomes aware of reasonable grounds to believe — not after the assessment's deadline.
    trigger: 'reasonable-belief',
    deadline: { standard: 'as soon as practicable after becoming aware of reasonable grounds to believe there has been an eligible data breach' },
    counting: AUSTRALIA,
    recipient: 'Office of the Australian Information Commissioner (OAIC)',
    requiredContent: NDB_STATEMENT,
    source: 'Privacy Act 1988 (Cth) s26WK',
    sourceUrl: PRIVACY_ACT_AU_URL,
    checkedOn: CHECKED_ON,
    appliesWhen: { countries: ['AU'] },
  },
  {
    regime: 'NDB-AU',
    obligation: 'notify-individuals',
    // s26WL(3): as soon as practicable after completing the statement to the Commissioner.
    trigger: { after: 'notify-oaic' },
    deadline: { standard: 'as soon as practicable after preparing the statement for the Commissioner' },
    counting: AUSTRALIA,
    recipient: 'affected individuals',
    requiredContent: NDB_STATEMENT,
    source: 'Privacy Act 1988 (Cth) s26WL',
    sourceUrl: PRIVACY_ACT_AU_URL,
    checkedOn: CHECKED_ON,
    appliesWhen: { countries: ['AU'] },
  },
];

const INDIA = { zone: 'Asia/Kolkata' } as const;
// Rule 1(3) of the DPDP Rules 2025: Rule 7 comes into force 18 months after the Rules' publication of 13 November 2025.
const DPDP_RULE_7_COMMENCES = '2027-05-13T00:00:00+05:30';
const DPDP_VERIFY = 'the exact commencement day of Rule 7 (18 months after the Rules were published in the Gazette, November 2025) is not confirmed';

const DPDP_IN: readonly Obligation[] = [
  {
    regime: 'DPDP-IN',
    obligation: 'notify-board',
    trigger: 'awareness',
    deadline: { standard: 'without delay' },
    counting: INDIA,
    recipient: 'Data Protection Board of India',
    requiredContent: ['description of the breach: nature, extent, timing, location', 'likely impact'],
    source: 'DPDP Rules 2025 r.7(2)(a)',
    sourceUrl: DPDP_URL,
    checkedOn: CHECKED_ON,
    inForceFrom: DPDP_RULE_7_COMMENCES,
    verify: true,
    verifyNote: DPDP_VERIFY,
    appliesWhen: { countries: ['IN'] },
  },
  {
    regime: 'DPDP-IN',
    obligation: 'report-to-board',
    trigger: 'awareness',
    deadline: { amount: 72, unit: 'hours' },
    counting: INDIA,
    recipient: 'Data Protection Board of India',
    requiredContent: ['facts and circumstances', 'causes', 'mitigation measures', 'remediation', 'notices sent to data principals'],
    source: 'DPDP Rules 2025 r.7(2)(b)',
    sourceUrl: DPDP_URL,
    checkedOn: CHECKED_ON,
    inForceFrom: DPDP_RULE_7_COMMENCES,
    verify: true,
    verifyNote: DPDP_VERIFY,
    appliesWhen: { countries: ['IN'] },
  },
  {
    regime: 'DPDP-IN',
    obligation: 'notify-data-principals',
    trigger: 'awareness',
    deadline: { standard: 'without delay' },
    counting: INDIA,
    recipient: 'affected data principals',
    requiredContent: ['description of the breach', 'likely consequences', 'mitigation measures', 'safety measures they can take', 'contact details'],
    source: 'DPDP Rules 2025 r.7(1)',
    sourceUrl: DPDP_URL,
    checkedOn: CHECKED_ON,
    inForceFrom: DPDP_RULE_7_COMMENCES,
    verify: true,
    verifyNote: DPDP_VERIFY,
    appliesWhen: { countries: ['IN'] },
  },
];

const CANADA = { zone: 'America/Toronto' } as const;

const PIPEDA_CA: readonly Obligation[] = [
  {
    regime: 'PIPEDA-CA',
    obligation: 'report-commissioner',
    trigger: 'harm-determination',
    deadline: { standard: 'as soon as feasible' },
    counting: CANADA,
    recipient: 'Office of the Privacy Commissioner of Canada',
    requiredContent: ['the information prescribed by the Breach of Security Safeguards Regulations'],
    source: 'PIPEDA s10.1(1)',
    sourceUrl: PIPEDA_URL,
    checkedOn: CHECKED_ON,
    appliesWhen: { countries: ['CA'] },
  },
  {
    regime: 'PIPEDA-CA',
    obligation: 'notify-individuals',
    trigger: 'harm-determination',
    deadline: { standard: 'as soon as feasible' },
    counting: CANADA,
    recipient: 'affected individuals',
    requiredContent: ['the information prescribed by the Breach of Security Safeguards Regulations'],
    source: 'PIPEDA s10.1(3)',
    sourceUrl: PIPEDA_URL,
    checkedOn: CHECKED_ON,
    appliesWhen: { countries: ['CA'] },
  },
  {
    regime: 'PIPEDA-CA',
    obligation: 'keep-breach-record',
    trigger: 'awareness',
    deadline: { standard: 'for every breach; keep the record for 24 months' },
    counting: CANADA,
    recipient: 'breach record, kept for the Commissioner',
    requiredContent: ['the information prescribed by the Breach of Security Safeguards Regulations'],
    source: 'PIPEDA s10.3',
    sourceUrl: PIPEDA_URL,
    checkedOn: CHECKED_ON,
    appliesWhen: { countries: ['CA'] },
  },
];

/** Brazil, Singapore, Australia, India and Canada's obligations. */
export const ASIA_PACIFIC_AND_AMERICAS_OBLIGATIONS: readonly Obligation[] = [...LGPD, ...PDPA_SG, ...NDB_AU, ...DPDP_IN, ...PIPEDA_CA];

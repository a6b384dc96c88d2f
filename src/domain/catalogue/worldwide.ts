// The list regulations.ts re-exports, taken from its home: regulations.ts assembles the regional modules, so
// importing it here would make a cycle once this module joins the catalogue.
import { EU_MEMBER_STATES } from './countries';
import type { Counting, Obligation, RegimeInfo } from './types';

const CHECKED_ON = '2026-12-05';

const APPI_URL = 'https://laws.e-gov.go.jp/law/415AC0000000057';
const APPI_RULES_URL = 'https://laws.e-gov.go.jp/law/428M60020000003';
const PIPA_DECREE_URL = 'https://www.law.go.kr/LSW/lsInfoP.do?lsiSeq=289537';
const FADP_URL = 'https://www.fedlex.admin.ch/eli/cc/2022/491/en';
const QC_URL = 'https://www.legisquebec.gouv.qc.ca/en/document/cs/P-39.1';
const NZ_URL = 'https://www.legislation.govt.nz/act/public/2020/0031/latest/whole.html';
const SA_URL = 'https://sdaia.gov.sa/en/SDAIA/about/Documents/ImplementingRegulation.pdf';
const AE_URL = 'https://uaelegislation.gov.ae/en/legislations/1972';
const CERT_IN_URL = 'https://www.cert-in.org.in/PDF/CERT-In_Directions_70B_28.04.2022.pdf';
const CRA_URL = 'https://eur-lex.europa.eu/eli/reg/2024/2847/oj';
const EPRIVACY_URL = 'https://eur-lex.europa.eu/eli/reg/2013/611/oj';
const PECR_URL = 'https://www.legislation.gov.uk/uksi/2003/2426/regulation/5A';

const TOKYO: Counting = { zone: 'Asia/Tokyo' };
const SEOUL: Counting = { zone: 'Asia/Seoul' };
const ZURICH: Counting = { zone: 'Europe/Zurich' };
// The Commission d'accès à l'information sits in Quebec City, which keeps Eastern time like Toronto.
const QUEBEC: Counting = { zone: 'America/Toronto' };
const AUCKLAND: Counting = { zone: 'Pacific/Auckland' };
const RIYADH: Counting = { zone: 'Asia/Riyadh' };
const DUBAI: Counting = { zone: 'Asia/Dubai' };
const KOLKATA: Counting = { zone: 'Asia/Kolkata' };
// Member-state authorities differ in zone; Brussels time is the one most EU authorities share.
const BRUSSELS: Counting = { zone: 'Europe/Brussels' };
const LONDON: Counting = { zone: 'Europe/London' };

/** The regimes beyond the EU GDPR and the US that a global company meets, as the coverage page names them. */
export const WORLDWIDE_REGIMES: readonly RegimeInfo[] = [
  { id: 'APPI-JP', name: 'Act on the Protection of Personal Information (APPI) and PPC Enforcement Rules', jurisdiction: 'Japan' },
  { id: 'PIPA-KR', name: 'Personal Information Protection Act (PIPA) and Enforcement Decree', jurisdiction: 'South Korea' },
  { id: 'FADP-CH', name: 'Federal Act on Data Protection (nFADP, SR 235.1)', jurisdiction: 'Switzerland' },
  { id: 'QC-LAW25', name: 'Act respecting the protection of personal information in the private sector (CQLR c. P-39.1, as amended by Law 25)', jurisdiction: 'Quebec (Canada)' },
  { id: 'PRIVACY-NZ', name: 'Privacy Act 2020', jurisdiction: 'New Zealand' },
  { id: 'PDPL-SA', name: 'Personal Data Protection Law and its Implementing Regulation', jurisdiction: 'Saudi Arabia' },
  { id: 'PDPL-AE', name: 'Federal Decree-Law No. 45 of 2021 on the Protection of Personal Data', jurisdiction: 'United Arab Emirates (onshore)' },
  { id: 'CERT-IN', name: 'CERT-In Directions of 28 April 2022 under s. 70B(6) of the Information Technology Act, 2000', jurisdiction: 'India' },
  { id: 'CRA', name: 'Cyber Resilience Act, Regulation (EU) 2024/2847', jurisdiction: 'EU (manufacturers of products with digital elements)' },
  { id: 'EPRIVACY-EU', name: 'Commission Regulation (EU) No 611/2013 under the ePrivacy Directive 2002/58/EC', jurisdiction: 'EU (public electronic communications services)' },
  { id: 'PECR-UK', name: 'Privacy and Electronic Communications (EC Directive) Regulations 2003', jurisdiction: 'United Kingdom (public electronic communications services)' },
];

const APPI_REPORT_CONTENT = [
  'overview of the situation',
  'items of personal data leaked, lost or damaged (or possibly so)',
  'number of individuals concerned',
  'cause',
  'secondary damage or its risk, and its content',
  'status of the response to the individuals',
  'status of public announcement',
  'measures to prevent recurrence',
  'other matters of reference',
] as const;

const APPI_SCOPE_NOTE =
  'Reportable only in the four situations of PPC Rules Art. 7: sensitive (要配慮) personal data; data whose misuse may cause financial damage; an act that may have been done for an unlawful purpose; or more than 1,000 individuals. The first three have no count, so no minAffected is set.';

const APPI: readonly Obligation[] = [
  {
    regime: 'APPI-JP',
    obligation: 'preliminary-report',
    trigger: 'awareness',
    deadline: { standard: 'promptly (速やかに) after knowing of the situation, with what is known at the time' },
    counting: TOKYO,
    recipient: 'Personal Information Protection Commission (PPC)',
    requiredContent: APPI_REPORT_CONTENT,
    source: 'APPI Art. 26(1); PPC Enforcement Rules Art. 7, 8(1)',
    sourceUrl: APPI_RULES_URL,
    checkedOn: CHECKED_ON,
    appliesWhen: { countries: ['JP'] },
    notes: [
      'The PPC guidelines (General Rules, 3-5-3-3) read "promptly" as roughly 3 to 5 days from knowing of the situation; the Rules fix no period.',
      APPI_SCOPE_NOTE,
      'A business entrusted with the data that notifies the entrusting business instead is exempt (Art. 26(1) proviso).',
    ],
  },
  {
    regime: 'APPI-JP',
    obligation: 'final-report',
    trigger: 'awareness',
    deadline: {
      amount: 30,
      unit: 'calendar-days',
      standard: 'within 30 days from the day of knowing of the situation (60 days for a situation under Rules Art. 7(iii))',
    },
    counting: TOKYO,
    recipient: 'Personal Information Protection Commission (PPC)',
    requiredContent: APPI_REPORT_CONTENT,
    source: 'APPI Art. 26(1); PPC Enforcement Rules Art. 7, 8(2)',
    sourceUrl: APPI_RULES_URL,
    checkedOn: CHECKED_ON,
    appliesWhen: { countries: ['JP'] },
    notes: [
      'Where the breach is or may be caused by an act with an unlawful purpose (Rules Art. 7(iii), e.g. unauthorised access or ransomware) the period is 60 days; the catalogue keeps the earlier 30-day clock because no incident fact tells the two apart.',
      APPI_SCOPE_NOTE,
    ],
  },
  {
    regime: 'APPI-JP',
    obligation: 'notify-individuals',
    trigger: 'awareness',
    deadline: { standard: 'promptly (速やかに), according to the circumstances of the situation' },
    counting: TOKYO,
    recipient: 'individuals concerned',
    requiredContent: ['the matters of Rules Art. 8(1) necessary to protect the individual’s rights and interests'],
    source: 'APPI Art. 26(2); PPC Enforcement Rules Art. 10',
    sourceUrl: APPI_URL,
    checkedOn: CHECKED_ON,
    appliesWhen: { countries: ['JP'] },
    notes: ['Not required where notice is difficult and alternative measures protect the individuals (Art. 26(2) proviso).', APPI_SCOPE_NOTE],
  },
];

const PIPA_CONTENT = [
  'items of personal information leaked',
  'when and how the leak occurred',
  'what the data subject can do to minimise damage',
  'the controller’s response and remedies',
  'the department and contact for reporting damage',
] as const;

const PIPA_TEXT_VERIFY =
  'Read only in quotation (law.go.kr not reachable): check Enforcement Decree Art. 39(1) and 40(1) as amended by Presidential Decree No. 36671 of 10 September 2026 (in force 11 September 2026) still fix 72 hours.';

const PIPA: readonly Obligation[] = [
  {
    regime: 'PIPA-KR',
    obligation: 'notify-data-subjects',
    trigger: 'awareness',
    deadline: { amount: 72, unit: 'hours', standard: 'without delay (지체 없이), within 72 hours of becoming aware' },
    counting: SEOUL,
    recipient: 'data subjects concerned',
    requiredContent: PIPA_CONTENT,
    source: 'PIPA Art. 34(1); Enforcement Decree Art. 39(1)',
    sourceUrl: PIPA_DECREE_URL,
    checkedOn: CHECKED_ON,
    verify: true,
    verifyNote: PIPA_TEXT_VERIFY,
    appliesWhen: { countries: ['KR'] },
    notes: [
      'Where urgent measures to stop the spread are needed, or a natural disaster or other unavoidable cause prevents it, notice follows without delay once the cause is gone (Decree Art. 39(1)).',
      'Where contact details are unknown, a notice on the controller’s website for at least 30 days replaces it (Decree Art. 39(3)).',
      'What is not yet known may be notified later, as soon as it is confirmed (Decree Art. 39(2)).',
    ],
  },
  {
    regime: 'PIPA-KR',
    obligation: 'report-pipc',
    trigger: 'awareness',
    deadline: { amount: 72, unit: 'hours', standard: 'within 72 hours of becoming aware' },
    counting: SEOUL,
    recipient: 'Personal Information Protection Commission (PIPC) or Korea Internet & Security Agency (KISA)',
    requiredContent: PIPA_CONTENT,
    source: 'PIPA Art. 34(4); Enforcement Decree Art. 40(1), 40(3)',
    sourceUrl: PIPA_DECREE_URL,
    checkedOn: CHECKED_ON,
    verify: true,
    verifyNote: PIPA_TEXT_VERIFY,
    // No count threshold here: 1,000 subjects is only one of three conditions, and the other two are facts the scope does
    // not record, so the clock runs for every Korean breach and the DPO waives it when none holds (never under-call).
    appliesWhen: { countries: ['KR'] },
    notes: [
      'Reportable where 1,000 or more data subjects are affected (Decree Art. 40(1)(i)), where sensitive or unique identifying information leaked (Art. 40(1)(ii)), or where the leak came from unlawful external access to the processing system or a device used to process the data (Art. 40(1)(iii)): waive the clock, with the reason, when none of the three holds.',
      'Need not be reported where recovering or deleting the data has made harm to the data subjects significantly less likely (Decree Art. 40(1)).',
    ],
  },
  {
    regime: 'PIPA-KR',
    obligation: 'notify-possible-leak',
    trigger: 'suspicion',
    deadline: { amount: 72, unit: 'hours', standard: 'within 72 hours of learning of the unlawful access or the trade in the data' },
    counting: SEOUL,
    recipient: 'every data subject whose information may have leaked',
    requiredContent: ['information to minimise the damage', 'that a further notice follows once it is settled whether the data leaked'],
    source: 'PIPA Art. 34(2) (inserted 10 March 2026); Enforcement Decree Art. 39-2',
    sourceUrl: PIPA_DECREE_URL,
    checkedOn: CHECKED_ON,
    inForceFrom: '2026-09-11T00:00:00+09:00',
    verify: true,
    verifyNote:
      'Read only in quotation (law.go.kr not reachable): check Decree Art. 39-2 (new, in force 11 September 2026) — its two cases (unlawful access where the data subjects cannot be identified; data found traded by a third party), the 72-hour period, and whether it runs from learning of the access, which the "suspicion" trigger only approximates.',
    appliesWhen: { countries: ['KR'] },
  },
];

const FADP: readonly Obligation[] = [
  {
    regime: 'FADP-CH',
    obligation: 'notify-fdpic',
    trigger: 'awareness',
    deadline: { standard: 'as soon as possible' },
    counting: ZURICH,
    recipient: 'Federal Data Protection and Information Commissioner (FDPIC)',
    requiredContent: [
      'nature of the breach of data security',
      'its consequences',
      'measures taken or planned',
    ],
    source: 'FADP Art. 24(1), 24(2)',
    sourceUrl: FADP_URL,
    checkedOn: CHECKED_ON,
    appliesWhen: { countries: ['CH'], actingAs: 'controller', minRisk: 'high-risk' },
    notes: ['Only where the breach is likely to result in a high risk to the personality or fundamental rights of the data subject; the law sets no hour count.'],
  },
  {
    regime: 'FADP-CH',
    obligation: 'notify-data-subjects',
    trigger: 'awareness',
    deadline: { standard: 'where necessary for the data subject’s protection or where the FDPIC requires it' },
    counting: ZURICH,
    recipient: 'data subjects',
    requiredContent: ['nature of the breach', 'its consequences', 'measures taken or planned'],
    source: 'FADP Art. 24(4)',
    sourceUrl: FADP_URL,
    checkedOn: CHECKED_ON,
    appliesWhen: { countries: ['CH'], actingAs: 'controller' },
    notes: ['May be restricted, deferred or waived on the grounds of Art. 24(5) (e.g. impossible or disproportionate effort, where a public announcement informs equally).'],
  },
  {
    regime: 'FADP-CH',
    obligation: 'notify-controller',
    trigger: 'awareness',
    deadline: { standard: 'as soon as possible' },
    counting: ZURICH,
    recipient: 'controller',
    requiredContent: ['what the processor knows of the breach of data security'],
    source: 'FADP Art. 24(3)',
    sourceUrl: FADP_URL,
    checkedOn: CHECKED_ON,
    appliesWhen: { countries: ['CH'], actingAs: 'processor' },
  },
];

const QC_WHERE = { countries: ['CA'], subdivisions: ['CA-QC'] } as const;

const QC_LAW25: readonly Obligation[] = [
  {
    regime: 'QC-LAW25',
    obligation: 'notify-commission',
    trigger: 'harm-determination',
    deadline: { standard: 'promptly' },
    counting: QUEBEC,
    recipient: 'Commission d’accès à l’information du Québec (CAI)',
    requiredContent: ['the information prescribed by the Regulation respecting confidentiality incidents'],
    source: 'Act respecting the protection of personal information in the private sector s. 3.5',
    sourceUrl: QC_URL,
    checkedOn: CHECKED_ON,
    appliesWhen: QC_WHERE,
    notes: [
      'Only where the incident presents a risk of serious injury; the clock starts on that assessment, recorded as harm-determination.',
      'Whoever has reason to believe an incident occurred must first take reasonable measures to reduce the risk of injury (s. 3.5).',
    ],
  },
  {
    regime: 'QC-LAW25',
    obligation: 'notify-persons-concerned',
    trigger: 'harm-determination',
    deadline: { standard: 'promptly' },
    counting: QUEBEC,
    recipient: 'each person whose personal information is concerned by the incident',
    requiredContent: ['the information prescribed by the Regulation respecting confidentiality incidents'],
    source: 'Act respecting the protection of personal information in the private sector s. 3.5',
    sourceUrl: QC_URL,
    checkedOn: CHECKED_ON,
    appliesWhen: QC_WHERE,
    notes: ['Not required so long as notice could hamper an investigation into a crime or offence (s. 3.5).'],
  },
  {
    regime: 'QC-LAW25',
    obligation: 'keep-incident-register',
    trigger: 'awareness',
    deadline: { standard: 'for every confidentiality incident, notified or not; given to the Commission on request' },
    counting: QUEBEC,
    recipient: 'register of confidentiality incidents, kept for the Commission',
    requiredContent: ['the information prescribed by the Regulation respecting confidentiality incidents'],
    source: 'Act respecting the protection of personal information in the private sector s. 3.8',
    sourceUrl: QC_URL,
    checkedOn: CHECKED_ON,
    appliesWhen: QC_WHERE,
  },
];

const NZ_CONTENT = [
  'description of the breach, incl. the number of affected individuals (if known)',
  'whether the person or body that has or may have the information is known',
  'steps taken or intended in response',
  'steps affected individuals can take to reduce the risk of harm',
  'contact details',
] as const;

const PRIVACY_NZ: readonly Obligation[] = [
  {
    regime: 'PRIVACY-NZ',
    obligation: 'notify-commissioner',
    trigger: 'awareness',
    deadline: { standard: 'as soon as practicable after becoming aware that a notifiable privacy breach has occurred' },
    counting: AUCKLAND,
    recipient: 'Privacy Commissioner (NotifyUs)',
    requiredContent: NZ_CONTENT,
    source: 'Privacy Act 2020 s. 114',
    sourceUrl: NZ_URL,
    checkedOn: CHECKED_ON,
    appliesWhen: { countries: ['NZ'] },
    notes: [
      'The Commissioner expects the notice within 72 hours of becoming aware of a notifiable breach; that is guidance, not a period in the Act, so no timer is set.',
      'Notifiable: the breach has caused or is likely to cause serious harm (s. 112, assessed under s. 113).',
    ],
  },
  {
    regime: 'PRIVACY-NZ',
    obligation: 'notify-affected-individuals',
    trigger: 'awareness',
    deadline: { standard: 'as soon as practicable after becoming aware that a notifiable privacy breach has occurred' },
    counting: AUCKLAND,
    recipient: 'affected individuals, or a public notice where notifying them is not reasonably practicable',
    requiredContent: NZ_CONTENT,
    source: 'Privacy Act 2020 s. 115',
    sourceUrl: NZ_URL,
    checkedOn: CHECKED_ON,
    appliesWhen: { countries: ['NZ'] },
    notes: ['Exceptions and permitted delay are in s. 116.'],
  },
];

const PDPL_SA: readonly Obligation[] = [
  {
    regime: 'PDPL-SA',
    obligation: 'notify-sdaia',
    trigger: 'awareness',
    deadline: { amount: 72, unit: 'hours', standard: 'within a delay not exceeding 72 hours of becoming aware of the incident' },
    counting: RIYADH,
    recipient: 'Saudi Data and AI Authority (SDAIA), the competent authority',
    requiredContent: [
      'description of the incident: time, date, circumstances, and when the controller became aware of it',
      'data categories, actual or approximate number of data subjects, type of personal data',
      'risks of the breach, actions taken to limit them, and measures to avoid recurrence',
      'whether the data subjects have been notified',
      'contact details of the controller or its data protection officer',
    ],
    source: 'PDPL Art. 20; Implementing Regulation Art. 24(1)',
    sourceUrl: SA_URL,
    checkedOn: CHECKED_ON,
    appliesWhen: { countries: ['SA'] },
    notes: ['Only where the incident may cause harm to the personal data or the data subjects, or conflict with their rights or interests.'],
  },
  {
    regime: 'PDPL-SA',
    obligation: 'notify-data-subjects',
    trigger: 'awareness',
    deadline: { standard: 'without undue delay' },
    counting: RIYADH,
    recipient: 'data subjects',
    requiredContent: ['description of the breach in clear language', 'risks and how to mitigate them', 'contact details'],
    source: 'PDPL Art. 20; Implementing Regulation Art. 24(5)',
    sourceUrl: SA_URL,
    checkedOn: CHECKED_ON,
    appliesWhen: { countries: ['SA'] },
    notes: ['Only where the breach may cause damage to their data or conflict with their rights or interests.'],
  },
];

const AE_VERIFY =
  'The Executive Regulations, which set the period, procedure and conditions of the notice (Art. 9), were not published when checked; re-check them, and that the Decree-Law binds (businesses comply six months after they are issued).';

const PDPL_AE: readonly Obligation[] = [
  {
    regime: 'PDPL-AE',
    obligation: 'notify-data-office',
    trigger: 'awareness',
    deadline: { standard: 'immediately upon becoming aware, within the period the Executive Regulations set' },
    counting: DUBAI,
    recipient: 'UAE Data Office',
    requiredContent: [
      'nature, form, causes and approximate number of the breach and of the records concerned',
      'data protection officer’s details',
      'likely and expected impact',
      'measures taken or proposed to address it and mitigate its negative effects',
      'documentation of the breach and of the corrective actions',
    ],
    source: 'Federal Decree-Law No. 45 of 2021 Art. 9(1)',
    sourceUrl: AE_URL,
    checkedOn: CHECKED_ON,
    verify: true,
    verifyNote: AE_VERIFY,
    appliesWhen: { countries: ['AE'], actingAs: 'controller' },
    notes: [
      'Only where the breach would prejudice the privacy, confidentiality and security of the data.',
      'Does not apply in free zones with their own data protection law (DIFC, ADGM), nor to health or credit data under their own federal legislation.',
    ],
  },
  {
    regime: 'PDPL-AE',
    obligation: 'notify-data-subjects',
    trigger: 'awareness',
    deadline: { standard: 'no period set: the Executive Regulations are pending' },
    counting: DUBAI,
    recipient: 'data subjects',
    requiredContent: ['the breach and the measures taken'],
    source: 'Federal Decree-Law No. 45 of 2021 Art. 9(3)',
    sourceUrl: AE_URL,
    checkedOn: CHECKED_ON,
    verify: true,
    verifyNote: `${AE_VERIFY} Confirm the data-subject notice is Art. 9(3).`,
    appliesWhen: { countries: ['AE'], actingAs: 'controller' },
    notes: ['Where the breach would prejudice the privacy, confidentiality and security of their personal data.'],
  },
  {
    regime: 'PDPL-AE',
    obligation: 'notify-controller',
    trigger: 'awareness',
    deadline: { standard: 'immediately upon becoming aware' },
    counting: DUBAI,
    recipient: 'controller',
    requiredContent: ['what the processor knows of the breach'],
    source: 'Federal Decree-Law No. 45 of 2021 Art. 9(2)',
    sourceUrl: AE_URL,
    checkedOn: CHECKED_ON,
    verify: true,
    verifyNote: `${AE_VERIFY} Confirm the processor's notice is Art. 9(2).`,
    appliesWhen: { countries: ['AE'], actingAs: 'processor' },
  },
];

const CERT_IN: readonly Obligation[] = [
  {
    regime: 'CERT-IN',
    obligation: 'report-cyber-incident',
    // The Directions count from noticing the incident or its being brought to notice, not from certainty that
    // personal data were compromised: discovery is the earlier of the recorded events.
    trigger: 'discovery',
    deadline: { amount: 6, unit: 'hours', standard: 'within 6 hours of noticing such incidents or being brought to notice about such incidents' },
    counting: KOLKATA,
    recipient: 'Indian Computer Emergency Response Team (CERT-In)',
    requiredContent: ['the details CERT-In asks for on its incident reporting form (incident type per Annexure I, time of occurrence, affected systems, indicators)'],
    source: 'CERT-In Directions of 28 April 2022 under IT Act s. 70B(6), para (ii) and Annexure I',
    sourceUrl: CERT_IN_URL,
    checkedOn: CHECKED_ON,
    verify: true,
    verifyNote: 'The Directions were read only in quotation and summaries: check para (ii) and the incident types of Annexure I in the PDF.',
    appliesWhen: { countries: ['IN'] },
    notes: [
      'Only cyber incidents of the types in Annexure I (e.g. unauthorised access to IT systems or data, data breach, data leak, ransomware); the clock runs whether or not personal data are involved.',
      'Applies to service providers, intermediaries, data centres, body corporates and government organisations.',
    ],
  },
];

// Regulation (EU) 2024/2847 Art. 71(2): "Article 14 shall apply from 11 September 2026".
const CRA_IN_FORCE_FROM = '2026-09-11T00:00:00+02:00';
const CRA_RECIPIENT = 'CSIRT designated as coordinator and ENISA, simultaneously, via the single reporting platform (Art. 16)';
const CRA_WHERE = { countries: EU_MEMBER_STATES, sectorFlags: ['cra-manufacturer'] } as const;

const CRA: readonly Obligation[] = [
  {
    regime: 'CRA',
    obligation: 'vulnerability-early-warning',
    trigger: 'exploited-vulnerability-awareness',
    deadline: { amount: 24, unit: 'hours', standard: 'without undue delay and in any event within 24 hours of becoming aware' },
    counting: BRUSSELS,
    recipient: CRA_RECIPIENT,
    requiredContent: ['where applicable, the Member States on whose territory the manufacturer is aware the product has been made available'],
    source: 'CRA Regulation (EU) 2024/2847 Art. 14(1), 14(2)(a)',
    sourceUrl: CRA_URL,
    checkedOn: CHECKED_ON,
    inForceFrom: CRA_IN_FORCE_FROM,
    appliesWhen: CRA_WHERE,
  },
  {
    regime: 'CRA',
    obligation: 'vulnerability-notification',
    trigger: 'exploited-vulnerability-awareness',
    deadline: { amount: 72, unit: 'hours', standard: 'without undue delay and in any event within 72 hours of becoming aware, unless already provided' },
    counting: BRUSSELS,
    recipient: CRA_RECIPIENT,
    requiredContent: [
      'general information about the product concerned',
      'general nature of the exploit and of the vulnerability',
      'corrective or mitigating measures taken, and those users can take',
      'how sensitive the manufacturer considers the notified information, where applicable',
    ],
    source: 'CRA Regulation (EU) 2024/2847 Art. 14(2)(b)',
    sourceUrl: CRA_URL,
    checkedOn: CHECKED_ON,
    inForceFrom: CRA_IN_FORCE_FROM,
    appliesWhen: CRA_WHERE,
  },
  {
    regime: 'CRA',
    obligation: 'vulnerability-final-report',
    trigger: 'corrective-measure-available',
    deadline: { amount: 14, unit: 'calendar-days', standard: 'no later than 14 days after a corrective or mitigating measure is available' },
    counting: BRUSSELS,
    recipient: CRA_RECIPIENT,
    requiredContent: [
      'description of the vulnerability, incl. its severity and impact',
      'information on any malicious actor that has exploited or is exploiting it, where available',
      'details of the security update or other corrective measures made available',
    ],
    source: 'CRA Regulation (EU) 2024/2847 Art. 14(2)(c)',
    sourceUrl: CRA_URL,
    checkedOn: CHECKED_ON,
    inForceFrom: CRA_IN_FORCE_FROM,
    appliesWhen: CRA_WHERE,
  },
  {
    regime: 'CRA',
    obligation: 'inform-users-of-vulnerability',
    trigger: 'exploited-vulnerability-awareness',
    deadline: { standard: 'after becoming aware (no period set)' },
    counting: BRUSSELS,
    recipient: 'impacted users of the product, and where appropriate all users',
    requiredContent: ['the vulnerability', 'where necessary, risk mitigation and corrective measures users can deploy, where appropriate machine-readable'],
    source: 'CRA Regulation (EU) 2024/2847 Art. 14(8)',
    sourceUrl: CRA_URL,
    checkedOn: CHECKED_ON,
    inForceFrom: CRA_IN_FORCE_FROM,
    appliesWhen: CRA_WHERE,
  },
  {
    regime: 'CRA',
    obligation: 'incident-early-warning',
    trigger: 'awareness',
    deadline: { amount: 24, unit: 'hours', standard: 'without undue delay and in any event within 24 hours of becoming aware' },
    counting: BRUSSELS,
    recipient: CRA_RECIPIENT,
    requiredContent: [
      'whether the incident is suspected of being caused by unlawful or malicious acts',
      'where applicable, the Member States on whose territory the manufacturer is aware the product has been made available',
    ],
    source: 'CRA Regulation (EU) 2024/2847 Art. 14(3), 14(4)(a)',
    sourceUrl: CRA_URL,
    checkedOn: CHECKED_ON,
    inForceFrom: CRA_IN_FORCE_FROM,
    appliesWhen: CRA_WHERE,
    notes: ['A severe incident having an impact on the security of the product (Art. 14(5)); its awareness is recorded as the awareness event.'],
  },
  {
    regime: 'CRA',
    obligation: 'incident-notification',
    trigger: 'awareness',
    deadline: { amount: 72, unit: 'hours', standard: 'without undue delay and in any event within 72 hours of becoming aware, unless already provided' },
    counting: BRUSSELS,
    recipient: CRA_RECIPIENT,
    requiredContent: [
      'general information about the nature of the incident',
      'initial assessment of the incident',
      'corrective or mitigating measures taken, and those users can take',
      'how sensitive the manufacturer considers the notified information, where applicable',
    ],
    source: 'CRA Regulation (EU) 2024/2847 Art. 14(4)(b)',
    sourceUrl: CRA_URL,
    checkedOn: CHECKED_ON,
    inForceFrom: CRA_IN_FORCE_FROM,
    appliesWhen: CRA_WHERE,
  },
  {
    regime: 'CRA',
    obligation: 'incident-final-report',
    trigger: { after: 'incident-notification' },
    deadline: { amount: 1, unit: 'months', standard: 'within one month after the submission of the incident notification' },
    counting: BRUSSELS,
    recipient: CRA_RECIPIENT,
    requiredContent: [
      'detailed description of the incident, incl. its severity and impact',
      'the type of threat or root cause that is likely to have triggered it',
      'applied and ongoing mitigation measures',
    ],
    source: 'CRA Regulation (EU) 2024/2847 Art. 14(4)(c)',
    sourceUrl: CRA_URL,
    checkedOn: CHECKED_ON,
    inForceFrom: CRA_IN_FORCE_FROM,
    appliesWhen: CRA_WHERE,
  },
  {
    regime: 'CRA',
    obligation: 'inform-users-of-incident',
    trigger: 'awareness',
    deadline: { standard: 'after becoming aware (no period set)' },
    counting: BRUSSELS,
    recipient: 'impacted users of the product, and where appropriate all users',
    requiredContent: ['the incident', 'where necessary, risk mitigation and corrective measures users can deploy, where appropriate machine-readable'],
    source: 'CRA Regulation (EU) 2024/2847 Art. 14(8)',
    sourceUrl: CRA_URL,
    checkedOn: CHECKED_ON,
    inForceFrom: CRA_IN_FORCE_FROM,
    appliesWhen: CRA_WHERE,
  },
];

const EPRIVACY_WHERE = { countries: EU_MEMBER_STATES, sectorFlags: ['electronic-communications-provider'] } as const;

const EPRIVACY_EU: readonly Obligation[] = [
  {
    regime: 'EPRIVACY-EU',
    obligation: 'notify-competent-authority',
    // Art. 2(2) deems a breach detected once the provider has sufficient awareness that a security incident led to
    // personal data being compromised: that is the awareness event, not the earlier constructive "discovery".
    trigger: 'awareness',
    deadline: { amount: 24, unit: 'hours', standard: 'no later than 24 hours after the detection of the personal data breach, where feasible' },
    counting: BRUSSELS,
    recipient: 'competent national authority',
    requiredContent: ['the information in Annex I of Regulation (EU) No 611/2013'],
    source: 'Regulation (EU) No 611/2013 Art. 2(2); Directive 2002/58/EC Art. 4(3)',
    sourceUrl: EPRIVACY_URL,
    checkedOn: CHECKED_ON,
    verify: true,
    verifyNote:
      'Art. 2(2) was not read from EUR-Lex: confirm the 24 hours and the sentence deeming the breach detected on "sufficient awareness", which is why the clock starts on awareness.',
    appliesWhen: EPRIVACY_WHERE,
    notes: ['The Regulation counts from detection, which it defines as sufficient awareness that a security incident compromised personal data.'],
  },
  {
    regime: 'EPRIVACY-EU',
    obligation: 'second-notification',
    trigger: { after: 'notify-competent-authority' },
    deadline: { amount: 3, unit: 'calendar-days', standard: 'as soon as possible and at the latest within three days following the initial notification' },
    counting: BRUSSELS,
    recipient: 'competent national authority',
    requiredContent: ['the information of Annex I, section 2, not given in the initial notification'],
    source: 'Regulation (EU) No 611/2013 Art. 2(3)',
    sourceUrl: EPRIVACY_URL,
    checkedOn: CHECKED_ON,
    verify: true,
    verifyNote:
      'Confirmed only from a secondary summary: check Art. 2(3) gives three days from the initial notification, and whether they are days (Reg. 1182/71) or 72 hours; a provider unable to complete it in time informs the authority and gives reasons.',
    appliesWhen: EPRIVACY_WHERE,
    notes: ['Only where not all information was available for the initial notification.'],
  },
  {
    regime: 'EPRIVACY-EU',
    obligation: 'notify-subscribers',
    trigger: 'awareness',
    deadline: { standard: 'without undue delay after the detection of the personal data breach' },
    counting: BRUSSELS,
    recipient: 'subscribers or individuals concerned',
    requiredContent: ['the information in Annex II of Regulation (EU) No 611/2013'],
    source: 'Regulation (EU) No 611/2013 Art. 3; Directive 2002/58/EC Art. 4(3)',
    sourceUrl: EPRIVACY_URL,
    checkedOn: CHECKED_ON,
    appliesWhen: EPRIVACY_WHERE,
    notes: [
      'Only where the breach is likely to adversely affect their personal data or privacy.',
      'Not required where the provider has shown the competent authority that the data were made unintelligible (Art. 4).',
    ],
  },
];

const PECR_WHERE = { countries: ['GB'], sectorFlags: ['electronic-communications-provider'] } as const;

const PECR_UK: readonly Obligation[] = [
  {
    regime: 'PECR-UK',
    obligation: 'notify-ico',
    trigger: 'awareness',
    deadline: { amount: 72, unit: 'hours', standard: 'without undue delay and, where feasible, not later than 72 hours after having become aware of it' },
    counting: LONDON,
    recipient: 'Information Commissioner’s Office (ICO)',
    requiredContent: ['the information in Annex 1 of Regulation (EU) No 611/2013 as it forms part of UK law', 'reasons for the delay, when notified after 72 h'],
    source: 'PECR reg. 5A(2), 5A(3A), as amended by the Data (Use and Access) Act 2025; Regulation (EU) No 611/2013 Art. 2 as retained',
    sourceUrl: PECR_URL,
    checkedOn: CHECKED_ON,
    verify: true,
    verifyNote:
      'From the ICO guide and the commencement notes, not the Act: check the Data (Use and Access) Act 2025 section amending PECR reg. 5A (72 hours after becoming aware, reasons for delay) and that SI 2025/904 reg. 2 commenced it on 20 August 2025. Before then it was 24 hours after detection.',
    appliesWhen: PECR_WHERE,
    notes: [
      'A breach a provider became aware of before 20 August 2025 kept the earlier limit: 24 hours after detection (retained Reg. 611/2013 Art. 2(2)).',
      'Information not available at first may be given in phases without undue further delay (retained Reg. 611/2013 Art. 2(3), as substituted).',
    ],
  },
  {
    regime: 'PECR-UK',
    obligation: 'notify-subscribers',
    trigger: 'awareness',
    deadline: { standard: 'without undue delay' },
    counting: LONDON,
    recipient: 'subscribers or users concerned',
    requiredContent: ['the information in Annex 2 of Regulation (EU) No 611/2013 as it forms part of UK law'],
    source: 'PECR reg. 5A(3)',
    sourceUrl: PECR_URL,
    checkedOn: CHECKED_ON,
    appliesWhen: PECR_WHERE,
    notes: [
      'Only where the breach is likely to adversely affect their personal data or privacy.',
      'Not required where the provider has shown the ICO that the data were made unintelligible (reg. 5A).',
    ],
  },
];

/** Every worldwide regime's obligations, one entry per (regime, obligation), in WORLDWIDE_REGIMES order. */
export const WORLDWIDE_OBLIGATIONS: readonly Obligation[] = [
  ...APPI,
  ...PIPA,
  ...FADP,
  ...QC_LAW25,
  ...PRIVACY_NZ,
  ...PDPL_SA,
  ...PDPL_AE,
  ...CERT_IN,
  ...CRA,
  ...EPRIVACY_EU,
  ...PECR_UK,
];

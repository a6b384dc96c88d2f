import type { Counting, Obligation, RegimeInfo } from './types';

const CHECKED_ON = '2026-12-05';
const NYDFS_URL = 'https://www.law.cornell.edu/regulations/new-york/23-NYCRR-500.17';
const FTC_URL = 'https://www.ecfr.gov/current/title-16/chapter-I/subchapter-C/part-314/section-314.4';

// The superintendent sits in New York City and the FTC in Washington, DC: both keep Eastern time, whose day also
// ends before any mainland US zone's. Hour-based clocks are elapsed time, so the zone matters for the day counts only.
const US_EASTERN: Counting = { zone: 'America/New_York' };

/** The US sector rules with a notice clock of their own: NYDFS Part 500 and the FTC Safeguards Rule. */
export const US_SECTOR_REGIMES: readonly RegimeInfo[] = [
  { id: 'NYDFS', name: 'NYDFS Cybersecurity Regulation, 23 NYCRR 500.17', jurisdiction: 'New York (US), DFS-regulated entities' },
  { id: 'FTC-SAFEGUARDS', name: 'FTC Standards for Safeguarding Customer Information, 16 CFR 314.4(j)', jurisdiction: 'United States (non-bank financial institutions)' },
];

const NYDFS_COVERED = { sectorFlags: ['nydfs-covered-entity'] } as const;

/** The notices of the NYDFS Cybersecurity Regulation and the FTC Safeguards Rule, each with its clock. */
export const US_SECTOR_OBLIGATIONS: readonly Obligation[] = [
  {
    regime: 'NYDFS',
    obligation: 'notify-superintendent',
    trigger: 'incident-determination',
    deadline: {
      amount: 72,
      unit: 'hours',
      standard: 'as promptly as possible but in no event later than 72 hours after determining that a cybersecurity incident has occurred',
    },
    counting: US_EASTERN,
    recipient: 'Superintendent of Financial Services (DFS portal)',
    requiredContent: ['the information DFS requests on its portal about the cybersecurity incident'],
    source: '23 NYCRR 500.17(a)(1)',
    sourceUrl: NYDFS_URL,
    checkedOn: CHECKED_ON,
    appliesWhen: NYDFS_COVERED,
    notes: [
      'The incident may be at the covered entity, an affiliate or a third-party service provider.',
      'The covered entity must update DFS promptly with material changes or new information (500.17(a)(2)).',
    ],
  },
  {
    regime: 'NYDFS',
    obligation: 'notify-extortion-payment',
    trigger: 'extortion-payment',
    deadline: { amount: 24, unit: 'hours', standard: 'within 24 hours of the extortion payment' },
    counting: US_EASTERN,
    recipient: 'Superintendent of Financial Services (DFS portal)',
    requiredContent: ['notice that an extortion payment was made in connection with a cybersecurity event'],
    source: '23 NYCRR 500.17(c)(1)',
    sourceUrl: NYDFS_URL,
    checkedOn: CHECKED_ON,
    appliesWhen: NYDFS_COVERED,
  },
  {
    regime: 'NYDFS',
    obligation: 'describe-extortion-payment',
    trigger: 'extortion-payment',
    deadline: { amount: 30, unit: 'calendar-days', standard: 'within 30 days of the extortion payment' },
    counting: US_EASTERN,
    recipient: 'Superintendent of Financial Services (DFS portal)',
    requiredContent: [
      'reasons the payment was necessary',
      'alternatives to payment considered',
      'diligence performed to find alternatives to payment',
      'diligence performed to ensure compliance with applicable rules and regulations, incl. those of OFAC',
    ],
    source: '23 NYCRR 500.17(c)(2)',
    sourceUrl: NYDFS_URL,
    checkedOn: CHECKED_ON,
    verify: true,
    verifyNote: 'that the 30 days are calendar days (the rule says "days") was not confirmed from DFS guidance',
    appliesWhen: NYDFS_COVERED,
  },
  {
    regime: 'FTC-SAFEGUARDS',
    obligation: 'notify-ftc',
    trigger: 'discovery',
    deadline: {
      amount: 30,
      unit: 'calendar-days',
      standard: 'as soon as possible, and no later than 30 days after discovery of the notification event',
    },
    counting: US_EASTERN,
    recipient: 'Federal Trade Commission (online form)',
    requiredContent: [
      'name and contact information of the reporting financial institution',
      'description of the types of information involved',
      'date or date range of the notification event, if known',
      'number of consumers affected or potentially affected',
      'general description of the notification event',
      'whether law enforcement asked for a delay of public posting, and why',
    ],
    source: '16 CFR 314.4(j)',
    sourceUrl: FTC_URL,
    checkedOn: CHECKED_ON,
    // The notification requirement took effect on 2024-05-13 (88 FR 77499).
    inForceFrom: '2024-05-13T04:00:00.000Z',
    verify: true,
    verifyNote: 'the 2024-05-13 effective date and the list of required content were not re-read from the Federal Register in this review',
    appliesWhen: { countries: ['US'], sectorFlags: ['ftc-financial-institution'], minAffected: 500 },
    notes: ['A notification event is the unauthorized acquisition of unencrypted customer information (16 CFR 314.2); discovery is the first day it is known to the institution.'],
  },
];

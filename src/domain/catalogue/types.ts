import type { HolidayCalendar } from '../holidays';

/** A regime's id: a short code (`GDPR`, `NIS2`), or the ISO 3166-2 code of a US state or territory (`US-CA`). */
export type Regime = string;

/** A regime as the coverage page names it. */
export interface RegimeInfo {
  readonly id: Regime;
  /** The law's name, e.g. "California Civil Code 1798.82". */
  readonly name: string;
  /** Where it binds, e.g. "California (US)". */
  readonly jurisdiction: string;
}

/** The recorded events that can start a clock, each with what it means. */
export const TRIGGER_EVENTS = {
  awareness: 'the controller (or processor) is aware with reasonable certainty that personal data were compromised (EDPB Guidelines 9/2022)',
  discovery: 'the breach is known, or would have been known with reasonable diligence (HIPAA, US state laws)',
  suspicion: 'there are reasonable grounds to suspect an eligible data breach (Australia s26WH)',
  'reasonable-belief': 'there are reasonable grounds to believe an eligible data breach occurred (Australia s26WK)',
  'breach-determination': 'the entity determines that a breach of system security occurred (Texas)',
  'incident-determination': 'the entity determines that a cybersecurity incident occurred (NYDFS 500.17(a))',
  'extortion-payment': 'an extortion payment was made in connection with a cybersecurity event (NYDFS 500.17(c))',
  'harm-determination': 'the organisation determines the breach creates a real risk of significant harm (PIPEDA)',
  'classification-as-major': 'the incident is classified as major (DORA)',
  'materiality-determination': 'the registrant determines the incident is material (SEC)',
  'sec-information-available': 'information the Form 8-K could not include is determined or becomes available (SEC Item 1.05 Instruction 2)',
  'notifiability-assessment': 'the organisation assesses the breach as notifiable (PDPA)',
  'authority-request': 'the authority asks for the report (NIS2 intermediate report)',
  'incident-handled': 'the incident has been handled: an ongoing incident\'s final report is due a month later (NIS2 Art. 23(4)(e))',
  'exploited-vulnerability-awareness': 'the manufacturer becomes aware of an actively exploited vulnerability in its product (CRA Art. 14(1))',
  'corrective-measure-available': 'a corrective or mitigating measure for the vulnerability is available (CRA Art. 14(2)(c))',
  'calendar-year-end': '31 December of the year of discovery, counted as day 0 (HIPAA annual log); derived from discovery',
} as const;
/** An event that can start a clock: a key of TRIGGER_EVENTS. */
export type TriggerEvent = keyof typeof TRIGGER_EVENTS;

/** How a derived event follows from a recorded one. */
export interface DerivedTrigger {
  readonly from: TriggerEvent;
  readonly rule: 'end-of-year';
  readonly zone: string;
}

/** Events nobody records: each follows from a recorded one (the HIPAA log's year end, in Eastern time, from discovery). */
export const DERIVED_TRIGGERS = {
  'calendar-year-end': { from: 'discovery', rule: 'end-of-year', zone: 'America/New_York' },
} as const satisfies Partial<Record<TriggerEvent, DerivedTrigger>>;

/** An event a person records: every trigger event but the derived ones. */
export type RecordableTrigger = Exclude<TriggerEvent, keyof typeof DERIVED_TRIGGERS>;

/** How `event` derives from a recorded one, or undefined when it is recorded itself. */
export function derivationOf(event: TriggerEvent): DerivedTrigger | undefined {
  return (DERIVED_TRIGGERS as Partial<Record<TriggerEvent, DerivedTrigger>>)[event];
}

/** What starts a clock: an event, or `{ after }` = the moment another obligation of the same regime is met (its notice sent). */
export type Trigger = TriggerEvent | { readonly after: string };

/** Units a fixed period is counted in: elapsed hours (UTC, DST-proof) or local days/months in the regime's zone. */
export type PeriodUnit = 'hours' | 'calendar-days' | 'business-days' | 'months';

/** A fixed period: `amount` of `unit`, with the law's wording of the duty where it says more (e.g. "without undue delay"). */
export interface FixedPeriod {
  readonly amount: number;
  readonly unit: PeriodUnit;
  readonly standard?: string;
  /**
   * Day-based periods only: the local time (`HH:mm`) on the last day at which the period ends, instead of midnight
   * (SEC: EDGAR dates a filing made after 17:30 Eastern the next business day, 17 CFR 232.13(a)(2)).
   */
  readonly cutoff?: string;
  readonly target?: undefined;
}

/** A duty with no fixed period ("without undue delay", "in the most expedient time possible"): the obligation exists but no timer is set. */
export interface OpenPeriod {
  readonly amount?: undefined;
  readonly unit?: undefined;
  readonly cutoff?: undefined;
  readonly standard: string;
  /**
   * `organisation`: the duty still gets a clock, without a legal due instant or escalations, showing the target the
   * organisation sets itself (its profile's `expedientTargetDays`) — the US states' "most expedient time".
   */
  readonly target?: 'organisation';
}

/** How long an obligation's clock runs: a fixed period, or none. */
export type Period = FixedPeriod | OpenPeriod;

/** Where a day-based clock counts: the regime's IANA zone and, for business days, its holiday calendar. */
export interface Counting {
  readonly zone: string;
  readonly calendar?: HolidayCalendar;
}

/** Facts about the organisation that make an obligation apply to it. */
export const SECTOR_FLAGS = [
  'nis2-entity',
  'dora-financial-entity',
  'hipaa-covered-entity',
  'hipaa-business-associate',
  'sec-registrant',
  'nydfs-covered-entity',
  'ftc-financial-institution',
  'cra-manufacturer',
  'electronic-communications-provider',
] as const;
export type SectorFlag = (typeof SECTOR_FLAGS)[number];

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
  /**
   * A second clock that caps the first: the obligation is due at whichever ends first (DORA initial notification),
   * but only while the cap ends after the clock starts — a cap already run out never makes a clock due before its trigger.
   */
  readonly noLaterThan?: { readonly trigger: TriggerEvent; readonly deadline: FixedPeriod };
  readonly counting: Counting;
  readonly recipient: string;
  readonly requiredContent: readonly string[];
  /** Article or section that imposes the obligation. */
  readonly source: string;
  /** An address where the source's text can be read. */
  readonly sourceUrl: string;
  /** The day (ISO `yyyy-mm-dd`) the entry was last checked against its source. */
  readonly checkedOn: string;
  /** The duty binds only for triggers at or after this instant (ISO 8601): the day its provision commences. */
  readonly inForceFrom?: string;
  /** Set where the fact was not confirmed from the primary text: check it before relying on it. */
  readonly verify?: true;
  /** What to check, when `verify` is set. */
  readonly verifyNote?: string;
  readonly appliesWhen?: Applicability;
  readonly notes?: readonly string[];
}

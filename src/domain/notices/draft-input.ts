import type { ContainmentStatus, Scope, SubjectsDecision } from '../lifecycle';

/**
 * Facts a notice asks for that the case file does not record yet, by key: a draft shows each as missing until it is
 * given. The API builds drafts from the case file alone, so today it never sets them.
 */
export const EXTRA_FACTS = {
  breachDate: 'Date, estimated date or date range of the breach',
  lawEnforcementDelay: 'Whether notice was delayed by a law-enforcement investigation',
  identityTheftServices: 'Offer of identity theft prevention and mitigation services',
  stepsForIndividuals: 'Steps individuals should take to protect themselves',
  materialImpact: 'Material impact, or reasonably likely material impact, on the registrant',
  maliciousActSuspected: 'Whether unlawful or malicious acts are suspected',
  crossBorderImpact: 'Whether the incident could have a cross-border impact',
  severityAndImpact: 'Severity and impact of the incident',
  indicatorsOfCompromise: 'Indicators of compromise',
  entityIdentifier: 'Legal Entity Identifier (LEI) or other identification code',
  entityType: 'Type of financial entity',
  classificationCriteria: 'Classification criteria met for a major incident',
  clientsAffected: 'Number of clients affected',
  incidentType: 'Type of incident',
  recoveredAt: 'Date and time regular activities were recovered',
  rootCauseType: 'High-level classification of the root cause',
  resolvedAt: 'Date and time the incident was resolved',
  costsAndLosses: 'Direct and indirect costs and losses',
  vulnerableSubjects: 'Children, adolescents and elderly people among the data subjects',
  totalSubjectsProcessed: 'Total number of data subjects in the affected processing',
  securityMeasures: 'Technical and security measures protecting the data',
  processor: 'Processor (operator) involved',
} as const;
/** A fact the case file does not record yet: a key of EXTRA_FACTS. */
export type ExtraFact = keyof typeof EXTRA_FACTS;

/** One legal clock of the incident as a draft reads it; instants are ISO 8601 strings, null until they happen. */
export interface DraftClock {
  regime: string;
  obligation: string;
  trigger: string;
  startsAt: string | null;
  dueAt: string | null;
  status: 'awaiting-trigger' | 'pending' | 'met' | 'overdue' | 'waived';
  metAt: string | null;
}

/** The case file a notice is drafted from; instants are ISO 8601 strings, nothing is read from the clock. */
export interface DraftInput {
  incident: { reference: string; title: string; description: string | null; detectedAt: string; awareAt: string | null };
  controller: { name: string | null; dpoName: string | null; dpoEmail: string | null; dpoPhone: string | null };
  scope: Scope | null;
  containmentActions: { action: string; performedAt: string }[];
  containmentStatus: ContainmentStatus;
  assessment: {
    band: 'low' | 'medium' | 'high' | 'very-high';
    finalOutcome: 'register-only' | 'notify-authority' | 'notify-authority-and-subjects';
    /** Why the assessment suggested what it did, factor by factor; empty for one made before the EDPB factors. */
    reasons: string[];
  } | null;
  authorityDeadline: { dueAt: string; status: 'pending' | 'met' | 'overdue' | 'waived' } | null;
  authorityNotices: { phase: 'initial' | 'follow-up' | 'final'; submittedAt: string; authority: string; reference: string | null }[];
  subjectsDecision: SubjectsDecision | null;
  /** IANA zone the draft shows local times in; default 'UTC'. */
  timeZone?: string;
  /** When the draft is prepared; a pending deadline already past at this instant makes the notice late. */
  preparedAt?: string;
  /** Reasons for a late authority notice (Art. 33(1)), when already written. */
  delayReasons?: string | null;
  /** Every clock of the incident (a later report cites when the earlier one was sent). */
  clocks?: DraftClock[];
  /** Findings recorded by the responders, oldest first. */
  findings?: { summary: string; observedAt: string | null }[];
  /** Lessons learned recorded at closure. */
  lessonsLearned?: string | null;
  /** Facts the case file does not record yet (see EXTRA_FACTS). */
  extraFacts?: Partial<Record<ExtraFact, string>>;
}

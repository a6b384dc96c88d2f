import type { Triggers } from '../../domain/clocks';
import type { Deadline } from '../../domain/deadlines';
import { IncidentRuleError, type RuleIssue } from '../../domain/errors';
import type { EscalationPolicy } from '../../domain/escalation-policy';
import type { Escalation, EvidenceState, IncidentLiveState, RiskAssessmentState, Stage } from '../../domain/incident';
import type { Scope } from '../../domain/lifecycle';
import type { OrganisationProfile } from '../../domain/organisation';
import type { Regime } from '../../domain/regulations';
import type { DeliveriesInFlight } from './deliveries-in-flight';

/** Who the organisation is and how its clocks escalate: loaded once when the incident opens. */
export interface IncidentContext {
  organisation: Pick<OrganisationProfile, 'establishment' | 'sectorFlags' | 'actingAs'> & { expedientTargetDays?: number | null };
  /** Escalation policies by clock key (`REGIME/obligation`), overriding the default ladder. */
  policies: Record<string, EscalationPolicy>;
}

/** Escalation bookkeeping of one clock: which steps fired, and whether the overdue notice was acknowledged. */
export interface Ladder {
  firedStepIds: string[];
  acknowledged: boolean;
}

/** The incident as its workflow holds it: plain JSON (records, arrays, ISO strings), so continue-as-new can carry it. */
export interface IncidentData {
  readonly incidentId: string;
  reference: string | null;
  status: IncidentLiveState['status'];
  stage: Stage;
  containment: IncidentLiveState['containment'];
  findings: number;
  scopeVersion: number;
  scope: Scope | null;
  evidence: EvidenceState[];
  riskAssessment: RiskAssessmentState | null;
  decisions: IncidentLiveState['decisions'];
  notices: IncidentLiveState['notices'];
  closure: IncidentLiveState['closure'];
  deadlines: Deadline[];
  escalations: Escalation[];
  triggers: Triggers;
  regimes: { include: Regime[]; exclude: Regime[] };
  ladders: Record<string, Ladder>;
  ownerContactId: string | null;
  /** Ids of the alerts attached, so a retried attach is recognised. */
  alertIds: string[];
  context: IncidentContext;
  /** Escalation deliveries not yet settled; a new run resumes them after continue-as-new. */
  deliveries: DeliveriesInFlight;
}

const STAGE_ORDER: readonly Stage[] = ['detected', 'containment', 'investigation', 'evidence-preservation', 'risk-assessment', 'notification', 'closed'];

/** A write the incident's state refuses (409). */
export function conflict(message: string, issues: RuleIssue[] = []): IncidentRuleError {
  return new IncidentRuleError('conflict', message, issues);
}

/** Moves the stage forward to `stage`; stages never move back, since the tracks overlap. */
export function reach(s: IncidentData, stage: Stage): void {
  if (STAGE_ORDER.indexOf(stage) > STAGE_ORDER.indexOf(s.stage)) s.stage = stage;
}

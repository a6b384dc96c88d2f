import type { Triggers } from '../domain/clocks';
import { laterHead, type AuditHead } from '../domain/audit-head';
import type { Deadline } from '../domain/deadlines';
import type { PlannedDelivery } from '../domain/planned-delivery';
import type { RuleIssue } from '../domain/errors';
import type { EscalationStep } from '../domain/escalation-policy';
import type { VerificationResult } from '../domain/incident-events';
import type { Escalation, EvidenceState, IncidentLiveState, OpenIncidentRequest, RiskAssessmentState, Stage } from '../domain/incident';
import type {
  AuthorityDecision,
  AuthorityNoticeCreate,
  ContainmentStatusUpdate,
  EvidenceContent,
  EvidenceRegister,
  IncidentClose,
  ObligationMeet,
  ObligationWaive,
  RegimeSelection,
  RiskSignOff,
  Scope,
  SubjectsDecision,
  SubjectsNoticeCreate,
  TriggerRecord,
} from '../domain/lifecycle';
import type { Regime } from '../domain/regulations';
import type { SeverityResult, SuggestedOutcome } from '../domain/severity';
import * as clocks from './incident/clock-rules';
import * as inFlight from './incident/deliveries-in-flight';
import type { DeliveriesInFlight } from './incident/deliveries-in-flight';
import * as evidence from './incident/evidence-track';
import * as ladders from './incident/escalation-ladders';
import type { IncidentContext, IncidentData, Ladder } from './incident/incident-data';
import * as lifecycle from './incident/lifecycle-gates';
import * as risk from './incident/risk-and-notices';

export type { IncidentContext, Ladder } from './incident/incident-data';

/**
 * The workflow's state and its rules, by concern in ./incident/: `check*` methods throw an IncidentRuleError
 * when the incident's state does not allow a write; the other methods apply a write that was checked and
 * return the clocks they changed. Plain JSON only, so it survives continue-as-new.
 */
export class IncidentState implements IncidentData {
  reference: string | null = null;
  status: IncidentLiveState['status'] = 'open';
  stage: Stage = 'detected';
  containment: IncidentLiveState['containment'] = { status: 'not-started', confirmedAt: null, actions: 0 };
  findings = 0;
  scopeVersion = 0;
  scope: Scope | null = null;
  evidence: EvidenceState[] = [];
  riskAssessment: RiskAssessmentState | null = null;
  decisions: IncidentLiveState['decisions'] = { supervisoryAuthority: null, dataSubjects: null };
  notices: IncidentLiveState['notices'] = { supervisoryAuthority: [], dataSubjects: [] };
  closure: IncidentLiveState['closure'] = null;
  deadlines: Deadline[] = [];
  escalations: Escalation[] = [];
  triggers: Triggers = {};
  regimes: { include: Regime[]; exclude: Regime[] } = { include: [], exclude: [] };
  ladders: Record<string, Ladder> = {};
  ownerContactId: string | null = null;
  alertIds: string[] = [];
  context: IncidentContext = { organisation: { establishment: [], sectorFlags: [], actingAs: 'controller' }, policies: {} };
  deliveries: DeliveriesInFlight = [];
  /** The newest audit entry an activity reported appending (null for runs carried before the head was kept). */
  auditHead: AuditHead | null = null;

  constructor(readonly incidentId: string) {}

  // JSON copies, not structuredClone: the workflow sandbox does not promise every Node global.
  /** Restores a state carried over by continue-as-new (a state carried before deliveries were carried has none in flight). */
  static from(carried: ReturnType<IncidentState['carry']>): IncidentState {
    return Object.assign(new IncidentState(carried.incidentId), JSON.parse(JSON.stringify(carried)) as object);
  }

  /** Everything continue-as-new must carry: the live state plus the bookkeeping the API does not see. */
  carry() {
    const { triggers, regimes, ladders: ladderState, ownerContactId, alertIds, context, deliveries, auditHead } = this;
    return { ...this.snapshot(), triggers, regimes, ladders: ladderState, ownerContactId, alertIds, context, deliveries, auditHead };
  }

  /** The live state the API reads: a JSON copy, without the bookkeeping. */
  snapshot(): IncidentLiveState {
    return JSON.parse(
      JSON.stringify({
        incidentId: this.incidentId,
        reference: this.reference,
        status: this.status,
        stage: this.stage,
        containment: this.containment,
        findings: this.findings,
        scopeVersion: this.scopeVersion,
        scope: this.scope,
        evidence: this.evidence,
        riskAssessment: this.riskAssessment,
        decisions: this.decisions,
        notices: this.notices,
        closure: this.closure,
        deadlines: this.deadlines,
        escalations: this.escalations,
        alerts: this.alertIds.length,
      }),
    ) as IncidentLiveState;
  }

  get opened(): boolean {
    return this.reference !== null;
  }

  // Lifecycle gates (./incident/lifecycle-gates.ts).
  openingClocks(request: OpenIncidentRequest, context: IncidentContext, nowMs: number): Deadline[] { return clocks.openingClocks(this, request, context, nowMs); }
  open(reference: string): void { this.reference = reference; }
  noteAuditHead(head: AuditHead | null | undefined): void { this.auditHead = laterHead(this.auditHead, head); }
  checkWritable(): void { lifecycle.checkWritable(this); }
  addContainmentAction(): void { lifecycle.addContainmentAction(this); }
  setContainment(change: ContainmentStatusUpdate): void { lifecycle.setContainment(this, change); }
  addFinding(): void { lifecycle.addFinding(this); }
  /** The next scope version: scope is versioned, never overwritten. */
  nextScopeVersion(): number { return this.scopeVersion + 1; }
  setScope(version: number, scope: Scope, nowMs: number): Deadline[] { return lifecycle.setScope(this, version, scope, nowMs); }
  assignOwner(contactId: string): void { this.ownerContactId = contactId; }
  hasAlert(alertId: string): boolean { return this.alertIds.includes(alertId); }
  addAlert(alertId: string): void { if (!this.hasAlert(alertId)) this.alertIds.push(alertId); }
  closureBlockers(): RuleIssue[] { return lifecycle.closureBlockers(this); }
  checkClose(closure: IncidentClose): void { lifecycle.checkClose(this, closure); }
  close(closure: IncidentClose, closedAt: string): Deadline[] { return lifecycle.close(this, closure, closedAt); }

  // Evidence (./incident/evidence-track.ts).
  findEvidence(evidenceId: string): EvidenceState { return evidence.findEvidence(this, evidenceId); }
  addEvidence(id: string, item: EvidenceRegister): void { evidence.addEvidence(this, id, item); }
  checkContent(content: EvidenceContent): void { evidence.checkContent(this, content); }
  storeContent(content: EvidenceContent): void { evidence.storeContent(this, content); }
  checkVerifiable(evidenceId: string): EvidenceState { return evidence.checkVerifiable(this, evidenceId); }
  addCustodyEvent(evidenceId: string, at: string, result?: VerificationResult): void { evidence.addCustodyEvent(this, evidenceId, at, result); }

  // Risk assessment, decisions and notices (./incident/risk-and-notices.ts).
  nextAssessmentVersion(): number { return risk.nextAssessmentVersion(this); }
  setAssessment(id: string, version: number, result: SeverityResult, suggestedOutcome: SuggestedOutcome): void { risk.setAssessment(this, id, version, result, suggestedOutcome); }
  checkSignOff(assessmentId: string, signOff?: RiskSignOff): RiskAssessmentState { return risk.checkSignOff(this, assessmentId, signOff); }
  finalOutcomeOf(signOff: RiskSignOff): SuggestedOutcome { return risk.finalOutcomeOf(this, signOff); }
  signOff(outcome: SuggestedOutcome, nowMs: number): Deadline[] { return risk.signOff(this, outcome, nowMs); }
  checkAuthorityDecision(decision: AuthorityDecision): void { risk.checkAuthorityDecision(this, decision); }
  setAuthorityDecision(decision: AuthorityDecision, nowMs: number): Deadline[] { return risk.setAuthorityDecision(this, decision, nowMs); }
  checkSubjectsDecision(decision: SubjectsDecision): void { risk.checkSubjectsDecision(this, decision); }
  setSubjectsDecision(decision: SubjectsDecision): void { risk.setSubjectsDecision(this, decision); }
  isLateNotice(submittedAt: string): boolean { return risk.isLateNotice(this, submittedAt); }
  checkAuthorityNotice(notice: AuthorityNoticeCreate): void { risk.checkAuthorityNotice(this, notice); }
  addAuthorityNotice(id: string, notice: AuthorityNoticeCreate, late: boolean, nowMs: number): Deadline[] { return risk.addAuthorityNotice(this, id, notice, late, nowMs); }
  checkSubjectsNotice(): void { risk.checkSubjectsNotice(this); }
  addSubjectsNotice(id: string, notice: SubjectsNoticeCreate): void { risk.addSubjectsNotice(this, id, notice); }

  // Clocks (./incident/clock-rules.ts).
  checkMeetOrWaive(target: { regime: string; obligation: string }): void { clocks.checkMeetOrWaive(this, target); }
  meet(regime: string, obligation: string, metAt: string, nowMs: number): Deadline[] { return clocks.meet(this, regime, obligation, metAt, nowMs); }
  meetObligation(meet: ObligationMeet, nowMs: number): Deadline[] { return clocks.meetObligation(this, meet, nowMs); }
  waiveObligation(waive: ObligationWaive): Deadline[] { return clocks.waiveObligation(this, waive); }
  recordTrigger(trigger: TriggerRecord, nowMs: number): Deadline[] { return clocks.recordTrigger(this, trigger, nowMs); }
  setRegimes(selection: RegimeSelection, nowMs: number): Deadline[] { return clocks.setRegimes(this, selection, nowMs); }

  // Escalation ladders (./incident/escalation-ladders.ts).
  dueEscalations(nowMs: number): { clock: Deadline; step: EscalationStep }[] { return ladders.dueEscalations(this, nowMs); }
  nextWakeMs(): number | undefined { return ladders.nextWakeMs(this); }
  escalate(clock: Deadline, step: EscalationStep, escalation: Escalation): Deadline[] { return ladders.escalate(this, clock, step, escalation); }
  findEscalation(escalationId: string): Escalation { return ladders.findEscalation(this, escalationId); }
  checkAcknowledge(escalationId: string): void { ladders.checkAcknowledge(this, escalationId); }
  acknowledge(escalationId: string, by: string, at: string): void { ladders.acknowledge(this, escalationId, by, at); }

  // Deliveries in flight (./incident/deliveries-in-flight.ts).
  beginDeliveries(escalationId: string, nowMs: number, waitsUntilAtMost?: string): void { inFlight.beginDeliveries(this.deliveries, escalationId, nowMs, waitsUntilAtMost); }
  planDeliveries(escalationId: string, planned: readonly PlannedDelivery[], nowMs: number): void { inFlight.planDeliveries(this.deliveries, escalationId, planned, nowMs); }
  sendAtOf(escalationId: string, deliveryId: string): number { return inFlight.sendAtOf(this.deliveries, escalationId, deliveryId); }
  stillOwed(escalationId: string): boolean { return inFlight.stillOwed(this, escalationId); }
  settleDelivery(escalationId: string, deliveryId: string): void { inFlight.settleDelivery(this.deliveries, escalationId, deliveryId); }
  abandonDeliveries(escalationId: string): void { inFlight.abandonDeliveries(this.deliveries, escalationId); }
  pendingDeliveryIds(): string[] { return inFlight.pendingDeliveryIds(this.deliveries); }
}

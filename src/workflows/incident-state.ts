import { isPastDue, openDeadline, type Deadline } from '../domain/deadlines';
import { IncidentRuleError, type RuleIssue } from '../domain/errors';
import type { DeadlineChange, VerificationResult } from '../domain/incident-events';
import {
  clockStart,
  type Escalation,
  type EvidenceState,
  type IncidentLiveState,
  type OpenIncidentRequest,
  type RiskAssessmentState,
  type Stage,
} from '../domain/incident';
import type {
  AuthorityDecision,
  AuthorityNoticeCreate,
  ContainmentStatusUpdate,
  EvidenceContent,
  EvidenceRegister,
  IncidentClose,
  RiskSignOff,
  Scope,
  SubjectsDecision,
  SubjectsNoticeCreate,
} from '../domain/lifecycle';
import { DEFAULT_OBLIGATIONS, GDPR_AUTHORITY_NOTICE } from '../domain/regulations';
import type { SeverityResult, SuggestedOutcome } from '../domain/severity';

const STAGE_ORDER: readonly Stage[] = ['detected', 'containment', 'investigation', 'evidence-preservation', 'risk-assessment', 'notification', 'closed'];

function conflict(message: string, issues: RuleIssue[] = []): IncidentRuleError {
  return new IncidentRuleError('conflict', message, issues);
}

function isGdprAuthority(d: Deadline): boolean {
  return d.regime === GDPR_AUTHORITY_NOTICE.regime && d.obligation === GDPR_AUTHORITY_NOTICE.obligation;
}

/**
 * The workflow's state and its rules: `check*` methods throw an IncidentRuleError when the incident's
 * state does not allow a write; the other methods apply a write that was checked. Plain JSON only.
 */
export class IncidentState {
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

  constructor(readonly incidentId: string) {}

  // JSON copies, not structuredClone: the workflow sandbox does not promise every Node global.
  /** Restores a state carried over by continue-as-new. */
  static from(snapshot: IncidentLiveState): IncidentState {
    return Object.assign(new IncidentState(snapshot.incidentId), JSON.parse(JSON.stringify(snapshot)) as IncidentLiveState);
  }

  get opened(): boolean {
    return this.reference !== null;
  }

  /** The deadlines the incident starts with, computed from the request before anything is persisted. */
  initialDeadlines(request: OpenIncidentRequest): Deadline[] {
    return DEFAULT_OBLIGATIONS.map((o) => openDeadline(o, clockStart(request.incident)));
  }

  open(reference: string, deadlines: Deadline[]): void {
    this.reference = reference;
    this.deadlines = deadlines;
  }

  /** Every write needs an opened, not yet closed incident. */
  checkWritable(): void {
    if (!this.opened) throw new IncidentRuleError('not-found', 'The incident has not been opened.');
    if (this.status === 'closed') throw conflict('The incident is closed; closed incidents stay on record unchanged.');
  }

  private reach(stage: Stage): void {
    if (STAGE_ORDER.indexOf(stage) > STAGE_ORDER.indexOf(this.stage)) this.stage = stage;
  }

  addContainmentAction(): void {
    this.containment.actions += 1;
    if (this.containment.status === 'not-started') this.containment.status = 'in-progress';
    this.reach('containment');
  }

  setContainment(change: ContainmentStatusUpdate): void {
    this.containment.status = change.status;
    this.containment.confirmedAt = change.confirmedAt ?? null;
    this.reach('containment');
  }

  addFinding(): void {
    this.findings += 1;
    this.reach('investigation');
  }

  /** The next scope version: scope is versioned, never overwritten. */
  nextScopeVersion(): number {
    return this.scopeVersion + 1;
  }

  setScope(version: number, scope: Scope): void {
    this.scopeVersion = version;
    this.scope = scope;
    this.reach('investigation');
  }

  findEvidence(evidenceId: string): EvidenceState {
    const item = this.evidence.find((e) => e.id === evidenceId);
    if (!item) throw new IncidentRuleError('not-found', `No evidence item ${evidenceId} on this incident.`);
    return item;
  }

  addEvidence(id: string, item: EvidenceRegister): void {
    this.evidence.push({ id, sha256: item.sha256 ?? null, contentStored: false, custodyEvents: 1, lastVerification: null });
    this.reach('evidence-preservation');
  }

  /** Content is write-once, and must match a hash declared at registration. */
  checkContent(content: EvidenceContent): void {
    const item = this.findEvidence(content.evidenceId);
    if (item.contentStored) throw conflict('This evidence item already has content; evidence is never overwritten.');
    if (item.sha256 !== null && item.sha256 !== content.sha256) {
      throw new IncidentRuleError('invalid', `The content's SHA-256 ${content.sha256} differs from the registered ${item.sha256}.`, [
        { path: ['sha256'], message: 'Does not match the hash registered for this item' },
      ]);
    }
  }

  storeContent(content: EvidenceContent): void {
    const item = this.findEvidence(content.evidenceId);
    item.sha256 = content.sha256;
    item.contentStored = true;
  }

  checkVerifiable(evidenceId: string): EvidenceState {
    const item = this.findEvidence(evidenceId);
    if (!item.contentStored || item.sha256 === null) throw conflict('Only content held in the evidence store can be verified.');
    return item;
  }

  addCustodyEvent(evidenceId: string, at: string, result?: VerificationResult): void {
    const item = this.findEvidence(evidenceId);
    item.custodyEvents += 1;
    if (result) item.lastVerification = { at, matches: result.matches };
  }

  nextAssessmentVersion(): number {
    return (this.riskAssessment?.version ?? 0) + 1;
  }

  setAssessment(id: string, version: number, result: SeverityResult): void {
    this.riskAssessment = { id, version, score: result.score, band: result.band, suggestedOutcome: result.suggestedOutcome, signedOff: false, finalOutcome: null };
    this.reach('risk-assessment');
  }

  /** Only the latest, unsigned assessment can be signed off. */
  checkSignOff(assessmentId: string): RiskAssessmentState {
    const current = this.riskAssessment;
    if (!current || current.id !== assessmentId) {
      throw new IncidentRuleError('not-found', `No current risk assessment ${assessmentId}; only the latest can be signed off.`);
    }
    if (current.signedOff) throw conflict('This risk assessment is already signed off; record a new assessment to change it.');
    return current;
  }

  /** The outcome that stands: the DPO's override, else the suggestion. */
  finalOutcomeOf(signOff: RiskSignOff): SuggestedOutcome {
    return signOff.outcome ?? this.riskAssessment!.suggestedOutcome;
  }

  signOff(outcome: SuggestedOutcome): void {
    this.riskAssessment!.signedOff = true;
    this.riskAssessment!.finalOutcome = outcome;
  }

  private requireSignedOffAssessment(what: string): void {
    if (!this.riskAssessment?.signedOff) {
      throw conflict(`${what} needs a risk assessment signed off by the DPO first.`, [{ path: ['decision'], message: 'No signed-off risk assessment' }]);
    }
  }

  /** A decision not to notify rests on a signed-off assessment; a notice already sent cannot be undecided. */
  checkAuthorityDecision(decision: AuthorityDecision): void {
    if (decision.decision === 'not-required') {
      this.requireSignedOffAssessment('Deciding that no authority notice is required');
      if (this.notices.supervisoryAuthority.length > 0) throw conflict('An authority notice was already recorded.');
    }
  }

  /** Deadline changes of an authority decision: "not required" waives the GDPR Art. 33 clock; "notify" reopens a waived one. */
  authorityDecisionChanges(decision: AuthorityDecision, nowMs: number): DeadlineChange[] {
    return this.deadlines.filter(isGdprAuthority).flatMap((d): DeadlineChange[] => {
      if (decision.decision === 'not-required' && (d.status === 'pending' || d.status === 'overdue')) {
        return [{ regime: d.regime, obligation: d.obligation, status: 'waived', waivedReason: decision.reason }];
      }
      if (decision.decision === 'notify' && d.status === 'waived') {
        return [{ regime: d.regime, obligation: d.obligation, status: Date.parse(d.dueAt) <= nowMs ? 'overdue' : 'pending' }];
      }
      return [];
    });
  }

  setAuthorityDecision(decision: AuthorityDecision, changes: DeadlineChange[]): void {
    this.decisions.supervisoryAuthority = decision;
    this.applyDeadlineChanges(changes);
    this.reach('notification');
  }

  checkSubjectsDecision(decision: SubjectsDecision): void {
    if (decision.decision === 'exempt') {
      this.requireSignedOffAssessment('An Art. 34(3) exemption');
      if (this.notices.dataSubjects.length > 0) throw conflict('Data subjects were already notified.');
    }
  }

  setSubjectsDecision(decision: SubjectsDecision): void {
    this.decisions.dataSubjects = decision;
    this.reach('notification');
  }

  /** Whether an authority notice submitted at `submittedAt` is after the GDPR deadline. */
  isLateNotice(submittedAt: string): boolean {
    const deadline = this.deadlines.find(isGdprAuthority);
    return deadline !== undefined && Date.parse(submittedAt) > Date.parse(deadline.dueAt);
  }

  /** Art. 33(1): a late notice gives reasons for the delay; Art. 33(4): later phases follow an initial notice. */
  checkAuthorityNotice(notice: AuthorityNoticeCreate): void {
    if (this.decisions.supervisoryAuthority?.decision === 'not-required') {
      throw conflict('The recorded decision is that no authority notice is required; record a decision to notify first.');
    }
    const hasInitial = this.notices.supervisoryAuthority.some((n) => n.phase === 'initial');
    if (notice.phase === 'initial' && hasInitial) throw conflict('An initial notice was already recorded; further information is a follow-up or final notice (Art. 33(4)).');
    if (notice.phase !== 'initial' && !hasInitial) throw conflict(`A ${notice.phase} notice needs an initial notice first (Art. 33(4)).`);
    if (notice.phase === 'initial' && this.isLateNotice(notice.submittedAt) && !notice.delayReasons) {
      throw new IncidentRuleError('invalid', 'The notice is after the 72-hour deadline: give the reasons for the delay (GDPR Art. 33(1)).', [
        { path: ['delayReasons'], message: 'Required for a notice after the deadline' },
      ]);
    }
  }

  /** The initial authority notice meets the GDPR Art. 33 clock. */
  authorityNoticeChanges(notice: AuthorityNoticeCreate): DeadlineChange[] {
    if (notice.phase !== 'initial') return [];
    return this.deadlines
      .filter((d) => isGdprAuthority(d) && d.status !== 'met')
      .map((d) => ({ regime: d.regime, obligation: d.obligation, status: 'met', metAt: notice.submittedAt }));
  }

  addAuthorityNotice(id: string, notice: AuthorityNoticeCreate, late: boolean, changes: DeadlineChange[]): void {
    this.notices.supervisoryAuthority.push({ id, phase: notice.phase, submittedAt: notice.submittedAt, late });
    this.applyDeadlineChanges(changes);
    if (!this.decisions.supervisoryAuthority) this.decisions.supervisoryAuthority = { decision: 'notify' };
    this.reach('notification');
  }

  checkSubjectsNotice(): void {
    if (this.decisions.dataSubjects?.decision === 'exempt') {
      throw conflict('The recorded decision is an Art. 34(3) exemption; record a decision to notify first.');
    }
  }

  addSubjectsNotice(id: string, notice: SubjectsNoticeCreate): void {
    this.notices.dataSubjects.push({ id, channel: notice.channel, recipients: notice.recipients, sentAt: notice.sentAt });
    if (!this.decisions.dataSubjects) this.decisions.dataSubjects = { decision: 'notify' };
    this.reach('notification');
  }

  /** What still stands between the incident and a "resolved" closure; empty when it may close. */
  closureBlockers(): RuleIssue[] {
    const blockers: RuleIssue[] = [];
    for (const d of this.deadlines) {
      if (d.status !== 'met' && d.status !== 'waived') {
        blockers.push({ path: ['deadlines', `${d.regime}/${d.obligation}`], message: `Obligation ${d.regime} ${d.obligation} is ${d.status}: meet it or waive it with a reason` });
      }
    }
    const subjects = this.decisions.dataSubjects;
    const subjectsRequired = this.riskAssessment?.finalOutcome === 'notify-authority-and-subjects';
    if (subjectsRequired && !subjects) {
      blockers.push({ path: ['decisions', 'dataSubjects'], message: 'The signed-off assessment calls for telling data subjects: notify them or record an Art. 34(3) exemption' });
    }
    if (subjects?.decision === 'notify' && this.notices.dataSubjects.length === 0) {
      blockers.push({ path: ['notices', 'dataSubjects'], message: 'The decision is to notify data subjects, but no notice is recorded' });
    }
    return blockers;
  }

  checkClose(closure: IncidentClose): void {
    if (closure.kind !== 'resolved') return;
    const blockers = this.closureBlockers();
    if (blockers.length > 0) throw conflict(`The incident cannot close yet: ${blockers.map((b) => b.message).join('; ')}.`, blockers);
  }

  /** Closing as "not a personal data breach" waives every open obligation with the stated reason. */
  closeChanges(closure: IncidentClose): DeadlineChange[] {
    if (closure.kind !== 'not-a-breach') return [];
    return this.deadlines
      .filter((d) => d.status === 'pending' || d.status === 'overdue')
      .map((d) => ({ regime: d.regime, obligation: d.obligation, status: 'waived', waivedReason: `Not a personal data breach: ${closure.reason}` }));
  }

  close(closure: IncidentClose, closedAt: string, changes: DeadlineChange[]): void {
    this.applyDeadlineChanges(changes);
    this.closure = { kind: closure.kind, closedAt };
    this.status = 'closed';
    this.stage = 'closed';
  }

  /** Pending deadlines that have run out at `nowMs`. */
  pastDue(nowMs: number): Deadline[] {
    return this.deadlines.filter((d) => isPastDue(d, nowMs));
  }

  markOverdue(escalation: Escalation, changes: DeadlineChange[]): void {
    this.applyDeadlineChanges(changes);
    this.escalations.push(escalation);
  }

  private applyDeadlineChanges(changes: DeadlineChange[]): void {
    for (const change of changes) {
      const deadline = this.deadlines.find((d) => d.regime === change.regime && d.obligation === change.obligation);
      if (deadline) deadline.status = change.status;
    }
  }

  snapshot(): IncidentLiveState {
    return JSON.parse(JSON.stringify({
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
    })) as IncidentLiveState;
  }
}

import { applicableObligations, clockKey, type ApplicabilityFacts } from '../domain/applicability';
import { closureBlockers } from '../domain/closure';
import { clockStart, refreshClocks, type Triggers } from '../domain/clocks';
import { isRunning, type Deadline } from '../domain/deadlines';
import { IncidentRuleError, type RuleIssue } from '../domain/errors';
import { DEFAULT_ESCALATION_POLICY, dueSteps, nextEscalationStep, type EscalationPolicy, type EscalationStep } from '../domain/escalation-policy';
import { MissingHolidayDataError } from '../domain/holidays';
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
import type { OrganisationProfile } from '../domain/organisation';
import { GDPR_AUTHORITY_NOTICE, type Regime } from '../domain/regulations';
import type { SeverityResult, SuggestedOutcome } from '../domain/severity';
import { toUtcIso } from '../domain/time';

const STAGE_ORDER: readonly Stage[] = ['detected', 'containment', 'investigation', 'evidence-preservation', 'risk-assessment', 'notification', 'closed'];

function conflict(message: string, issues: RuleIssue[] = []): IncidentRuleError {
  return new IncidentRuleError('conflict', message, issues);
}

function isGdprAuthority(d: Deadline): boolean {
  return d.regime === GDPR_AUTHORITY_NOTICE.regime && d.obligation === GDPR_AUTHORITY_NOTICE.obligation;
}

/** Who the organisation is and how its clocks escalate: loaded once when the incident opens. */
export interface IncidentContext {
  organisation: Pick<OrganisationProfile, 'establishment' | 'sectorFlags' | 'actingAs'>;
  /** Escalation policies by clock key (`REGIME/obligation`), overriding the default ladder. */
  policies: Record<string, EscalationPolicy>;
}

/** Escalation bookkeeping of one clock: which steps fired, and whether the overdue notice was acknowledged. */
export interface Ladder {
  firedStepIds: string[];
  acknowledged: boolean;
}

/** The risk level the signed-off assessment implies, for applicability (GDPR Art. 33(1), 34(1)). */
function riskOf(outcome: SuggestedOutcome | null | undefined): ApplicabilityFacts['risk'] {
  if (!outcome) return undefined;
  return outcome === 'register-only' ? 'none' : outcome === 'notify-authority' ? 'risk' : 'high-risk';
}

/**
 * The workflow's state and its rules: `check*` methods throw an IncidentRuleError when the incident's
 * state does not allow a write; the other methods apply a write that was checked and return the clocks
 * they changed. Plain JSON only, so it survives continue-as-new.
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
  triggers: Triggers = {};
  regimes: { include: Regime[]; exclude: Regime[] } = { include: [], exclude: [] };
  ladders: Record<string, Ladder> = {};
  ownerContactId: string | null = null;
  /** Ids of the alerts attached, so a retried attach is recognised. */
  alertIds: string[] = [];
  context: IncidentContext = { organisation: { establishment: [], sectorFlags: [], actingAs: 'controller' }, policies: {} };

  constructor(readonly incidentId: string) {}

  // JSON copies, not structuredClone: the workflow sandbox does not promise every Node global.
  /** Restores a state carried over by continue-as-new. */
  static from(carried: ReturnType<IncidentState['carry']>): IncidentState {
    return Object.assign(new IncidentState(carried.incidentId), JSON.parse(JSON.stringify(carried)) as object);
  }

  /** Everything continue-as-new must carry: the live state plus the bookkeeping the API does not see. */
  carry() {
    return { ...this.snapshot(), triggers: this.triggers, regimes: this.regimes, ladders: this.ladders, ownerContactId: this.ownerContactId, alertIds: this.alertIds, context: this.context };
  }

  get opened(): boolean {
    return this.reference !== null;
  }

  private facts(): ApplicabilityFacts {
    const { organisation } = this.context;
    return {
      countries: this.scope?.countries ?? [],
      establishment: organisation.establishment,
      sectorFlags: organisation.sectorFlags,
      actingAs: organisation.actingAs,
      risk: riskOf(this.riskAssessment?.finalOutcome),
      affectedTotal: this.scope?.dataSubjectsApprox,
      regimesSetByDpo: this.regimes,
    };
  }

  /**
   * Re-times every clock from the recorded facts and triggers: clocks of newly applicable obligations
   * appear, unmet clocks follow moved triggers. GDPR Art. 33 is always tracked from the start: awareness
   * is when the controller must decide, before the facts that decide applicability are known.
   */
  private retime(nowMs: number): Deadline[] {
    const obligations = [GDPR_AUTHORITY_NOTICE, ...applicableObligations(this.facts())].filter(
      (o, i, all) => all.findIndex((x) => clockKey(x) === clockKey(o)) === i && !this.regimes.exclude.includes(o.regime),
    );
    const { clocks, changed } = refreshClocksOrRefuse(this.deadlines, obligations, this.triggers, nowMs);
    this.deadlines = clocks;
    return changed;
  }

  /** The clocks the incident opens with: awareness (else detection, the conservative choice) and discovery at detection. */
  openingClocks(request: OpenIncidentRequest, context: IncidentContext, nowMs: number): Deadline[] {
    this.context = context;
    this.triggers = { awareness: toUtcIso(clockStart(request.incident)), discovery: toUtcIso(request.incident.detectedAt) };
    this.retime(nowMs);
    return this.deadlines.map((d) => ({ ...d }));
  }

  open(reference: string): void {
    this.reference = reference;
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

  /** Records the scope; countries and numbers can bring new regimes' clocks, which it returns. */
  setScope(version: number, scope: Scope, nowMs: number): Deadline[] {
    this.scopeVersion = version;
    this.scope = scope;
    this.reach('investigation');
    return this.retime(nowMs);
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

  /** Signs off; a high risk can bring data-subject clocks of other regimes, which it returns. */
  signOff(outcome: SuggestedOutcome, nowMs: number): Deadline[] {
    this.riskAssessment!.signedOff = true;
    this.riskAssessment!.finalOutcome = outcome;
    return this.retime(nowMs);
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

  /** "Not required" waives the GDPR Art. 33 clock; "notify" reopens a waived one. Returns the changed clocks. */
  setAuthorityDecision(decision: AuthorityDecision, nowMs: number): Deadline[] {
    this.decisions.supervisoryAuthority = decision;
    this.reach('notification');
    return this.updateClocks(isGdprAuthority, (d) => {
      if (decision.decision === 'not-required' && (d.status === 'pending' || d.status === 'overdue')) return { ...d, status: 'waived', waivedReason: decision.reason ?? null };
      if (decision.decision === 'notify' && d.status === 'waived') {
        return { ...d, status: d.dueAt !== null && Date.parse(d.dueAt) <= nowMs ? 'overdue' : 'pending', waivedReason: null };
      }
      return d;
    });
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
    return deadline?.dueAt != null && Date.parse(submittedAt) > Date.parse(deadline.dueAt);
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

  /** The initial authority notice meets the GDPR Art. 33 clock. Returns the changed clocks. */
  addAuthorityNotice(id: string, notice: AuthorityNoticeCreate, late: boolean, nowMs: number): Deadline[] {
    this.notices.supervisoryAuthority.push({ id, phase: notice.phase, submittedAt: notice.submittedAt, late });
    if (!this.decisions.supervisoryAuthority) this.decisions.supervisoryAuthority = { decision: 'notify' };
    this.reach('notification');
    if (notice.phase !== 'initial') return [];
    return this.meet(GDPR_AUTHORITY_NOTICE.regime, GDPR_AUTHORITY_NOTICE.obligation, notice.submittedAt, nowMs);
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

  private findClock(regime: string, obligation: string): Deadline {
    const clock = this.deadlines.find((d) => d.regime === regime && d.obligation === obligation);
    if (!clock) throw new IncidentRuleError('not-found', `The incident has no ${regime} ${obligation} clock.`);
    return clock;
  }

  /** A clock other than the GDPR authority notice (which the authority notice meets) that has not been met or waived. */
  checkMeetOrWaive(target: { regime: string; obligation: string }): void {
    const clock = this.findClock(target.regime, target.obligation);
    if (isGdprAuthority(clock)) throw conflict('The GDPR Art. 33 clock is met by recording the authority notice, or waived by the decision that none is required.');
    if (clock.status === 'met' || clock.status === 'waived') throw conflict(`The ${clock.regime} ${clock.obligation} clock is already ${clock.status}.`);
  }

  /** Marks a clock met; clocks chained to it (NIS2 final report, DORA intermediate) start. Returns the changed clocks. */
  meet(regime: string, obligation: string, metAt: string, nowMs: number): Deadline[] {
    const changed = this.updateClocks((d) => d.regime === regime && d.obligation === obligation, (d) => ({ ...d, status: 'met', metAt: toUtcIso(metAt) }));
    return mergeChanges(changed, this.retime(nowMs));
  }

  meetObligation(meet: ObligationMeet, nowMs: number): Deadline[] {
    return this.meet(meet.regime, meet.obligation, meet.metAt, nowMs);
  }

  waiveObligation(waive: ObligationWaive): Deadline[] {
    return this.updateClocks((d) => d.regime === waive.regime && d.obligation === waive.obligation, (d) => ({ ...d, status: 'waived', waivedReason: waive.reason }));
  }

  /** Records when a trigger event happened; clocks it starts begin, clocks it moves follow (possibly overdue at once). */
  recordTrigger(trigger: TriggerRecord, nowMs: number): Deadline[] {
    this.triggers = { ...this.triggers, [trigger.event]: toUtcIso(trigger.occurredAt) };
    return this.retime(nowMs);
  }

  /** The DPO rules regimes in or out: included ones get their clocks, excluded ones' open clocks are waived with the reason. */
  setRegimes(selection: RegimeSelection, nowMs: number): Deadline[] {
    this.regimes = { include: selection.include, exclude: selection.exclude };
    const waived = this.updateClocks(
      (d) => selection.exclude.includes(d.regime as Regime) && d.status !== 'met' && d.status !== 'waived',
      (d) => ({ ...d, status: 'waived', waivedReason: `Regime ruled out by the DPO: ${selection.reason}` }),
    );
    return mergeChanges(waived, this.retime(nowMs));
  }

  assignOwner(contactId: string): void {
    this.ownerContactId = contactId;
  }

  hasAlert(alertId: string): boolean {
    return this.alertIds.includes(alertId);
  }

  addAlert(alertId: string): void {
    if (!this.hasAlert(alertId)) this.alertIds.push(alertId);
  }

  /** What still stands between the incident and a "resolved" closure; empty when it may close. */
  closureBlockers(): RuleIssue[] {
    return closureBlockers({
      deadlines: this.deadlines,
      latestAssessmentOutcome: this.riskAssessment?.finalOutcome ?? null,
      subjectsDecision: this.decisions.dataSubjects?.decision ?? null,
      subjectsNoticeCount: this.notices.dataSubjects.length,
    }).map(({ path, message }) => ({ path, message }));
  }

  checkClose(closure: IncidentClose): void {
    if (closure.kind !== 'resolved') return;
    const blockers = this.closureBlockers();
    if (blockers.length > 0) throw conflict(`The incident cannot close yet: ${blockers.map((b) => b.message).join('; ')}.`, blockers);
  }

  /** Closes; "not a personal data breach" waives every open obligation with the stated reason. Returns the changed clocks. */
  close(closure: IncidentClose, closedAt: string): Deadline[] {
    const changed =
      closure.kind === 'not-a-breach'
        ? this.updateClocks(
            (d) => d.status === 'pending' || d.status === 'overdue' || d.status === 'awaiting-trigger',
            (d) => ({ ...d, status: 'waived', waivedReason: `Not a personal data breach: ${closure.reason}` }),
          )
        : [];
    this.closure = { kind: closure.kind, closedAt };
    this.status = 'closed';
    this.stage = 'closed';
    return changed;
  }

  private ladder(clock: Deadline): Ladder {
    const key = clockKey(clock);
    this.ladders[key] ??= { firedStepIds: [], acknowledged: false };
    return this.ladders[key];
  }

  private policy(clock: Deadline): EscalationPolicy {
    return this.context.policies[clockKey(clock)] ?? DEFAULT_ESCALATION_POLICY;
  }

  /** Escalation steps due at `nowMs`, clock by clock, in order. */
  dueEscalations(nowMs: number): { clock: Deadline; step: EscalationStep }[] {
    return this.deadlines.filter(isRunning).flatMap((clock) => {
      const ladder = this.ladder(clock);
      return dueSteps({ clock, policy: this.policy(clock), firedStepIds: ladder.firedStepIds, acknowledged: ladder.acknowledged }, nowMs).map((step) => ({ clock, step }));
    });
  }

  /** The next instant (epoch ms) any clock's ladder needs the workflow awake, or undefined when none does. */
  nextWakeMs(): number | undefined {
    const instants = this.deadlines.filter(isRunning).flatMap((clock) => {
      const ladder = this.ladder(clock);
      const step = nextEscalationStep({ clock, policy: this.policy(clock), firedStepIds: ladder.firedStepIds, acknowledged: ladder.acknowledged });
      return step ? [Date.parse(step.at)] : [];
    });
    return instants.length > 0 ? Math.min(...instants) : undefined;
  }

  /** Records a fired step; the overdue rung turns its clock overdue. Returns the changed clocks. */
  escalate(clock: Deadline, step: EscalationStep, escalation: Escalation): Deadline[] {
    this.ladder(clock).firedStepIds.push(step.stepId);
    this.escalations.push(escalation);
    if (step.kind === 'reminder') return [];
    return this.updateClocks((d) => clockKey(d) === clockKey(clock) && d.status === 'pending', (d) => ({ ...d, status: 'overdue' }));
  }

  findEscalation(escalationId: string): Escalation {
    const escalation = this.escalations.find((e) => e.id === escalationId);
    if (!escalation) throw new IncidentRuleError('not-found', `No escalation ${escalationId} on this incident.`);
    return escalation;
  }

  checkAcknowledge(escalationId: string): void {
    if (this.findEscalation(escalationId).acknowledgedAt) throw conflict('This escalation was already acknowledged.');
  }

  /** Acknowledging an overdue notice stops its repeats; the clock itself keeps running until met or waived. */
  acknowledge(escalationId: string, by: string, at: string): void {
    const escalation = this.findEscalation(escalationId);
    escalation.acknowledgedAt = at;
    escalation.acknowledgedBy = by;
    if (escalation.kind !== 'reminder') this.ladders[`${escalation.regime}/${escalation.obligation}`]!.acknowledged = true;
  }

  private updateClocks(match: (d: Deadline) => boolean, update: (d: Deadline) => Deadline): Deadline[] {
    const changed: Deadline[] = [];
    this.deadlines = this.deadlines.map((d) => {
      if (!match(d)) return d;
      const next = update(d);
      if (JSON.stringify(next) !== JSON.stringify(d)) changed.push(next);
      return next;
    });
    return changed;
  }

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
}

/** Later changes of the same clock win. */
function mergeChanges(first: Deadline[], second: Deadline[]): Deadline[] {
  const keys = new Set(second.map(clockKey));
  return [...first.filter((d) => !keys.has(clockKey(d))), ...second];
}

/**
 * refreshClocks, with a business-day count that reaches a year its holiday calendar has no data for refused
 * as an invalid write (422): the engine never guesses holidays, and an error of any other kind would fail the
 * workflow task again on every retry, leaving the incident unable to take any write.
 */
function refreshClocksOrRefuse(...args: Parameters<typeof refreshClocks>): ReturnType<typeof refreshClocks> {
  try {
    return refreshClocks(...args);
  } catch (error) {
    if (!(error instanceof MissingHolidayDataError)) throw error;
    const message = `A deadline of this incident counts business days into ${error.year}, a year the ${error.calendar} holiday calendar has no data for: it cannot be computed.`;
    throw new IncidentRuleError('invalid', message, [{ path: [], message }]);
  }
}

import type { Deadline } from '../../domain/deadlines';
import { IncidentRuleError } from '../../domain/errors';
import type { RiskAssessmentState } from '../../domain/incident';
import type { AuthorityDecision, AuthorityNoticeCreate, RiskSignOff, SubjectsDecision, SubjectsNoticeCreate } from '../../domain/lifecycle';
import { GDPR_AUTHORITY_NOTICE } from '../../domain/regulations';
import type { SeverityResult, SuggestedOutcome } from '../../domain/severity';
import { isGdprAuthority, meet, retime, updateClocks } from './clock-rules';
import { conflict, reach, type IncidentData } from './incident-data';

export function nextAssessmentVersion(s: IncidentData): number {
  return (s.riskAssessment?.version ?? 0) + 1;
}

/** The suggestion is the stronger of the ENISA band's outcome and the EDPB factors' (src/domain/risk-factors.ts). */
export function setAssessment(s: IncidentData, id: string, version: number, result: SeverityResult, suggestedOutcome: SuggestedOutcome): void {
  s.riskAssessment = { id, version, score: result.score, band: result.band, suggestedOutcome, signedOff: false, finalOutcome: null };
  reach(s, 'risk-assessment');
}

/** Only the latest, unsigned assessment can be signed off. */
export function checkSignOff(s: IncidentData, assessmentId: string, signOff?: RiskSignOff): RiskAssessmentState {
  // The DPO's override is the record the authority reads later (Art. 33(5)): it carries its reasons.
  if (signOff?.outcome !== undefined && !signOff.justification?.trim()) {
    throw new IncidentRuleError('invalid', 'An override of the suggested outcome needs a justification.', [{ path: ['signOff', 'justification'], message: 'Required with an override' }]);
  }
  const current = s.riskAssessment;
  if (!current || current.id !== assessmentId) {
    throw new IncidentRuleError('not-found', `No current risk assessment ${assessmentId}; only the latest can be signed off.`);
  }
  if (current.signedOff) throw conflict('This risk assessment is already signed off; record a new assessment to change it.');
  return current;
}

/** The outcome that stands: the DPO's override, else the suggestion. */
export function finalOutcomeOf(s: IncidentData, signOff: RiskSignOff): SuggestedOutcome {
  return signOff.outcome ?? s.riskAssessment!.suggestedOutcome;
}

/** Signs off; a high risk can bring data-subject clocks of other regimes, which it returns. */
export function signOff(s: IncidentData, outcome: SuggestedOutcome, nowMs: number): Deadline[] {
  s.riskAssessment!.signedOff = true;
  s.riskAssessment!.finalOutcome = outcome;
  return retime(s, nowMs);
}

function requireSignedOffAssessment(s: IncidentData, what: string): void {
  if (!s.riskAssessment?.signedOff) {
    throw conflict(`${what} needs a risk assessment signed off by the DPO first.`, [{ path: ['decision'], message: 'No signed-off risk assessment' }]);
  }
}

/** A decision not to notify rests on a signed-off assessment; a notice already sent cannot be undecided. */
export function checkAuthorityDecision(s: IncidentData, decision: AuthorityDecision): void {
  if (decision.decision === 'not-required') {
    requireSignedOffAssessment(s, 'Deciding that no authority notice is required');
    if (s.notices.supervisoryAuthority.length > 0) throw conflict('An authority notice was already recorded.');
  }
}

/** "Not required" waives the GDPR Art. 33 clock; "notify" reopens a waived one. Returns the changed clocks. */
export function setAuthorityDecision(s: IncidentData, decision: AuthorityDecision, nowMs: number): Deadline[] {
  s.decisions.supervisoryAuthority = decision;
  reach(s, 'notification');
  return updateClocks(s, isGdprAuthority, (d) => {
    if (decision.decision === 'not-required' && (d.status === 'pending' || d.status === 'overdue')) return { ...d, status: 'waived', waivedReason: decision.reason ?? null };
    if (decision.decision === 'notify' && d.status === 'waived') {
      return { ...d, status: d.dueAt !== null && Date.parse(d.dueAt) <= nowMs ? 'overdue' : 'pending', waivedReason: null };
    }
    return d;
  });
}

/** An Art. 34(3) exemption rests on a signed-off assessment and comes before any notice to data subjects. */
export function checkSubjectsDecision(s: IncidentData, decision: SubjectsDecision): void {
  if (decision.decision === 'exempt') {
    requireSignedOffAssessment(s, 'An Art. 34(3) exemption');
    if (s.notices.dataSubjects.length > 0) throw conflict('Data subjects were already notified.');
  }
}

export function setSubjectsDecision(s: IncidentData, decision: SubjectsDecision): void {
  s.decisions.dataSubjects = decision;
  reach(s, 'notification');
}

/** Whether an authority notice submitted at `submittedAt` is after the GDPR deadline. */
export function isLateNotice(s: IncidentData, submittedAt: string): boolean {
  const deadline = s.deadlines.find(isGdprAuthority);
  return deadline?.dueAt != null && Date.parse(submittedAt) > Date.parse(deadline.dueAt);
}

/** Art. 33(1): a late notice gives reasons for the delay; Art. 33(4): later phases follow an initial notice. */
export function checkAuthorityNotice(s: IncidentData, notice: AuthorityNoticeCreate): void {
  if (s.decisions.supervisoryAuthority?.decision === 'not-required') {
    throw conflict('The recorded decision is that no authority notice is required; record a decision to notify first.');
  }
  const hasInitial = s.notices.supervisoryAuthority.some((n) => n.phase === 'initial');
  if (notice.phase === 'initial' && hasInitial) throw conflict('An initial notice was already recorded; further information is a follow-up or final notice (Art. 33(4)).');
  if (notice.phase !== 'initial' && !hasInitial) throw conflict(`A ${notice.phase} notice needs an initial notice first (Art. 33(4)).`);
  if (notice.phase === 'initial' && isLateNotice(s, notice.submittedAt) && !notice.delayReasons) {
    throw new IncidentRuleError('invalid', 'The notice is after the 72-hour deadline: give the reasons for the delay (GDPR Art. 33(1)).', [
      { path: ['delayReasons'], message: 'Required for a notice after the deadline' },
    ]);
  }
}

/** The initial authority notice meets the GDPR Art. 33 clock. Returns the changed clocks. */
export function addAuthorityNotice(s: IncidentData, id: string, notice: AuthorityNoticeCreate, late: boolean, nowMs: number): Deadline[] {
  s.notices.supervisoryAuthority.push({ id, phase: notice.phase, submittedAt: notice.submittedAt, late });
  if (!s.decisions.supervisoryAuthority) s.decisions.supervisoryAuthority = { decision: 'notify' };
  reach(s, 'notification');
  if (notice.phase !== 'initial') return [];
  return meet(s, GDPR_AUTHORITY_NOTICE.regime, GDPR_AUTHORITY_NOTICE.obligation, notice.submittedAt, nowMs);
}

/** Data subjects are notified unless an Art. 34(3) exemption was recorded. */
export function checkSubjectsNotice(s: IncidentData): void {
  if (s.decisions.dataSubjects?.decision === 'exempt') {
    throw conflict('The recorded decision is an Art. 34(3) exemption; record a decision to notify first.');
  }
}

export function addSubjectsNotice(s: IncidentData, id: string, notice: SubjectsNoticeCreate): void {
  s.notices.dataSubjects.push({ id, channel: notice.channel, recipients: notice.recipients, sentAt: notice.sentAt });
  if (!s.decisions.dataSubjects) s.decisions.dataSubjects = { decision: 'notify' };
  reach(s, 'notification');
}

import { patched } from '@temporalio/workflow';
import { suggestOutcome } from '../../domain/risk-factors';
import { computeSeverity } from '../../domain/severity';
import { writeUpdates } from '../messages';
import { noCheck, type IncidentRun } from './incident-run';

// Histories written before the EDPB factors suggested the ENISA band's outcome alone; they replay that way.
const EDPB_RISK_FACTORS = 'edpb-risk-factors';

/** Risk assessment and its sign-off, the notification decisions, and the notices to the authority and data subjects. */
export function registerRiskAndNoticeWrites({ state, persist, withClocks, onWrite }: IncidentRun): void {
  onWrite(writeUpdates.recordRiskAssessment, noCheck, async ({ inputs, factors, notes }, actor, id) => {
    const version = state.nextAssessmentVersion();
    const result = computeSeverity(inputs);
    if (!patched(EDPB_RISK_FACTORS)) {
      await persist(id, actor, { type: 'risk-assessed', id, version, inputs, notes, result });
      state.setAssessment(id, version, result, result.suggestedOutcome);
      return;
    }
    const suggestion = suggestOutcome(result, factors ?? null, inputs);
    await persist(id, actor, { type: 'risk-assessed', id, version, inputs, factors, notes, result, suggestion });
    state.setAssessment(id, version, result, suggestion.outcome);
  });

  onWrite(
    writeUpdates.signOffRiskAssessment,
    ({ assessmentId, signOff }) => void state.checkSignOff(assessmentId, signOff),
    async ({ assessmentId, signOff }, actor, id) => {
      const finalOutcome = state.finalOutcomeOf(signOff);
      await withClocks(id, actor, { type: 'risk-assessment-signed-off', assessmentId, signOff, finalOutcome }, (s, now) => s.signOff(finalOutcome, now));
    },
  );

  onWrite(
    writeUpdates.recordAuthorityDecision,
    (decision) => state.checkAuthorityDecision(decision),
    async (decision, actor, id) => {
      await withClocks(id, actor, { type: 'authority-decision-recorded', decision }, (s, now) => s.setAuthorityDecision(decision, now));
    },
  );

  onWrite(
    writeUpdates.recordSubjectsDecision,
    (decision) => state.checkSubjectsDecision(decision),
    async (decision, actor, id) => {
      await persist(id, actor, { type: 'subjects-decision-recorded', decision });
      state.setSubjectsDecision(decision);
    },
  );

  onWrite(
    writeUpdates.recordAuthorityNotice,
    (notice) => state.checkAuthorityNotice(notice),
    async (notice, actor, id) => {
      // Art. 33(1) asks reasons of the late first notice; phased follow-ups (Art. 33(4)) are not late themselves.
      const late = notice.phase === 'initial' && state.isLateNotice(notice.submittedAt);
      await withClocks(id, actor, { type: 'authority-notice-recorded', id, notice, late }, (s, now) => s.addAuthorityNotice(id, notice, late, now));
    },
  );

  onWrite(
    writeUpdates.recordSubjectsNotice,
    () => state.checkSubjectsNotice(),
    async (notice, actor, id) => {
      await persist(id, actor, { type: 'subjects-notice-recorded', id, notice });
      state.addSubjectsNotice(id, notice);
    },
  );
}

import { writeUpdates } from '../messages';
import { noCheck, nowIso, type IncidentRun } from './incident-run';

/** The writes that move, add, meet or waive clocks, and the acknowledgement that stops a ladder's repeats. */
export function registerClockWrites({ state, persist, withClocks, onWrite }: IncidentRun): void {
  onWrite(writeUpdates.recordTrigger, noCheck, async (trigger, actor, id) => {
    await withClocks(id, actor, { type: 'trigger-recorded', trigger }, (s, now) => s.recordTrigger(trigger, now));
  });

  onWrite(writeUpdates.setRegimes, noCheck, async (regimes, actor, id) => {
    await withClocks(id, actor, { type: 'regimes-set', regimes }, (s, now) => s.setRegimes(regimes, now));
  });

  onWrite(
    writeUpdates.meetObligation,
    (meet) => state.checkMeetOrWaive(meet),
    async (meet, actor, id) => {
      await withClocks(id, actor, { type: 'obligation-met', meet }, (s, now) => s.meetObligation(meet, now));
    },
  );

  onWrite(
    writeUpdates.waiveObligation,
    (waive) => state.checkMeetOrWaive(waive),
    async (waive, actor, id) => {
      await withClocks(id, actor, { type: 'obligation-waived', waive }, (s) => s.waiveObligation(waive));
    },
  );

  onWrite(
    writeUpdates.acknowledgeEscalation,
    ({ escalationId }) => state.checkAcknowledge(escalationId),
    async ({ escalationId, acknowledgedBy, via }, actor, id) => {
      // An input sent without a channel (an update from before channels were recorded) records none.
      await persist(id, actor, { type: 'escalation-acknowledged', escalationId, acknowledgedBy, ...(via ? { via } : {}) });
      state.acknowledge(escalationId, acknowledgedBy, nowIso());
      const acknowledged = state.escalations.find((e) => e.id === escalationId);
      if (acknowledged && via) acknowledged.acknowledgedVia = via;
    },
  );
}

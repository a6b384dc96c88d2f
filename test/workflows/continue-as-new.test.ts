// Continue-as-new on a long-lived incident, with the real 72-hour ladder: a run whose history grew past a (low)
// threshold moves its state to a fresh run at once, even while a webhook delivery is failing and retrying for
// hours; the delivery resumes in the next run under the same delivery id and is sent exactly once.
import { randomUUID } from 'node:crypto';
import { Context } from '@temporalio/activity';
import { Worker } from '@temporalio/worker';
import type { Activities } from '../../src/activities';
import type { IncidentLiveState } from '../../src/domain/incident';
import { incidentWorkflow } from '../../src/workflows/incident-workflow';
import { incidentStateQuery, openIncidentUpdate, writeUpdates } from '../../src/workflows/messages';
import { fakeActivities } from '../helpers/fake-activities';
import { completionWithin, runWorkers, stateWhen, useTimeSkippingServer } from '../helpers/time-skipping';

const server = useTimeSkippingServer();

const HOUR = 3_600_000;
const MINUTE = 60_000;
const actor = { keyId: randomUUID(), name: 'Dana DPO', role: 'dpo' as const };
/** Low enough that a run continues as new after every rung of the ladder (a rung adds about 12 events to a run's history). */
const CONTINUE_AS_NEW_AFTER_EVENTS = 16;

interface Attempt {
  deliveryId: string;
  runId: string;
  attempt: number;
  scheduledMs: number;
  outcome: 'sent' | 'failed' | 'already-sent';
}

/**
 * The shared fakes, with a webhook receiver that refuses the deliveries of one rung until `stuckUntilMs` (server
 * time): each attempt fails quickly, so the activity retries with backoff for hours. A delivery already sent is
 * not sent again, as the real activity does. Every attempt is recorded with the run that scheduled it.
 */
function stuckDeliveryFakes(stuckRung: string, stuckForMs: number) {
  const base = fakeActivities();
  const attempts: Attempt[] = [];
  const sent = new Set<string>();
  const rungOf = (deliveryId: string) => base.eventsOf('deadline-escalated').find((e) => `delivery-of-${e.escalation.id}` === deliveryId)?.escalation;
  const activities: Activities = {
    ...base.activities,
    async deliverEscalation(input) {
      const info = Context.current().info;
      const record = (outcome: Attempt['outcome']) =>
        attempts.push({ deliveryId: input.deliveryId, runId: info.workflowExecution!.runId, attempt: info.attempt, scheduledMs: info.currentAttemptScheduledTimestampMs, outcome });
      if (sent.has(input.deliveryId)) return void record('already-sent');
      const escalation = rungOf(input.deliveryId);
      if (escalation?.rung === stuckRung && info.currentAttemptScheduledTimestampMs < Date.parse(escalation.raisedAt) + stuckForMs) {
        record('failed');
        throw new Error('webhook receiver answered 503');
      }
      record('sent');
      sent.add(input.deliveryId);
      await base.activities.deliverEscalation(input);
    },
  };
  return { ...base, activities, attempts };
}

/** Everything of the live state a continue-as-new must not change, apart from the ladder's progress. */
function heldAcrossRuns(state: IncidentLiveState) {
  const { reference, stage, containment, findings, evidence, deadlines } = state;
  return { reference, stage, containment, findings, evidence, deadlines: deadlines.map(({ status: _, ...clock }) => clock) };
}

describe('continue-as-new of the incident workflow', () => {
  it('continues as new without waiting for a delivery retrying for 21 hours, which resumes in the next runs and is sent once; the 72 h ladder fires on time across runs and the state carries over unchanged', async () => {
    const fakes = stuckDeliveryFakes('reminder-2', 21 * HOUR);
    await runWorkers(server, fakes.activities, async (taskQueue) => {
      const incidentId = randomUUID();
      const workflowId = `incident-${incidentId}`;
      const handle = await server.env.client.workflow.start(incidentWorkflow, {
        taskQueue,
        workflowId,
        args: [{ incidentId, searchAttributes: false, continueAsNewAfterEvents: CONTINUE_AS_NEW_AFTER_EVENTS }],
      });
      const awareAtMs = await server.env.currentTimeMs();
      const awareAt = new Date(awareAtMs).toISOString();
      await handle.executeUpdate(openIncidentUpdate, { args: [{ incident: { title: 'Exfiltration from the CRM', detectedAt: awareAt, awareAt }, actor }] });
      const write = (name: 'registerEvidence' | 'recordFinding', input: unknown) => handle.executeUpdate(writeUpdates[name] as never, { args: [{ input, actor }] } as never);
      await write('registerEvidence', { description: 'CRM access logs', source: 'crm-01', collectedBy: 'Forensics', collectedAt: awareAt, method: 'log export' });
      await write('recordFinding', { summary: 'An API token was used from an unknown address' });
      const before = heldAcrossRuns(await handle.query(incidentStateQuery));
      expect(before.evidence).toHaveLength(1);

      const rungs: [number, string][] = [
        [24, 'reminder-1'],
        [48, 'reminder-2'],
        [60, 'reminder-3'],
        [68, 'reminder-4'],
        [72, 'overdue'],
        [84, 'overdue-repeat-1'],
        [96, 'overdue-repeat-2'],
      ];
      let elapsed = 0;
      for (const [hours, rung] of rungs) {
        await server.env.sleep(hours * HOUR - elapsed);
        elapsed = hours * HOUR;
        const { escalation } = (await fakes.waitForEvent((e) => e.event.type === 'deadline-escalated' && e.event.escalation.rung === rung)).event as { escalation: { raisedAt: string } };
        // On time: within a minute of its offset from awareness, whichever run it fired in.
        const lateMs = Date.parse(escalation.raisedAt) - (awareAtMs + hours * HOUR);
        expect({ rung, onTime: lateMs >= 0 && lateMs < MINUTE }).toEqual({ rung, onTime: true });
        const state = await stateWhen(handle, (s) => s.escalations.some((e) => e.rung === rung));
        expect(heldAcrossRuns(state)).toEqual(before);
        // Each rung fired once: the carried ladders remember what earlier runs fired.
        expect(state.escalations.map((e) => e.rung)).toEqual(rungs.slice(0, rungs.findIndex(([, r]) => r === rung) + 1).map(([, r]) => r));
      }

      const escalations = fakes.eventsOf('deadline-escalated').map((e) => e.escalation);
      const stuck = escalations.find((e) => e.rung === 'reminder-2')!;
      const stuckId = `delivery-of-${stuck.id}`;
      const stuckAttempts = fakes.attempts.filter((a) => a.deliveryId === stuckId);
      const runsOfStuck = [...new Set(stuckAttempts.map((a) => a.runId))];
      const success = stuckAttempts.find((a) => a.outcome === 'sent')!;
      const [firstRun] = runsOfStuck;

      // Several runs: the ladder crossed continue-as-new at its rungs, and the stuck delivery's retries spanned three runs at least.
      expect(new Set(fakes.attempts.map((a) => a.runId)).size).toBeGreaterThanOrEqual(5);
      expect(runsOfStuck.length).toBeGreaterThanOrEqual(3);
      // Each run before the one that got it through ended (continued as new) while the delivery was still failing...
      for (const runId of runsOfStuck.slice(0, -1)) {
        const run = await server.env.client.workflow.getHandle(workflowId, runId).describe();
        expect({ runId, status: run.status.name, closedBeforeSuccess: run.closeTime!.getTime() < success.scheduledMs }).toEqual({ runId, status: 'CONTINUED_AS_NEW', closedBeforeSuccess: true });
        expect(stuckAttempts.filter((a) => a.runId === runId).map((a) => a.outcome)).toEqual(stuckAttempts.filter((a) => a.runId === runId).map(() => 'failed'));
      }
      // ...and each next run scheduled it again under the same id, from attempt 1, until it went through after 21 h.
      for (const runId of runsOfStuck.slice(1)) expect(stuckAttempts.find((a) => a.runId === runId)).toMatchObject({ attempt: 1 });
      expect(success.runId).toBe(runsOfStuck.at(-1));
      expect(success.runId).not.toBe(firstRun);
      expect(success.scheduledMs - Date.parse(stuck.raisedAt)).toBeGreaterThanOrEqual(21 * HOUR);
      expect(success.scheduledMs - Date.parse(stuck.raisedAt)).toBeLessThan(23 * HOUR);

      // Every delivery sent exactly once, the stuck one included; nothing was sent for it after it went through.
      const sends = fakes.attempts.filter((a) => a.outcome === 'sent').map((a) => a.deliveryId);
      expect(sends.sort()).toEqual(escalations.map((e) => `delivery-of-${e.id}`).sort());
      expect(fakes.calls.deliveries.map((d) => d.deliveryId).sort()).toEqual(sends.sort());
      expect(stuckAttempts.filter((a) => a.scheduledMs > success.scheduledMs)).toEqual([]);

      // The runs that handed a delivery over replay against the same code: cancelling and carrying is deterministic.
      for (const runId of runsOfStuck.slice(0, -1)) {
        const history = await server.env.client.workflow.getHandle(workflowId, runId).fetchHistory();
        await expect(Worker.runReplayHistory({ workflowBundle: server.bundle }, history)).resolves.toBeUndefined();
      }

      await handle.executeUpdate(writeUpdates.closeIncident, { args: [{ input: { kind: 'not-a-breach', reason: 'Test over' }, actor }] });
      await completionWithin(handle);
    });
  }, 120_000);
});

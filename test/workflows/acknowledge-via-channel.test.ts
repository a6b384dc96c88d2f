import { randomUUID } from 'node:crypto';
import type { Activities } from '../../src/activities';
import type { OpenIncidentRequest } from '../../src/domain/incident';
import { incidentWorkflow } from '../../src/workflows/incident-workflow';
import { incidentStateQuery, openIncidentUpdate, writeUpdates } from '../../src/workflows/messages';
import { fakeActivities } from '../helpers/fake-activities';
import { completionWithin, runWorkers, stateWhen, useTimeSkippingServer } from '../helpers/time-skipping';

const server = useTimeSkippingServer();

const HOUR = 3_600_000;
const actor = { keyId: randomUUID(), name: 'Dana DPO', role: 'dpo' };
const pagerDutyActor = { keyId: null, name: 'Dana Privacy (PagerDuty)', role: 'recipient' };

const started: string[] = [];

/** Runs `fn` with a fresh worker, then closes the incidents it opened so that no workflow is left running on the shared server. */
async function withWorker<T>(activities: Activities, fn: (taskQueue: string) => Promise<T>): Promise<T> {
  return runWorkers(server, activities, async (taskQueue) => {
    try {
      return await fn(taskQueue);
    } finally {
      for (const id of started.splice(0)) {
        const handle = server.env.client.workflow.getHandle(id);
        await handle.executeUpdate(writeUpdates.closeIncident, { args: [{ input: { kind: 'not-a-breach', reason: 'test over' }, actor }] }).catch(() => undefined);
        await completionWithin(handle);
      }
    }
  });
}

/** Starts and opens an incident whose awareness is `awareAgoMs` before the test server's now. */
async function openIncident(taskQueue: string, awareAgoMs: number) {
  const incidentId = randomUUID();
  const handle = await server.env.client.workflow.start(incidentWorkflow, { taskQueue, workflowId: `incident-${incidentId}`, args: [{ incidentId, searchAttributes: false }] });
  started.push(handle.workflowId);
  const awareAt = new Date((await server.env.currentTimeMs()) - awareAgoMs).toISOString();
  const request: OpenIncidentRequest = { incident: { title: 'Customer export left on a public bucket', detectedAt: awareAt, awareAt }, actor };
  await handle.executeUpdate(openIncidentUpdate, { args: [request] });
  return handle;
}

describe('acknowledging an escalation through a channel', () => {
  it('stops the overdue repeats once PagerDuty acknowledges, and persists the acknowledgement with via pagerduty', async () => {
    const fakes = fakeActivities();
    await withWorker(fakes.activities, async (taskQueue) => {
      // Awareness 73 h ago: the GDPR Art. 33(1) 72-hour clock is overdue from the start.
      const handle = await openIncident(taskQueue, 73 * HOUR);
      const rungs = () => fakes.eventsOf('deadline-escalated').map((e) => e.escalation);
      await fakes.waitForEvent((e) => e.event.type === 'deadline-escalated' && e.event.escalation.rung === 'overdue');
      // It keeps repeating while nobody acknowledges: the first repeat comes 12 h after the overdue notice.
      await server.env.sleep(12 * HOUR);
      const repeat = (await fakes.waitForEvent((e) => e.event.type === 'deadline-escalated' && e.event.escalation.kind === 'overdue-repeat')).event as {
        escalation: { id: string };
      };
      await stateWhen(handle, (st) => st.escalations.some((e) => e.id === repeat.escalation.id));
      const repeatsBefore = rungs().filter((e) => e.kind === 'overdue-repeat').length;
      expect(repeatsBefore).toBeGreaterThanOrEqual(1);

      const acked = await handle.executeUpdate(writeUpdates.acknowledgeEscalation, {
        args: [{ input: { escalationId: repeat.escalation.id, acknowledgedBy: 'Dana Privacy (PagerDuty)', via: 'pagerduty' }, actor: pagerDutyActor }],
      });
      expect(acked.state.escalations.find((e) => e.id === repeat.escalation.id)).toMatchObject({
        acknowledgedBy: 'Dana Privacy (PagerDuty)',
        acknowledgedVia: 'pagerduty',
        acknowledgedAt: expect.any(String),
      });
      const persisted = fakes.eventsOf('escalation-acknowledged');
      expect(persisted).toEqual([{ type: 'escalation-acknowledged', escalationId: repeat.escalation.id, acknowledgedBy: 'Dana Privacy (PagerDuty)', via: 'pagerduty' }]);

      // Several repeat periods (every 12 h) after the acknowledgement: no further repeat.
      await server.env.sleep(72 * HOUR);
      const state = await handle.query(incidentStateQuery);
      expect(rungs().filter((e) => e.kind === 'overdue-repeat')).toHaveLength(repeatsBefore);
      expect(state.escalations.filter((e) => e.kind === 'overdue-repeat')).toHaveLength(repeatsBefore);
      // Acknowledging is not meeting the clock: it stays overdue.
      expect(state.deadlines.find((d) => d.regime === 'GDPR')!.status).toBe('overdue');
    });
  });

  it('records no channel for an acknowledgement sent without one, and keeps its neighbours unacknowledged', async () => {
    const fakes = fakeActivities();
    await withWorker(fakes.activities, async (taskQueue) => {
      const handle = await openIncident(taskQueue, 73 * HOUR);
      const overdue = (await fakes.waitForEvent((e) => e.event.type === 'deadline-escalated' && e.event.escalation.rung === 'overdue')).event as {
        escalation: { id: string };
      };
      await stateWhen(handle, (st) => st.escalations.some((e) => e.id === overdue.escalation.id));
      const acked = await handle.executeUpdate(writeUpdates.acknowledgeEscalation, { args: [{ input: { escalationId: overdue.escalation.id, acknowledgedBy: 'Dana DPO' }, actor }] });
      const escalation = acked.state.escalations.find((e) => e.id === overdue.escalation.id)!;
      expect(escalation).toMatchObject({ acknowledgedBy: 'Dana DPO' });
      expect(escalation.acknowledgedVia).toBeUndefined();
      expect(fakes.eventsOf('escalation-acknowledged')).toEqual([{ type: 'escalation-acknowledged', escalationId: overdue.escalation.id, acknowledgedBy: 'Dana DPO' }]);
      expect(acked.state.escalations.filter((e) => e.id !== overdue.escalation.id).every((e) => e.acknowledgedAt === null)).toBe(true);
    });
  });
});

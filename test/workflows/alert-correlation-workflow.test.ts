// The alert correlation workflow on the time-skipping server with fake activities: alerts arrive as ids by signal
// and are processed one at a time in the order signalled; a second signal of an alert is a no-op; the state a
// run carries into the next (continue-as-new) is the state it resumes with.
import { randomUUID } from 'node:crypto';
import type { Activities, AlertOutcome } from '../../src/activities';
import { alertCorrelationWorkflow, type AlertCorrelationInput } from '../../src/workflows/alert-correlation-workflow';
import { alertReceivedSignal } from '../../src/workflows/alert-messages';
import { fakeActivities } from '../helpers/fake-activities';
import { completionWithin, runWorkers, useTimeSkippingServer } from '../helpers/time-skipping';

const server = useTimeSkippingServer();

/** Intake activities that record each call in order, and how many ran at once; `closed` incidents refuse attaching. */
function intakeFakes(closed: string[] = []) {
  const calls: string[] = [];
  let running = 0;
  let mostAtOnce = 0;
  const track = async <T>(call: string, answer: () => T): Promise<T> => {
    calls.push(call);
    running += 1;
    mostAtOnce = Math.max(mostAtOnce, running);
    await new Promise((resolve) => setTimeout(resolve, 20));
    running -= 1;
    return answer();
  };
  const activities: Activities = {
    ...fakeActivities().activities,
    openIncidentFromAlert: ({ alertId }) => track(`open ${alertId}`, (): AlertOutcome => ({ status: 'opened', incidentId: `incident-of-${alertId}` })),
    attachAlertToIncident: ({ incidentId, alertId }) =>
      track(`attach ${alertId} to ${incidentId}`, (): AlertOutcome => (closed.includes(incidentId) ? { status: 'closed', incidentId: null } : { status: 'attached', incidentId })),
  };
  return { activities, calls, mostAtOnce: () => mostAtOnce };
}

async function until(what: string, accept: () => boolean): Promise<void> {
  for (let i = 0; i < 300 && !accept(); i += 1) await new Promise((resolve) => setTimeout(resolve, 20));
  if (!accept()) throw new Error(`not within 6 s: ${what}`);
}

describe('alertCorrelationWorkflow', () => {
  it('opens an incident with the first alert and attaches the next ones, one at a time in the order signalled, ignoring a second signal of an alert', async () => {
    const fakes = intakeFakes();
    await runWorkers(server, fakes.activities, async (taskQueue) => {
      const workflowId = `alert-group-v2-${randomUUID()}`;
      const start = (alertId: string) =>
        server.env.client.workflow.signalWithStart(alertCorrelationWorkflow, { workflowId, taskQueue, args: [{ sourceId: randomUUID(), windowHours: 1 }], signal: alertReceivedSignal, signalArgs: [{ alertId }] });
      const handle = await start('a1');
      for (const alertId of ['a2', 'a3', 'a1', 'a2', 'a4']) await handle.signal(alertReceivedSignal, { alertId });
      await until('four alerts processed', () => fakes.calls.length >= 4);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(fakes.calls).toEqual(['open a1', 'attach a2 to incident-of-a1', 'attach a3 to incident-of-a1', 'attach a4 to incident-of-a1']);
      expect(fakes.mostAtOnce()).toBe(1);
      // The window passes without an alert: the group ends, and the key's next alert opens a new incident.
      await server.env.sleep('61 minutes');
      await completionWithin(handle);
      await start('a5');
      await until('the next group opened', () => fakes.calls.length === 5);
      expect(fakes.calls[4]).toBe('open a5');
    });
  });

  it('opens a new incident when the one it attaches to has closed', async () => {
    const fakes = intakeFakes(['incident-of-b1']);
    await runWorkers(server, fakes.activities, async (taskQueue) => {
      const handle = await server.env.client.workflow.signalWithStart(alertCorrelationWorkflow, {
        workflowId: `alert-group-v2-${randomUUID()}`,
        taskQueue,
        args: [{ sourceId: randomUUID(), windowHours: 1 }],
        signal: alertReceivedSignal,
        signalArgs: [{ alertId: 'b1' }],
      });
      await handle.signal(alertReceivedSignal, { alertId: 'b2' });
      await handle.signal(alertReceivedSignal, { alertId: 'b3' });
      await until('three alerts processed', () => fakes.calls.length >= 4);
      expect(fakes.calls).toEqual(['open b1', 'attach b2 to incident-of-b1', 'open b2', 'attach b3 to incident-of-b2']);
    });
  });

  it('resumes from the state it carried into a new run: its incident, its pending alerts in order, and the alerts it already processed', async () => {
    const fakes = intakeFakes();
    await runWorkers(server, fakes.activities, async (taskQueue) => {
      // The server's clock runs ahead of this one once a test skipped time: a long window keeps the carried alert within it.
      const carried: NonNullable<AlertCorrelationInput['carried']> = { incidentId: 'incident-carried', lastAlertAtMs: Date.now(), pending: ['c1', 'c2'], processed: ['c0'] };
      const handle = await server.env.client.workflow.start(alertCorrelationWorkflow, { workflowId: `alert-group-v2-${randomUUID()}`, taskQueue, args: [{ sourceId: randomUUID(), windowHours: 1000, carried }] });
      await handle.signal(alertReceivedSignal, { alertId: 'c0' });
      await handle.signal(alertReceivedSignal, { alertId: 'c3' });
      await until('three alerts processed', () => fakes.calls.length >= 3);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(fakes.calls).toEqual(['attach c1 to incident-carried', 'attach c2 to incident-carried', 'attach c3 to incident-carried']);
    });
  });
});

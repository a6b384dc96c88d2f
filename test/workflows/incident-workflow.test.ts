import { randomUUID } from 'node:crypto';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import type { OpenIncidentRequest } from '../../src/domain/incident';
import { incidentWorkflow } from '../../src/workflows/incident-workflow';
import { incidentStateQuery, openIncidentUpdate } from '../../src/workflows/messages';
import { fakeActivities } from '../helpers/fake-activities';
import { runWorkers, stateWhen, useTimeSkippingServer } from '../helpers/time-skipping';

const server = useTimeSkippingServer();

function openRequest(awareAt: string): OpenIncidentRequest {
  return {
    incident: { title: 'Stolen laptop with HR exports', detectedAt: awareAt, awareAt },
    actor: { keyId: randomUUID(), name: 'Test responder', role: 'responder' },
  };
}

const HOUR = 3_600_000;

describe('incidentWorkflow', () => {
  it('holds the GDPR Art. 33 clock for the real 72 hours: pending at 71 h 59 min, overdue at 72 h', async () => {
    const { activities, waitForEvent, eventsOf } = fakeActivities();
    const escalations = () => eventsOf('deadline-escalated').filter((e) => e.escalation.kind !== 'reminder');
    await runWorkers(server, activities, async (taskQueue) => {
      const incidentId = randomUUID();
      const handle = await server.env.client.workflow.start(incidentWorkflow, { taskQueue, workflowId: `incident-${incidentId}`, args: [{ incidentId, searchAttributes: false }] });
      const awareAt = new Date(await server.env.currentTimeMs()).toISOString();
      const opened = await handle.executeUpdate(openIncidentUpdate, { args: [openRequest(awareAt)] });

      const dueAtMs = Date.parse(awareAt) + 72 * HOUR;
      expect(opened.deadlines).toHaveLength(1);
      const [deadline] = opened.deadlines;
      expect(deadline).toMatchObject({ regime: 'GDPR', obligation: 'notify-supervisory-authority', status: 'pending' });
      expect(Date.parse(deadline!.startsAt!)).toBe(Date.parse(awareAt));
      expect(Date.parse(deadline!.dueAt!)).toBe(dueAtMs);

      await server.env.sleep(72 * HOUR - 60_000);
      const before = await handle.query(incidentStateQuery);
      expect(before.deadlines[0]!.status).toBe('pending');
      expect(before.escalations.map((e) => e.kind)).toEqual(['reminder', 'reminder', 'reminder', 'reminder']);
      expect(escalations()).toEqual([]);

      await server.env.sleep(60_000);
      const { escalation } = (await waitForEvent((e) => e.event.type === 'deadline-escalated' && e.event.escalation.kind === 'overdue')).event as { escalation: { dueAt: string; raisedAt: string; regime: string } };
      const after = await stateWhen(handle, (state) => state.deadlines[0]!.status === 'overdue');
      expect(after.deadlines[0]!.status).toBe('overdue');
      expect(after.escalations.filter((e) => e.kind === 'overdue')).toEqual([escalation]);
      expect(escalation).toMatchObject({ regime: 'GDPR', obligation: 'notify-supervisory-authority', rung: 'overdue' });
      expect(Date.parse(escalation.dueAt)).toBe(dueAtMs);
      // Raised by the timer at the due instant (workflow time), not an hour later.
      expect(Date.parse(escalation.raisedAt) - Date.parse(escalation.dueAt)).toBeGreaterThanOrEqual(0);
      expect(Date.parse(escalation.raisedAt) - Date.parse(escalation.dueAt)).toBeLessThan(60_000);
      expect(escalations()).toHaveLength(1);
    });
  });

  it('starts the clock at detection when no awareness time is given', async () => {
    const { activities } = fakeActivities();
    await runWorkers(server, activities, async (taskQueue) => {
      const incidentId = randomUUID();
      const handle = await server.env.client.workflow.start(incidentWorkflow, { taskQueue, workflowId: `incident-${incidentId}`, args: [{ incidentId, searchAttributes: false }] });
      const request = openRequest('2026-03-28T09:00:00+01:00');
      delete request.incident.awareAt;
      const opened = await handle.executeUpdate(openIncidentUpdate, { args: [request] });
      // 72 elapsed hours across the EU switch to summer time on 29 March: 08:00Z, i.e. 10:00 in Brussels.
      expect(opened.deadlines[0]).toMatchObject({ startsAt: '2026-03-28T08:00:00Z', dueAt: '2026-03-31T08:00:00Z' });
    });
  });

  it('opens once: a repeated open update returns the same state and persists nothing more', async () => {
    const { activities, calls } = fakeActivities();
    await runWorkers(server, activities, async (taskQueue) => {
      const incidentId = randomUUID();
      const handle = await server.env.client.workflow.start(incidentWorkflow, { taskQueue, workflowId: `incident-${incidentId}`, args: [{ incidentId, searchAttributes: false }] });
      const request = openRequest(new Date(await server.env.currentTimeMs()).toISOString());
      const first = await handle.executeUpdate(openIncidentUpdate, { args: [request] });
      const second = await handle.executeUpdate(openIncidentUpdate, { args: [request] });
      expect(second).toEqual(first);
      expect(calls.persistIncident).toHaveLength(1);
      expect(calls.persistIncident[0]).toMatchObject({ incidentId, request });
    });
  });

  it('rejects an invalid open request in the validator, before anything is persisted', async () => {
    const { activities, calls } = fakeActivities();
    await runWorkers(server, activities, async (taskQueue) => {
      const incidentId = randomUUID();
      const handle = await server.env.client.workflow.start(incidentWorkflow, { taskQueue, workflowId: `incident-${incidentId}`, args: [{ incidentId, searchAttributes: false }] });
      const bad = openRequest('not a date');
      await expect(handle.executeUpdate(openIncidentUpdate, { args: [bad] })).rejects.toBeInstanceOf(WorkflowUpdateFailedError);
      expect(calls.persistIncident).toEqual([]);
      expect((await handle.query(incidentStateQuery)).reference).toBeNull();
    });
  });
});

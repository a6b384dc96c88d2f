// Replays a history a run wrote, with concurrent writes, clock changes, escalations and a closure, against the
// same workflow code: code that issues its commands differently on replay (time, randomness or ordering that is
// not the workflow's own) fails here, not in production after a worker restart. It does not reproduce a workflow
// task that timed out mid-run, which is how concurrent local activities once broke replay (see incident-workflow.ts).
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { temporal } from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import { incidentWorkflow } from '../../src/workflows/incident-workflow';
import { openIncidentUpdate, writeUpdates } from '../../src/workflows/messages';
import { fakeActivities } from '../helpers/fake-activities';
import { completionWithin, runWorkers, useTimeSkippingServer } from '../helpers/time-skipping';

const server = useTimeSkippingServer();
const HOUR = 3_600_000;
const actor = { keyId: randomUUID(), name: 'Replay DPO', role: 'dpo' as const };

describe('replaying incident histories', () => {
  it('replays an incident whose writes, clock changes and escalations ran concurrently, and a closed one', async () => {
    const fakes = fakeActivities();
    const histories = await runWorkers(server, fakes.activities, async (taskQueue) => {
      const incidentId = randomUUID();
      const handle = await server.env.client.workflow.start(incidentWorkflow, { taskQueue, workflowId: `incident-${incidentId}`, args: [{ incidentId, searchAttributes: false }] });
      const now = await server.env.currentTimeMs();
      const awareAt = new Date(now).toISOString();
      await handle.executeUpdate(openIncidentUpdate, { args: [{ incident: { title: 'Replayed incident', detectedAt: awareAt, awareAt }, actor }] });
      const write = (name: keyof typeof writeUpdates, input: unknown) =>
        handle.executeUpdate(writeUpdates[name] as never, { args: [{ input, actor }] } as never);
      // Awareness moved 100 h back makes the whole GDPR ladder fire, repeats included, while findings, a scope and regimes arrive.
      await Promise.all([
        write('recordTrigger', { event: 'awareness', occurredAt: new Date(now - 100 * HOUR).toISOString(), reason: 'Logs show earlier access' }),
        ...Array.from({ length: 5 }, (_, i) => write('recordFinding', { summary: `Finding ${i}` })),
        write('recordScope', { dataCategories: ['contact details'], specialCategories: [], dataSubjectsApprox: 1200, recordsApprox: 5000, countries: ['US'], encrypted: false, unintelligible: false }),
        write('setRegimes', { include: ['US-CA'], exclude: [], reason: 'Californian customers' }),
      ]);
      await fakes.waitForEvent((e) => e.event.type === 'deadline-escalated' && e.event.escalation.kind === 'overdue-repeat');
      await server.env.sleep(13 * HOUR);
      await write('closeIncident', { kind: 'not-a-breach', reason: 'Replay test over' });
      await completionWithin(handle);
      return [await handle.fetchHistory()];
    });
    for (const history of histories) {
      expect(history.events?.length).toBeGreaterThan(20);
      await expect(Worker.runReplayHistory({ workflowBundle: server.bundle }, history)).resolves.toBeUndefined();
    }
  }, 120_000);

  it('replays a history the workflow wrote before its state and handlers were split by concern: concurrent writes, evidence, a signed-off assessment, a late notice, the whole ladder, an acknowledgement and a closure', async () => {
    // Saved from the code of commit dab174a (one 300-line workflow function over one state class); never regenerate it.
    const saved = JSON.parse(readFileSync(`${__dirname}/../histories/incident-workflow-before-split.json`, 'utf8')) as object;
    const history = temporal.api.history.v1.History.fromObject(saved);
    expect(history.events.length).toBeGreaterThan(50);
    await expect(Worker.runReplayHistory({ workflowBundle: server.bundle }, history)).resolves.toBeUndefined();
  });
});

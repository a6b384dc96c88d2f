import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import type { Activities } from '../../src/activities';
import type { OpenIncidentRequest } from '../../src/domain/incident';
import type { WorkingHours } from '../../src/domain/working-hours';
import type { IncidentContext } from '../../src/workflows/incident-state';
import { incidentWorkflow } from '../../src/workflows/incident-workflow';
import { incidentStateQuery, openIncidentUpdate, writeUpdates } from '../../src/workflows/messages';
import { fakeActivities } from '../helpers/fake-activities';
import { completionWithin, runWorkers, stateWhen, useTimeSkippingServer } from '../helpers/time-skipping';

const server = useTimeSkippingServer();

const HOUR = 3_600_000;
const actor = { keyId: randomUUID(), name: 'Dana DPO', role: 'dpo' };
// Who a PagerDuty acknowledgement is recorded as (acknowledgement-callbacks.ts): no key, the recipient's name.
const pagerDutyActor = { keyId: null, name: 'Dana Privacy (PagerDuty)', role: 'recipient' };

const started: string[] = [];

/**
 * Runs `fn` with a fresh worker, then closes every incident it opened while the worker still runs, and
 * waits for the workflows to finish their deliveries and complete: a workflow or activity left behind on
 * the shared test server stops time skipping for the next test (terminating one mid-activity does too).
 */
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
async function openIncident(taskQueue: string, awareAgoMs = 0) {
  const incidentId = randomUUID();
  const handle = await server.env.client.workflow.start(incidentWorkflow, { taskQueue, workflowId: `incident-${incidentId}`, args: [{ incidentId, searchAttributes: false }] });
  started.push(handle.workflowId);
  const awareAt = new Date((await server.env.currentTimeMs()) - awareAgoMs).toISOString();
  const request: OpenIncidentRequest = { incident: { title: 'Exfiltration from the CRM', detectedAt: awareAt, awareAt }, actor };
  await handle.executeUpdate(openIncidentUpdate, { args: [request] });
  return { handle, awareAtMs: Date.parse(awareAt) };
}

describe('the GDPR Art. 33 escalation ladder', () => {
  it('fires every rung at its offset and not before: owner 24 h, DPO 48 h, DPO + legal 60 h, DPO + leadership 68 h, overdue 72 h, then every 12 h', async () => {
    const fakes = fakeActivities();
    await withWorker(fakes.activities, async (taskQueue) => {
      const { handle, awareAtMs } = await openIncident(taskQueue);
      const rungs = () => fakes.eventsOf('deadline-escalated').map((e) => e.escalation);
      const expected: [number, string, string[]][] = [
        [24, 'reminder-1', ['owner']],
        [48, 'reminder-2', ['dpo']],
        [60, 'reminder-3', ['dpo', 'legal']],
        [68, 'reminder-4', ['dpo', 'leadership']],
        [72, 'overdue', ['dpo', 'leadership']],
        [84, 'overdue-repeat-1', ['dpo', 'leadership']],
        [96, 'overdue-repeat-2', ['dpo', 'leadership']],
      ];
      let elapsed = 0;
      for (const [hours, rung, recipients] of expected) {
        const fired = rungs().length;
        // One minute before the rung: nothing new has fired.
        await server.env.sleep(hours * HOUR - 60_000 - elapsed);
        expect({ at: `${hours}h-1min`, fired: rungs().length }).toEqual({ at: `${hours}h-1min`, fired });
        await server.env.sleep(60_000);
        elapsed = hours * HOUR;
        const event = await fakes.waitForEvent((e) => e.event.type === 'deadline-escalated' && e.event.escalation.rung === rung);
        const escalation = (event.event as { escalation: { raisedAt: string; recipients: string[] } }).escalation;
        expect({ rung, recipients: escalation.recipients }).toEqual({ rung, recipients });
        expect(Date.parse(escalation.raisedAt) - (awareAtMs + hours * HOUR)).toBeGreaterThanOrEqual(0);
        expect(Date.parse(escalation.raisedAt) - (awareAtMs + hours * HOUR)).toBeLessThan(60_000);
      }
      const state = await stateWhen(handle, (st) => st.deadlines[0]!.status === 'overdue');
      expect(state.deadlines[0]!.status).toBe('overdue');
      // Each step is planned and delivered once.
      expect(fakes.calls.deliveries.map((d) => d.deliveryId).sort()).toEqual(rungs().map((e) => `delivery-of-${e.id}`).sort());
    });
  });

  it('stops repeating the overdue notice once its recipient acknowledges it', async () => {
    const fakes = fakeActivities();
    await withWorker(fakes.activities, async (taskQueue) => {
      const { handle } = await openIncident(taskQueue);
      await server.env.sleep(72 * HOUR + 60_000);
      const overdue = (await fakes.waitForEvent((e) => e.event.type === 'deadline-escalated' && e.event.escalation.rung === 'overdue')).event as { escalation: { id: string } };
      await stateWhen(handle, (st) => st.escalations.some((e) => e.id === overdue.escalation.id));
      const acked = await handle.executeUpdate(writeUpdates.acknowledgeEscalation, { args: [{ input: { escalationId: overdue.escalation.id, acknowledgedBy: 'Dana DPO' }, actor }] });
      expect(acked.state.escalations.find((e) => e.id === overdue.escalation.id)).toMatchObject({ acknowledgedBy: 'Dana DPO' });
      await server.env.sleep(48 * HOUR);
      const repeats = fakes.eventsOf('deadline-escalated').filter((e) => e.escalation.kind === 'overdue-repeat');
      expect(repeats).toEqual([]);
      // The clock itself is still overdue: acknowledging is not meeting it.
      expect((await handle.query(incidentStateQuery)).deadlines[0]!.status).toBe('overdue');
    });
  });

  it('stops the whole ladder when the authority notice is recorded, and resolves the pages its steps opened', async () => {
    const fakes = fakeActivities();
    await withWorker(fakes.activities, async (taskQueue) => {
      const { handle } = await openIncident(taskQueue);
      await server.env.sleep(30 * HOUR);
      expect(fakes.eventsOf('deadline-escalated').map((e) => e.escalation.rung)).toEqual(['reminder-1']);
      const submittedAt = new Date(await server.env.currentTimeMs()).toISOString();
      const res = await handle.executeUpdate(writeUpdates.recordAuthorityNotice, { args: [{ input: { authority: 'CNIL', submittedAt, phase: 'initial' }, actor }] });
      expect(res.state.deadlines[0]).toMatchObject({ status: 'met', metAt: submittedAt.replace(/\.\d{3}Z$/, (m) => (m === '.000Z' ? 'Z' : m)) });
      await server.env.sleep(200 * HOUR);
      expect(fakes.eventsOf('deadline-escalated').map((e) => e.escalation.rung)).toEqual(['reminder-1']);
      // The met clock's one step is resolved at PagerDuty (by its dedup_key), once.
      expect(fakes.calls.resolved).toEqual([fakes.eventsOf('deadline-escalated').map((e) => e.escalation.id)]);
    });
  });

  it('makes the clock overdue at once when awareness is moved earlier, firing the missed rungs in order', async () => {
    const fakes = fakeActivities();
    await withWorker(fakes.activities, async (taskQueue) => {
      const { handle, awareAtMs } = await openIncident(taskQueue);
      await server.env.sleep(HOUR);
      expect(fakes.eventsOf('deadline-escalated')).toEqual([]);
      const earlier = new Date(awareAtMs - 80 * HOUR).toISOString();
      const moved = await handle.executeUpdate(writeUpdates.recordTrigger, {
        args: [{ input: { event: 'awareness', occurredAt: earlier, reason: 'The processor had told us 80 hours earlier' }, actor }],
      });
      expect(moved.state.deadlines[0]).toMatchObject({ startsAt: earlier.replace('.000Z', 'Z'), dueAt: new Date(awareAtMs - 8 * HOUR).toISOString().replace('.000Z', 'Z') });
      await fakes.waitForEvent((e) => e.event.type === 'deadline-escalated' && e.event.escalation.rung === 'overdue');
      expect((await stateWhen(handle, (st) => st.deadlines[0]!.status === 'overdue')).deadlines[0]!.status).toBe('overdue');
      expect(fakes.eventsOf('deadline-escalated').map((e) => e.escalation.rung)).toEqual(['reminder-1', 'reminder-2', 'reminder-3', 'reminder-4', 'overdue']);
      // The moved clock is persisted with the trigger event.
      const trigger = fakes.calls.events.find((e) => e.event.type === 'trigger-recorded')!;
      expect(trigger.event.clocks).toEqual([expect.objectContaining({ regime: 'GDPR', startsAt: earlier.replace('.000Z', 'Z') })]);
    });
  });

  it('carries GDPR and NIS2 clocks at once for an EU NIS2 entity: the 24 h early warning and both 72 h clocks fire', async () => {
    const context: IncidentContext = { organisation: { establishment: ['DE'], sectorFlags: ['nis2-entity'], actingAs: 'controller' }, policies: {} };
    const fakes = fakeActivities({ context });
    await withWorker(fakes.activities, async (taskQueue) => {
      const { handle, awareAtMs } = await openIncident(taskQueue);
      const clocks = (await handle.query(incidentStateQuery)).deadlines.filter((d) => d.status === 'pending');
      const due = Object.fromEntries(clocks.map((d) => [`${d.regime}/${d.obligation}`, (Date.parse(d.dueAt!) - awareAtMs) / HOUR]));
      expect(due).toMatchObject({ 'GDPR/notify-supervisory-authority': 72, 'NIS2/early-warning': 24, 'NIS2/incident-notification': 72 });

      await server.env.sleep(24 * HOUR + 60_000);
      await fakes.waitForEvent((e) => e.event.type === 'deadline-escalated' && e.event.escalation.regime === 'NIS2' && e.event.escalation.obligation === 'early-warning' && e.event.escalation.rung === 'overdue');
      await server.env.sleep(48 * HOUR);
      for (const key of ['GDPR/notify-supervisory-authority', 'NIS2/incident-notification']) {
        await fakes.waitForEvent((e) => e.event.type === 'deadline-escalated' && `${e.event.escalation.regime}/${e.event.escalation.obligation}` === key && e.event.escalation.rung === 'overdue');
      }
      const state = await stateWhen(handle, (st) => st.deadlines.filter((d) => d.status === 'overdue').length >= 3);
      expect(Object.fromEntries(state.deadlines.filter((d) => d.regime !== 'NIS2' || d.obligation !== 'final-report').map((d) => [`${d.regime}/${d.obligation}`, d.status]))).toMatchObject({
        'GDPR/notify-supervisory-authority': 'overdue',
        'NIS2/early-warning': 'overdue',
        'NIS2/incident-notification': 'overdue',
      });
    });
  });

  it('starts a chained clock when the obligation it follows is met: the NIS2 final report one month after the notification', async () => {
    const context: IncidentContext = { organisation: { establishment: ['DE'], sectorFlags: ['nis2-entity'], actingAs: 'controller' }, policies: {} };
    const fakes = fakeActivities({ context });
    await withWorker(fakes.activities, async (taskQueue) => {
      const { handle } = await openIncident(taskQueue);
      const before = await handle.query(incidentStateQuery);
      const final = () => before.deadlines.find((d) => d.regime === 'NIS2' && d.obligation === 'final-report');
      expect(final()).toMatchObject({ status: 'awaiting-trigger', startsAt: null, dueAt: null });
      const metAt = new Date(await server.env.currentTimeMs()).toISOString();
      const res = await handle.executeUpdate(writeUpdates.meetObligation, { args: [{ input: { regime: 'NIS2', obligation: 'incident-notification', metAt }, actor }] });
      const chained = res.state.deadlines.find((d) => d.regime === 'NIS2' && d.obligation === 'final-report')!;
      expect(chained.status).toBe('pending');
      expect(Date.parse(chained.startsAt!)).toBe(Date.parse(metAt));
      expect(Date.parse(chained.dueAt!) - Date.parse(metAt)).toBeGreaterThan(27 * 24 * HOUR);
    });
  });
});

describe('working hours', () => {
  // The recipient works Monday to Friday, 09:00–17:00 in Berlin.
  const BERLIN_OFFICE: WorkingHours = { zone: 'Europe/Berlin', days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' };
  const berlin = (ms: number) => DateTime.fromMillis(ms, { zone: 'Europe/Berlin' });

  /** Skips the test server's clock to the next `weekday` (1 Monday … 7 Sunday) at 22:00 in Berlin; returns that instant. */
  async function skipToBerlinNight(weekday: number): Promise<number> {
    const nowMs = await server.env.currentTimeMs();
    let night = berlin(nowMs).set({ hour: 22, minute: 0, second: 0, millisecond: 0 });
    while (night.weekday !== weekday || night.toMillis() <= nowMs) night = night.plus({ days: 1 });
    await server.env.sleep(night.toMillis() - nowMs);
    return night.toMillis();
  }

  const sentAt = (fakes: ReturnType<typeof fakeActivities>, escalationId: string) => fakes.calls.deliveries.find((d) => d.deliveryId === `delivery-of-${escalationId}`)?.atMs;

  it("holds a reminder due on Saturday night in the recipient's zone until Monday 09:00 there; a rung that does not wait goes at once", async () => {
    const fakes = fakeActivities({ workingHours: BERLIN_OFFICE });
    await withWorker(fakes.activities, async (taskQueue) => {
      // Aware on Friday 22:00 in Berlin: reminder-1 (waits) falls on Saturday 22:00, reminder-2 (at once) on Sunday 22:00.
      const fridayNight = await skipToBerlinNight(5);
      await openIncident(taskQueue);
      const reminder = async (rung: string) =>
        ((await fakes.waitForEvent((e) => e.event.type === 'deadline-escalated' && e.event.escalation.rung === rung)).event as { escalation: { id: string; raisedAt: string } }).escalation;

      await server.env.sleep(24 * HOUR + 60_000);
      const first = await reminder('reminder-1');
      expect(berlin(Date.parse(first.raisedAt)).toFormat('ccc HH:mm')).toBe('Sat 22:00');
      const mondayMorning = berlin(fridayNight).plus({ days: 3 }).set({ hour: 9, minute: 0 }).toMillis();
      // One minute before Monday 09:00: raised long ago, not sent.
      await server.env.sleep(mondayMorning - 60_000 - (await server.env.currentTimeMs()));
      expect(sentAt(fakes, first.id)).toBeUndefined();
      const second = await reminder('reminder-2');
      expect(sentAt(fakes, second.id)! - Date.parse(second.raisedAt)).toBeLessThan(60_000);

      await server.env.sleep(2 * 60_000);
      const sent = await waitFor(() => sentAt(fakes, first.id));
      expect(berlin(sent).toFormat('ccc HH:mm')).toBe('Mon 09:00');
      expect(sent - mondayMorning).toBeLessThan(60_000);
    });
  });

  it('withdraws a waiting reminder whose clock was met before Monday: nothing is sent', async () => {
    const fakes = fakeActivities({ workingHours: BERLIN_OFFICE });
    await withWorker(fakes.activities, async (taskQueue) => {
      await skipToBerlinNight(5);
      const { handle } = await openIncident(taskQueue);
      await server.env.sleep(24 * HOUR + 60_000);
      const first = ((await fakes.waitForEvent((e) => e.event.type === 'deadline-escalated' && e.event.escalation.rung === 'reminder-1')).event as { escalation: { id: string } }).escalation;
      // Sunday morning: the authority is notified.
      await server.env.sleep(10 * HOUR);
      const submittedAt = new Date(await server.env.currentTimeMs()).toISOString();
      await handle.executeUpdate(writeUpdates.recordAuthorityNotice, { args: [{ input: { authority: 'BfDI', submittedAt, phase: 'initial' }, actor }] });
      await server.env.sleep(48 * HOUR);
      const withdrawn = await waitFor(() => fakes.calls.withdrawn.find((w) => w.deliveryId === `delivery-of-${first.id}`));
      expect(withdrawn.reason).toMatch(/clock met or waived/);
      expect(sentAt(fakes, first.id)).toBeUndefined();
    });
  });

  it("sends an overdue notice on Saturday night at once, whatever the recipient's hours", async () => {
    const fakes = fakeActivities({ workingHours: BERLIN_OFFICE });
    await withWorker(fakes.activities, async (taskQueue) => {
      // Aware on Wednesday 22:00 in Berlin: the GDPR clock falls due on Saturday 22:00.
      await skipToBerlinNight(3);
      await openIncident(taskQueue);
      await server.env.sleep(72 * HOUR + 60_000);
      const overdue = ((await fakes.waitForEvent((e) => e.event.type === 'deadline-escalated' && e.event.escalation.rung === 'overdue')).event as { escalation: { id: string; raisedAt: string } }).escalation;
      expect(berlin(Date.parse(overdue.raisedAt)).toFormat('ccc HH:mm')).toBe('Sat 22:00');
      const sent = await waitFor(() => sentAt(fakes, overdue.id));
      expect(sent - Date.parse(overdue.raisedAt)).toBeLessThan(60_000);
      // Its first reminder (Thursday 22:00) had waited for Friday 09:00.
      const first = fakes.eventsOf('deadline-escalated').find((e) => e.escalation.rung === 'reminder-1')!.escalation;
      expect(berlin(sentAt(fakes, first.id)!).toFormat('ccc HH:mm')).toBe('Fri 09:00');
    });
  });
});

/** Polls `read` until it gives a value (an activity's record lands a moment after the workflow schedules it). */
async function waitFor<T>(read: () => T | undefined, timeoutMs = 10_000): Promise<T> {
  const giveUpAt = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (value !== undefined) return value;
    if (Date.now() > giveUpAt) throw new Error('never recorded');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('acknowledging an escalation through a channel', () => {
  it('stops the overdue repeats once PagerDuty acknowledges, and persists the acknowledgement with via pagerduty', async () => {
    const fakes = fakeActivities();
    await withWorker(fakes.activities, async (taskQueue) => {
      // Awareness 73 h ago: the GDPR Art. 33(1) 72-hour clock is overdue from the start.
      const { handle } = await openIncident(taskQueue, 73 * HOUR);
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
      const { handle } = await openIncident(taskQueue, 73 * HOUR);
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

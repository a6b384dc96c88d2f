import { randomUUID } from 'node:crypto';
import { awareAtDueIn, bounded, forReference, startChaosStackWithDpo, waitFor, waitUntilSettled, writeUntilAnswered, type ChaosStack, type WebhookReceiver } from './chaos-stack';

// The GDPR clocks of the first two incidents fall due this long after they open: some 30 s after the restart.
const DUE_IN_MS = 55_000;
// How long the API waits for Temporal before it answers 503 (TEMPORAL_RPC_TIMEOUT_MS, left at its default).
const RPC_TIMEOUT_MS = 10_000;
let stack: ChaosStack;
let receiver: WebhookReceiver;

beforeAll(async () => {
  ({ stack, receiver } = await startChaosStackWithDpo('temporal-restart'));
}, 120_000);

afterAll(async () => {
  await stack?.stop();
  await receiver?.stop();
});

interface Opened {
  id: string;
  reference: string;
  workflowId: string;
}

describe('Temporal dev server restarted on its SQLite file', () => {
  it('keeps open incidents writable and their pending deadlines firing once, and loses no acknowledged write', async () => {
    const { keys, pool, sink } = stack;
    const open = async (title: string, awareAt: string): Promise<Opened> => {
      const { final } = await writeUntilAnswered(stack, '/v1/incidents', { key: keys.responder, json: { title, detectedAt: awareAt, awareAt } });
      expect(final.status).toBe(201);
      return final.body as Opened;
    };
    const dueAt = Date.now() + DUE_IN_MS;
    const [dueA, dueB] = await Promise.all([open('Payroll file sent to the wrong supplier', awareAtDueIn(DUE_IN_MS)), open('Ransomware on the HR file share', awareAtDueIn(DUE_IN_MS))]);
    const quiet = await open('Phishing mailbox compromise', new Date(Date.now() - 3_600_000).toISOString());
    const incidents = [dueA, dueB, quiet];

    const acknowledged = new Map<string, string[]>(incidents.map((i) => [i.id, []]));
    const recordFinding = async (incident: Opened, summary: string) => {
      const { final } = await writeUntilAnswered(stack, `/v1/incidents/${incident.id}/findings`, { key: keys.responder, json: { summary } });
      expect(final.status).toBe(201);
      acknowledged.get(incident.id)!.push(final.body.id as string);
    };
    await Promise.all(incidents.map((i) => recordFinding(i, `Before the restart: ${i.reference}`)));
    for (const incident of incidents) {
      const read = await bounded(stack, 'GET', `/v1/incidents/${incident.id}`, { key: keys.viewer });
      expect({ deadlines: read.response?.body.deadlines.map((d: { status: string }) => d.status), escalations: read.response?.body.escalations }).toEqual({ deadlines: ['pending'], escalations: [] });
    }

    await stack.stopTemporal();
    // While Temporal is down: writes and live reads answer 503 with Retry-After at the API's RPC timeout, not
    // later; PostgreSQL-only reads and the liveness check answer. Twice, as a client retrying would.
    const refusedSummaries: string[] = [];
    for (let round = 0; round < 2; round += 1) {
      const summary = `While Temporal was down: ${randomUUID()}`;
      refusedSummaries.push(summary);
      const during = await Promise.all([
        bounded(stack, 'POST', `/v1/incidents/${dueA.id}/findings`, { key: keys.responder, json: { summary } }),
        bounded(stack, 'GET', `/v1/incidents/${dueA.id}`, { key: keys.viewer }),
        bounded(stack, 'GET', '/v1/incidents?limit=10', { key: keys.viewer }),
        bounded(stack, 'GET', '/healthz'),
      ]);
      expect(during.map((r) => [r.timedOut, r.response?.status, r.response?.headers.get('retry-after') ?? null, r.ms < RPC_TIMEOUT_MS + 2_000])).toEqual([
        [false, 503, '5', true],
        [false, 503, '5', true],
        [false, 200, null, true],
        [false, 200, null, true],
      ]);
    }
    await stack.startTemporal();
    // The timers were pending through the restart: the deadlines fall due on the restarted server.
    expect(dueAt - Date.now()).toBeGreaterThan(15_000);

    // After the restart: every incident takes writes again (a first attempt may meet the worker still reconnecting).
    await Promise.all(incidents.map((i) => recordFinding(i, `After the restart: ${i.reference}`)));

    // The deadlines fall due on the restarted server: overdue, escalated once, each delivery sent once.
    const deliveries = await waitFor(
      'both overdue escalations delivered by email and webhook',
      async () => (await pool.query<{ incident_id: string; channel: string; status: string }>('SELECT incident_id, channel, status FROM escalation_deliveries ORDER BY incident_id, channel')).rows,
      (rows) => rows.length === 4 && rows.every((d) => d.status === 'sent'),
      DUE_IN_MS + 60_000,
    );
    expect(Date.now()).toBeGreaterThanOrEqual(dueAt);
    expect(new Set(deliveries.map((d) => d.incident_id))).toEqual(new Set([dueA.id, dueB.id]));
    await waitUntilSettled(stack, incidents.map((i) => i.workflowId));

    for (const incident of [dueA, dueB]) {
      const read = await bounded(stack, 'GET', `/v1/incidents/${incident.id}`, { key: keys.viewer });
      expect(read.response?.body.deadlines).toEqual([expect.objectContaining({ regime: 'GDPR', status: 'overdue' })]);
      expect(read.response?.body.escalations.map((e: { rung: string }) => e.rung)).toEqual(['overdue']);
      expect(sink.messages().filter(forReference(incident.reference))).toHaveLength(1);
      expect(receiver.processed().filter((w) => w.payload.data.reference === incident.reference)).toHaveLength(1);
    }
    const quietRead = await bounded(stack, 'GET', `/v1/incidents/${quiet.id}`, { key: keys.viewer });
    expect({ deadlines: quietRead.response?.body.deadlines.map((d: { status: string }) => d.status), escalations: quietRead.response?.body.escalations }).toEqual({ deadlines: ['pending'], escalations: [] });
    expect({ mails: sink.messages().length, webhookRequests: receiver.requests(), refused: receiver.refused() }).toEqual({ mails: 2, webhookRequests: 2, refused: 0 });

    // Nothing lost, nothing doubled: exactly the acknowledged findings, none of those refused during the outage.
    for (const incident of incidents) {
      const { rows } = await pool.query<{ id: string; summary: string }>('SELECT id, summary FROM findings WHERE incident_id = $1::uuid ORDER BY id', [incident.id]);
      expect(rows.map((r) => r.id)).toEqual([...acknowledged.get(incident.id)!].sort());
      expect(rows.map((r) => r.summary).filter((summary) => refusedSummaries.includes(summary))).toEqual([]);
      const verify = await bounded(stack, 'GET', `/v1/incidents/${incident.id}/audit/verify`, { key: keys.viewer });
      expect(verify.response?.body).toMatchObject({ valid: true, firstBroken: null });
    }
    // The worker that ran before the restart is still the one running: it reconnected rather than crashed.
    const processes = await stack.processes();
    expect([processes.worker.exitCode, processes.worker.signalCode, processes.api.exitCode, processes.api.signalCode]).toEqual([null, null, null, null]);
  }, 180_000);
});

import { randomUUID } from 'node:crypto';
import { awareAtDueIn, bounded, forReference, startChaosStackWithDpo, waitFor, waitUntilSettled, writeUntilAnswered, type Bounded, type ChaosStack, type WebhookReceiver } from './chaos-stack';

// Longer than the API's Temporal RPC timeout (10 s): writes in flight when PostgreSQL stops are answered during the outage.
const OUTAGE_MS = 12_000;
// The escalating incident is opened just before PostgreSQL stops; its deadline falls due this long after, in the outage.
const DUE_AFTER_STOP_MS = 4_000;
const LOOP_PAUSE_MS = 250;
let stack: ChaosStack;
let receiver: WebhookReceiver;
// What a failed test leaves running (request loops, a held client) is stopped before the stack.
const cleanups: (() => unknown)[] = [];

beforeAll(async () => {
  ({ stack, receiver } = await startChaosStackWithDpo('postgres-outage'));
}, 120_000);

afterAll(async () => {
  for (const cleanup of cleanups) await cleanup();
  await stack?.stop();
  await receiver?.stop();
});

interface Opened {
  id: string;
  reference: string;
  workflowId: string;
}

/** One request sent while the outage was under way, or around it. */
interface Sent {
  label: string;
  startedAt: number;
  answer: Bounded;
}

/** One finding sent with its own Idempotency-Key, and every answer it got. */
interface FindingWrite {
  incidentId: string;
  summary: string;
  idempotencyKey: string;
  sent: Sent[];
}

describe('PostgreSQL stopped while requests and escalations flow', () => {
  it('answers 503 with Retry-After and never hangs or crashes; afterwards nothing acknowledged is lost, nothing is doubled, and the deadline is delivered once', async () => {
    const { keys, pool, sink } = stack;
    const open = async (title: string, awareAt: string): Promise<Opened> => {
      const { final } = await writeUntilAnswered(stack, '/v1/incidents', { key: keys.responder, json: { title, detectedAt: awareAt, awareAt } });
      expect(final.status).toBe(201);
      return final.body as Opened;
    };
    const hourAgo = new Date(Date.now() - 3_600_000).toISOString();
    const inFlight = await open('Misdirected payroll export', hourAgo);
    const looped = await open('Credential stuffing on the customer portal', hourAgo);

    const writes: FindingWrite[] = [];
    const sendFinding = async (write: FindingWrite): Promise<Bounded> => {
      const startedAt = Date.now();
      const answer = await bounded(stack, 'POST', `/v1/incidents/${write.incidentId}/findings`, {
        key: keys.responder,
        json: { summary: write.summary },
        headers: { 'idempotency-key': write.idempotencyKey },
      });
      write.sent.push({ label: 'POST findings', startedAt, answer });
      return answer;
    };
    const newFinding = (incidentId: string, summary: string): FindingWrite => {
      const write = { incidentId, summary, idempotencyKey: randomUUID(), sent: [] };
      writes.push(write);
      return write;
    };

    for (const incident of [inFlight, looped]) {
      const answer = await sendFinding(newFinding(incident.id, `Before the outage: ${incident.reference}`));
      expect(answer.response?.status).toBe(201);
    }

    // Two writes in flight when PostgreSQL stops: the test holds the incident's audit lock, so the worker's
    // persisting transaction waits on it; the outage then cuts both connections.
    const holder = await pool.connect();
    holder.on('error', () => undefined);
    cleanups.push(() => holder.release(true));
    await holder.query('BEGIN');
    await holder.query(`SELECT pg_advisory_xact_lock(hashtext('audit:' || $1::text))`, [inFlight.id]);
    const inFlightWrites = [newFinding(inFlight.id, 'In flight at the stop: 1'), newFinding(inFlight.id, 'In flight at the stop: 2')];
    const inFlightAnswers = Promise.all(inFlightWrites.map(sendFinding));
    await waitFor(
      'the worker to wait on the audit lock',
      async () => (await pool.query<{ n: string }>(`SELECT count(*) AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND wait_event = 'advisory'`)).rows[0]!.n,
      (n) => n === '1',
      30_000,
    );

    const dueAtIso = awareAtDueIn(DUE_AFTER_STOP_MS);
    const escalating = await open('Lost backup tape', dueAtIso);
    const dueAt = Date.parse(dueAtIso) + 72 * 3_600_000;

    // Traffic through the outage: a loop of findings, and a loop of reads (PostgreSQL, Temporal, neither).
    let looping = true;
    const reads: Sent[] = [];
    const loops: Promise<void>[] = [];
    cleanups.push(() => {
      looping = false;
      return Promise.all(loops);
    });
    loops.push((async () => {
      for (let n = 1; looping; n += 1) {
        await sendFinding(newFinding(looped.id, `Loop write ${n}`));
        await new Promise((resolve) => setTimeout(resolve, LOOP_PAUSE_MS));
      }
    })());
    loops.push((async () => {
      const paths = [`/v1/incidents/${looped.id}`, '/v1/incidents?limit=5', `/v1/incidents/${escalating.id}/escalations`, '/readyz', '/healthz'];
      for (let n = 0; looping; n += 1) {
        const path = paths[n % paths.length]!;
        const startedAt = Date.now();
        reads.push({ label: `GET ${path}`, startedAt, answer: await bounded(stack, 'GET', path, { key: keys.viewer }) });
        await new Promise((resolve) => setTimeout(resolve, LOOP_PAUSE_MS));
      }
    })());

    await stack.stopPostgres();
    const down = Date.now();
    await new Promise((resolve) => setTimeout(resolve, OUTAGE_MS));
    const restarting = Date.now();
    expect(processesAlive(await stack.processes())).toEqual({ worker: true, api: true });
    await stack.startPostgres();
    const up = Date.now();
    expect(dueAt).toBeGreaterThan(down);
    expect(dueAt).toBeLessThan(restarting);

    // The loops run on until each has had a success after the restart.
    const writeAnsweredAfter = (t: number) => writes.some((w) => w.sent.some((s) => s.startedAt > t && s.answer.response && s.answer.response.status < 300));
    const readAnsweredAfter = (t: number) => reads.some((s) => s.startedAt > t && s.answer.response?.status === 200 && s.label.startsWith(`GET /v1/incidents/${looped.id}`));
    await waitFor('the loops to succeed again after the restart', async () => writeAnsweredAfter(up) && readAnsweredAfter(up), (ok) => ok, 60_000);
    looping = false;
    await Promise.all(loops);
    await inFlightAnswers;

    // No request hung; every answer was a success or a 503 problem with Retry-After.
    const everything = [...reads, ...writes.flatMap((w) => w.sent)];
    expect(everything.filter((s) => s.answer.timedOut).map((s) => s.label)).toEqual([]);
    const shapes = new Set(everything.filter((s) => s.label !== 'GET /readyz').map((s) => answerShape(s.answer)));
    for (const shape of shapes) expect(['2xx', '503 problem retry-after=5']).toContain(shape);
    // While PostgreSQL was down (requests sent and answered entirely within the outage), each endpoint said so.
    const withinOutage = everything.filter((s) => s.startedAt > down && s.startedAt + s.answer.ms < restarting);
    const byLabel = (label: string) => [...new Set(withinOutage.filter((s) => s.label === label).map((s) => answerShape(s.answer)))];
    expect(byLabel('GET /healthz')).toEqual(['2xx']);
    expect(byLabel('GET /readyz')).toEqual(['503 application/json; charset=utf-8 retry-after=5']);
    for (const label of ['POST findings', `GET /v1/incidents/${looped.id}`, 'GET /v1/incidents?limit=5', `GET /v1/incidents/${escalating.id}/escalations`]) {
      expect({ label, shapes: byLabel(label) }).toEqual({ label, shapes: ['503 problem retry-after=5'] });
    }
    expect(withinOutage.filter((s) => s.label === 'POST findings').length).toBeGreaterThanOrEqual(10);
    expect(withinOutage.filter((s) => s.label.startsWith('GET')).length).toBeGreaterThanOrEqual(10);
    const readyDuring = withinOutage.find((s) => s.label === 'GET /readyz')!;
    expect(readyDuring.answer.response?.body).toEqual({ status: 'unavailable', checks: { postgres: 'unavailable', temporal: 'ok' } });

    // The writes in flight at the stop were not answered 2xx: the update Temporal accepted waited on PostgreSQL.
    expect((await inFlightAnswers).map((a) => answerShape(a))).toEqual(['503 problem retry-after=5', '503 problem retry-after=5']);

    // Settled: the deadline that fell due during the outage escalated once, and each delivery was sent once.
    const deliveries = await waitFor(
      'the overdue escalation delivered by email and webhook',
      async () => (await pool.query<{ channel: string; status: string }>('SELECT channel, status FROM escalation_deliveries WHERE incident_id = $1::uuid ORDER BY channel', [escalating.id])).rows,
      (rows) => rows.length === 2 && rows.every((d) => d.status === 'sent'),
      90_000,
    );
    expect(deliveries.map((d) => d.channel)).toEqual(['email', 'webhook']);
    await waitUntilSettled(stack, [inFlight.workflowId, looped.workflowId, escalating.workflowId]);
    expect(sink.messages().filter(forReference(escalating.reference))).toHaveLength(1);
    expect(receiver.processed().filter((w) => w.payload.data.reference === escalating.reference)).toHaveLength(1);
    expect({ mails: sink.messages().length, webhookRequests: receiver.requests(), refused: receiver.refused() }).toEqual({ mails: 1, webhookRequests: 1, refused: 0 });
    const escalated = await bounded(stack, 'GET', `/v1/incidents/${escalating.id}`, { key: keys.viewer });
    expect(escalated.response?.body.deadlines).toEqual([expect.objectContaining({ regime: 'GDPR', status: 'overdue' })]);
    expect(escalated.response?.body.escalations.map((e: { rung: string }) => e.rung)).toEqual(['overdue']);

    // A 2xx is persisted, with the id it returned. A 503 sent once PostgreSQL was down changed nothing. The two in
    // flight at the stop were answered 503 too, but Temporal had accepted them: they were applied, once, on restart.
    const findings = async () =>
      (await pool.query<{ id: string; incident_id: string; summary: string }>('SELECT id, incident_id, summary FROM findings WHERE incident_id = ANY($1::uuid[])', [[inFlight.id, looped.id]])).rows;
    const stored = await findings();
    for (const write of writes) {
      const rows = stored.filter((f) => f.summary === write.summary);
      const acknowledged = write.sent.find((s) => s.answer.response && s.answer.response.status < 300);
      if (acknowledged) expect({ summary: write.summary, ids: rows.map((r) => r.id) }).toEqual({ summary: write.summary, ids: [acknowledged.answer.response!.body.id] });
      else if (write.sent[0]!.startedAt > down) expect({ summary: write.summary, rows }).toEqual({ summary: write.summary, rows: [] });
    }
    expect(inFlightWrites.map((w) => stored.filter((f) => f.summary === w.summary).length)).toEqual([1, 1]);

    // A client retries each 503 with the same Idempotency-Key: it gets the write's outcome, applied exactly once.
    // (The in-flight ones' keys were claimed when PostgreSQL went down: the API releases them once it is back.)
    for (const write of writes.filter((w) => !w.sent.some((s) => s.answer.response && s.answer.response.status < 300))) {
      const { final } = await writeUntilAnswered(stack, `/v1/incidents/${write.incidentId}/findings`, { key: keys.responder, json: { summary: write.summary }, idempotencyKey: write.idempotencyKey, timeoutMs: 30_000 });
      expect({ summary: write.summary, status: final.status }).toEqual({ summary: write.summary, status: 201 });
      write.sent.push({ label: 'POST findings (retry)', startedAt: Date.now(), answer: { ms: 0, timedOut: false, response: final } });
    }
    const finalRows = await findings();
    expect(finalRows.map((f) => f.summary).sort()).toEqual(writes.map((w) => w.summary).sort());
    const acknowledgedIds = writes.map((w) => [...w.sent].reverse().find((s) => s.answer.response && s.answer.response.status < 300)!.answer.response!.body.id as string);
    expect(finalRows.map((f) => f.id).sort()).toEqual(acknowledgedIds.sort());

    for (const incident of [inFlight, looped, escalating]) {
      const verify = await bounded(stack, 'GET', `/v1/incidents/${incident.id}/audit/verify`, { key: keys.viewer });
      expect(verify.response?.body).toMatchObject({ valid: true, firstBroken: null });
    }
    expect(processesAlive(await stack.processes())).toEqual({ worker: true, api: true });
  }, 240_000);
});

/** What kind of answer it was: a success, or a 503 problem and its Retry-After; anything else in full. */
function answerShape(answer: Bounded): string {
  if (answer.timedOut) return 'timeout';
  const { status, headers } = answer.response;
  if (status >= 200 && status < 300) return '2xx';
  const problem = (headers.get('content-type') ?? '').includes('application/problem+json') ? 'problem' : (headers.get('content-type') ?? 'no content type');
  return `${status} ${problem} retry-after=${headers.get('retry-after')}`;
}

function processesAlive(processes: Awaited<ReturnType<ChaosStack['processes']>>): { worker: boolean; api: boolean } {
  const alive = (p: { exitCode: number | null; signalCode: string | null }) => p.exitCode === null && p.signalCode === null;
  return { worker: alive(processes.worker), api: alive(processes.api) };
}

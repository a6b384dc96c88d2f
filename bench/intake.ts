// Write load: `POST /v1/incidents` and signed `POST /v1/intake/{sourceId}` at a fixed arrival rate, then the
// closed-loop ceiling of intake beside the rate at which the same Temporal server merely starts workflows.
//
//   node --import tsx bench/intake.ts
//
// The fixed-rate phases are open loop: request i is due at start + i/rate whether or not earlier ones have
// answered, and its latency counts from when it was due, so a stall shows in the figures instead of
// silently slowing the sender (coordinated omission). Every phase runs on a fresh stack, waits (up to 10
// minutes) until the work it queued is done, and prints what its requests cost in CPU per process (Linux),
// how busy the rest of the machine was meanwhile, and the worker's memory after it.
//
// Environment (default):
//   BENCH_DURATION_S (30)       measured seconds of each phase
//   BENCH_WARMUP_S (5)          seconds before that, same load, not counted
//   BENCH_RATE (50)             requests per second of the fixed-rate phases
//   BENCH_CORRELATION_KEYS (5)  correlation keys the shared-key intake phase spreads its alerts over
//   BENCH_CONCURRENCY (32)      clients of the closed-loop phases
//   BENCH_SERIAL_REQUESTS (20)  requests per endpoint of the one-at-a-time phase
//   BENCH_PHASES (all)          comma-separated subset of: serial, incidents, intake, correlated, ceiling
//   BENCH_ECHO=1                print the stack's output
//   TEMPORAL_ADDRESS, DATABASE_URL, TEMPORAL_NAMESPACE  external servers instead of the embedded ones; use
//                               disposable ones: a run leaves thousands of incidents and open workflows.
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client, Connection } from '@temporalio/client';
import { temporal as proto } from '@temporalio/proto';
import pg from 'pg';
import { Webhook } from 'standardwebhooks';
import type { Stack } from '../src/stack/stack';
import { measureCpu, othersBusy, perRequest, rssMiB } from './proc-usage';
import { ACTIVITY_QUEUE_NAMES, activityTaskQueue } from '../src/workflows/task-queues';
import { describeMachine, distribution, figure, ms, runBenchmark, startBenchStack } from './support';

const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 30);
const WARMUP_S = Number(process.env.BENCH_WARMUP_S ?? 5);
const RATE = Number(process.env.BENCH_RATE ?? 50);
const CORRELATION_KEYS = Number(process.env.BENCH_CORRELATION_KEYS ?? 5);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const SERIAL_REQUESTS = Number(process.env.BENCH_SERIAL_REQUESTS ?? 20);
const PHASES = new Set((process.env.BENCH_PHASES ?? 'serial,incidents,intake,correlated,ceiling').split(','));
const P99_TARGET_MS = 50;
const CEILING_TARGET = 0.8;
const REQUEST_TIMEOUT_MS = 60_000;
const SETTLE_LIMIT_MS = 600_000;

/** What one request came to: whether it succeeded, its HTTP status ('network' when none arrived), its latency. */
interface Outcome {
  ok: boolean;
  status: string;
  latencyMs: number;
  doneAt: number;
  /** The response body, for phases that count what the answers say. */
  body?: unknown;
}

/** One request of a phase; it rejects only when no answer arrived. */
type Call = () => Promise<{ ok: boolean; status: string; body?: unknown }>;

/** An HTTP request as a Call: any 2xx succeeded; the body is read so the latency covers all of it. */
const http =
  (request: () => Promise<Response>): Call =>
  async () => {
    const res = await request();
    const body: unknown = res.headers.get('content-type')?.includes('json') ? await res.json() : await res.text();
    return { ok: res.ok, status: String(res.status), body };
  };

async function attempt(call: Call, since: number): Promise<Outcome> {
  const answer = await call().catch(() => ({ ok: false, status: 'network' }));
  const doneAt = performance.now();
  return { ...answer, latencyMs: doneAt - since, doneAt };
}

/**
 * Sends RATE requests a second through the warm-up and the measured duration; returns the measured ones and
 * the rate at which they succeeded.
 */
async function openLoop(call: (i: number) => Call): Promise<{ outcomes: Outcome[]; achieved: number; requests: number }> {
  const start = performance.now() + 100;
  const measuredFrom = start + WARMUP_S * 1000;
  const total = Math.round(RATE * (WARMUP_S + DURATION_S));
  const runs: Promise<Outcome | undefined>[] = [];
  for (let i = 0; i < total; i++) {
    const dueAt = start + (i * 1000) / RATE;
    const wait = dueAt - performance.now();
    if (wait > 0) await sleep(wait);
    runs.push(attempt(call(i), dueAt).then((o) => (dueAt >= measuredFrom ? o : undefined)));
  }
  const outcomes = (await Promise.all(runs)).filter((o) => o !== undefined);
  const lastAnswer = Math.max(...outcomes.map((o) => o.doneAt));
  // Over the measured window, or longer when the last answers came after it.
  const seconds = Math.max(DURATION_S * 1000, lastAnswer - measuredFrom) / 1000;
  return { outcomes, achieved: outcomes.filter((o) => o.ok).length / seconds, requests: total };
}

/** CONCURRENCY clients, each sending its next request once the last one answered; returns the answers that arrived in the measured window. */
async function closedLoop(call: Call): Promise<{ outcomes: Outcome[]; requests: number }> {
  const measuredFrom = performance.now() + WARMUP_S * 1000;
  const end = measuredFrom + DURATION_S * 1000;
  const outcomes: Outcome[] = [];
  let requests = 0;
  const client = async () => {
    while (performance.now() < end) {
      requests++;
      const o = await attempt(call, performance.now());
      if (o.doneAt >= measuredFrom && o.doneAt <= end) outcomes.push(o);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, client));
  return { outcomes, requests };
}

/** Errors as "0" or "12 (503×10, network×2)". */
function errorSummary(outcomes: Outcome[]): string {
  const counts = new Map<string, number>();
  for (const o of outcomes) if (!o.ok) counts.set(o.status, (counts.get(o.status) ?? 0) + 1);
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  return `${total === 0 ? '0' : `${total} (${[...counts].map(([s, n]) => `${s}×${n}`).join(', ')})`} of ${outcomes.length}`;
}

function printOpenLoop({ outcomes, achieved }: { outcomes: Outcome[]; achieved: number }, withTarget: boolean): void {
  const d = distribution(outcomes.map((o) => o.latencyMs));
  console.log(figure('requests/s achieved', `${achieved.toFixed(1)} (of ${RATE} sent)`));
  console.log(figure('latency p50', ms(d.p50)));
  console.log(figure('latency p99', ms(d.p99), withTarget ? { text: `≤ ${P99_TARGET_MS} ms`, met: d.p99 <= P99_TARGET_MS } : undefined));
  console.log(figure('latency max', ms(d.max)));
  console.log(figure('errors', errorSummary(outcomes)));
}

/** Answers that opened an incident, per second of the measured window. */
const openedPerSecond = (outcomes: Outcome[]) => outcomes.filter((o) => o.ok && (o.body as { action?: string }).action === 'opened').length / DURATION_S;

const startedPerSecond = (outcomes: Outcome[]) => outcomes.filter((o) => o.ok).length / DURATION_S;

const printClosedLoop =
  (name: string, perSecond: (outcomes: Outcome[]) => number) =>
  ({ outcomes }: { outcomes: Outcome[] }) => {
    const d = distribution(outcomes.map((o) => o.latencyMs));
    console.log(figure(name, perSecond(outcomes).toFixed(1)));
    console.log(figure('latency p50 / p99', `${ms(d.p50)} / ${ms(d.p99)}`));
    console.log(figure('errors', errorSummary(outcomes)));
  };

interface Bench {
  stack: Stack;
  temporal: Client;
  pool: pg.Pool;
}

/**
 * Waits until nothing waits on the stack's task queue: the work a load queued counts in its CPU figures and
 * must not slow what runs next on the same stack. False when some still waited after SETTLE_LIMIT_MS.
 */
async function settle({ stack, temporal }: Bench): Promise<boolean> {
  const deadline = performance.now() + SETTLE_LIMIT_MS;
  const backlog = async (name: string, taskQueueType: proto.api.enums.v1.TaskQueueType) => {
    const { pollers, stats } = await temporal.workflowService.describeTaskQueue({ namespace: temporal.options.namespace, taskQueue: { name }, taskQueueType, reportStats: true });
    // No poller yet means the worker is still bundling its workflows: not settled.
    return pollers.length === 0 ? Infinity : Number(stats?.approximateBacklogCount ?? 0);
  };
  const { TASK_QUEUE_TYPE_WORKFLOW, TASK_QUEUE_TYPE_ACTIVITY } = proto.api.enums.v1.TaskQueueType;
  // The workflows' queue, and the activity queues of deliveries and the intake (src/workflows/task-queues.ts).
  const queues: [string, proto.api.enums.v1.TaskQueueType][] = [
    [stack.env.TASK_QUEUE!, TASK_QUEUE_TYPE_WORKFLOW],
    ...ACTIVITY_QUEUE_NAMES.map((q): [string, proto.api.enums.v1.TaskQueueType] => [activityTaskQueue(stack.env.TASK_QUEUE!, q), TASK_QUEUE_TYPE_ACTIVITY]),
  ];
  const waiting = async () => (await Promise.all(queues.map(([name, type]) => backlog(name, type)))).reduce((a, b) => a + b, 0);
  const workerGone = () => stack.worker.child.exitCode !== null || stack.worker.child.signalCode !== null;
  while ((await waiting()) > 0) {
    if (performance.now() > deadline || workerGone()) return false;
    await sleep(500);
  }
  return true;
}

/** Incidents and intake alerts stored so far. */
async function stored(pool: pg.Pool): Promise<{ incidents: number; alerts: number }> {
  const { rows } = await pool.query<{ incidents: string; alerts: string }>('SELECT (SELECT count(*) FROM incidents) AS incidents, (SELECT count(*) FROM incident_alerts) AS alerts');
  return { incidents: Number(rows[0]!.incidents), alerts: Number(rows[0]!.alerts) };
}

/**
 * Runs one phase's load and waits for the work it left queued; prints its figures, then how many incidents
 * it stored, what its requests cost in CPU per process, and how busy the rest of the machine was.
 */
async function phase<T extends { requests: number; outcomes: Outcome[] }>(bench: Bench, load: () => Promise<T>, print: (result: T) => void): Promise<T> {
  const before = await stored(bench.pool);
  const stop = measureCpu(bench.stack);
  const result = await load();
  const loadEnded = performance.now();
  const settled = await settle(bench);
  const cpu = stop();
  const after = await stored(bench.pool);
  print(result);
  // An error answer does not say the request did nothing: a workflow finishes what it accepted after the API gave up.
  if (after.incidents > before.incidents) console.log(figure('incidents stored', `${after.incidents - before.incidents} for ${result.requests} requests sent (warm-up included)`));
  if (after.alerts > before.alerts) console.log(figure('alerts stored', `${after.alerts - before.alerts} for ${result.requests} requests sent (warm-up included)`));
  console.log(figure('queued work drained after the load', settled ? `${((performance.now() - loadEnded) / 1000).toFixed(1)} s` : `not after ${((performance.now() - loadEnded) / 1000).toFixed(1)} s`));
  console.log(figure('CPU ms per request (warm-up included)', perRequest(cpu, result.requests)));
  console.log(figure('rest of the machine busy', othersBusy(cpu)));
  // The worker caches every open incident's workflow: its memory grows with the incidents a phase opened.
  console.log(figure('worker resident memory after', `${rssMiB(bench.stack.worker.child.pid).toFixed(0)} MiB`));
  // Later figures would measure a stack that is missing a part: stop here, saying which part and how it ended.
  for (const { name, child } of [bench.stack.worker, bench.stack.api]) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the ${name} exited during this phase (code ${child.exitCode}, signal ${child.signalCode}); BENCH_ECHO=1 shows its output`);
  }
  return result;
}

/** The requests a phase sends, against one fresh stack. */
interface Requests {
  incident: (i: number) => Call;
  alert: (correlationKey: string, i: number) => Call;
}

function requestsTo(stack: Stack, adminKey: string, source: { id: string; secret: string }): Requests {
  const auth = { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' };
  const webhook = new Webhook(source.secret);
  return {
    incident: (i) =>
      http(() => {
        const body = JSON.stringify({ title: `Bench incident ${i}`, description: 'Opened by bench/intake.ts', detectedAt: new Date().toISOString(), reportedBy: 'bench' });
        return fetch(`${stack.apiUrl}/v1/incidents`, { method: 'POST', headers: auth, body, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
      }),
    alert: (correlationKey, i) =>
      http(() => {
        const id = `msg_${randomUUID()}`;
        const at = new Date();
        const body = JSON.stringify({ title: `Bench alert ${i}`, severity: 'high', detectedAt: at.toISOString(), correlationKey, affectedAssets: ['bench-host'] });
        const headers = { 'content-type': 'application/json', 'webhook-id': id, 'webhook-timestamp': String(Math.floor(at.getTime() / 1000)), 'webhook-signature': webhook.sign(id, at, body) };
        return fetch(`${stack.apiUrl}/v1/intake/${source.id}`, { method: 'POST', headers, body, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
      }),
  };
}

let described = false;

/**
 * Runs `run` on a stack of its own (own task queue, and own servers unless external ones are given): the
 * workflows one phase leaves open and cached in the worker must not weigh on the next phase's figures.
 */
async function onFreshStack(name: string, run: (bench: Bench, requests: Requests) => Promise<void>): Promise<void> {
  const stack = await startBenchStack({ name: `intake-${name}` });
  const bench: Bench = {
    stack,
    temporal: new Client({ connection: await Connection.connect({ address: stack.temporalAddress }), namespace: process.env.TEMPORAL_NAMESPACE ?? 'default' }),
    pool: new pg.Pool({ connectionString: stack.databaseUrl, max: 1 }),
  };
  try {
    if (!(await settle(bench))) throw new Error('the worker did not poll its task queue');
    if (!described) {
      console.log(describeMachine(stack));
      console.log(`load:     ${RATE} req/s for ${DURATION_S} s after ${WARMUP_S} s warm-up; closed loop: ${CONCURRENCY} clients; a fresh stack per phase`);
      described = true;
    }
    const adminKey = stack.adminKey.key;
    if (!adminKey) throw new Error('the stack has no admin key to send with');
    const created = await fetch(`${stack.apiUrl}/v1/intake-sources`, {
      method: 'POST',
      headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' },
      // The highest limit there is: the benchmark measures intake, not the rate limiter refusing it.
      body: JSON.stringify({ name: `bench ${randomUUID()}`, format: 'generic', rateLimitPerMinute: 100_000, correlationWindowHours: 1 }),
    });
    if (created.status !== 201) throw new Error(`creating the intake source answered ${created.status}: ${await created.text()}`);
    await run(bench, requestsTo(stack, adminKey, (await created.json()) as { id: string; secret: string }));
  } finally {
    await bench.pool.end();
    await bench.temporal.connection.close();
    await stack.stop();
  }
}

async function main(): Promise<void> {
  if (PHASES.has('serial')) {
    await onFreshStack('serial', async (bench, { incident, alert }) => {
      // The latency floor: what one request costs with nothing queued ahead of it.
      console.log(`\nOne request at a time, ${SERIAL_REQUESTS} per endpoint: p50 / max`);
      console.log(figure('worker resident memory before', `${rssMiB(bench.stack.worker.child.pid).toFixed(0)} MiB`));
      for (const [name, call] of [['POST /v1/incidents', incident], ['POST /v1/intake/{sourceId}', (i: number) => alert(`bench-${randomUUID()}`, i)]] as const) {
        const outcomes: Outcome[] = [];
        for (let i = 0; i < SERIAL_REQUESTS; i++) outcomes.push(await attempt(call(i), performance.now()));
        const d = distribution(outcomes.map((o) => o.latencyMs));
        console.log(figure(name, `${ms(d.p50)} / ${ms(d.max)}, errors ${errorSummary(outcomes)}`));
      }
    });
  }

  if (PHASES.has('incidents')) {
    await onFreshStack('incidents', async (bench, { incident }) => {
      console.log(`\nPOST /v1/incidents at ${RATE} req/s`);
      await phase(bench, () => openLoop(incident), (r) => printOpenLoop(r, true));
    });
  }

  if (PHASES.has('intake')) {
    await onFreshStack('intake', async (bench, { alert }) => {
      console.log(`\nPOST /v1/intake/{sourceId} at ${RATE} req/s, each alert its own correlation key (each opens an incident)`);
      await phase(bench, () => openLoop((i) => alert(`bench-${randomUUID()}`, i)), (r) => printOpenLoop(r, true));
    });
  }

  if (PHASES.has('correlated')) {
    await onFreshStack('correlated', async (bench, { alert }) => {
      // Alerts sharing a key queue in their correlation group's workflow, one at a time.
      const keys = Array.from({ length: CORRELATION_KEYS }, () => `bench-shared-${randomUUID()}`);
      console.log(`\nPOST /v1/intake/{sourceId} at ${RATE} req/s over ${CORRELATION_KEYS} shared correlation keys (all but the first per key attach)`);
      await phase(bench, () => openLoop((i) => alert(keys[i % keys.length]!, i)), (r) => printOpenLoop(r, false));
    });
  }

  if (PHASES.has('ceiling')) {
    await onFreshStack('ceiling', async (bench, { alert }) => {
      console.log(`\nThroughput ceiling, intake: ${CONCURRENCY} clients back to back for ${DURATION_S} s`);
      let n = 0;
      const intake = await phase(bench, () => closedLoop(() => alert(`bench-${randomUUID()}`, n++)()), printClosedLoop('incidents opened/s', openedPerSecond));

      // No worker polls this queue: what is measured is the start round trip alone. The timeout ends the
      // workflows, which would otherwise wait forever on an external server.
      console.log(`\nThroughput ceiling, bare startWorkflow on the same server: ${CONCURRENCY} clients back to back for ${DURATION_S} s`);
      const rawQueue = `bench-raw-start-${randomUUID()}`;
      const start: Call = () =>
        bench.temporal.workflow
          .start('benchNoopWorkflow', { taskQueue: rawQueue, workflowId: `bench-raw-${randomUUID()}`, workflowExecutionTimeout: '5 minutes' })
          .then(() => ({ ok: true, status: 'started' }), (error: Error) => ({ ok: false, status: error.name }));
      const raw = await phase(bench, () => closedLoop(start), printClosedLoop('workflows started/s', startedPerSecond));
      const ratio = openedPerSecond(intake.outcomes) / startedPerSecond(raw.outcomes);
      console.log(figure('intake / bare start', `${(ratio * 100).toFixed(1)} %`, { text: `≥ ${CEILING_TARGET * 100} %`, met: ratio >= CEILING_TARGET }));
    });
  }
}

runBenchmark(main);

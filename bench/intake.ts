// Write load on one stack, side by side: a bare `startWorkflow` on the same Temporal server, `POST /v1/incidents`
// and signed `POST /v1/intake/{sourceId}` with the same number of clients, then signed intake at a steady rate,
// then the drain of every accepted alert into incidents, checked for alerts lost or processed twice.
//
//   node --import tsx bench/intake.ts
//
// The closed-loop phases run CLIENTS clients, each sending its next request once the last one answered. The
// steady phase is open loop: request i is due at start + i/rate whether or not earlier ones have answered,
// and its latency counts from when it was due, so a stall shows in the figures instead of silently slowing
// the sender (coordinated omission). Intake answers 202 once the alert is stored; its incident opens (or it
// attaches) behind the answer, so the alerts accepted in one phase are still being processed during the next:
// that is the load the steady phase's latency is measured under. CPU is per process, read from /proc (Linux).
//
// Environment (default):
//   BENCH_CLIENTS (8)           clients of the closed-loop phases
//   BENCH_CEILING_S (15)        measured seconds of each closed-loop phase
//   BENCH_RATE (50)             requests per second of the steady phase
//   BENCH_STEADY_S (60)         measured seconds of the steady phase
//   BENCH_WARMUP_S (3)          seconds before each measured phase, same load, not counted
//   BENCH_CORRELATION_KEYS (50) correlation keys the alerts are spread over (each opens one incident; the rest attach)
//   BENCH_SERIAL_REQUESTS (20)  requests per endpoint of the one-at-a-time phase
//   BENCH_DRAIN_LIMIT_S (1800)  how long to wait for the accepted alerts to be processed
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
import { measureCpu, othersBusy, perRequest, rssMiB, type CpuUsage } from './proc-usage';
import { ACTIVITY_QUEUE_NAMES, activityTaskQueue } from '../src/workflows/task-queues';
import { describeMachine, distribution, figure, ms, runBenchmark, startBenchStack } from './support';

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 8);
const CEILING_S = Number(process.env.BENCH_CEILING_S ?? 15);
const RATE = Number(process.env.BENCH_RATE ?? 50);
const STEADY_S = Number(process.env.BENCH_STEADY_S ?? 60);
const WARMUP_S = Number(process.env.BENCH_WARMUP_S ?? 3);
const CORRELATION_KEYS = Number(process.env.BENCH_CORRELATION_KEYS ?? 50);
const SERIAL_REQUESTS = Number(process.env.BENCH_SERIAL_REQUESTS ?? 20);
const DRAIN_LIMIT_MS = Number(process.env.BENCH_DRAIN_LIMIT_S ?? 1800) * 1000;
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

/** RATE requests a second through the warm-up and STEADY_S; returns every outcome (`measured` marks those due after the warm-up). */
async function openLoop(call: (i: number) => Call): Promise<{ outcomes: (Outcome & { measured: boolean })[]; achieved: number }> {
  const start = performance.now() + 100;
  const measuredFrom = start + WARMUP_S * 1000;
  const total = Math.round(RATE * (WARMUP_S + STEADY_S));
  const runs: Promise<Outcome & { measured: boolean }>[] = [];
  for (let i = 0; i < total; i++) {
    const dueAt = start + (i * 1000) / RATE;
    const wait = dueAt - performance.now();
    if (wait > 0) await sleep(wait);
    runs.push(attempt(call(i), dueAt).then((o) => ({ ...o, measured: dueAt >= measuredFrom })));
  }
  const outcomes = await Promise.all(runs);
  const measured = outcomes.filter((o) => o.measured);
  const lastAnswer = Math.max(...measured.map((o) => o.doneAt));
  // Over the measured window, or longer when the last answers came after it.
  const seconds = Math.max(STEADY_S * 1000, lastAnswer - measuredFrom) / 1000;
  return { outcomes, achieved: measured.filter((o) => o.ok).length / seconds };
}

/** CLIENTS clients back to back through the warm-up and CEILING_S; returns every outcome (`measured` marks those answered in the window). */
async function closedLoop(call: Call): Promise<{ outcomes: (Outcome & { measured: boolean })[] }> {
  const measuredFrom = performance.now() + WARMUP_S * 1000;
  const end = measuredFrom + CEILING_S * 1000;
  const outcomes: (Outcome & { measured: boolean })[] = [];
  const client = async () => {
    while (performance.now() < end) {
      const o = await attempt(call, performance.now());
      outcomes.push({ ...o, measured: o.doneAt >= measuredFrom && o.doneAt <= end });
    }
  };
  await Promise.all(Array.from({ length: CLIENTS }, client));
  return { outcomes };
}

/** Errors as "0" or "12 (503×10, network×2)". */
function errorSummary(outcomes: Outcome[]): string {
  const counts = new Map<string, number>();
  for (const o of outcomes) if (!o.ok) counts.set(o.status, (counts.get(o.status) ?? 0) + 1);
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  return `${total === 0 ? '0' : `${total} (${[...counts].map(([s, n]) => `${s}×${n}`).join(', ')})`} of ${outcomes.length}`;
}

/** Successes per second of the closed-loop window. */
const perSecond = (outcomes: (Outcome & { measured: boolean })[]) => outcomes.filter((o) => o.measured && o.ok).length / CEILING_S;

function printClosedLoop(name: string, outcomes: (Outcome & { measured: boolean })[]): number {
  const measured = outcomes.filter((o) => o.measured);
  const d = distribution(measured.map((o) => o.latencyMs));
  const rate = perSecond(outcomes);
  console.log(figure(name, rate.toFixed(1)));
  console.log(figure('latency p50 / p99', `${ms(d.p50)} / ${ms(d.p99)}`));
  console.log(figure('errors', errorSummary(measured)));
  return rate;
}

interface Bench {
  stack: Stack;
  temporal: Client;
  pool: pg.Pool;
  source: { id: string; secret: string };
}

/**
 * Waits until nothing waits on the stack's task queues, so the work a load queued counts in its CPU figures.
 * False when some still waited after SETTLE_LIMIT_MS.
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
  while ((await waiting()) > 0) {
    if (performance.now() > deadline || workerGone(stack)) return false;
    await sleep(500);
  }
  return true;
}

const workerGone = (stack: Stack) => stack.worker.child.exitCode !== null || stack.worker.child.signalCode !== null;

/** Later figures would measure a stack that is missing a part: stop here, saying which part and how it ended. */
function assertRunning(stack: Stack): void {
  for (const { name, child } of [stack.worker, stack.api]) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the ${name} exited (code ${child.exitCode}, signal ${child.signalCode}); BENCH_ECHO=1 shows its output`);
  }
}

/** "worker 61.8 ms" of one group per `count`, or the whole breakdown when `group` is absent. */
const cpuPer = (cpu: CpuUsage, count: number, group?: string) => (group ? `${((cpu.byGroup.get(group) ?? 0) / count).toFixed(1)} ms` : perRequest(cpu, count));

/** The requests of the run. */
interface Requests {
  incident: (i: number) => Call;
  /** A signed alert with a fresh webhook-id; its answer's alertId is what the drain check follows. */
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

/** The alert ids of 202 answers. */
const acceptedIds = (outcomes: Outcome[]) => outcomes.filter((o) => o.status === '202').map((o) => (o.body as { alertId: string }).alertId);

/** How many of the source's alerts still wait to be processed. */
async function stillReceived({ pool, source }: Bench): Promise<number> {
  const { rows } = await pool.query<{ n: string }>("SELECT count(*) AS n FROM intake_alerts WHERE source_id = $1::uuid AND status = 'received'", [source.id]);
  return Number(rows[0]!.n);
}

/**
 * Checks every accepted alert after the drain: stored once, opened or attached, on exactly one incident (its
 * own, once), and each correlation key's alerts on one incident that one of them opened.
 */
async function checkAlerts({ pool, source }: Bench, accepted: string[]): Promise<{ lost: number; notProcessed: number; duplicated: number; misplaced: number; unanswered: number; keys: number; incidents: number }> {
  const { rows } = await pool.query<{ id: string; status: string; incident_id: string | null; key: string; on_incidents: number; on_own: number }>(
    `SELECT a.id, a.status, a.incident_id, a.delivery->'alert'->>'correlationKey' AS key,
            (SELECT count(*)::int FROM incident_alerts ia WHERE ia.id = a.id) AS on_incidents,
            (SELECT count(*)::int FROM incident_alerts ia WHERE ia.id = a.id AND ia.incident_id = a.incident_id) AS on_own
     FROM intake_alerts a WHERE a.source_id = $1::uuid`,
    [source.id],
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  const mine = accepted.map((id) => byId.get(id));
  const byKey = new Map<string, { opened: number; incidents: Set<string | null> }>();
  for (const r of mine) {
    if (!r) continue;
    const k = byKey.get(r.key) ?? { opened: 0, incidents: new Set() };
    if (r.status === 'opened') k.opened += 1;
    k.incidents.add(r.incident_id);
    byKey.set(r.key, k);
  }
  return {
    lost: mine.filter((r) => r === undefined).length,
    notProcessed: mine.filter((r) => r && r.status !== 'opened' && r.status !== 'attached').length,
    duplicated: mine.filter((r) => r && r.on_incidents > 1).length + (accepted.length - new Set(accepted).size),
    // Stored by a request whose answer never arrived (a timeout): processed like the others, but no 202 to follow.
    unanswered: rows.length - new Set(accepted).size,
    misplaced: mine.filter((r) => r && (r.status === 'opened' || r.status === 'attached') && r.on_own !== 1).length + [...byKey.values()].filter((k) => k.opened !== 1 || k.incidents.size !== 1).length,
    keys: byKey.size,
    incidents: new Set(mine.map((r) => r?.incident_id)).size,
  };
}

async function main(): Promise<void> {
  const stack = await startBenchStack({ name: 'intake' });
  const temporal = new Client({ connection: await Connection.connect({ address: stack.temporalAddress }), namespace: process.env.TEMPORAL_NAMESPACE ?? 'default' });
  const pool = new pg.Pool({ connectionString: stack.databaseUrl, max: 2 });
  try {
    const adminKey = stack.adminKey.key;
    if (!adminKey) throw new Error('the stack has no admin key to send with');
    const created = await fetch(`${stack.apiUrl}/v1/intake-sources`, {
      method: 'POST',
      headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' },
      // The highest limit there is: the benchmark measures intake, not the rate limiter refusing it.
      body: JSON.stringify({ name: `bench ${randomUUID()}`, format: 'generic', rateLimitPerMinute: 100_000, correlationWindowHours: 1 }),
    });
    if (created.status !== 201) throw new Error(`creating the intake source answered ${created.status}: ${await created.text()}`);
    const source = (await created.json()) as { id: string; secret: string };
    const bench: Bench = { stack, temporal, pool, source };
    if (!(await settle(bench))) throw new Error('the worker did not poll its task queue');
    const { incident, alert } = requestsTo(stack, adminKey, source);
    const keys = Array.from({ length: CORRELATION_KEYS }, () => `bench-${randomUUID()}`);
    let sentAlerts = 0;
    const nextAlert = () => alert(keys[sentAlerts % keys.length]!, sentAlerts++);
    const accepted: string[] = [];

    console.log(describeMachine(stack));
    console.log(`load:     closed loop ${CLIENTS} clients for ${CEILING_S} s; steady ${RATE} req/s for ${STEADY_S} s; ${WARMUP_S} s warm-up before each, not counted; alerts over ${CORRELATION_KEYS} correlation keys; one stack`);

    // The latency floor: what one request costs with nothing queued ahead of it.
    console.log(`\nOne request at a time, ${SERIAL_REQUESTS} per endpoint: p50 / max`);
    for (const [name, call] of [['POST /v1/incidents (201, opened)', incident], ['POST /v1/intake/{sourceId} (202, stored)', () => nextAlert()]] as const) {
      const outcomes: Outcome[] = [];
      for (let i = 0; i < SERIAL_REQUESTS; i++) outcomes.push(await attempt(call(i), performance.now()));
      accepted.push(...acceptedIds(outcomes));
      const d = distribution(outcomes.map((o) => o.latencyMs));
      console.log(figure(name, `${ms(d.p50)} / ${ms(d.max)}, errors ${errorSummary(outcomes)}`));
    }
    await settle(bench);

    // No worker polls this queue: what is measured is the start round trip alone. The timeout ends the
    // workflows, which would otherwise wait forever on an external server.
    console.log(`\nBare startWorkflow on the same Temporal server: ${CLIENTS} clients for ${CEILING_S} s`);
    const rawQueue = `bench-raw-start-${randomUUID()}`;
    const start: Call = () =>
      temporal.workflow
        .start('benchNoopWorkflow', { taskQueue: rawQueue, workflowId: `bench-raw-${randomUUID()}`, workflowExecutionTimeout: '1 hour' })
        .then(() => ({ ok: true, status: 'started' }), (error: Error) => ({ ok: false, status: error.name }));
    const bare = printClosedLoop('workflows started/s', (await closedLoop(start)).outcomes);

    console.log(`\nPOST /v1/incidents: ${CLIENTS} clients for ${CEILING_S} s (each answer waits for the incident to be stored)`);
    const incidentsCpu = measureCpu(stack);
    const opens = await closedLoop(() => incident(0)());
    const opensSettled = await settle(bench);
    const openCpu = incidentsCpu();
    const opened = printClosedLoop('incidents opened/s', opens.outcomes);
    const allOpens = opens.outcomes.filter((o) => o.ok).length;
    console.log(figure('incidents / bare start', `${((opened / bare) * 100).toFixed(1)} %`));
    console.log(figure('worker CPU per open', `${cpuPer(openCpu, allOpens, 'worker')}${opensSettled ? '' : ' (backlog not drained)'}`));
    console.log(figure('CPU ms per open, by process', cpuPer(openCpu, allOpens)));
    console.log(figure('rest of the machine busy', othersBusy(openCpu)));
    assertRunning(stack);

    // From here on the alerts are processed behind the answers, through the steady phase and the drain.
    const processingCpu = measureCpu(stack);
    console.log(`\nSigned POST /v1/intake/{sourceId}: ${CLIENTS} clients for ${CEILING_S} s (each answer waits for the alert to be stored)`);
    const acceptanceCpu = measureCpu(stack);
    const burst = await closedLoop(() => nextAlert()());
    const acceptCpu = acceptanceCpu();
    accepted.push(...acceptedIds(burst.outcomes));
    const acceptedRate = printClosedLoop('alerts accepted (202)/s', burst.outcomes);
    const ratio = acceptedRate / bare;
    console.log(figure('intake / bare start', `${(ratio * 100).toFixed(1)} %`, { text: `≥ ${CEILING_TARGET * 100} %`, met: ratio >= CEILING_TARGET }));
    console.log(figure('CPU ms per accepted alert, by process', cpuPer(acceptCpu, burst.outcomes.filter((o) => o.ok).length)));
    console.log(figure('alerts still to process after it', String(await stillReceived(bench))));

    console.log(`\nSigned POST /v1/intake/{sourceId} at a steady ${RATE} req/s for ${STEADY_S} s, while the alerts before are processed`);
    const steady = await openLoop(() => nextAlert());
    const loadEnded = performance.now();
    accepted.push(...acceptedIds(steady.outcomes));
    const measured = steady.outcomes.filter((o) => o.measured);
    const d = distribution(measured.map((o) => o.latencyMs));
    console.log(figure('requests/s answered 202', `${steady.achieved.toFixed(1)} (of ${RATE} sent)`));
    console.log(figure('latency p50 / p95', `${ms(d.p50)} / ${ms(d.p95)}`));
    console.log(figure('latency p99', ms(d.p99), { text: `≤ ${P99_TARGET_MS} ms`, met: d.p99 <= P99_TARGET_MS }));
    console.log(figure('latency max', ms(d.max)));
    console.log(figure('errors', errorSummary(measured)));
    assertRunning(stack);

    const waiting = await stillReceived(bench);
    console.log(`\nDrain: every accepted alert opened or attached (${accepted.length} accepted in all, ${waiting} still waiting when the load ended)`);
    const drainDeadline = performance.now() + DRAIN_LIMIT_MS;
    let left = waiting;
    while (left > 0 && performance.now() < drainDeadline && !workerGone(stack)) {
      await sleep(500);
      left = await stillReceived(bench);
    }
    const drainedS = (performance.now() - loadEnded) / 1000;
    const cpu = processingCpu();
    console.log(figure('drained after the load', left === 0 ? `${drainedS.toFixed(1)} s (${waiting} alerts, ${(waiting / drainedS).toFixed(1)}/s)` : `not after ${drainedS.toFixed(1)} s: ${left} still waiting`));
    const check = await checkAlerts(bench, accepted);
    console.log(figure('accepted alerts lost', String(check.lost), { text: '0', met: check.lost === 0 }));
    console.log(figure('accepted alerts not opened or attached', String(check.notProcessed), { text: '0', met: check.notProcessed === 0 }));
    console.log(figure('alerts stored or attached twice', String(check.duplicated), { text: '0', met: check.duplicated === 0 }));
    console.log(figure('alerts off their key’s one incident', String(check.misplaced), { text: '0', met: check.misplaced === 0 }));
    console.log(figure('stored without a 202 arriving', String(check.unanswered)));
    console.log(figure('correlation keys / incidents', `${check.keys} / ${check.incidents}`));
    console.log(figure('CPU ms per alert, accepted to processed', cpuPer(cpu, accepted.length)));
    console.log(figure('rest of the machine busy', othersBusy(cpu)));
    console.log(figure('worker resident memory after', `${rssMiB(stack.worker.child.pid).toFixed(0)} MiB`));
    assertRunning(stack);
  } finally {
    await pool.end();
    await temporal.connection.close();
    await stack.stop();
  }
}

runBenchmark(main);

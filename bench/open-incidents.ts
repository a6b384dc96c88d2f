// N incidents open at once, their GDPR Art. 33 deadlines falling due across a measurement window: the
// worker's memory, how late each overdue rung fires, and whether each escalation reaches the DPO exactly once.
//
//   node --import tsx bench/open-incidents.ts
//   BENCH_INCIDENTS=10000,5000,2000   candidates, largest first; stops at the first that holds (default 10000)
//   BENCH_WINDOW_S=300                the due times are spread evenly over this window
//   BENCH_OPEN_RATE=5                 guessed opens/s, to start the window after the last open
//   BENCH_OPEN_CONCURRENCY=32         POST /v1/incidents in flight at once
//   BENCH_DRAIN_S=120                 how long after the window deliveries may still arrive
// The worker inherits this process's environment, so WORKER_MAX_CACHED_WORKFLOWS and NODE_OPTIONS (e.g.
// --max-old-space-size=1024) set on the command reach it.
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client, Connection } from '@temporalio/client';
import pg from 'pg';
import { createApiKey } from '../src/api/api-keys';
import { incidentWorkflowId } from '../src/domain/incident';
import { retryUntil } from '../src/stack/child-process';
import type { Stack } from '../src/stack/stack';
import { startWebhookReceiver } from '../test/e2e/services';
import { coreShares, measureCpu } from './proc-usage';
import { describeMachine, distribution, figure, ms, runBenchmark, startBenchStack } from './support';

const HOUR_MS = 3_600_000;
const GDPR_CLOCK_HOURS = 72;
const RSS_TARGET_BYTES = 1.5 * 2 ** 30;
const LATENESS_P99_TARGET_MS = 2_000;
const DPO_EMAIL = 'dpo@bench.test';
const CHANNELS = 2;

const setting = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const candidates = (process.env.BENCH_INCIDENTS ?? '10000').split(',').map(Number).sort((a, b) => b - a);
const windowMs = setting('BENCH_WINDOW_S', 300) * 1000;
const openRateGuess = setting('BENCH_OPEN_RATE', 5);
const openConcurrency = setting('BENCH_OPEN_CONCURRENCY', 32);
const drainMs = setting('BENCH_DRAIN_S', 120) * 1000;

// The workflow fires every rung already past at open at once, in order ("never skip", dueSteps in
// escalation-policy.ts); only repeats coalesce. Opened ~72 h after awareness, the default ladder would send
// its four reminders while opening. With the overdue rung alone each incident owes exactly one escalation,
// at dueAt, delivered once per channel of the one DPO contact: one email and one webhook.
const POLICIES = {
  'GDPR/notify-supervisory-authority': { rungs: [{ id: 'overdue', atFraction: 1, recipients: ['dpo'], kind: 'overdue' }], repeatOverdue: null },
};

interface Opened {
  id: string;
  reference: string;
  dueAtMs: number;
  openedAtMs: number;
}

/** The worker's RSS from /proc, sampled each second; VmHWM is the kernel's own peak, which no sample can miss. */
function watchWorker(pid: number) {
  const read = () => {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const bytes = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]) * 1024;
    return { rss: bytes('VmRSS'), hwm: bytes('VmHWM') };
  };
  let last = read();
  const timer = setInterval(() => {
    try {
      last = read();
    } catch {
      // The worker exited; the last sample stands.
    }
  }, 1_000);
  return { now: () => last, stop: () => clearInterval(timer) };
}

function workerExit(stack: Stack): string | undefined {
  const { exitCode, signalCode } = stack.worker.child;
  return exitCode !== null || signalCode !== null ? `the worker exited (${signalCode ?? `code ${exitCode}`})` : undefined;
}

/** Resolves once the worker polls its task queue: it has bundled the workflows, so opening is not timed from a cold start. */
async function workerPolling(stack: Stack, connection: Connection): Promise<void> {
  await retryUntil(async () => {
    const { pollers } = await connection.workflowService.describeTaskQueue({ namespace: stack.env.TEMPORAL_NAMESPACE, taskQueue: { name: stack.env.TASK_QUEUE }, taskQueueType: 1 });
    if (!pollers?.length) throw new Error('the worker does not poll its task queue yet');
  }, 120_000, 500);
}

/** Opens one incident whose 72 h clock falls due at `dueAtMs`; retries 5xx and 409 with the same Idempotency-Key, so a retry opens nothing twice. */
async function openIncident(stack: Stack, key: string, runId: string, index: number, dueAtMs: number): Promise<Opened & { retries: number }> {
  const awareAt = new Date(dueAtMs - GDPR_CLOCK_HOURS * HOUR_MS).toISOString();
  const body = JSON.stringify({ title: `Bench incident ${index}`, detectedAt: awareAt, awareAt });
  const headers = { authorization: `Bearer ${key}`, 'content-type': 'application/json', 'idempotency-key': `${runId}-${index}` };
  for (let attempt = 0; ; attempt += 1) {
    const res = await fetch(`${stack.apiUrl}/v1/incidents`, { method: 'POST', headers, body }).catch((error: unknown) => error as Error);
    if (!(res instanceof Error) && res.status === 201) {
      const opened = (await res.json()) as { id: string; reference: string };
      return { id: opened.id, reference: opened.reference, dueAtMs, openedAtMs: Date.now(), retries: attempt };
    }
    const why = workerExit(stack) ?? (res instanceof Error ? res.message : `${res.status} ${await res.text()}`);
    const retryable = res instanceof Error || res.status === 409 || res.status >= 500;
    if (workerExit(stack) || !retryable || attempt >= 8) throw new Error(`POST /v1/incidents: ${why}`);
    await sleep(500 * 2 ** Math.min(attempt, 4));
  }
}

/** Opens every incident through the API, `openConcurrency` at a time, in order of their due times; stops early if the worker dies. */
async function openAll(stack: Stack, key: string, dueAts: number[]) {
  const runId = `bench-${randomBytes(6).toString('hex')}`;
  const opened: Opened[] = [];
  const failures: string[] = [];
  let retries = 0;
  let next = 0;
  const lane = async () => {
    for (let i = next++; i < dueAts.length && !workerExit(stack); i = next++) {
      try {
        const result = await openIncident(stack, key, runId, i, dueAts[i]!);
        opened.push(result);
        retries += result.retries;
      } catch (error) {
        failures.push((error as Error).message);
      }
    }
  };
  await Promise.all(Array.from({ length: openConcurrency }, lane));
  return { opened, failures, retries };
}

/** Emails kept by the SMTP sink for the DPO, counted by the incident reference that starts their subject. */
function emailsByReference(mailDir: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const name of readdirSync(mailDir).filter((f) => f.endsWith('.eml'))) {
    const raw = readFileSync(path.join(mailDir, name), 'utf8');
    const head = raw.slice(0, raw.search(/\r?\n\r?\n/)).replace(/\r?\n[ \t]+/g, ' ');
    const reference = /^Subject: \[([^\]]+)\]/m.exec(head)?.[1];
    if (!reference || !new RegExp(`^To: .*${DPO_EMAIL}`, 'm').test(head)) continue;
    counts.set(reference, (counts.get(reference) ?? 0) + 1);
  }
  return counts;
}

/** How late each overdue rung fired, and each delivery was sent, after its dueAt (ms). */
async function lateness(pool: pg.Pool, incidentIds: string[], contactId: string) {
  // Fire time: escalations.raised_at is the workflow's clock in the activation that handles the fired
  // timer, i.e. when a worker started the workflow task that the TimerFired event created. It is set
  // before any activity runs, so it carries neither PostgreSQL nor SMTP latency, yet it includes the time
  // the task waited for a free worker, which the TimerFired event in the history would not show. The audit
  // row holds the same instant; a delivery's created_at comes two activities later (reported as sent − due).
  const fires = await pool.query<{ ms: number }>(
    `SELECT extract(epoch FROM raised_at - due_at) * 1000 AS ms FROM escalations WHERE incident_id = ANY($1::uuid[]) AND rung = 'overdue'`,
    [incidentIds],
  );
  const sent = await pool.query<{ ms: number }>(
    `SELECT extract(epoch FROM d.sent_at - e.due_at) * 1000 AS ms
     FROM escalation_deliveries d JOIN escalations e ON e.escalation_id = d.escalation_id
     WHERE d.contact_id = $1::uuid AND d.status = 'sent'`,
    [contactId],
  );
  return { fired: distribution(fires.rows.map((r) => Number(r.ms))), sent: distribution(sent.rows.map((r) => Number(r.ms))) };
}

/**
 * Splits the fire lateness of a sample of incidents by their histories: when Temporal fired the timer
 * (TimerFired) against dueAt, and when a worker started the workflow task it created against TimerFired.
 */
async function firingBreakdown(client: Client, sample: Opened[]) {
  const server: number[] = [];
  const pickup: number[] = [];
  const at = (e: { eventTime?: { seconds?: unknown; nanos?: number | null } | null }) => Number(e.eventTime?.seconds) * 1000 + (e.eventTime?.nanos ?? 0) / 1e6;
  for (const o of sample) {
    const events = (await client.workflow.getHandle(incidentWorkflowId(o.id)).fetchHistory()).events ?? [];
    const fired = events.findIndex((e) => e.timerFiredEventAttributes);
    const started = events.slice(fired).find((e) => e.workflowTaskStartedEventAttributes);
    if (fired < 0 || !started) continue;
    server.push(at(events[fired]!) - o.dueAtMs);
    pickup.push(at(started) - at(events[fired]!));
  }
  return { server: distribution(server), pickup: distribution(pickup) };
}

/** One run at N incidents on a fresh stack: prints its figures and returns whether every target was met. */
async function runOnce(n: number): Promise<boolean> {
  const stack = await startBenchStack({ name: `open-incidents-${n}`, env: { ESCALATION_POLICIES: JSON.stringify(POLICIES) } });
  const watch = watchWorker(stack.worker.child.pid!);
  const secret = `whsec_${randomBytes(32).toString('base64')}`;
  const receiver = await startWebhookReceiver(secret);
  const pool = new pg.Pool({ connectionString: stack.databaseUrl, max: 2 });
  const connection = await Connection.connect({ address: stack.temporalAddress });
  let key = stack.adminKey.key;
  const api = (method: string, url: string, json: unknown) =>
    fetch(`${stack.apiUrl}${url}`, { method, headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify(json) });
  let contactId: string | undefined;
  try {
    console.log(describeMachine(stack));
    // An external database may hold an admin key generated elsewhere, whose value this process cannot read.
    key ??= (await createApiKey(pool, { name: 'bench open-incidents', role: 'admin' })).key;
    const contact = await api('POST', '/v1/contacts', { name: 'Bench DPO', role: 'dpo', email: DPO_EMAIL, webhookUrl: receiver.url, webhookSecret: secret });
    if (contact.status !== 201) throw new Error(`POST /v1/contacts: ${contact.status} ${await contact.text()}`);
    contactId = ((await contact.json()) as { id: string }).id;
    await workerPolling(stack, connection);

    const loadBefore = os.loadavg()[0]!;
    const startMs = Date.now();
    const windowStartMs = startMs + (n / openRateGuess) * 1000 + 30_000;
    const dueAts = Array.from({ length: n }, (_, i) => windowStartMs + Math.floor((i * windowMs) / n));
    const openingCpu = measureCpu(stack);
    const { opened, failures, retries } = await openAll(stack, key, dueAts);
    const openedMs = Date.now() - startMs;
    const afterOpen = watch.now();
    const openCpu = openingCpu();
    const openedLate = opened.filter((o) => o.openedAtMs >= o.dueAtMs).length;

    if (!workerExit(stack)) await sleep(windowStartMs - Date.now());
    const windowCpu = measureCpu(stack);
    const giveUpMs = windowStartMs + windowMs + drainMs;
    while (!workerExit(stack) && Date.now() < giveUpMs) {
      await sleep(5_000);
      const { rows } = await pool.query<{ sent: string }>("SELECT count(*) AS sent FROM escalation_deliveries WHERE contact_id = $1::uuid AND status = 'sent'", [contactId]);
      if (Number(rows[0]!.sent) >= CHANNELS * opened.length && Date.now() >= windowStartMs + windowMs) break;
    }
    // A little longer, so a late duplicate has the time to arrive and be counted.
    await sleep(5_000);
    const end = watch.now();
    const firingCpu = windowCpu();
    const loadAfter = os.loadavg()[0]!;

    const late = await lateness(pool, opened.map((o) => o.id), contactId);
    const byDue = [...opened].sort((a, b) => a.dueAtMs - b.dueAtMs);
    const sample = byDue.filter((_, i) => i % Math.max(1, Math.floor(byDue.length / 200)) === 0);
    const firing = await firingBreakdown(new Client({ connection, namespace: stack.env.TEMPORAL_NAMESPACE }), sample);
    const emails = emailsByReference(stack.mailDir!);
    const webhooks = new Map<string, number>();
    for (const w of receiver.processed()) {
      const id = String(w.payload.data.incidentId);
      webhooks.set(id, (webhooks.get(id) ?? 0) + 1);
    }
    // Incidents that could not be opened owe nothing, and count against the run below.
    let missed = 0;
    let duplicated = 0;
    for (const o of opened) {
      for (const got of [emails.get(o.reference) ?? 0, webhooks.get(o.id) ?? 0]) {
        if (got === 0) missed += 1;
        duplicated += Math.max(got - 1, 0);
      }
    }
    // The receiver deduplicates on webhook-id; requests beyond the ids it kept are resends of the same delivery.
    const resent = receiver.requests() - receiver.processed().length - receiver.refused();

    const exited = workerExit(stack);
    const peak = end.hwm;
    const allOpened = opened.length === n && !exited;
    const rssMet = peak <= RSS_TARGET_BYTES;
    const allFired = late.fired.count === opened.length;
    const latenessMet = allFired && openedLate === 0 && late.fired.p99 <= LATENESS_P99_TARGET_MS;
    const deliveriesMet = missed === 0 && duplicated === 0 && receiver.refused() === 0;
    const held = allOpened && rssMet && latenessMet && deliveriesMet;

    const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;
    const windowAfterOpenS = (windowStartMs - startMs - openedMs) / 1000;
    console.log(`\nopen-incidents: N = ${n}, due times spread over ${windowMs / 1000} s, the first ${windowAfterOpenS.toFixed(0)} s after the last open`);
    // Other processes on the machine take CPU from the stack: figures compare only at a similar load.
    console.log(figure('worker settings', `WORKER_MAX_CACHED_WORKFLOWS=${process.env.WORKER_MAX_CACHED_WORKFLOWS ?? '(SDK default)'} NODE_OPTIONS=${process.env.NODE_OPTIONS ?? ''}`));
    console.log(figure('load average (1 min) at start / end', `${loadBefore.toFixed(1)} / ${loadAfter.toFixed(1)} on ${os.cpus().length} cores`));
    console.log(figure('opened', `${opened.length} in ${(openedMs / 1000).toFixed(1)} s (${((opened.length * 1000) / openedMs).toFixed(1)} /s), ${retries} retried`, { text: `all ${n}`, met: opened.length === n }));
    if (failures.length > 0) console.log(figure('first open failure', failures[0]!.slice(0, 200)));
    if (exited) console.log(figure('worker', exited, { text: 'stays up', met: false }));
    console.log(figure('opened after their due time', String(openedLate), { text: '0, else the window began too early: lower BENCH_OPEN_RATE', met: openedLate === 0 }));
    console.log(figure('worker RSS peak (VmHWM)', mb(peak), { text: '≤ 1.5 GB', met: rssMet }));
    console.log(figure('worker RSS after opening / at the end', `${mb(afterOpen.rss)} / ${mb(end.rss)}`));
    console.log(figure('CPU while opening (% of a core)', coreShares(openCpu)));
    console.log(figure('CPU from window start to end', windowAfterOpenS > 0 && !exited ? coreShares(firingCpu) : 'n/a: the window began while opening, or the worker died'));
    console.log(figure('overdue rungs fired', `${late.fired.count} of ${opened.length} opened`, { text: 'all', met: allFired }));
    console.log(figure('fire lateness p50 (raised_at − dueAt)', ms(late.fired.p50)));
    console.log(figure('fire lateness p99', ms(late.fired.p99), { text: '≤ 2 s', met: late.fired.p99 <= LATENESS_P99_TARGET_MS }));
    console.log(figure('fire lateness max', ms(late.fired.max)));
    const d = (x: { p50: number; p99: number }) => `${ms(x.p50)} / ${ms(x.p99)}`;
    console.log(figure(`  sample of ${firing.server.count}: timer fired − due p50/p99`, d(firing.server)));
    console.log(figure(`  sample: task started − timer fired p50/p99`, d(firing.pickup)));
    console.log(figure('delivery lateness p50/p99/max (sent − due)', `${ms(late.sent.p50)} / ${ms(late.sent.p99)} / ${ms(late.sent.max)}`));
    console.log(figure('deliveries missed', `${missed} of ${CHANNELS * opened.length} (email + webhook each)`, { text: 'none', met: missed === 0 }));
    console.log(figure('deliveries duplicated', String(duplicated), { text: 'none', met: duplicated === 0 }));
    console.log(figure('webhook resends (same id) / refused', `${resent} / ${receiver.refused()}`));
    console.log(figure(`N = ${n}`, held ? 'held' : 'did NOT hold'));
    return held;
  } finally {
    // Contacts are organisation-wide: on an external database, later runs must not deliver to this dead receiver.
    if (contactId) await api('PATCH', `/v1/contacts/${contactId}`, { active: false }).catch(() => undefined);
    watch.stop();
    await connection.close();
    await pool.end();
    await receiver.stop();
    await stack.stop();
  }
}

runBenchmark(async () => {
  for (const n of candidates) {
    if (await runOnce(n)) {
      console.log(`\nlargest N that held: ${n}`);
      return;
    }
  }
  console.log(`\nno N held of ${candidates.join(', ')}`);
});

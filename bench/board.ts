// Deadline board latency: seeds BENCH_BOARD_CLOCKS running clocks straight into PostgreSQL, as the workflows
// would have stored them (clocks from the regulation catalogue, the escalations their ladders would have raised
// by now, owners, acknowledgements), then times `GET /v1/deadlines?limit=1000` over real HTTP, one request at a time,
// and the console's board showing them all in headless Chromium (signed in as the demo DPO).
//
//   node --import tsx bench/board.ts
//
// Environment (default):
//   BENCH_BOARD_CLOCKS (1000)    running clocks to seed, two per incident
//   BENCH_REQUESTS (500)         measured requests
//   BENCH_WARMUP_REQUESTS (50)   requests before those, not counted
//   BENCH_ECHO=1                 print the stack's output
//   TEMPORAL_ADDRESS, DATABASE_URL, TEMPORAL_NAMESPACE  external servers instead of the embedded ones; the
//                                seed adds to whatever the database holds, so use a disposable one.
//
// `seedBoard` is exported for other benchmarks of the board (the console's render time reuses the same rows).
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { listBoardDeadlines } from '../src/db/incidents-repository';
import { openDeadline, type RunningDeadline } from '../src/domain/deadlines';
import { DEFAULT_ESCALATION_POLICY, dueSteps } from '../src/domain/escalation-policy';
import { findObligation, type Regime } from '../src/domain/regulations';
import { measureBoardRender } from './board-render';
import { measureCpu, othersBusy, perRequest } from './proc-usage';
import { describeMachine, distribution, figure, ms, runBenchmark, startBenchStack, workerReady } from './support';

const CLOCKS = Number(process.env.BENCH_BOARD_CLOCKS ?? 1000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 500);
const WARMUP_REQUESTS = Number(process.env.BENCH_WARMUP_REQUESTS ?? 50);
const P99_TARGET_MS = 50;
const HOUR = 3_600_000;

/** Every incident has the GDPR clock; its second clock is one of these. */
const SECOND_CLOCKS: [Regime, string][] = [
  ['NIS2', 'early-warning'],
  ['NIS2', 'incident-notification'],
  ['UK-GDPR', 'notify-supervisory-authority'],
  ['DORA', 'initial-notification'],
  ['HIPAA', 'notify-individuals'],
  ['SEC', 'file-8k'],
  ['LGPD', 'notify-anpd'],
];
const TITLES = [
  'Phishing: compromised mailbox',
  'Lost laptop, disk not encrypted',
  'Payroll spreadsheet emailed to the wrong recipient',
  'Ransomware on the file server',
  'Public storage bucket with customer exports',
  'Credential stuffing on the customer portal',
  'Mass download from the HR share',
  'Backup tape missing in transit',
];
const OPEN_STAGES = ['detected', 'containment', 'investigation', 'evidence-preservation', 'risk-assessment', 'notification'];
const OWNERS = 8;

/** mulberry32: rows of the same shape on every run (regimes, ages, owners, acknowledgements), so runs compare. */
function seededRandom(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** What seedBoard stored. */
export interface BoardSeed {
  incidents: number;
  clocks: number;
  overdue: number;
  owned: number;
  escalations: number;
  unacknowledged: number;
  ownerIds: string[];
}

/**
 * Stores `clocks` running clocks (two per open incident: GDPR and one of SECOND_CLOCKS), each started a random
 * time ago up to 1.25 of its period, so about a fifth are overdue; four in five incidents have one of eight owners;
 * every clock has the escalations its default ladder would have raised by now, about 40 % of them acknowledged.
 */
export async function seedBoard(databaseUrl: string, options: { clocks?: number; seed?: number } = {}): Promise<BoardSeed> {
  const random = seededRandom(options.seed ?? 1);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const now = Date.now();
  const year = new Date(now).getUTCFullYear();
  const ownerIds = Array.from({ length: OWNERS }, () => randomUUID());
  const total = options.clocks ?? CLOCKS;
  const incidentCount = Math.ceil(total / 2);

  const incidents = Array.from({ length: incidentCount }, (_, i) => ({ id: randomUUID(), title: TITLES[i % TITLES.length]!, stage: pick(OPEN_STAGES), owner: random() < 0.8 ? pick(ownerIds) : null }));
  const clocks: (RunningDeadline & { incidentId: string })[] = [];
  for (const incident of incidents) {
    for (const [regime, obligation] of [['GDPR', 'notify-supervisory-authority'] as [Regime, string], pick(SECOND_CLOCKS)]) {
      if (clocks.length === total) break;
      const catalogued = findObligation(regime, obligation)!;
      // openDeadline always gives a running clock: it starts at the instant given.
      const periodMs = Date.parse(openDeadline(catalogued, new Date(now).toISOString()).dueAt!) - now;
      const clock = openDeadline(catalogued, new Date(now - random() * 1.25 * periodMs).toISOString()) as RunningDeadline;
      clocks.push({ ...clock, status: Date.parse(clock.dueAt) <= now ? 'overdue' : 'pending', incidentId: incident.id });
    }
  }
  const escalations = clocks.flatMap((clock) =>
    dueSteps({ clock, policy: DEFAULT_ESCALATION_POLICY, firedStepIds: [], acknowledged: false }, now).map((step) => {
      const acknowledged = random() < 0.4;
      return { id: randomUUID(), clock, step, acknowledgedAt: acknowledged ? new Date(Math.min(now, Date.parse(step.at) + random() * HOUR)).toISOString() : null };
    }),
  );

  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query(
      `INSERT INTO contacts (id, name, role, email) SELECT id, 'Owner ' || n, 'owner', 'owner-' || n || '@example.test' FROM unnest($1::uuid[]) WITH ORDINALITY AS o (id, n)`,
      [ownerIds],
    );
    const { rows } = await client.query<{ id: string }>("SELECT id FROM api_keys WHERE role = 'admin' ORDER BY created_at LIMIT 1");
    const counter = await client.query<{ last_value: number }>(
      `INSERT INTO incident_reference_counters (year, last_value) VALUES ($1::int, $2::int)
       ON CONFLICT (year) DO UPDATE SET last_value = incident_reference_counters.last_value + EXCLUDED.last_value RETURNING last_value`,
      [year, incidents.length],
    );
    const firstSeq = counter.rows[0]!.last_value - incidents.length + 1;
    // awareAt is the GDPR clock's start: the incident's awareness.
    const gdprStart = new Map(clocks.filter((c) => c.regime === 'GDPR').map((c) => [c.incidentId, c.startsAt]));
    await client.query(
      `INSERT INTO incidents (id, reference, workflow_id, title, stage, detected_at, aware_at, created_by, created_at, owner_contact_id)
       SELECT id, format('BR-%s-%s', $1::int, lpad(seq, greatest(4, length(seq)), '0')), 'incident-' || id, title, stage, aware_at - interval '2 hours', aware_at, $3::uuid, aware_at, owner
       FROM unnest($4::uuid[], $5::text[], $6::text[], $7::timestamptz[], $8::uuid[]) WITH ORDINALITY AS s (id, title, stage, aware_at, owner, n),
            LATERAL (SELECT ($2::int + n - 1)::text AS seq) q`,
      [
        year,
        firstSeq,
        rows[0]?.id ?? null,
        incidents.map((i) => i.id),
        incidents.map((i) => i.title),
        incidents.map((i) => i.stage),
        incidents.map((i) => gdprStart.get(i.id)),
        incidents.map((i) => i.owner),
      ],
    );
    await client.query(
      `INSERT INTO deadlines (incident_id, regime, obligation, trigger, starts_at, due_at, status)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::timestamptz[], $7::text[])`,
      [clocks.map((c) => c.incidentId), clocks.map((c) => c.regime), clocks.map((c) => c.obligation), clocks.map((c) => c.trigger), clocks.map((c) => c.startsAt), clocks.map((c) => c.dueAt), clocks.map((c) => c.status)],
    );
    await client.query(
      `INSERT INTO escalations (escalation_id, incident_id, regime, obligation, rung, kind, recipients, due_at, raised_at, acknowledged_at, acknowledged_by)
       SELECT id, incident_id, regime, obligation, rung, kind, string_to_array(recipients, ','), due_at, raised_at, acknowledged_at,
              CASE WHEN acknowledged_at IS NOT NULL THEN 'Dana Privacy' END
       FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::timestamptz[], $9::timestamptz[], $10::timestamptz[])
         AS e (id, incident_id, regime, obligation, rung, kind, recipients, due_at, raised_at, acknowledged_at)`,
      [
        escalations.map((e) => e.id),
        escalations.map((e) => e.clock.incidentId),
        escalations.map((e) => e.clock.regime),
        escalations.map((e) => e.clock.obligation),
        escalations.map((e) => e.step.stepId),
        escalations.map((e) => e.step.kind),
        escalations.map((e) => e.step.recipients.join(',')),
        escalations.map((e) => e.clock.dueAt),
        escalations.map((e) => e.step.at),
        escalations.map((e) => e.acknowledgedAt),
      ],
    );
    await client.query('COMMIT');
    // What autovacuum would do soon after such a load: statistics for the planner, a visibility map for index-only scans.
    await client.query('VACUUM ANALYZE incidents, deadlines, escalations, contacts');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    await client.end();
  }
  return {
    incidents: incidents.length,
    clocks: clocks.length,
    overdue: clocks.filter((c) => c.status === 'overdue').length,
    owned: incidents.filter((i) => i.owner).length,
    escalations: escalations.length,
    unacknowledged: escalations.filter((e) => !e.acknowledgedAt).length,
    ownerIds,
  };
}

/** Latencies of `send` over WARMUP_REQUESTS + REQUESTS calls, the warm-up ones dropped. */
async function timeRequests(send: () => Promise<void>): Promise<number[]> {
  const latencies: number[] = [];
  for (let i = 0; i < WARMUP_REQUESTS + REQUESTS; i++) {
    const since = performance.now();
    await send();
    if (i >= WARMUP_REQUESTS) latencies.push(performance.now() - since);
  }
  return latencies;
}

async function main(): Promise<void> {
  const stack = await startBenchStack({ name: 'board' });
  try {
    const key = stack.adminKey.key;
    if (!key) throw new Error('the stack has no admin key to send with');
    console.log(describeMachine(stack));
    const seed = await seedBoard(stack.databaseUrl);
    await workerReady(stack);
    console.log(`seeded:   ${seed.clocks} running clocks (${seed.overdue} overdue) on ${seed.incidents} incidents (${seed.owned} owned), ${seed.escalations} escalations (${seed.unacknowledged} unacknowledged)`);

    const url = `${stack.apiUrl}/v1/deadlines?limit=1000`;
    // node:http on one kept-alive connection, the body read to its last byte and not parsed: the client takes as
    // little of the machine's CPU as it can (fetch took 10 ms of it a request).
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const send = () =>
      new Promise<{ status: number; body: Buffer }>((resolve, reject) => {
        http
          .get(url, { agent, headers: { authorization: `Bearer ${key}` } }, (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (chunk: Buffer) => chunks.push(chunk));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
            res.on('error', reject);
          })
          .on('error', reject);
      });
    const body = (await send()).body.toString('utf8');
    const items = (JSON.parse(body) as { items?: unknown[] }).items?.length ?? 0;
    let errors = 0;
    const stop = measureCpu(stack);
    const latencies = await timeRequests(async () => {
      if ((await send()).status !== 200) errors++;
    });
    const cpu = stop();
    agent.destroy();
    const d = distribution(latencies);
    console.log(`\nGET /v1/deadlines?limit=1000: ${REQUESTS} requests after ${WARMUP_REQUESTS} warm-up, one at a time`);
    console.log(figure('p50 / p95 / p99 / max', `${ms(d.p50)} / ${ms(d.p95)} / ${ms(d.p99)} / ${ms(d.max)}`, { text: `p99 ≤ ${P99_TARGET_MS} ms`, met: d.p99 <= P99_TARGET_MS && errors === 0 }));
    console.log(figure('', `${items} items, ${(body.length / 1024).toFixed(0)} KiB a response, ${errors} errors; CPU ms/request ${perRequest(cpu, WARMUP_REQUESTS + REQUESTS)}; others busy ${othersBusy(cpu)}`));

    // The same query without HTTP, validation and JSON: how much of the answer is PostgreSQL's.
    const pool = new pg.Pool({ connectionString: stack.databaseUrl, max: 1 });
    try {
      const sql = distribution(await timeRequests(async () => void (await listBoardDeadlines(pool, { limit: 1001 }))));
      console.log(figure('its SQL alone: p50 / p95 / p99', `${ms(sql.p50)} / ${ms(sql.p95)} / ${ms(sql.p99)}`));
    } finally {
      await pool.end();
    }
    await measureBoardRender(stack.apiUrl, seed.clocks);
  } finally {
    await stack.stop();
  }
}

if (require.main === module) runBenchmark(main);

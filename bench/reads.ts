// Read latency over a realistic volume: seeds BENCH_INCIDENTS incidents with their clocks straight into
// PostgreSQL (opening them through workflows would take hours), then times `GET /v1/incidents` and
// `GET /v1/deadlines` over real HTTP, first pages and pages deep, one request at a time.
//
//   node --import tsx bench/reads.ts
//
// Environment (default):
//   BENCH_INCIDENTS (100000)    incidents to seed, spread over the last two years
//   BENCH_SEED_BATCH (20000)    incidents per INSERT
//   BENCH_REQUESTS (500)        measured requests per query kind
//   BENCH_WARMUP_REQUESTS (50)  requests per query kind before those, not counted
//   BENCH_PAGES (20)            how deep the cursor-following kinds page before starting over
//   BENCH_ECHO=1                print the stack's output
//   TEMPORAL_ADDRESS, DATABASE_URL, TEMPORAL_NAMESPACE  external servers instead of the embedded ones; the
//                               seed adds to whatever the database holds, so use a disposable one.
//
// Seeded incidents have no workflow: the list endpoints read PostgreSQL only, which is what is measured.
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { encodeOpaqueCursor } from '../src/api/cursor';
import { measureCpu, othersBusy, perRequest } from './proc-usage';
import { describeMachine, distribution, figure, ms, runBenchmark, startBenchStack, workerReady } from './support';

const INCIDENTS = Number(process.env.BENCH_INCIDENTS ?? 100_000);
const SEED_BATCH = Number(process.env.BENCH_SEED_BATCH ?? 20_000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 500);
const WARMUP_REQUESTS = Number(process.env.BENCH_WARMUP_REQUESTS ?? 50);
const PAGES = Number(process.env.BENCH_PAGES ?? 20);
const SPAN_DAYS = 730;
const P99_TARGET_MS = 20;

/**
 * One row per incident with the draws that shape it, created oldest first over SPAN_DAYS. Older incidents
 * are mostly closed; a resolved closure has met every running clock, a not-a-breach one has waived them.
 */
const SEED_INCIDENTS = `
CREATE TEMP TABLE bench_seed AS
SELECT s.*,
       coalesce(s.aware_at, s.detected_at) AS clock_start,
       CASE WHEN s.closed THEN CASE WHEN s.r_kind < 0.3 THEN 'not-a-breach' ELSE 'resolved' END END AS closure_kind,
       CASE WHEN s.closed THEN least(now(), s.created_at + interval '1 day' + s.r_kind * interval '45 days') END AS closed_at
FROM (
  SELECT gen_random_uuid() AS id,
         c.created_at,
         c.created_at - random() * interval '12 hours' AS detected_at,
         CASE WHEN random() < 0.6 THEN c.created_at + random() * interval '6 hours' END AS aware_at,
         random() < CASE WHEN c.created_at < now() - interval '90 days' THEN 0.95 WHEN c.created_at < now() - interval '7 days' THEN 0.5 ELSE 0.1 END AS closed,
         random() AS r_kind, random() AS r_met, random() AS r_stage,
         random() < 0.35 AS nis2, random() < 0.15 AS uk, random() < 0.1 AS dora,
         extract(year FROM c.created_at AT TIME ZONE 'UTC')::int AS year
  FROM generate_series($1::int, $2::int) AS i,
       LATERAL (SELECT now() - ($3::int - i) * ($4::int * interval '1 day' / $3::int) AS created_at) c
) s`;

/** References continue each year's counter, as the workflow's persistIncident allocates them. */
const INSERT_INCIDENTS = `
WITH counts AS (SELECT year, count(*)::int AS n FROM bench_seed GROUP BY year),
counters AS (
  INSERT INTO incident_reference_counters (year, last_value) SELECT year, n FROM counts
  ON CONFLICT (year) DO UPDATE SET last_value = incident_reference_counters.last_value + EXCLUDED.last_value
  RETURNING year, last_value
),
numbered AS (
  SELECT s.*, (k.last_value - c.n + row_number() OVER (PARTITION BY s.year ORDER BY s.created_at))::text AS seq
  FROM bench_seed s JOIN counts c USING (year) JOIN counters k USING (year)
)
INSERT INTO incidents (id, reference, workflow_id, title, description, status, stage, detected_at, aware_at, reported_by, created_by,
                       created_at, updated_at, containment_status, contained_at, closure_kind, closure_reason, closed_at)
SELECT s.id,
       -- Padded to 4 digits like formatReference, never cut.
       format('BR-%s-%s', s.year, lpad(s.seq, greatest(4, length(s.seq)), '0')),
       'incident-' || s.id,
       (ARRAY['Phishing: compromised mailbox', 'Lost laptop, disk not encrypted', 'Payroll spreadsheet emailed to the wrong recipient',
              'Ransomware on the file server', 'Public storage bucket with customer exports', 'Credential stuffing on the customer portal',
              'Mass download from the HR share', 'Backup tape missing in transit'])[1 + floor(s.r_stage * 8)::int],
       CASE WHEN s.r_met < 0.5 THEN 'Reported by the service desk; first facts in the timeline.' END,
       CASE WHEN s.closed THEN 'closed' ELSE 'open' END,
       CASE WHEN s.closed THEN 'closed'
            ELSE (ARRAY['detected', 'containment', 'investigation', 'evidence-preservation', 'risk-assessment', 'notification'])[1 + floor(s.r_stage * 6)::int] END,
       s.detected_at, s.aware_at,
       CASE WHEN s.r_kind < 0.4 THEN 'SIEM (splunk)' WHEN s.r_kind < 0.7 THEN 'Service desk' END,
       $1::uuid,
       s.created_at, coalesce(s.closed_at, s.created_at),
       CASE WHEN s.closed OR s.r_stage > 0.6 THEN 'contained' WHEN s.r_stage > 0.2 THEN 'in-progress' ELSE 'not-started' END,
       CASE WHEN s.closed OR s.r_stage > 0.6 THEN s.created_at + s.r_met * interval '2 days' END,
       s.closure_kind,
       CASE s.closure_kind WHEN 'not-a-breach' THEN 'No personal data involved' WHEN 'resolved' THEN 'Contained, notified, lessons recorded' END,
       s.closed_at
FROM numbered s`;

/**
 * The clocks each incident opened with (GDPR always; UK GDPR, NIS2, DORA for some). A clock runs from
 * awareness, or from the notice it is chained to; an open incident met half of its running clocks, the
 * rest are pending or overdue by their due instant. DORA's wait for the classification as major.
 */
const INSERT_DEADLINES = `
WITH clocks (regime, obligation, trigger, period, applies) AS (
  VALUES ('GDPR', 'notify-supervisory-authority', 'awareness', interval '72 hours', 'all'),
         ('UK-GDPR', 'notify-supervisory-authority', 'awareness', interval '72 hours', 'uk'),
         ('NIS2', 'early-warning', 'awareness', interval '24 hours', 'nis2'),
         ('NIS2', 'incident-notification', 'awareness', interval '72 hours', 'nis2'),
         ('NIS2', 'final-report', 'after:incident-notification', interval '1 month', 'nis2'),
         ('DORA', 'initial-notification', 'classification-as-major', NULL, 'dora'),
         ('DORA', 'intermediate-report', 'after:initial-notification', NULL, 'dora'),
         ('DORA', 'final-report', 'after:intermediate-report', NULL, 'dora')
),
timed AS (
  SELECT s.id, s.closure_kind, s.r_met, k.regime, k.obligation, k.trigger,
         CASE WHEN k.period IS NULL THEN NULL
              WHEN k.trigger = 'awareness' THEN s.clock_start
              -- The final report's month starts when the incident notification was met, if it was.
              WHEN s.closure_kind = 'resolved' OR s.r_met < 0.5 THEN s.clock_start + s.r_met * interval '72 hours' END AS starts_at,
         k.period
  FROM bench_seed s JOIN clocks k ON k.applies = 'all' OR (k.applies = 'uk' AND s.uk) OR (k.applies = 'nis2' AND s.nis2) OR (k.applies = 'dora' AND s.dora)
)
INSERT INTO deadlines (incident_id, regime, obligation, trigger, starts_at, due_at, status, met_at, waived_reason)
SELECT id, regime, obligation, trigger, starts_at, starts_at + period,
       CASE WHEN closure_kind = 'not-a-breach' THEN 'waived'
            WHEN starts_at IS NULL THEN 'awaiting-trigger'
            WHEN closure_kind = 'resolved' OR (r_met < 0.5 AND trigger = 'awareness') THEN 'met'
            WHEN starts_at + period < now() THEN 'overdue'
            ELSE 'pending' END,
       CASE WHEN closure_kind = 'resolved' AND starts_at IS NOT NULL OR (closure_kind IS NULL AND r_met < 0.5 AND trigger = 'awareness')
            THEN least(now(), starts_at + r_met * period) END,
       CASE WHEN closure_kind = 'not-a-breach' THEN 'Not a personal data breach: No personal data involved' END
FROM timed`;

async function seed(databaseUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string }>("SELECT id FROM api_keys WHERE role = 'admin' ORDER BY created_at LIMIT 1");
    for (let from = 1; from <= INCIDENTS; from += SEED_BATCH) {
      await client.query('BEGIN');
      await client.query(SEED_INCIDENTS, [from, Math.min(from + SEED_BATCH - 1, INCIDENTS), INCIDENTS, SPAN_DAYS]);
      await client.query(INSERT_INCIDENTS, [rows[0]?.id ?? null]);
      await client.query(INSERT_DEADLINES);
      await client.query('DROP TABLE bench_seed');
      await client.query('COMMIT');
    }
    // What autovacuum would do soon after such a load: without statistics the planner guesses.
    await client.query('ANALYZE incidents, deadlines');
  } finally {
    await client.end();
  }
}

async function describeSeed(databaseUrl: string): Promise<string> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const count = async (sql: string) => (await client.query<{ key: string; n: string }>(sql)).rows.map((r) => `${r.key} ${r.n}`).join(', ');
    return [
      `incidents: ${await count('SELECT status AS key, count(*) AS n FROM incidents GROUP BY 1 ORDER BY 1')}`,
      `deadlines: ${await count('SELECT status AS key, count(*) AS n FROM deadlines GROUP BY 1 ORDER BY 1')}`,
    ].join('\n');
  } finally {
    await client.end();
  }
}

interface Page {
  items: unknown[];
  nextCursor: string | null;
}

/** The next request of a kind, from the last page it got (undefined at the start); `measured: false` only leads to the ones that count. */
type Next = (last: Page | undefined) => { path: string; measured?: boolean };

/** Sends a kind's requests one after the other until WARMUP_REQUESTS + REQUESTS of them were measured; the latency covers the whole body. */
async function timeKind(apiUrl: string, key: string, next: Next) {
  const latencies: number[] = [];
  let errors = 0;
  let items = 0;
  let last: Page | undefined;
  let sent = 0;
  for (let counted = 0; counted < WARMUP_REQUESTS + REQUESTS; sent++) {
    const { path, measured = true } = next(last);
    const since = performance.now();
    const res = await fetch(`${apiUrl}${path}`, { headers: { authorization: `Bearer ${key}` } });
    const body = (await res.json()) as Page;
    const latency = performance.now() - since;
    last = res.ok ? body : undefined;
    if (!measured || counted++ < WARMUP_REQUESTS) continue;
    latencies.push(latency);
    if (!res.ok) errors++;
    else items += body.items.length;
  }
  return { ...distribution(latencies), errors, meanItems: items / Math.max(1, latencies.length - errors), sent };
}

/** Follows nextCursor from `firstPath` to page PAGES, then starts over; pages 2 to PAGES are measured. */
function following(firstPath: string): Next {
  let page = 0;
  return (last) => {
    if (page === 0 || page >= PAGES || !last?.nextCursor) {
      // A list of a single page has no page 2: its first page is measured instead.
      const single = page === 1 && !last?.nextCursor;
      page = 1;
      return { path: firstPath, measured: single };
    }
    page++;
    return { path: `${firstPath}${firstPath.includes('?') ? '&' : '?'}cursor=${encodeURIComponent(last.nextCursor)}` };
  };
}

const always = (path: string): Next => () => ({ path });

async function main(): Promise<void> {
  const stack = await startBenchStack({ name: 'reads' });
  try {
    const key = stack.adminKey.key;
    if (!key) throw new Error('the stack has no admin key to send with');
    console.log(describeMachine(stack));
    const seedStart = performance.now();
    await seed(stack.databaseUrl);
    await workerReady(stack);
    console.log(`seeded:   ${INCIDENTS} incidents in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`);
    console.log((await describeSeed(stack.databaseUrl)).replace(/^/gm, '          '));

    // A cursor halfway through the closed incidents (page ~900 of 50 with the default seed), without walking there.
    const pool = new pg.Pool({ connectionString: stack.databaseUrl, max: 1 });
    const { rows } = await pool.query<{ created_at: Date; id: string }>(
      "SELECT created_at, id FROM incidents WHERE status = 'closed' ORDER BY created_at DESC, id DESC OFFSET (SELECT count(*) / 2 FROM incidents WHERE status = 'closed') LIMIT 1",
    );
    await pool.end();
    const middle = encodeURIComponent(encodeOpaqueCursor({ createdAt: rows[0]!.created_at.toISOString(), id: rows[0]!.id }));
    const inAWeek = encodeURIComponent(new Date(Date.now() + 7 * 86_400_000).toISOString());

    const kinds: [string, Next][] = [
      ['incidents, first page', always('/v1/incidents')],
      ['incidents open, first page', always('/v1/incidents?status=open')],
      ['incidents closed, first page', always('/v1/incidents?status=closed')],
      [`incidents, pages 2–${PAGES} by cursor`, following('/v1/incidents')],
      [`incidents open, pages 2–${PAGES}`, following('/v1/incidents?status=open')],
      ['incidents closed, cursor mid-table', always(`/v1/incidents?status=closed&cursor=${middle}`)],
      ['deadlines, first page', always('/v1/deadlines')],
      ['deadlines pending, first page', always('/v1/deadlines?status=pending')],
      ['deadlines NIS2, first page', always('/v1/deadlines?regime=NIS2')],
      ['deadlines pending due within 7 days', always(`/v1/deadlines?status=pending&dueBefore=${inAWeek}`)],
      [`deadlines, pages 2–${PAGES} by cursor`, following('/v1/deadlines')],
      [`deadlines pending, pages 2–${PAGES}`, following('/v1/deadlines?status=pending')],
    ];
    console.log(`\n${REQUESTS} requests per kind after ${WARMUP_REQUESTS} warm-up, one at a time: p50 / p99 / max`);
    for (const [name, next] of kinds) {
      const stop = measureCpu(stack);
      const d = await timeKind(stack.apiUrl, key, next);
      const cpu = stop();
      console.log(figure(name, `${ms(d.p50)} / ${ms(d.p99)} / ${ms(d.max)}`, { text: `p99 ≤ ${P99_TARGET_MS} ms`, met: d.p99 <= P99_TARGET_MS && d.errors === 0 }));
      // What the requests cost the servers, and how busy the rest of the machine was: tells work from noise.
      console.log(figure('', `${d.meanItems.toFixed(0)} items a page, ${d.errors} errors; CPU ms/request ${perRequest(cpu, d.sent)}; others busy ${othersBusy(cpu)}`));
    }
  } finally {
    await stack.stop();
  }
}

runBenchmark(main);

// Traces across the real processes: an API and a worker of this file's own (src/server.ts and src/worker.ts, on a
// task queue of their own, against the e2e stack's Temporal and PostgreSQL) export OTLP/HTTP JSON to a collector
// this test runs. Jest loads modules through a registry of its own, which OpenTelemetry's `require` hooks never see,
// so express and pg cannot be instrumented inside the jest process; the child processes are how production runs.
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { freePort, retryUntil, spawnManaged, type ManagedProcess } from '../../src/stack/child-process';
import { projectRoot } from '../../src/stack/temporal-binaries';
import { call, eventually, stackEnv } from './http';

interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  service: string;
  attributes: Record<string, unknown>;
}

const SPAN_KIND_SERVER = 2;

const spans: OtlpSpan[] = [];
let collector: Server;
let worker: ManagedProcess;
let api: ManagedProcess;
let apiUrl: string;

/** Flattens an OTLP/JSON export request into spans, each with its resource's service.name. */
function collect(body: any): void {
  for (const resourceSpans of body.resourceSpans ?? []) {
    const attribute = (list: any[] | undefined, key: string) => list?.find((a) => a.key === key)?.value;
    const service = attribute(resourceSpans.resource?.attributes, 'service.name')?.stringValue as string;
    for (const scope of resourceSpans.scopeSpans ?? []) {
      for (const span of scope.spans ?? []) {
        const attributes = Object.fromEntries((span.attributes ?? []).map((a: any) => [a.key, Object.values(a.value ?? {})[0]]));
        spans.push({ traceId: span.traceId, spanId: span.spanId, parentSpanId: span.parentSpanId || undefined, name: span.name, kind: span.kind, service, attributes });
      }
    }
  }
}

/** The span and its ancestors, nearest first. */
function chain(span: OtlpSpan): OtlpSpan[] {
  const byId = new Map(spans.map((s) => [s.spanId, s]));
  const found = [span];
  for (let parent = span.parentSpanId && byId.get(span.parentSpanId); parent; parent = parent.parentSpanId && byId.get(parent.parentSpanId)) found.push(parent);
  return found;
}

function spawnService(name: string, entry: string, env: Record<string, string>): ManagedProcess {
  return spawnManaged(`tracing-${name}`, process.execPath, ['--import', 'tsx', path.join(projectRoot, 'src', entry)], {
    cwd: projectRoot,
    env: { ...process.env, ...env },
  });
}

beforeAll(async () => {
  collector = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      if (req.url === '/v1/traces') collect(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
  const port = await freePort();
  apiUrl = `http://127.0.0.1:${port}`;
  const env = {
    OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${(collector.address() as AddressInfo).port}`,
    OTEL_BSP_SCHEDULE_DELAY: '100',
    DATABASE_URL: stackEnv.appDatabaseUrl,
    TEMPORAL_ADDRESS: stackEnv.temporalAddress,
    TASK_QUEUE: `tracing-${randomUUID()}`,
    DATA_DIR: stackEnv.dataDir,
    WORKER_METRICS_PORT: '0',
    HOST: '127.0.0.1',
    PORT: String(port),
    LOG_LEVEL: 'info',
  };
  worker = spawnService('worker', 'worker.ts', env);
  const started = new Promise<void>((resolve) => worker.child.stdout?.on('data', (chunk: Buffer) => chunk.toString('utf8').includes('worker started') && resolve()));
  api = spawnService('api', 'server.ts', env);
  await retryUntil(async () => {
    if (api.child.exitCode !== null) throw new Error(`the API exited with code ${api.child.exitCode}`);
    const res = await fetch(`${apiUrl}/healthz`);
    if (!res.ok) throw new Error(`/healthz answered ${res.status}`);
  }, 60_000);
  await Promise.race([started, worker.exited.then((code) => Promise.reject(new Error(`the worker exited with code ${code}`)))]);
}, 120_000);

afterAll(async () => {
  await Promise.all([api?.stop(), worker?.stop()]);
  await new Promise((resolve) => collector?.close(resolve));
});

describe('OpenTelemetry traces (OTEL_EXPORTER_OTLP_ENDPOINT set)', () => {
  it('follows POST /v1/incidents in one trace: HTTP server span → Temporal client span → workflow Update → activity → its SQL', async () => {
    const res = await call('POST', '/v1/incidents', {
      baseUrl: apiUrl,
      key: stackEnv.adminKey,
      json: { title: 'Traced incident', detectedAt: '2026-03-28T08:30:00+01:00', awareAt: '2026-03-28T09:00:00+01:00' },
    });
    expect(res.status).toBe(201);

    // The activity's INSERT of the incident row, once both processes have exported: its chain must reach the HTTP request.
    const statement = (s: OtlpSpan) => {
      const text = s.attributes['db.statement'] ?? s.attributes['db.query.text'];
      return typeof text === 'string' ? text : '';
    };
    const sqlUnderRequest = () => spans.filter((s) => s.name.startsWith('pg.query:') && /\bINSERT INTO incidents\b/i.test(statement(s)))
      .map(chain)
      .find((c) => c.some((s) => s.name.startsWith('RunActivity:')) && c.at(-1)!.kind === SPAN_KIND_SERVER);
    const found = await eventually(async () => sqlUnderRequest(), (c) => c !== undefined, 20_000);
    expect(found).toBeDefined();
    const ancestry = found!;

    const root = ancestry.at(-1)!;
    expect(root).toMatchObject({ kind: SPAN_KIND_SERVER, service: 'breach-api', name: 'POST /v1/incidents' });
    expect(new Set(ancestry.map((s) => s.traceId))).toEqual(new Set([root.traceId]));
    const names = ancestry.map((s) => s.name);
    expect(names).toEqual(expect.arrayContaining([expect.stringMatching(/^UpdateWithStartWorkflow:/), expect.stringMatching(/^HandleUpdate:/), expect.stringMatching(/^StartActivity:/), expect.stringMatching(/^RunActivity:/)]));
    // Nearest first: the SQL, inside the activity, scheduled by the Update handler, reached from the client call.
    const at = (prefix: string) => names.findIndex((n) => n.startsWith(prefix));
    expect(at('RunActivity:')).toBeLessThan(at('StartActivity:'));
    expect(at('StartActivity:')).toBeLessThan(at('HandleUpdate:'));
    expect(at('HandleUpdate:')).toBeLessThan(at('UpdateWithStartWorkflow:'));
    expect(ancestry.find((s) => s.name.startsWith('RunActivity:'))!.service).toBe('breach-worker');
    expect(ancestry.find((s) => s.name.startsWith('UpdateWithStartWorkflow:'))!.service).toBe('breach-api');
    expect(ancestry[0]!.service).toBe('breach-worker');
    expect(ancestry[0]!.name).toMatch(/^pg\.query:INSERT /);
  });
});

import type pg from 'pg';
import type { Role } from '../../src/domain/roles';
import { freePort, retryUntil } from '../../src/stack/child-process';
import { startSmtpSink, type SmtpSink } from '../../src/stack/smtp-sink';
import { call, eventually, keysByRole, openPool, stackEnv } from './http';
import { startServices } from './services';

const HOUR = 3_600_000;
let pool: pg.Pool;
let keys: Record<Role, string>;
let sink: SmtpSink;
let services: Awaited<ReturnType<typeof startServices>>;
let workerMetricsUrl: string;
let contactId: string;

interface Series {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** The samples of a Prometheus text exposition. */
function parse(text: string): Series[] {
  return text.split('\n').flatMap((line) => {
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})?\s+(\S+)$/.exec(line);
    if (!m) return [];
    const labels = Object.fromEntries([...(m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((l) => [l[1]!, l[2]!]));
    return [{ name: m[1]!, labels, value: Number(m[3]) }];
  });
}

/** The value of the one series with this name and exactly these labels; undefined when absent. */
function valueOf(series: Series[], name: string, labels: Record<string, string> = {}): number | undefined {
  return series.find((s) => s.name === name && JSON.stringify(Object.entries(s.labels).sort()) === JSON.stringify(Object.entries(labels).sort()))?.value;
}

async function scrape(url: string): Promise<{ status: number; type: string | null; text: string; series: Series[] }> {
  const res = await fetch(url);
  const text = await res.text();
  return { status: res.status, type: res.headers.get('content-type'), text, series: parse(text) };
}

/** Figures counted straight from PostgreSQL, each by its own query, to hold the scraped gauges against. */
async function countedInPostgres() {
  const one = async (sql: string) => Number((await pool.query<{ n: string }>(sql)).rows[0]!.n);
  return {
    detected: await one(`SELECT count(*) AS n FROM incidents WHERE status = 'open' AND stage = 'detected'`),
    investigation: await one(`SELECT count(*) AS n FROM incidents WHERE status = 'open' AND stage = 'investigation'`),
    gdprPending: await one(`SELECT count(*) AS n FROM deadlines WHERE regime = 'GDPR' AND status = 'pending'`),
    gdprOverdue: await one(
      `SELECT count(*) AS n FROM deadlines d JOIN incidents i ON i.id = d.incident_id WHERE d.regime = 'GDPR' AND d.status IN ('pending', 'overdue') AND d.due_at <= now() AND i.status = 'open'`,
    ),
    remindersRaised: await one(`SELECT count(*) AS n FROM escalations WHERE kind = 'reminder'`),
    overdueRaised: await one(`SELECT count(*) AS n FROM escalations WHERE kind = 'overdue'`),
    overdueAcknowledged: await one(`SELECT count(*) AS n FROM escalations WHERE kind = 'overdue' AND acknowledged_at IS NOT NULL`),
    emailsSent: await one(`SELECT count(*) AS n FROM escalation_deliveries WHERE channel = 'email' AND status = 'sent'`),
    alertsOpened: await one(`SELECT count(*) AS n FROM intake_alerts WHERE status = 'opened'`),
  };
}

/** The same figures as the API's /metrics shows them. */
function scraped(series: Series[]): Awaited<ReturnType<typeof countedInPostgres>> {
  const v = (name: string, labels: Record<string, string>) => valueOf(series, name, labels) ?? Number.NaN;
  return {
    detected: v('breach_open_incidents', { stage: 'detected' }),
    investigation: v('breach_open_incidents', { stage: 'investigation' }),
    gdprPending: v('breach_clocks', { regime: 'GDPR', status: 'pending' }),
    gdprOverdue: v('breach_clocks_overdue', { regime: 'GDPR' }),
    remindersRaised: v('breach_escalations_raised', { kind: 'reminder' }),
    overdueRaised: v('breach_escalations_raised', { kind: 'overdue' }),
    overdueAcknowledged: v('breach_escalations_acknowledged', { kind: 'overdue' }),
    emailsSent: v('breach_deliveries', { channel: 'email', status: 'sent' }),
    alertsOpened: v('breach_intake_alerts', { status: 'opened' }),
  };
}

/**
 * Other suites share the database, so the scrape is held against PostgreSQL counted before and just after it:
 * once nothing moved in between, the gauges must equal the counts. The API reuses one read of the figures for a
 * second after it settles (src/metrics/business-metrics.ts), so the window opens longer than that before the scrape.
 */
const FIGURES_REUSE_MS = 1_000;
async function scrapeWhileStill(url: string) {
  return eventually(
    async () => {
      const before = await countedInPostgres();
      await new Promise((resolve) => setTimeout(resolve, 2 * FIGURES_REUSE_MS));
      const { series } = await scrape(url);
      const after = await countedInPostgres();
      return { before, after, series };
    },
    ({ before, after }) => JSON.stringify(before) === JSON.stringify(after),
    30_000,
  );
}

beforeAll(async () => {
  pool = openPool();
  keys = await keysByRole(pool);
  sink = await startSmtpSink();
  const port = await freePort();
  // A worker and an API of this suite's own: only its incidents run on that worker, so its counters are exact.
  services = await startServices({ SMTP_URL: sink.url, WORKER_METRICS_PORT: String(port) });
  workerMetricsUrl = `http://127.0.0.1:${port}/metrics`;
  await retryUntil(() => fetch(`http://127.0.0.1:${port}/healthz`).then((r) => (r.ok ? undefined : Promise.reject(new Error(String(r.status))))), 60_000);
  const contact = await call('POST', '/v1/contacts', { key: keys.admin, json: { name: 'Metrics DPO', role: 'dpo', email: 'metrics-dpo@example.test' } });
  expect(contact.status).toBe(201);
  contactId = contact.body.id as string;
}, 120_000);

afterAll(async () => {
  // Contacts are organisation-wide: later suites must not deliver to this one.
  if (contactId) await call('PATCH', `/v1/contacts/${contactId}`, { key: keys.admin, json: { active: false } });
  await services?.stop();
  await sink?.stop();
  await pool?.end();
});

/** Opens an incident on this suite's API, aware `hoursAgo` hours ago. */
async function openIncident(title: string, hoursAgo: number): Promise<{ id: string; reference: string }> {
  const awareAt = new Date(Date.now() - hoursAgo * HOUR).toISOString();
  const res = await call('POST', '/v1/incidents', { baseUrl: services.apiUrl, key: keys.responder, json: { title, detectedAt: awareAt, awareAt } });
  expect(res.status).toBe(201);
  return res.body;
}

describe('GET /metrics (API and worker)', () => {
  it('shows a breach walked through the API in the business figures, the HTTP series by route template and the worker’s escalation and SDK metrics', async () => {
    const before = (await scrape(`${stackEnv.apiUrl}/metrics`)).series;

    // One incident stays detected, one moves to investigation with a finding, one has its awareness moved 80 h back
    // by a trigger: its GDPR clock is overdue and every rung of the ladder is raised at once.
    const detected = await openIncident('Metrics: lost USB stick', 1);
    const investigated = await openIncident('Metrics: misdirected payroll mail', 1);
    const finding = await call('POST', `/v1/incidents/${investigated.id}/findings`, {
      baseUrl: services.apiUrl,
      key: keys.responder,
      json: { summary: 'Sent to a former supplier', details: { recipients: 1 }, observedAt: new Date().toISOString() },
    });
    expect(finding.status).toBe(201);
    const overdue = await openIncident('Metrics: ransomware on the HR share', 1);
    const trigger = await call('POST', `/v1/incidents/${overdue.id}/triggers`, {
      baseUrl: services.apiUrl,
      key: keys.responder,
      json: { event: 'awareness', occurredAt: new Date(Date.now() - 80 * HOUR).toISOString(), reason: 'The SOC found the first encrypted file from three days ago' },
    });
    expect(trigger.status).toBe(201);
    const raisedKinds = async () =>
      (await pool.query<{ kind: string; n: string }>('SELECT kind, count(*) AS n FROM escalations WHERE incident_id = $1::uuid GROUP BY kind ORDER BY kind', [overdue.id])).rows.map((r) => [r.kind, Number(r.n)]);
    expect(await eventually(raisedKinds, (k) => JSON.stringify(k) === JSON.stringify([['overdue', 1], ['reminder', 4]]), 30_000)).toEqual([['overdue', 1], ['reminder', 4]]);
    // The escalations for the DPO (reminders 2–4 and the overdue notice; reminder-1 is the owner's) reach this suite's DPO contact by email.
    const sentToContact = async () => Number((await pool.query<{ n: string }>(`SELECT count(*) AS n FROM escalation_deliveries WHERE incident_id = $1::uuid AND contact_id = $2::uuid AND status = 'sent'`, [overdue.id, contactId])).rows[0]!.n);
    expect(await eventually(sentToContact, (n) => n === 4, 30_000)).toBe(4);
    for (let i = 0; i < 3; i++) expect((await call('GET', `/v1/incidents/${detected.id}`, { baseUrl: services.apiUrl, key: keys.viewer })).status).toBe(200);
    // An unsigned delivery to a source that does not exist is refused before anything is stored.
    const refused = await call('POST', `/v1/intake/${detected.id}`, { baseUrl: services.apiUrl, json: { title: 'x' } });
    expect(refused.status).toBe(404);

    // The business figures equal PostgreSQL's own counts (the shared API reads them as the application role).
    const { before: counted, series } = await scrapeWhileStill(`${stackEnv.apiUrl}/metrics`);
    expect(scraped(series)).toEqual(counted);
    expect(valueOf(series, 'breach_business_figures_up')).toBe(1);
    expect(counted.detected).toBeGreaterThanOrEqual(1);
    expect(counted.investigation).toBeGreaterThanOrEqual(1);
    expect(counted.gdprOverdue).toBeGreaterThanOrEqual(1);
    expect(counted.remindersRaised - (valueOf(before, 'breach_escalations_raised', { kind: 'reminder' }) ?? 0)).toBeGreaterThanOrEqual(4);
    expect(counted.overdueRaised - (valueOf(before, 'breach_escalations_raised', { kind: 'overdue' }) ?? 0)).toBeGreaterThanOrEqual(1);
    expect(counted.emailsSent - (valueOf(before, 'breach_deliveries', { channel: 'email', status: 'sent' }) ?? 0)).toBeGreaterThanOrEqual(4);
    expect(valueOf(series, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);

    // This suite's API served only this suite: its HTTP series count exactly the requests above, by template.
    const api = await scrape(`${services.apiUrl}/metrics`);
    expect(api.status).toBe(200);
    expect(api.type).toContain('text/plain');
    expect(valueOf(api.series, 'http_requests_total', { method: 'POST', route: '/v1/incidents', status: '201' })).toBe(3);
    expect(valueOf(api.series, 'http_requests_total', { method: 'GET', route: '/v1/incidents/{id}', status: '200' })).toBe(3);
    expect(valueOf(api.series, 'http_requests_total', { method: 'POST', route: '/v1/incidents/{id}/triggers', status: '201' })).toBe(1);
    expect(valueOf(api.series, 'http_request_duration_seconds_count', { method: 'POST', route: '/v1/incidents/{id}/findings', status: '201' })).toBe(1);
    expect(valueOf(api.series, 'breach_intake_alerts_refused_total', { reason: 'unknown-source' })).toBe(1);
    // No ids, references, titles or addresses in any label.
    for (const secretish of [detected.id, overdue.reference, 'ransomware', 'metrics-dpo@example.test', keys.viewer]) expect(api.text).not.toContain(secretish);
    expect(api.series.every((s) => Object.values(s.labels).every((v) => !/[0-9a-f]{8}-[0-9a-f]{4}-/.test(v)))).toBe(true);

    // The worker that ran these incidents: lateness of each rung raised (every one of them late by hours), delivery
    // attempts, its process and the Temporal SDK's own series.
    const worker = await eventually(
      () => scrape(workerMetricsUrl),
      (w) => valueOf(w.series, 'breach_escalation_lateness_seconds_count', { kind: 'reminder' }) === 4 && valueOf(w.series, 'breach_escalation_lateness_seconds_count', { kind: 'overdue' }) === 1,
      15_000,
    );
    expect(worker.status).toBe(200);
    expect(valueOf(worker.series, 'breach_escalation_lateness_seconds_count', { kind: 'reminder' })).toBe(4);
    expect(valueOf(worker.series, 'breach_escalation_lateness_seconds_count', { kind: 'overdue' })).toBe(1);
    // The overdue rung was due 8 h before it was raised; reminder-1 (at +24 h) 56 h before.
    expect(valueOf(worker.series, 'breach_escalation_lateness_seconds_bucket', { kind: 'overdue', le: '3600' })).toBe(0);
    expect(valueOf(worker.series, 'breach_escalation_lateness_seconds_sum', { kind: 'reminder' })).toBeGreaterThan((56 + 32 + 20 + 12) * 3600 - 600);
    expect(valueOf(worker.series, 'breach_delivery_attempts_total', { channel: 'email', outcome: 'sent' })).toBeGreaterThanOrEqual(4);
    expect(valueOf(worker.series, 'process_resident_memory_bytes')).toBeGreaterThan(0);
    expect(valueOf(worker.series, 'breach_worker_sdk_metrics_up')).toBe(1);
    expect(worker.series.filter((s) => s.name.startsWith('temporal_')).length).toBeGreaterThan(0);
    expect(worker.series.some((s) => s.name.startsWith('temporal_workflow_task') || s.name.startsWith('temporal_activity'))).toBe(true);
    expect(await (await fetch(workerMetricsUrl.replace('/metrics', '/healthz'))).json()).toEqual({ status: 'ok' });
  }, 120_000);

  it('answers without an API key, and is no operation of the OpenAPI document', async () => {
    const res = await fetch(`${stackEnv.apiUrl}/metrics`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('# TYPE http_requests_total counter');
    const document = await call('GET', '/openapi.json');
    expect(Object.keys(document.body.paths)).not.toContain('/metrics');
  });
});

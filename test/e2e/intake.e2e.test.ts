import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import type pg from 'pg';
import { Webhook } from 'standardwebhooks';
import type { Role } from '../../src/domain/roles';
import { freePort, retryUntil, spawnManaged, type ManagedProcess } from '../../src/stack/child-process';
import { projectRoot } from '../../src/stack/temporal-binaries';
import { call, eventually, keysByRole, openPool, stackEnv } from './http';

let pool: pg.Pool;
let keys: Record<Role, string>;

beforeAll(async () => {
  pool = openPool();
  keys = await keysByRole(pool);
});
afterAll(async () => {
  // Leave no alert in flight: one processed after this suite would open an incident under another suite's counts.
  const pending = async () => (await pool.query<{ n: number }>("SELECT count(*)::int AS n FROM intake_alerts WHERE status = 'received'")).rows[0]!.n;
  await eventually(pending, (n) => n === 0, 60_000);
  await pool.end();
}, 90_000);

async function createSource(json: Record<string, unknown>) {
  const res = await call('POST', '/v1/intake-sources', { key: keys.admin, json: { name: `tool ${randomUUID()}`, ...json } });
  expect(res.status).toBe(201);
  return res.body as { id: string; secret: string };
}

/** Signs with the `standardwebhooks` library, as a sending tool would. */
function signed(secret: string, payload: unknown, options: { id?: string; at?: Date; body?: string } = {}) {
  const id = options.id ?? `msg_${randomUUID()}`;
  const at = options.at ?? new Date();
  const body = options.body ?? JSON.stringify(payload);
  const signature = new Webhook(secret).sign(id, at, body);
  return { id, body, headers: { 'webhook-id': id, 'webhook-timestamp': String(Math.floor(at.getTime() / 1000)), 'webhook-signature': signature } };
}

function deliver(sourceId: string, request: { body: string; headers: Record<string, string> }, baseUrl?: string) {
  return call('POST', `/v1/intake/${sourceId}`, { rawBody: request.body, headers: request.headers, baseUrl });
}

/** The alert's status once processing has recorded an outcome (or the last one read, after `timeoutMs`). */
async function processed(alertId: string, timeoutMs = 30_000) {
  const res = await eventually(() => call('GET', `/v1/alerts/${alertId}`, { key: keys.viewer }), (r) => r.status === 200 && r.body.status !== 'received', timeoutMs);
  expect(res.status).toBe(200);
  return res.body as { id: string; status: string; incident: { id: string; reference: string } | null; rejectionReason: string | null; processedAt: string | null };
}

/** A 202 with the stored alert's id, status and status URL (also in Location). */
function expectAccepted(res: { status: number; headers: Headers; body: any }, status = 'received') {
  expect(res.status).toBe(202);
  expect(res.body).toEqual({ alertId: expect.any(String), status, statusUrl: `${stackEnv.apiUrl}/v1/alerts/${res.body.alertId}` });
  expect(res.headers.get('location')).toBe(res.body.statusUrl);
  return res.body as { alertId: string; status: string; statusUrl: string };
}

/** What one source's alerts stored: alerts, alerts on incidents, and incidents reported by the source. */
async function sourceCounts(sourceId: string) {
  const { rows } = await pool.query<{ stored: number; attached: number; incidents: number }>(
    `SELECT (SELECT count(*)::int FROM intake_alerts WHERE source_id = $1::uuid) AS stored,
            (SELECT count(*)::int FROM incident_alerts WHERE source_id = $1::uuid) AS attached,
            (SELECT count(DISTINCT incident_id)::int FROM incident_alerts WHERE source_id = $1::uuid) AS incidents`,
    [sourceId],
  );
  return rows[0]!;
}

/** A second API process of the stack's, pointed at a dependency that is down (as in unavailable.e2e). */
async function startApi(env: Record<string, string>): Promise<{ api: ManagedProcess; baseUrl: string }> {
  const port = await freePort();
  const api = spawnManaged('api-degraded', process.execPath, ['--import', 'tsx', path.join(projectRoot, 'src', 'server.ts')], {
    cwd: projectRoot,
    env: { ...process.env, LOG_LEVEL: 'silent', HOST: '127.0.0.1', PORT: String(port), TEMPORAL_RPC_TIMEOUT_MS: '2000', PUBLIC_URL: stackEnv.apiUrl, ...env },
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  await retryUntil(() => fetch(`${baseUrl}/healthz`), 30_000);
  return { api, baseUrl };
}

function genericAlert(overrides: Record<string, unknown> = {}) {
  return { title: 'Mass download from the HR share', severity: 'high', detectedAt: new Date().toISOString(), correlationKey: `dlp-${randomUUID()}`, affectedAssets: ['fs-hr-01'], ...overrides };
}

describe('POST /v1/intake/{sourceId}', () => {
  it('answers 202 with the stored alert and its status URL, then opens an incident from it, with the alert on the incident and in its timeline', async () => {
    const source = await createSource({ format: 'generic' });
    const request = signed(source.secret, genericAlert({ title: 'Exfiltration alert from DLP' }));
    const res = await deliver(source.id, request);
    const accepted = expectAccepted(res);
    expect(res.headers.get('ratelimit-limit')).toBe('600');

    const status = await processed(accepted.alertId);
    expect(status).toEqual({
      id: accepted.alertId,
      sourceId: source.id,
      webhookId: request.id,
      status: 'opened',
      receivedAt: expect.stringMatching(/Z$/),
      processedAt: expect.stringMatching(/Z$/),
      incident: { id: expect.any(String), reference: expect.stringMatching(/^BR-/) },
      rejectionReason: null,
    });
    const incidentId = status.incident!.id;
    const incident = await call('GET', `/v1/incidents/${incidentId}`, { key: keys.viewer });
    expect(incident.body).toMatchObject({ reference: status.incident!.reference, title: 'Exfiltration alert from DLP', reportedBy: expect.stringMatching(/ \(generic\)$/) });
    const alerts = await call('GET', `/v1/incidents/${incidentId}/alerts`, { key: keys.viewer });
    expect(alerts.body.items).toEqual([expect.objectContaining({ id: accepted.alertId, title: 'Exfiltration alert from DLP', severity: 'high', format: 'generic', assets: ['fs-hr-01'] })]);
    const timeline = await call('GET', `/v1/incidents/${incidentId}/timeline`, { key: keys.viewer });
    expect(timeline.body.items.map((e: { eventType: string }) => e.eventType)).toEqual(['incident-opened', 'alert-attached']);
  });

  it('answers a redelivery (same webhook-id) with the same alert id and its current status, and stores or opens nothing more', async () => {
    const source = await createSource({ format: 'generic' });
    const request = signed(source.secret, genericAlert());
    const first = expectAccepted(await deliver(source.id, request));
    const status = await processed(first.alertId);
    expect(status.status).toBe('opened');
    expect(await sourceCounts(source.id)).toEqual({ stored: 1, attached: 1, incidents: 1 });
    const again = expectAccepted(await deliver(source.id, request), 'opened');
    expect(again.alertId).toBe(first.alertId);
    // Processing it a second time would show a little later: wait longer than the first took.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(await sourceCounts(source.id)).toEqual({ stored: 1, attached: 1, incidents: 1 });
    expect(await processed(first.alertId)).toEqual(status);
  });

  it('refuses a tampered body, a wrong secret, a stale timestamp and a missing header with 401, storing nothing', async () => {
    const source = await createSource({ format: 'generic' });
    const other = await createSource({ format: 'generic' });
    const good = signed(source.secret, genericAlert());
    const cases = {
      tampered: { ...good, body: good.body.replace('high', 'low') },
      wrongSecret: signed(other.secret, genericAlert()),
      stale: signed(source.secret, genericAlert(), { at: new Date(Date.now() - 6 * 60_000) }),
      future: signed(source.secret, genericAlert(), { at: new Date(Date.now() + 6 * 60_000) }),
      missingSignature: { ...good, headers: { 'webhook-id': good.headers['webhook-id'], 'webhook-timestamp': good.headers['webhook-timestamp'] } },
      missingId: { ...good, headers: { 'webhook-timestamp': good.headers['webhook-timestamp'], 'webhook-signature': good.headers['webhook-signature'] } },
    };
    for (const [name, request] of Object.entries(cases)) {
      const res = await deliver(source.id, request);
      expect({ name, status: res.status }).toEqual({ name, status: 401 });
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    }
    // Counted per source: other suites store alerts and open incidents meanwhile.
    expect([await sourceCounts(source.id), await sourceCounts(other.id)]).toEqual([{ stored: 0, attached: 0, incidents: 0 }, { stored: 0, attached: 0, incidents: 0 }]);
  });

  it('verifies with the old and the new secret during a rotation overlap, and only the new one after it', async () => {
    const source = await createSource({ format: 'generic' });
    const rotated = await call('POST', `/v1/intake-sources/${source.id}/rotate-secret`, { key: keys.admin, json: { overlapHours: 1 } });
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).not.toBe(source.secret);
    expect((await deliver(source.id, signed(source.secret, genericAlert()))).status).toBe(202);
    expect((await deliver(source.id, signed(rotated.body.secret as string, genericAlert()))).status).toBe(202);
    const again = await call('POST', `/v1/intake-sources/${source.id}/rotate-secret`, { key: keys.admin, json: { overlapHours: 0 } });
    expect((await deliver(source.id, signed(rotated.body.secret as string, genericAlert()))).status).toBe(401);
    expect((await deliver(source.id, signed(again.body.secret as string, genericAlert()))).status).toBe(202);
  });

  it('answers 404 for an unknown or disabled source, 413 for a body too large, 422 naming the fields of a malformed alert', async () => {
    const source = await createSource({ format: 'generic' });
    expect((await deliver(randomUUID(), signed(source.secret, genericAlert()))).status).toBe(404);
    const huge = await deliver(source.id, signed(source.secret, genericAlert({ description: 'x'.repeat(2 * 1024 * 1024) })));
    expect(huge.status).toBe(413);
    const malformed = await deliver(source.id, signed(source.secret, { title: '', severity: 'apocalyptic' }));
    expect(malformed.status).toBe(422);
    expect(malformed.body.errors.map((e: { path: (string | number)[] }) => e.path[0])).toEqual(expect.arrayContaining(['title', 'severity', 'detectedAt']));
    const notJson = await deliver(source.id, signed(source.secret, null, { body: 'not json' }));
    expect(notJson.status).toBe(422);
    expect(await sourceCounts(source.id)).toEqual({ stored: 0, attached: 0, incidents: 0 });
    await call('PATCH', `/v1/intake-sources/${source.id}`, { key: keys.admin, json: { disabled: true } });
    expect((await deliver(source.id, signed(source.secret, genericAlert()))).status).toBe(404);
  });

  it('answers 429 with rate-limit headers once a source exceeds its rate, and stores nothing for it', async () => {
    const source = await createSource({ format: 'generic', rateLimitPerMinute: 2 });
    const accepted = [];
    for (let i = 0; i < 2; i++) accepted.push(expectAccepted(await deliver(source.id, signed(source.secret, genericAlert()))));
    // Counted for this source alone, once its accepted alerts have opened their incidents: other suites open
    // incidents meanwhile, and so would these two, asynchronously, under the counts.
    for (const { alertId } of accepted) await processed(alertId);
    const before = await sourceCounts(source.id);
    const limited = await deliver(source.id, signed(source.secret, genericAlert()));
    // A minute boundary between the requests resets the window; then the third is simply accepted.
    if (limited.status !== 429) return expect(limited.status).toBe(202);
    expect(limited.headers.get('ratelimit-limit')).toBe('2');
    expect(limited.headers.get('ratelimit-remaining')).toBe('0');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(before).toEqual({ stored: 2, attached: 2, incidents: 2 });
    expect(await sourceCounts(source.id)).toEqual(before);
  });

  it('turns 50 concurrent deliveries of one alert (same webhook-id) into one stored alert, one answer and one incident', async () => {
    const source = await createSource({ format: 'generic' });
    const request = signed(source.secret, genericAlert());
    const answers = await Promise.all(Array.from({ length: 50 }, () => deliver(source.id, request)));
    expect(new Set(answers.map((a) => a.status))).toEqual(new Set([202]));
    expect(new Set(answers.map((a) => a.body.alertId)).size).toBe(1);
    const status = await processed(answers[0]!.body.alertId as string);
    expect(status.status).toBe('opened');
    expect(await sourceCounts(source.id)).toEqual({ stored: 1, attached: 1, incidents: 1 });
  });

  it('groups 50 concurrent alerts with one correlation key and different webhook-ids into exactly one incident with 50 alerts', async () => {
    const source = await createSource({ format: 'generic' });
    const correlationKey = `edr-host-${randomUUID()}`;
    const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => deliver(source.id, signed(source.secret, genericAlert({ correlationKey, title: `Beacon ${i}` })))));
    expect(answers.map((a) => a.status).filter((status) => status !== 202)).toEqual([]);
    const alertIds = answers.map((a) => a.body.alertId as string);
    expect(new Set(alertIds).size).toBe(50);
    const statuses = await Promise.all(alertIds.map((id) => processed(id, 60_000)));
    expect(statuses.filter((s) => s.status === 'opened')).toHaveLength(1);
    expect(statuses.filter((s) => s.status === 'attached')).toHaveLength(49);
    const incidents = new Set(statuses.map((s) => s.incident?.id));
    expect(incidents.size).toBe(1);
    const [incidentId] = [...incidents];
    expect(await sourceCounts(source.id)).toEqual({ stored: 50, attached: 50, incidents: 1 });
    const alerts = await call('GET', `/v1/incidents/${incidentId}/alerts`, { key: keys.viewer });
    expect(alerts.body.items.map((a: { id: string }) => a.id).sort()).toEqual([...alertIds].sort());
  });

  it('processes one correlation key’s alerts one at a time, in the order they were received', async () => {
    const source = await createSource({ format: 'generic' });
    const correlationKey = `siem-${randomUUID()}`;
    const alertIds: string[] = [];
    for (let i = 0; i < 10; i++) alertIds.push(expectAccepted(await deliver(source.id, signed(source.secret, genericAlert({ correlationKey, title: `Step ${i}` })))).alertId);
    const statuses = await Promise.all(alertIds.map((id) => processed(id)));
    expect(statuses.map((s) => s.status)).toEqual(['opened', ...Array<string>(9).fill('attached')]);
    const { rows } = await pool.query<{ id: string }>('SELECT id FROM intake_alerts WHERE source_id = $1::uuid ORDER BY processed_at', [source.id]);
    expect(rows.map((r) => r.id)).toEqual(alertIds);
    const timeline = await call('GET', `/v1/incidents/${statuses[0]!.incident!.id}/alerts`, { key: keys.viewer });
    expect(timeline.body.items.map((a: { id: string }) => a.id)).toEqual(alertIds);
  });

  it('reads an alert’s status with any role’s key, 401 without one and 404 for an unknown alert', async () => {
    const source = await createSource({ format: 'generic' });
    const { alertId } = expectAccepted(await deliver(source.id, signed(source.secret, genericAlert())));
    for (const role of ['admin', 'dpo', 'responder', 'viewer'] as const) {
      expect({ role, status: (await call('GET', `/v1/alerts/${alertId}`, { key: keys[role] })).status }).toEqual({ role, status: 200 });
    }
    expect((await call('GET', `/v1/alerts/${alertId}`)).status).toBe(401);
    const unknown = await call('GET', `/v1/alerts/${randomUUID()}`, { key: keys.viewer });
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });

  it('marks an alert the incident cannot be opened from as rejected, with the reason, and opens nothing', async () => {
    // The incident's reporter is "<source name> (<format>)", at most 200 characters: this source's name is too long.
    const source = await createSource({ format: 'generic', name: `EDR ${'x'.repeat(190)}` });
    const { alertId } = expectAccepted(await deliver(source.id, signed(source.secret, genericAlert())));
    const status = await processed(alertId);
    expect(status).toMatchObject({ status: 'rejected', incident: null, rejectionReason: expect.stringContaining('reportedBy') });
    expect(await sourceCounts(source.id)).toEqual({ stored: 1, attached: 0, incidents: 0 });
  });

  it('opens a new incident for the same correlation key once the first one is closed', async () => {
    const source = await createSource({ format: 'generic' });
    const correlationKey = `siem-${randomUUID()}`;
    const first = await processed(expectAccepted(await deliver(source.id, signed(source.secret, genericAlert({ correlationKey })))).alertId);
    expect(first.status).toBe('opened');
    const close = await call('POST', `/v1/incidents/${first.incident!.id}/close`, { key: keys.dpo, json: { kind: 'not-a-breach', reason: 'False positive: a scheduled backup' } });
    expect(close.status).toBe(200);
    const second = await processed(expectAccepted(await deliver(source.id, signed(source.secret, genericAlert({ correlationKey })))).alertId);
    expect(second.status).toBe('opened');
    expect(second.incident!.id).not.toBe(first.incident!.id);
  });

  it.each([
    ['aws-guardduty', 'aws-guardduty-s3-finding.json', 'API GeneratedFindingAPIName was invoked from a remote host potentially running Parrot Security Linux.', 'medium', '2022-01-13T00:00:47Z'],
    ['elastic-security', 'elastic-security-alert-mixed.json', 'Multiple Logon Failure from the same Source Address', 'medium', '2025-06-02T07:08:52.956Z'],
  ])('turns a documented %s sample (%s) into an incident with its title, severity and detection time', async (format, fixture, title, severity, detectedAt) => {
    const source = await createSource({ format });
    const payload: unknown = JSON.parse(readFileSync(path.join(__dirname, '..', 'fixtures', 'intake', fixture), 'utf8'));
    const status = await processed(expectAccepted(await deliver(source.id, signed(source.secret, payload))).alertId);
    expect(status.status).toBe('opened');
    const incident = await call('GET', `/v1/incidents/${status.incident!.id}`, { key: keys.viewer });
    expect(incident.body).toMatchObject({ title, detectedAt });
    const alerts = await call('GET', `/v1/incidents/${status.incident!.id}/alerts`, { key: keys.viewer });
    expect(alerts.body.items).toEqual([expect.objectContaining({ format, title, severity, detectedAt })]);
  });

  it('never answers 5xx and never opens an incident for arbitrary bodies and headers without a valid signature', async () => {
    const source = await createSource({ format: 'generic' });
    const header = fc.option(fc.string({ maxLength: 120 }), { nil: undefined });
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 2000 }), header, header, header, async (body, id, timestamp, signature) => {
        const headers: Record<string, string> = {};
        if (id !== undefined) headers['webhook-id'] = id.replace(/[^\x20-\x7e]/g, '');
        if (timestamp !== undefined) headers['webhook-timestamp'] = timestamp.replace(/[^\x20-\x7e]/g, '');
        if (signature !== undefined) headers['webhook-signature'] = signature.replace(/[^\x20-\x7e]/g, '');
        const res = await deliver(source.id, { body, headers });
        return res.status < 500 && res.status !== 202 && res.status !== 201 && res.status !== 200;
      }),
      { numRuns: 100 },
    );
    expect(await sourceCounts(source.id)).toEqual({ stored: 0, attached: 0, incidents: 0 });
  });
});

describe('POST /v1/intake/{sourceId} with a dependency down', () => {
  it('answers 503 with Retry-After while PostgreSQL is unreachable, and stays up', async () => {
    const source = await createSource({ format: 'generic' });
    const { api, baseUrl } = await startApi({ DATABASE_URL: `postgres://postgres:postgres@127.0.0.1:${await freePort()}/breach`, TEMPORAL_ADDRESS: stackEnv.temporalAddress });
    try {
      const res = await deliver(source.id, signed(source.secret, genericAlert()), baseUrl);
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('5');
      expect(res.body).toMatchObject({ status: 503, title: 'Service Unavailable', instance: `/v1/intake/${source.id}` });
      expect(api.child.exitCode).toBeNull();
      expect(await sourceCounts(source.id)).toEqual({ stored: 0, attached: 0, incidents: 0 });
    } finally {
      await api.stop();
    }
  });

  it('accepts alerts (202) while Temporal is unreachable from the API: they are stored, and processed by the worker', async () => {
    const source = await createSource({ format: 'generic' });
    const { api, baseUrl } = await startApi({ DATABASE_URL: stackEnv.databaseUrl, TEMPORAL_ADDRESS: `127.0.0.1:${await freePort()}` });
    try {
      const started = Date.now();
      const res = await deliver(source.id, signed(source.secret, genericAlert({ title: 'Accepted without Temporal' })), baseUrl);
      expect(Date.now() - started).toBeLessThan(2_000);
      const { alertId } = expectAccepted(res);
      const status = await processed(alertId);
      expect(status).toMatchObject({ status: 'opened', incident: { id: expect.any(String), reference: expect.stringMatching(/^BR-/) } });
    } finally {
      await api.stop();
    }
  });
});

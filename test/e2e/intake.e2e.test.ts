import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import type pg from 'pg';
import { Webhook } from 'standardwebhooks';
import type { Role } from '../../src/domain/roles';
import { call, eventually, keysByRole, openPool } from './http';

let pool: pg.Pool;
let keys: Record<Role, string>;

beforeAll(async () => {
  pool = openPool();
  keys = await keysByRole(pool);
});
afterAll(async () => {
  await pool.end();
});

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

function deliver(sourceId: string, request: { body: string; headers: Record<string, string> }) {
  return call('POST', `/v1/intake/${sourceId}`, { rawBody: request.body, headers: request.headers });
}

function genericAlert(overrides: Record<string, unknown> = {}) {
  return { title: 'Mass download from the HR share', severity: 'high', detectedAt: new Date().toISOString(), correlationKey: `dlp-${randomUUID()}`, affectedAssets: ['fs-hr-01'], ...overrides };
}

async function intakeCounts() {
  const { rows } = await pool.query<Record<string, string>>(
    `SELECT (SELECT count(*) FROM incidents) AS incidents, (SELECT count(*) FROM incident_alerts) AS alerts,
            (SELECT count(*) FROM intake_deliveries) AS deliveries, (SELECT coalesce(sum(requests), 0) FROM intake_rate_windows) AS counted`,
  );
  return Object.fromEntries(Object.entries(rows[0]!).map(([k, v]) => [k, Number(v)]));
}

describe('POST /v1/intake/{sourceId}', () => {
  it('opens an incident from a validly signed alert, with the alert on the incident and in its timeline', async () => {
    const source = await createSource({ format: 'generic' });
    const res = await deliver(source.id, signed(source.secret, genericAlert({ title: 'Exfiltration alert from DLP' })));
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ incidentId: expect.any(String), reference: expect.stringMatching(/^BR-/), alertId: expect.any(String), action: 'opened' });
    expect(res.headers.get('ratelimit-limit')).toBe('600');

    const incident = await call('GET', `/v1/incidents/${res.body.incidentId}`, { key: keys.viewer });
    expect(incident.body).toMatchObject({ title: 'Exfiltration alert from DLP', reportedBy: expect.stringMatching(/ \(generic\)$/) });
    const alerts = await call('GET', `/v1/incidents/${res.body.incidentId}/alerts`, { key: keys.viewer });
    expect(alerts.body.items).toEqual([expect.objectContaining({ id: res.body.alertId, title: 'Exfiltration alert from DLP', severity: 'high', format: 'generic', assets: ['fs-hr-01'] })]);
    const timeline = await call('GET', `/v1/incidents/${res.body.incidentId}/timeline`, { key: keys.viewer });
    expect(timeline.body.items.map((e: { eventType: string }) => e.eventType)).toEqual(['incident-opened', 'alert-attached']);
  });

  it('refuses a tampered body, a wrong secret, a stale timestamp and a missing header with 401, storing nothing', async () => {
    const source = await createSource({ format: 'generic' });
    const other = await createSource({ format: 'generic' });
    const before = await intakeCounts();
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
    expect(await intakeCounts()).toEqual(before);
  });

  it('verifies with the old and the new secret during a rotation overlap, and only the new one after it', async () => {
    const source = await createSource({ format: 'generic' });
    const rotated = await call('POST', `/v1/intake-sources/${source.id}/rotate-secret`, { key: keys.admin, json: { overlapHours: 1 } });
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).not.toBe(source.secret);
    expect((await deliver(source.id, signed(source.secret, genericAlert()))).status).toBe(201);
    expect((await deliver(source.id, signed(rotated.body.secret as string, genericAlert()))).status).toBe(201);
    const again = await call('POST', `/v1/intake-sources/${source.id}/rotate-secret`, { key: keys.admin, json: { overlapHours: 0 } });
    expect((await deliver(source.id, signed(rotated.body.secret as string, genericAlert()))).status).toBe(401);
    expect((await deliver(source.id, signed(again.body.secret as string, genericAlert()))).status).toBe(201);
  });

  it('answers 404 for an unknown or disabled source, 413 for a body too large, 422 naming the fields of a malformed alert', async () => {
    const source = await createSource({ format: 'generic' });
    const before = await intakeCounts();
    expect((await deliver(randomUUID(), signed(source.secret, genericAlert()))).status).toBe(404);
    const huge = await deliver(source.id, signed(source.secret, genericAlert({ description: 'x'.repeat(2 * 1024 * 1024) })));
    expect(huge.status).toBe(413);
    const malformed = await deliver(source.id, signed(source.secret, { title: '', severity: 'apocalyptic' }));
    expect(malformed.status).toBe(422);
    expect(malformed.body.errors.map((e: { path: (string | number)[] }) => e.path[0])).toEqual(expect.arrayContaining(['title', 'severity', 'detectedAt']));
    const notJson = await deliver(source.id, signed(source.secret, null, { body: 'not json' }));
    expect(notJson.status).toBe(422);
    const { counted: _counted, ...unchanged } = before;
    const { counted: _after, ...now } = await intakeCounts();
    expect(now).toEqual(unchanged);
    await call('PATCH', `/v1/intake-sources/${source.id}`, { key: keys.admin, json: { disabled: true } });
    expect((await deliver(source.id, signed(source.secret, genericAlert()))).status).toBe(404);
  });

  it('answers 429 with rate-limit headers once a source exceeds its rate, and stores nothing for it', async () => {
    const source = await createSource({ format: 'generic', rateLimitPerMinute: 2 });
    expect((await deliver(source.id, signed(source.secret, genericAlert()))).status).toBe(201);
    expect((await deliver(source.id, signed(source.secret, genericAlert()))).status).toBe(201);
    const before = await intakeCounts();
    const limited = await deliver(source.id, signed(source.secret, genericAlert()));
    // A minute boundary between the requests resets the window; then the third is simply accepted.
    if (limited.status !== 429) return expect(limited.status).toBe(201);
    expect(limited.headers.get('ratelimit-limit')).toBe('2');
    expect(limited.headers.get('ratelimit-remaining')).toBe('0');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    const { counted: _c, ...unchanged } = before;
    const { counted: _a, ...now } = await intakeCounts();
    expect(now).toEqual(unchanged);
  });

  it('turns 50 concurrent deliveries of one alert (same webhook-id) into one incident and one answer', async () => {
    const source = await createSource({ format: 'generic' });
    const request = signed(source.secret, genericAlert());
    const answers = await Promise.all(Array.from({ length: 50 }, () => deliver(source.id, request)));
    expect(new Set(answers.map((a) => a.status))).toEqual(new Set([201]));
    expect(new Set(answers.map((a) => a.body.incidentId)).size).toBe(1);
    expect(new Set(answers.map((a) => a.body.alertId)).size).toBe(1);
    const { rows } = await pool.query('SELECT count(*)::int AS n FROM incident_alerts WHERE webhook_id = $1', [request.id]);
    expect(rows[0].n).toBe(1);
  });

  it('groups 50 concurrent alerts with one correlation key and different webhook-ids into one incident with 50 alerts', async () => {
    const source = await createSource({ format: 'generic' });
    const correlationKey = `edr-host-${randomUUID()}`;
    const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => deliver(source.id, signed(source.secret, genericAlert({ correlationKey, title: `Beacon ${i}` })))));
    expect(answers.map((a) => a.status).filter((status) => status !== 201 && status !== 200)).toEqual([]);
    const incidents = new Set(answers.map((a) => a.body.incidentId));
    expect(incidents.size).toBe(1);
    expect(answers.filter((a) => a.body.action === 'opened')).toHaveLength(1);
    const [incidentId] = [...incidents];
    const alerts = await eventually(
      () => call('GET', `/v1/incidents/${incidentId}/alerts`, { key: keys.viewer }),
      (r) => r.body.items?.length === 50,
    );
    expect(alerts.body.items).toHaveLength(50);
  });

  it('opens a new incident for the same correlation key once the first one is closed', async () => {
    const source = await createSource({ format: 'generic' });
    const correlationKey = `siem-${randomUUID()}`;
    const first = await deliver(source.id, signed(source.secret, genericAlert({ correlationKey })));
    const close = await call('POST', `/v1/incidents/${first.body.incidentId}/close`, { key: keys.dpo, json: { kind: 'not-a-breach', reason: 'False positive: a scheduled backup' } });
    expect(close.status).toBe(200);
    const second = await deliver(source.id, signed(source.secret, genericAlert({ correlationKey })));
    expect(second.status).toBe(201);
    expect(second.body.incidentId).not.toBe(first.body.incidentId);
  });

  it.each([
    ['aws-guardduty', 'aws-guardduty-s3-finding.json', 'API GeneratedFindingAPIName was invoked from a remote host potentially running Parrot Security Linux.', 'medium', '2022-01-13T00:00:47Z'],
    ['elastic-security', 'elastic-security-alert-mixed.json', 'Multiple Logon Failure from the same Source Address', 'medium', '2025-06-02T07:08:52.956Z'],
  ])('turns a documented %s sample (%s) into an incident with its title, severity and detection time', async (format, fixture, title, severity, detectedAt) => {
    const source = await createSource({ format });
    const payload: unknown = JSON.parse(readFileSync(path.join(__dirname, '..', 'fixtures', 'intake', fixture), 'utf8'));
    const res = await deliver(source.id, signed(source.secret, payload));
    expect(res.status).toBe(201);
    const incident = await call('GET', `/v1/incidents/${res.body.incidentId}`, { key: keys.viewer });
    expect(incident.body).toMatchObject({ title, detectedAt });
    const alerts = await call('GET', `/v1/incidents/${res.body.incidentId}/alerts`, { key: keys.viewer });
    expect(alerts.body.items).toEqual([expect.objectContaining({ format, title, severity, detectedAt })]);
  });

  it('never answers 5xx and never opens an incident for arbitrary bodies and headers without a valid signature', async () => {
    const source = await createSource({ format: 'generic' });
    const before = await intakeCounts();
    const header = fc.option(fc.string({ maxLength: 120 }), { nil: undefined });
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 2000 }), header, header, header, async (body, id, timestamp, signature) => {
        const headers: Record<string, string> = {};
        if (id !== undefined) headers['webhook-id'] = id.replace(/[^\x20-\x7e]/g, '');
        if (timestamp !== undefined) headers['webhook-timestamp'] = timestamp.replace(/[^\x20-\x7e]/g, '');
        if (signature !== undefined) headers['webhook-signature'] = signature.replace(/[^\x20-\x7e]/g, '');
        const res = await deliver(source.id, { body, headers });
        return res.status < 500 && res.status !== 201 && res.status !== 200;
      }),
      { numRuns: 100 },
    );
    expect((await intakeCounts()).incidents).toBe(before.incidents);
  });
});

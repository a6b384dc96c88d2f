import type { Client } from '@temporalio/client';
import type pg from 'pg';
import { createApiKey } from '../../src/api/api-keys';
import type { Role } from '../../src/domain/roles';
import { call, countRows, eventually, keysByRole, openPool, openTemporal } from './http';

let pool: pg.Pool;
let temporal: Client;
let keys: Record<Role, string>;

beforeAll(async () => {
  pool = openPool();
  temporal = await openTemporal();
  keys = await keysByRole(pool);
});

afterAll(async () => {
  await pool.end();
  await temporal.connection.close();
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const REQUEST_ID = expect.stringMatching(/^[\w-]+$/);

/** Counts of the tables a refused request must leave alone (escalations of earlier incidents keep firing meanwhile). */
async function snapshotCounts() {
  return { incidents: await countRows(pool, 'incidents'), deadlines: await countRows(pool, 'deadlines') };
}

function openIncident(key: string, json: unknown) {
  return call('POST', '/v1/incidents', { key, json });
}

describe('POST /v1/incidents', () => {
  it('opens the incident, starts its workflow and answers 201 with the GDPR deadline 72 elapsed hours after awareness', async () => {
    const res = await openIncident(keys.admin, {
      title: 'Misdirected payroll export',
      description: 'A CSV with 1,200 employees was mailed to a supplier.',
      detectedAt: '2026-03-28T08:30:00+01:00',
      awareAt: '2026-03-28T09:00:00+01:00',
      reportedBy: 'Service desk',
    });

    expect(res.status).toBe(201);
    const id = res.body.id as string;
    expect(res.body).toEqual({
      id: expect.stringMatching(UUID),
      reference: expect.stringMatching(/^BR-\d{4}-\d{4}$/),
      workflowId: `incident-${id}`,
      status: 'open',
      stage: 'detected',
      deadlines: [
        {
          regime: 'GDPR',
          obligation: 'notify-supervisory-authority',
          trigger: 'awareness',
          startsAt: '2026-03-28T08:00:00Z',
          dueAt: '2026-03-31T08:00:00Z',
          status: 'pending',
          metAt: null,
          waivedReason: null,
        },
      ],
    });
    expect(res.headers.get('location')).toBe(`/v1/incidents/${id}`);

    const description = await temporal.workflow.getHandle(res.body.workflowId).describe();
    expect(description.status.name).toBe('RUNNING');
    expect(description.type).toBe('incidentWorkflow');

    const { rows } = await pool.query('SELECT reference, title, reported_by, aware_at FROM incidents WHERE id = $1', [id]);
    expect(rows).toEqual([
      { reference: res.body.reference, title: 'Misdirected payroll export', reported_by: 'Service desk', aware_at: new Date('2026-03-28T08:00:00Z') },
    ]);
  });

  it('starts the clock at detectedAt when awareAt is omitted', async () => {
    const res = await openIncident(keys.responder, { title: 'Phishing of a finance mailbox', detectedAt: '2026-10-24T23:30:00-04:00' });
    expect(res.status).toBe(201);
    expect(res.body.deadlines).toEqual([
      expect.objectContaining({ startsAt: '2026-10-25T03:30:00Z', dueAt: '2026-10-28T03:30:00Z' }),
    ]);
  });

  it('gives every incident its own sequential reference', async () => {
    const a = await openIncident(keys.dpo, { title: 'A', detectedAt: new Date().toISOString() });
    const b = await openIncident(keys.dpo, { title: 'B', detectedAt: new Date().toISOString() });
    const seq = (r: string) => Number(r.split('-')[2]);
    expect(a.body.reference).not.toBe(b.body.reference);
    expect(seq(b.body.reference)).toBe(seq(a.body.reference) + 1);
  });

  it('refuses invalid input with 422 problem+json naming each field, and stores nothing', async () => {
    const before = await snapshotCounts();
    const res = await openIncident(keys.admin, { title: '', detectedAt: '2026-03-28T09:00:00', awareAt: 'yesterday', severity: 'high' });
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(res.body).toEqual({
      type: '/problems/validation-error',
      title: 'Invalid request',
      status: 422,
      detail: 'The request body is not valid: see errors.',
      instance: '/v1/incidents',
      requestId: REQUEST_ID,
      errors: expect.arrayContaining([
        expect.objectContaining({ location: 'body', path: ['title'] }),
        expect.objectContaining({ location: 'body', path: ['detectedAt'], code: 'invalid_format' }),
        expect.objectContaining({ location: 'body', path: ['awareAt'], code: 'invalid_format' }),
        expect.objectContaining({ location: 'body', path: [], code: 'unrecognized_keys' }),
      ]),
    });
    expect(res.body.errors).toHaveLength(4);
    expect(await snapshotCounts()).toEqual(before);
  });

  it('refuses instants the case file cannot hold (year 0, offsets past ±14:00) with 422 at once, storing nothing', async () => {
    const before = await snapshotCounts();
    for (const detectedAt of ['0000-01-01T00:00:00Z', '2026-03-28T09:00:00+15:00', '2026-02-30T09:00:00Z', '9999-12-31T23:59:59-01:00']) {
      const res = await openIncident(keys.admin, { title: 'Out of range', detectedAt });
      expect({ detectedAt, status: res.status, path: res.body.errors?.[0]?.path }).toEqual({ detectedAt, status: 422, path: ['detectedAt'] });
    }
    expect(await snapshotCounts()).toEqual(before);
  });

  it('refuses malformed JSON with 400, a non-JSON body with 415 and an oversized body with 413, storing nothing', async () => {
    const before = await snapshotCounts();
    const malformed = await call('POST', '/v1/incidents', { key: keys.admin, rawBody: '{"title": ' });
    expect(malformed.status).toBe(400);
    expect(malformed.body).toMatchObject({ status: 400, title: 'Malformed JSON' });
    const text = await call('POST', '/v1/incidents', { key: keys.admin, rawBody: 'title=x', contentType: 'text/plain' });
    expect(text.status).toBe(415);
    expect(text.body).toMatchObject({ status: 415, title: 'Unsupported Media Type' });
    const huge = await call('POST', '/v1/incidents', {
      key: keys.admin,
      json: { title: 'x', detectedAt: '2026-03-28T09:00:00Z', description: 'a'.repeat(2 * 1024 * 1024) },
    });
    expect(huge.status).toBe(413);
    expect(huge.body).toMatchObject({ status: 413, title: 'Payload Too Large' });
    expect(await snapshotCounts()).toEqual(before);
  });

  it('answers 401 without a key or with an unknown key, and 403 to a viewer, storing nothing', async () => {
    const before = await snapshotCounts();
    const body = { title: 'Should not exist', detectedAt: '2026-03-28T09:00:00Z' };
    const none = await call('POST', '/v1/incidents', { json: body });
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(none.body).toMatchObject({ status: 401, title: 'Unauthorized', instance: '/v1/incidents' });
    const unknown = await openIncident('bre_not-a-real-key', body);
    expect(unknown.status).toBe(401);
    const viewer = await openIncident(keys.viewer, body);
    expect(viewer.status).toBe(403);
    expect(viewer.body).toMatchObject({ status: 403, title: 'Forbidden', detail: expect.stringContaining("'viewer'") });
    expect(await snapshotCounts()).toEqual(before);
  });

  it('answers 401 with a revoked key', async () => {
    const { id, key } = await createApiKey(pool, { name: 'e2e soon revoked', role: 'responder' });
    expect((await call('GET', '/v1/incidents', { key })).status).toBe(200);
    await pool.query('UPDATE api_keys SET revoked_at = now() WHERE id = $1', [id]);
    const res = await call('GET', '/v1/incidents', { key });
    expect(res.status).toBe(401);
    expect(res.body.detail).toBe('The API key is unknown or revoked.');
  });
});

describe('GET /v1/incidents/{id}', () => {
  it('returns the case file with the live clock; an awareness more than 72 h ago turns overdue and records an escalation', async () => {
    const opened = await openIncident(keys.responder, { title: 'Old breach found late', detectedAt: '2026-03-28T09:00:00+01:00' });
    const id = opened.body.id as string;
    const res = await eventually(
      () => call('GET', `/v1/incidents/${id}`, { key: keys.viewer }),
      (r) => r.body.deadlines?.[0]?.status === 'overdue' && r.body.escalations?.length === 6,
    );
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      id,
      reference: opened.body.reference,
      workflowId: `incident-${id}`,
      title: 'Old breach found late',
      description: null,
      reportedBy: null,
      status: 'open',
      stage: 'detected',
      detectedAt: '2026-03-28T08:00:00Z',
      awareAt: null,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
      containment: { status: 'not-started', confirmedAt: null },
      closure: null,
      deadlines: [
        {
          regime: 'GDPR',
          obligation: 'notify-supervisory-authority',
          trigger: 'awareness',
          startsAt: '2026-03-28T08:00:00Z',
          dueAt: '2026-03-31T08:00:00Z',
          status: 'overdue',
          metAt: null,
          waivedReason: null,
          secondsRemaining: expect.any(Number),
        },
      ],
      // Awareness long past: every rung of the ladder is due at once, in order, and the overdue one turns the clock overdue.
      escalations: ['reminder-1', 'reminder-2', 'reminder-3', 'reminder-4', 'overdue', expect.stringMatching(/^overdue-repeat-\d+$/)].map((rung) =>
        expect.objectContaining({ regime: 'GDPR', obligation: 'notify-supervisory-authority', rung, dueAt: '2026-03-31T08:00:00Z', acknowledgedAt: null }),
      ),
    });
    expect(res.body.deadlines[0].secondsRemaining).toBeLessThan(0);
    const { rows } = await pool.query(
      "SELECT d.status, e.rung FROM deadlines d JOIN escalations e USING (incident_id, regime, obligation) WHERE incident_id = $1 AND e.kind = 'overdue'",
      [id],
    );
    expect(rows).toEqual([{ status: 'overdue', rung: 'overdue' }]);
  });

  it('shows a fresh incident pending with about 72 hours left', async () => {
    const opened = await openIncident(keys.responder, { title: 'Ransomware on file server', detectedAt: new Date().toISOString() });
    const res = await call('GET', `/v1/incidents/${opened.body.id}`, { key: keys.viewer });
    expect(res.status).toBe(200);
    expect(res.body.deadlines[0].status).toBe('pending');
    expect(res.body.deadlines[0].secondsRemaining).toBeGreaterThan(72 * 3600 - 60);
    expect(res.body.deadlines[0].secondsRemaining).toBeLessThanOrEqual(72 * 3600);
    expect(res.body.escalations).toEqual([]);
  });

  it('answers 404 for an unknown id and 422 for a malformed one', async () => {
    const unknown = await call('GET', '/v1/incidents/2b0d7b3c-1111-4a6e-9e0f-000000000000', { key: keys.viewer });
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual({
      type: '/problems/not-found',
      title: 'Not Found',
      status: 404,
      detail: 'No incident with id 2b0d7b3c-1111-4a6e-9e0f-000000000000.',
      instance: '/v1/incidents/2b0d7b3c-1111-4a6e-9e0f-000000000000',
      requestId: REQUEST_ID,
    });
    const malformed = await call('GET', '/v1/incidents/42', { key: keys.viewer });
    expect(malformed.status).toBe(422);
    expect(malformed.body.errors).toEqual([expect.objectContaining({ location: 'params', path: ['id'] })]);
  });
});

describe('GET /v1/incidents', () => {
  it('pages newest first with an opaque cursor until nextCursor is null', async () => {
    const titles = ['page-1', 'page-2', 'page-3'];
    for (const title of titles) await openIncident(keys.responder, { title, detectedAt: new Date().toISOString() });
    // Other suites' alerts may still open incidents meanwhile (intake answers 202 before the incident exists):
    // what must hold is that every incident present before paging began is listed exactly once.
    const before = (await pool.query<{ id: string }>('SELECT id FROM incidents')).rows.map((r) => r.id);
    const seen: string[] = [];
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `?limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const res = await call('GET', `/v1/incidents${query}`, { key: keys.viewer });
      expect(res.status).toBe(200);
      expect(res.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...res.body.items.map((i: { title: string }) => i.title));
      ids.push(...res.body.items.map((i: { id: string }) => i.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen.filter((t) => titles.includes(t))).toEqual(['page-3', 'page-2', 'page-1']);
    // Every incident exactly once across the pages.
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expect.arrayContaining(before));
    const after = new Set((await pool.query<{ id: string }>('SELECT id FROM incidents')).rows.map((r) => r.id));
    expect(ids.filter((id) => !after.has(id))).toEqual([]);
  });

  it('filters by status', async () => {
    const { rows } = await pool.query<{ status: string; n: string }>('SELECT status, count(*) AS n FROM incidents GROUP BY status');
    const counts = Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
    for (const status of ['open', 'closed']) {
      const res = await call('GET', `/v1/incidents?status=${status}&limit=200`, { key: keys.viewer });
      expect(res.status).toBe(200);
      expect(res.body.items.every((i: { status: string }) => i.status === status)).toBe(true);
      expect(res.body.items.length).toBe(Math.min(counts[status] ?? 0, 200));
    }
    expect(counts.open).toBeGreaterThan(0);
  });

  it('refuses an unknown filter, a bad status, an oversized page and a forged cursor with 422', async () => {
    for (const query of ['?severity=high', '?status=pending', '?limit=1000', '?cursor=Zm9yZ2Vk']) {
      const res = await call('GET', `/v1/incidents${query}`, { key: keys.viewer });
      expect({ query, status: res.status }).toEqual({ query, status: 422 });
      expect(res.body.errors[0].location).toBe('query');
    }
  });
});

describe('input the schema alone does not catch', () => {
  it('answers 422 for an unknown time zone in a draft and an unknown API key on a contact', async () => {
    const opened = await openIncident(keys.responder, { title: 'Zone check', detectedAt: new Date().toISOString() });
    const draft = await call('GET', `/v1/incidents/${opened.body.id}/drafts/supervisory-authority?timeZone=Mars/Olympus`, { key: keys.viewer });
    expect(draft.status).toBe(422);
    expect(draft.body.errors).toEqual([expect.objectContaining({ location: 'query', path: ['timeZone'] })]);
    const contact = await call('POST', '/v1/contacts', { key: keys.admin, json: { name: 'Ghost', role: 'legal', email: 'legal@example.test', apiKeyId: '2b0d7b3c-1111-4a6e-9e0f-000000000000' } });
    expect(contact.status).toBe(422);
    expect(contact.body.errors).toEqual([expect.objectContaining({ path: ['apiKeyId'] })]);
  });

  it('answers 422 to a contact change that would leave neither an email address nor a webhook URL, or rotates a secret it has no webhook for, and keeps the contact', async () => {
    const created = await call('POST', '/v1/contacts', { key: keys.admin, json: { name: 'Legal desk', role: 'legal', email: 'legal-desk@example.test' } });
    expect(created.status).toBe(201);
    const refused = await call('PATCH', `/v1/contacts/${created.body.id}`, { key: keys.admin, json: { email: null } });
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toEqual([expect.objectContaining({ location: 'body', path: ['email'], code: 'no_channel_left' })]);
    const rotate = await call('PATCH', `/v1/contacts/${created.body.id}`, { key: keys.admin, json: { rotateWebhookSecret: true } });
    expect(rotate.status).toBe(422);
    expect(rotate.body.errors).toEqual([expect.objectContaining({ location: 'body', path: ['rotateWebhookSecret'], code: 'no_webhook' })]);
    const contacts = await call('GET', '/v1/contacts', { key: keys.admin });
    expect(contacts.body.items.find((c: { id: string }) => c.id === created.body.id)).toMatchObject({ email: 'legal-desk@example.test', webhookUrl: null });
  });
});

describe('service endpoints', () => {
  it('serves /healthz, /readyz with both dependencies up, the OpenAPI 3.1 document and the docs page', async () => {
    expect((await call('GET', '/healthz')).body).toEqual({ status: 'ok' });
    expect((await call('GET', '/readyz')).body).toEqual({ status: 'ready', checks: { postgres: 'ok', temporal: 'ok' } });
    const openapi = await call('GET', '/openapi.json');
    expect(openapi.body.openapi).toBe('3.1.0');
    expect(Object.keys(openapi.body.paths).sort()).toEqual([
      '/v1/alerts/{id}',
      '/v1/api-keys',
      '/v1/api-keys/{keyId}/revoke',
      '/v1/callbacks/pagerduty',
      '/v1/callbacks/slack/interactions',
      '/v1/contacts',
      '/v1/contacts/{contactId}',
      '/v1/coverage',
      '/v1/deadlines',
      '/v1/incidents',
      '/v1/incidents/{id}',
      '/v1/incidents/{id}/alerts',
      '/v1/incidents/{id}/audit/verify',
      '/v1/incidents/{id}/case-file',
      '/v1/incidents/{id}/clocks/{regime}/{obligation}/draft',
      '/v1/incidents/{id}/clocks/{regime}/{obligation}/meet',
      '/v1/incidents/{id}/clocks/{regime}/{obligation}/waive',
      '/v1/incidents/{id}/close',
      '/v1/incidents/{id}/containment-actions',
      '/v1/incidents/{id}/containment-status',
      '/v1/incidents/{id}/decisions/data-subjects',
      '/v1/incidents/{id}/decisions/supervisory-authority',
      '/v1/incidents/{id}/drafts/{kind}',
      '/v1/incidents/{id}/escalations',
      '/v1/incidents/{id}/escalations/{escalationId}/acknowledge',
      '/v1/incidents/{id}/evidence',
      '/v1/incidents/{id}/evidence/{evidenceId}/content',
      '/v1/incidents/{id}/evidence/{evidenceId}/custody',
      '/v1/incidents/{id}/evidence/{evidenceId}/verify',
      '/v1/incidents/{id}/findings',
      '/v1/incidents/{id}/notifications/data-subjects',
      '/v1/incidents/{id}/notifications/supervisory-authority',
      '/v1/incidents/{id}/owner',
      '/v1/incidents/{id}/regimes',
      '/v1/incidents/{id}/risk-assessments',
      '/v1/incidents/{id}/risk-assessments/{assessmentId}/sign-off',
      '/v1/incidents/{id}/scope',
      '/v1/incidents/{id}/timeline',
      '/v1/incidents/{id}/triggers',
      '/v1/intake-sources',
      '/v1/intake-sources/{sourceId}',
      '/v1/intake-sources/{sourceId}/rotate-secret',
      '/v1/intake/{sourceId}',
      '/v1/organisation',
      '/v1/register',
      '/v1/register.csv',
      '/v1/session',
    ]);
    expect(openapi.body.components.schemas.IncidentCreate.required).toEqual(['title', 'detectedAt']);
    const docs = await call('GET', '/docs/');
    expect(docs.status).toBe(200);
    expect(docs.body).toContain('swagger-ui');
  });

  it('answers 404 problem+json for an unknown route and echoes a given request id', async () => {
    const res = await call('GET', '/v1/nothing-here', { key: keys.viewer, headers: { 'x-request-id': 'trace-123' } });
    expect(res.status).toBe(404);
    expect(res.headers.get('x-request-id')).toBe('trace-123');
    expect(res.body).toMatchObject({ status: 404, requestId: 'trace-123', instance: '/v1/nothing-here' });
  });

  it('answers 405 problem+json with Allow for a method the path does not serve, and opens nothing', async () => {
    const before = await countRows(pool, 'incidents');
    const res = await call('DELETE', '/v1/incidents', { key: keys.admin });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET, POST');
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 405, title: 'Method Not Allowed', instance: '/v1/incidents' });
    const put = await call('PUT', '/v1/incidents/2b0d7b3c-1111-4a6e-9e0f-000000000000/findings', { key: keys.admin, json: {} });
    expect({ status: put.status, allow: put.headers.get('allow') }).toEqual({ status: 405, allow: 'POST' });
    expect(await countRows(pool, 'incidents')).toBe(before);
  });
});

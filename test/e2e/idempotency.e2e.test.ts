import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { Role } from '../../src/domain/roles';
import { call, keysByRole, openPool, stackEnv, type ApiResponse } from './http';
import { startServices } from './services';

let pool: pg.Pool;
let keys: Record<Role, string>;
/** A second API process (with its own worker) on the same PostgreSQL and Temporal. */
let second: Awaited<ReturnType<typeof startServices>>;

beforeAll(async () => {
  pool = openPool();
  keys = await keysByRole(pool);
  second = await startServices({});
}, 120_000);

afterAll(async () => {
  await second.stop();
  await pool.end();
});

const REQUEST_ID = expect.stringMatching(/^[\w-]+$/);
const REUSED_DETAIL = 'This Idempotency-Key was already used for a different request (method, path or body); send a new key for a new request.';

function reusedProblem(instance: string) {
  return {
    type: '/problems/idempotency-key-reused',
    title: 'Idempotency-Key reused',
    status: 422,
    detail: REUSED_DETAIL,
    instance,
    requestId: REQUEST_ID,
    errors: [{ location: 'header', path: ['Idempotency-Key'], code: 'idempotency_key_reused', message: REUSED_DETAIL }],
  };
}

function inProgressProblem(instance: string) {
  return {
    type: '/problems/idempotency-key-in-progress',
    title: 'Conflict',
    status: 409,
    detail: 'A request with this Idempotency-Key is still in progress.',
    instance,
    requestId: REQUEST_ID,
  };
}

function openIncident(apiKey: string, json: unknown, idempotencyKey?: string, baseUrl?: string) {
  return call('POST', '/v1/incidents', { key: apiKey, json, headers: idempotencyKey === undefined ? {} : { 'idempotency-key': idempotencyKey }, baseUrl });
}

/** An incident body whose title no other test uses, so counting by title is safe while other files run. */
function incidentBody(label: string) {
  return { title: `${label} ${randomUUID()}`, detectedAt: new Date().toISOString() };
}

async function incidentsTitled(title: string): Promise<string[]> {
  const { rows } = await pool.query<{ id: string }>('SELECT id FROM incidents WHERE title = $1 ORDER BY created_at', [title]);
  return rows.map((r) => r.id);
}

async function auditEvents(incidentId: string): Promise<number> {
  const { rows } = await pool.query<{ n: string }>('SELECT count(*) AS n FROM audit_events WHERE incident_id = $1::uuid', [incidentId]);
  return Number(rows[0]!.n);
}

async function storedKeys(idempotencyKey: string) {
  const { rows } = await pool.query<{ state: string; response_status: number | null; method: string; path: string; ttl_hours: number }>(
    `SELECT state, response_status, method, path, extract(epoch FROM expires_at - created_at)::int / 3600 AS ttl_hours
     FROM idempotency_keys WHERE idempotency_key = $1 ORDER BY created_at`,
    [idempotencyKey],
  );
  return rows;
}

/** The parts of a response a replay must repeat. */
function answer(res: ApiResponse) {
  return { status: res.status, body: res.body as unknown, location: res.headers.get('location') };
}

describe('POST /v1/incidents', () => {
  it('replays the first 201 (status, body, Location) for the same key and body, marks it Idempotent-Replayed, and opens one incident', async () => {
    const body = incidentBody('Idempotent open');
    const key = randomUUID();
    const first = await openIncident(keys.responder, body, key);
    expect(first.status).toBe(201);
    const id = first.body.id as string;
    const auditAfterFirst = await auditEvents(id);

    const retry = await openIncident(keys.responder, body, key);

    expect(answer(retry)).toEqual({ status: 201, body: first.body, location: `/v1/incidents/${id}` });
    expect(answer(first).location).toBe(`/v1/incidents/${id}`);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    expect(await incidentsTitled(body.title)).toEqual([id]);
    expect(auditAfterFirst).toBeGreaterThan(0);
    expect(await auditEvents(id)).toBe(auditAfterFirst);
  });

  it('keeps the key for 24 hours, scoped to the sending API key, with the completed response', async () => {
    const key = randomUUID();
    const res = await openIncident(keys.responder, incidentBody('Kept key'), key);
    expect(res.status).toBe(201);
    expect(await storedKeys(key)).toEqual([{ state: 'completed', response_status: 201, method: 'POST', path: '/v1/incidents', ttl_hours: 24 }]);
  });

  it('refuses the same key with a different body with 422 problem+json naming the header, and opens nothing', async () => {
    const key = randomUUID();
    const original = incidentBody('Original body');
    const first = await openIncident(keys.responder, original, key);
    expect(first.status).toBe(201);
    const other = incidentBody('Other body');

    const res = await openIncident(keys.responder, other, key);

    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(res.body).toEqual(reusedProblem('/v1/incidents'));
    expect(await incidentsTitled(other.title)).toEqual([]);
    expect(await incidentsTitled(original.title)).toEqual([first.body.id]);
    // The first answer is still the one the key replays.
    const retry = await openIncident(keys.responder, original, key);
    expect(answer(retry)).toEqual(answer(first));
  });

  it('opens exactly one incident for 20 concurrent requests with one key across two API processes; each answer is that 201 or a 409 in progress, and a later retry replays the 201', async () => {
    const body = incidentBody('Concurrent open');
    const key = randomUUID();

    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => openIncident(keys.responder, body, key, i % 2 === 0 ? stackEnv.apiUrl : second.apiUrl)),
    );

    const ids = await incidentsTitled(body.title);
    expect(ids).toHaveLength(1);
    const created = answers.filter((a) => a.status === 201);
    const inProgress = answers.filter((a) => a.status === 409);
    expect(created.length + inProgress.length).toBe(20);
    expect(created.length).toBeGreaterThanOrEqual(1);
    for (const a of created) expect(answer(a)).toEqual({ status: 201, body: expect.objectContaining({ id: ids[0] }), location: `/v1/incidents/${ids[0]}` });
    for (const a of inProgress) {
      expect(a.body).toEqual(inProgressProblem('/v1/incidents'));
      expect(a.headers.get('retry-after')).toBe('1');
    }
    const retry = await openIncident(keys.responder, body, key, second.apiUrl);
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.body).toEqual(created[0]!.body);
    expect(await incidentsTitled(body.title)).toEqual(ids);
  });

  it('treats the same key string from another API key as a different key: two incidents, neither replayed', async () => {
    const body = incidentBody('Two API keys');
    const key = randomUUID();

    const fromResponder = await openIncident(keys.responder, body, key);
    const fromDpo = await openIncident(keys.dpo, body, key);

    expect([fromResponder.status, fromDpo.status]).toEqual([201, 201]);
    expect(fromDpo.body.id).not.toBe(fromResponder.body.id);
    expect(fromDpo.headers.get('idempotent-replayed')).toBeNull();
    expect(await incidentsTitled(body.title)).toEqual([fromResponder.body.id, fromDpo.body.id]);
    expect(await storedKeys(key)).toHaveLength(2);
  });

  it('opens two incidents for the same body sent twice without a key', async () => {
    const body = incidentBody('No key');

    const a = await openIncident(keys.responder, body);
    const b = await openIncident(keys.responder, body);

    expect([a.status, b.status]).toEqual([201, 201]);
    expect(b.body.id).not.toBe(a.body.id);
    expect(b.headers.get('idempotent-replayed')).toBeNull();
    expect(await incidentsTitled(body.title)).toEqual([a.body.id, b.body.id]);
  });

  it.each([
    ['300 characters', 'k'.repeat(300), 'too_big'],
    ['empty', '', 'too_small'],
    ['a control character', 'abc\tdef', 'invalid_format'],
  ])('refuses a key that is %s with 422 problem+json naming the header, and opens nothing', async (_label, key, code) => {
    const body = incidentBody('Malformed key');

    const res = await openIncident(keys.responder, body, key);

    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(res.body).toEqual({
      type: '/problems/validation-error',
      title: 'Invalid request',
      status: 422,
      detail: 'The request header is not valid: see errors.',
      instance: '/v1/incidents',
      requestId: REQUEST_ID,
      errors: [{ location: 'header', path: ['Idempotency-Key'], code, message: expect.any(String) }],
    });
    expect(await incidentsTitled(body.title)).toEqual([]);
  });

  it('claims no key for a refused request: after a 403 and an invalid body, the same key opens the incident', async () => {
    const key = randomUUID();
    const body = incidentBody('Refused first');

    const forbidden = await openIncident(keys.viewer, body, key);
    const invalid = await openIncident(keys.responder, { ...body, title: '' }, key);
    expect([forbidden.status, invalid.status]).toEqual([403, 422]);
    expect(invalid.body.errors).toEqual([expect.objectContaining({ location: 'body', path: ['title'] })]);
    expect(await storedKeys(key)).toEqual([]);

    const res = await openIncident(keys.responder, body, key);

    expect(res.status).toBe(201);
    expect(res.headers.get('idempotent-replayed')).toBeNull();
    expect(await incidentsTitled(body.title)).toEqual([res.body.id]);
  });

  it('opens no second incident when the key was released after an outage and the request runs again: the workflow id derives from the key', async () => {
    const key = `outage-${Date.now()}`;
    const body = incidentBody('released key');
    const first = await openIncident(keys.responder, body, key);
    expect(first.status).toBe(201);
    // What the API does after a 503: the key is released so the client can retry.
    await pool.query('DELETE FROM idempotency_keys WHERE idempotency_key = $1', [key]);
    const retry = await openIncident(keys.responder, body, key);
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBeNull();
    expect(retry.body.id).toBe(first.body.id);
    expect(await incidentsTitled(body.title)).toHaveLength(1);
  });

  it('accepts an expired key as new: another body with it opens a new incident and the key is kept another 24 hours', async () => {
    const key = randomUUID();
    const first = await openIncident(keys.responder, incidentBody('Before expiry'), key);
    expect(first.status).toBe(201);
    await pool.query("UPDATE idempotency_keys SET expires_at = now() - interval '1 second' WHERE idempotency_key = $1", [key]);
    const later = incidentBody('After expiry');

    const res = await openIncident(keys.responder, later, key);

    expect(res.status).toBe(201);
    expect(res.body.id).not.toBe(first.body.id);
    expect(res.headers.get('idempotent-replayed')).toBeNull();
    expect(await incidentsTitled(later.title)).toEqual([res.body.id]);
    expect(await storedKeys(key)).toEqual([{ state: 'completed', response_status: 201, method: 'POST', path: '/v1/incidents', ttl_hours: 24 }]);
  });
});

describe('clock writes retried after their key was released (as after a 503)', () => {
  // The retry runs the request again; the Temporal update id derives from the key, so the workflow applies it once.
  const cases: { name: string; role: Role; path: (id: string) => string; json: () => Promise<unknown> }[] = [
    {
      name: 'POST …/triggers',
      role: 'responder',
      path: (id) => `/v1/incidents/${id}/triggers`,
      json: async () => ({ event: 'awareness', occurredAt: new Date(Date.now() - 3_600_000).toISOString(), reason: 'The SOC confirmed the exfiltration' }),
    },
    {
      name: 'POST …/regimes',
      role: 'dpo',
      path: (id) => `/v1/incidents/${id}/regimes`,
      json: async () => ({ include: ['US-CA'], exclude: [], reason: 'Californian customers are affected' }),
    },
    {
      name: 'POST …/owner',
      role: 'responder',
      path: (id) => `/v1/incidents/${id}/owner`,
      json: async () => {
        const contact = await call('POST', '/v1/contacts', { key: keys.admin, json: { name: `Owner ${randomUUID()}`, role: 'legal', email: 'owner@example.test' } });
        expect(contact.status).toBe(201);
        return { contactId: contact.body.id };
      },
    },
  ];

  it.each(cases)('$name applies once: the retry answers the same write id and adds no audit event', async ({ role, path, json }) => {
    const opened = await openIncident(keys.responder, incidentBody('Clock write retried'));
    expect(opened.status).toBe(201);
    const id = opened.body.id as string;
    const body = await json();
    const key = randomUUID();
    const send = () => call('POST', path(id), { key: keys[role], json: body, headers: { 'idempotency-key': key } });

    const first = await send();
    expect(first.status).toBeLessThan(300);
    const audited = await auditEvents(id);
    await pool.query('DELETE FROM idempotency_keys WHERE idempotency_key = $1', [key]);
    const retry = await send();

    expect(retry.status).toBe(first.status);
    expect(retry.headers.get('idempotent-replayed')).toBeNull();
    expect(retry.body.id).toBe(first.body.id);
    expect(await auditEvents(id)).toBe(audited);
  });
});

describe('POST /v1/incidents/{id}/findings', () => {
  let incidentId: string;

  beforeAll(async () => {
    const opened = await openIncident(keys.responder, incidentBody('Findings fixture'));
    expect(opened.status).toBe(201);
    incidentId = opened.body.id as string;
  });

  function recordFinding(json: unknown, idempotencyKey: string, options: { incident?: string; baseUrl?: string } = {}) {
    return call('POST', `/v1/incidents/${options.incident ?? incidentId}/findings`, {
      key: keys.responder,
      json,
      headers: { 'idempotency-key': idempotencyKey },
      baseUrl: options.baseUrl,
    });
  }

  async function findingsSummarised(summary: string): Promise<string[]> {
    const { rows } = await pool.query<{ id: string }>('SELECT id FROM findings WHERE incident_id = $1::uuid AND summary = $2', [incidentId, summary]);
    return rows.map((r) => r.id);
  }

  it('replays the first 201 for the same key and body, marks it Idempotent-Replayed, and records one finding and one audit event', async () => {
    const finding = { summary: `Access logs show 14 downloads ${randomUUID()}`, details: { downloads: 14, sourceIps: 3 } };
    const key = randomUUID();
    const auditBefore = await auditEvents(incidentId);

    const first = await recordFinding(finding, key);
    const retry = await recordFinding(finding, key);

    expect(first.status).toBe(201);
    expect(answer(retry)).toEqual(answer(first));
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(await findingsSummarised(finding.summary)).toEqual([first.body.id]);
    expect(await auditEvents(incidentId)).toBe(auditBefore + 1);
  });

  it('refuses the same key with a different body, or on another incident, with 422 naming the header, and records nothing', async () => {
    const key = randomUUID();
    const first = await recordFinding({ summary: `First ${randomUUID()}` }, key);
    expect(first.status).toBe(201);
    const other = { summary: `Other ${randomUUID()}` };
    const otherIncident = await openIncident(keys.responder, incidentBody('Other incident'));
    const auditBefore = await auditEvents(incidentId);

    const changedBody = await recordFinding(other, key);
    const changedPath = await recordFinding(other, key, { incident: otherIncident.body.id as string });

    expect(changedBody.body).toEqual(reusedProblem(`/v1/incidents/${incidentId}/findings`));
    expect(changedPath.body).toEqual(reusedProblem(`/v1/incidents/${otherIncident.body.id as string}/findings`));
    expect(await findingsSummarised(other.summary)).toEqual([]);
    expect(await auditEvents(incidentId)).toBe(auditBefore);
  });

  it('records exactly one finding for 20 concurrent requests with one key across two API processes; each answer is that 201 or a 409 in progress', async () => {
    const finding = { summary: `Concurrent finding ${randomUUID()}` };
    const key = randomUUID();
    const auditBefore = await auditEvents(incidentId);

    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => recordFinding(finding, key, { baseUrl: i % 2 === 0 ? stackEnv.apiUrl : second.apiUrl })));

    const ids = await findingsSummarised(finding.summary);
    expect(ids).toHaveLength(1);
    expect(answers.filter((a) => a.status === 201).length).toBeGreaterThanOrEqual(1);
    for (const a of answers) {
      if (a.status === 201) expect(a.body.id).toBe(ids[0]);
      else expect({ status: a.status, body: a.body as unknown }).toEqual({ status: 409, body: inProgressProblem(`/v1/incidents/${incidentId}/findings`) });
    }
    expect(await auditEvents(incidentId)).toBe(auditBefore + 1);
    const retry = await recordFinding(finding, key);
    expect(retry.status).toBe(201);
    expect(retry.body.id).toBe(ids[0]);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
  });

  it('replays a 404 problem for an unknown incident, marked Idempotent-Replayed', async () => {
    const key = randomUUID();
    const missing = randomUUID();
    const finding = { summary: 'Nowhere to record this' };

    const first = await recordFinding(finding, key, { incident: missing });
    const retry = await recordFinding(finding, key, { incident: missing });

    const problem = { type: '/problems/not-found', title: 'Not Found', status: 404, detail: `No incident with id ${missing}.`, instance: `/v1/incidents/${missing}/findings`, requestId: REQUEST_ID };
    expect(first.body).toEqual(problem);
    expect(retry.body).toEqual(problem);
    expect([first.status, retry.status]).toEqual([404, 404]);
    expect(retry.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(await storedKeys(key)).toEqual([{ state: 'completed', response_status: 404, method: 'POST', path: `/v1/incidents/${missing}/findings`, ttl_hours: 24 }]);
  });
});

describe('GET /openapi.json', () => {
  it('documents the optional Idempotency-Key header and the 409 on every JSON write authenticated by API key, and on nothing else', async () => {
    type Operation = { parameters?: { in: string; name: string; required?: boolean }[]; responses: Record<string, unknown>; security?: Record<string, unknown>[] };
    const doc = (await call('GET', '/openapi.json')).body as { paths: Record<string, Record<string, Operation>> };
    // Keys are scoped to the API key that sent them: routes authenticated otherwise (signed webhooks) are out of scope.
    const operations = Object.entries(doc.paths)
      .flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ method, path, op })))
      .filter(({ op }) => op.security?.some((s) => 'bearerAuth' in s));
    const documented = operations.filter(({ op }) => op.parameters?.some((p) => p.in === 'header' && p.name === 'idempotency-key' && p.required !== true));
    const jsonWrites = operations.filter(({ method, path }) => ['post', 'put', 'patch'].includes(method) && !path.endsWith('/content'));

    expect(jsonWrites.length).toBeGreaterThan(15);
    expect(documented.map(({ method, path }) => `${method} ${path}`).sort()).toEqual(jsonWrites.map(({ method, path }) => `${method} ${path}`).sort());
    for (const { op } of jsonWrites) expect(Object.keys(op.responses)).toContain('409');
  });
});

import { randomInt, randomUUID } from 'node:crypto';
import path from 'node:path';
import type pg from 'pg';
import { createApiKey } from '../../src/api/api-keys';
import { freePort, retryUntil, spawnManaged, type ManagedProcess } from '../../src/stack/child-process';
import { projectRoot } from '../../src/stack/temporal-binaries';
import { call, openPool, stackEnv, type ApiResponse } from './http';

// The shared API's limits are out of the way of the other suites (global-setup.ts): this file starts APIs of its
// own with tight ones, behind "a proxy" on loopback so that each test is a client address of its own.
const FAILED_AUTH_LIMIT = 5;
const FAILED_AUTH_WINDOW_SECONDS = 4;
const PER_MINUTE = 8;

/** An API process on the stack's PostgreSQL (as the application role, like the stack's) and Temporal with these settings. */
async function startApi(env: Record<string, string>): Promise<{ api: ManagedProcess; baseUrl: string }> {
  const port = await freePort();
  const api = spawnManaged('api-rate-limited', process.execPath, ['--import', 'tsx', path.join(projectRoot, 'src', 'server.ts')], {
    cwd: projectRoot,
    env: { ...process.env, LOG_LEVEL: 'silent', HOST: '127.0.0.1', PORT: String(port), DATABASE_URL: stackEnv.appDatabaseUrl, TEMPORAL_ADDRESS: stackEnv.temporalAddress, ...env },
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  await retryUntil(() => fetch(`${baseUrl}/healthz`).then((r) => (r.ok ? undefined : Promise.reject(new Error(String(r.status))))), 60_000);
  return { api, baseUrl };
}

let pool: pg.Pool;
let limited: { api: ManagedProcess; baseUrl: string };

beforeAll(async () => {
  pool = openPool();
  limited = await startApi({
    TRUST_PROXY: 'loopback',
    FAILED_AUTH_LIMIT: String(FAILED_AUTH_LIMIT),
    FAILED_AUTH_WINDOW_SECONDS: String(FAILED_AUTH_WINDOW_SECONDS),
    RATE_LIMIT_PER_MINUTE: String(PER_MINUTE),
  });
});

afterAll(async () => {
  await limited?.api.stop();
  await pool.end();
});

/** A client address no other test (or earlier run) uses, from the benchmarking range 198.18.0.0/15. */
function newAddress(): string {
  return `198.${randomInt(18, 20)}.${randomInt(0, 256)}.${randomInt(1, 255)}`;
}

/** A request to the rate-limited API from `address`, as the proxy on loopback reports it. */
function from(address: string, method: string, path: string, options: Parameters<typeof call>[2] = {}): Promise<ApiResponse> {
  return call(method, path, { ...options, baseUrl: limited.baseUrl, headers: { 'x-forwarded-for': address, ...options.headers } });
}

async function freshKey(): Promise<string> {
  return (await createApiKey(pool, { name: `rate limit ${randomUUID()}`, role: 'viewer' })).key;
}

/** `FAILED_AUTH_LIMIT` requests with made-up keys from `address`, each answered 401. */
async function exhaustFailures(address: string): Promise<void> {
  for (let n = 0; n < FAILED_AUTH_LIMIT; n += 1) {
    expect((await from(address, 'GET', '/v1/incidents?limit=1', { key: `bre_made-up-${randomUUID()}` })).status).toBe(401);
  }
}

function expectTooManyRequests(res: ApiResponse, instance: string, detail: RegExp): void {
  expect(res.status).toBe(429);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(res.body).toEqual({ type: '/problems/too-many-requests', title: 'Too Many Requests', status: 429, detail: expect.stringMatching(detail), instance, requestId: res.headers.get('x-request-id') });
}

function retryAfterSeconds(res: ApiResponse): number {
  const value = res.headers.get('retry-after');
  expect(value).toMatch(/^\d+$/);
  return Number(value);
}

describe('GET /v1/incidents with made-up keys from one address', () => {
  it('answers 401 up to the failed-authentication limit and 429 from the next attempt on, with RateLimit headers and Retry-After', async () => {
    const address = newAddress();
    const answers: ApiResponse[] = [];
    for (let n = 0; n < FAILED_AUTH_LIMIT + 2; n += 1) answers.push(await from(address, 'GET', '/v1/incidents?limit=1', { key: `bre_made-up-${n}-${randomUUID()}` }));

    expect(answers.map((a) => a.status)).toEqual([...Array<number>(FAILED_AUTH_LIMIT).fill(401), 429, 429]);
    // Each 401 says how many failures the address has left; the per-caller policy of the made-up key rides along.
    expect(answers[0]!.headers.get('ratelimit')).toMatch(new RegExp(`"failed-auth"; r=${FAILED_AUTH_LIMIT - 1}; t=[1-${FAILED_AUTH_WINDOW_SECONDS}]`));
    expect(answers[FAILED_AUTH_LIMIT - 1]!.headers.get('ratelimit')).toMatch(/"failed-auth"; r=0; t=\d+/);
    const refused = answers[FAILED_AUTH_LIMIT]!;
    expectTooManyRequests(refused, '/v1/incidents?limit=1', /failed authentications from this address/);
    expect(refused.headers.get('ratelimit-policy')).toMatch(new RegExp(`^"failed-auth"; q=${FAILED_AUTH_LIMIT}; w=${FAILED_AUTH_WINDOW_SECONDS}; pk=:[^:]+:$`));
    expect(refused.headers.get('ratelimit')).toMatch(new RegExp(`^"failed-auth"; r=0; t=[0-${FAILED_AUTH_WINDOW_SECONDS}]$`));
    expect(retryAfterSeconds(refused)).toBeGreaterThanOrEqual(0);
    expect(retryAfterSeconds(refused)).toBeLessThanOrEqual(FAILED_AUTH_WINDOW_SECONDS);
    expect(refused.headers.get('www-authenticate')).toBeNull();
  });

  it('lets no more than the limit through when the attempts arrive all at once', async () => {
    const address = newAddress();
    const answers = await Promise.all(Array.from({ length: 15 }, () => from(address, 'GET', '/v1/incidents?limit=1', { key: `bre_made-up-${randomUUID()}` })));
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses).toEqual([...Array<number>(FAILED_AUTH_LIMIT).fill(401), ...Array<number>(15 - FAILED_AUTH_LIMIT).fill(429)]);
  });

  it('counts requests without any key, too', async () => {
    const address = newAddress();
    const statuses: number[] = [];
    for (let n = 0; n <= FAILED_AUTH_LIMIT; n += 1) statuses.push((await from(address, 'GET', '/v1/incidents?limit=1')).status);
    expect(statuses).toEqual([...Array<number>(FAILED_AUTH_LIMIT).fill(401), 429]);
  });

  it('refuses a valid key from the blocked address until the window ends, while other addresses and unlimited routes are served', async () => {
    const address = newAddress();
    const key = await freshKey();
    await exhaustFailures(address);

    // A valid key is refused too: answering it 200 would tell a brute force which guess was right.
    const blocked = await from(address, 'GET', '/v1/incidents?limit=1', { key });
    expectTooManyRequests(blocked, '/v1/incidents?limit=1', /failed authentications/);
    expect((await from(newAddress(), 'GET', '/v1/incidents?limit=1', { key })).status).toBe(200);
    expect((await from(newAddress(), 'GET', '/v1/incidents?limit=1')).status).toBe(401);
    for (const open of ['/healthz', '/readyz', '/openapi.json']) expect((await from(address, 'GET', open)).status).toBe(200);

    await new Promise((resolve) => setTimeout(resolve, (retryAfterSeconds(blocked) + 1) * 1000));
    const after = await from(address, 'GET', '/v1/incidents?limit=1', { key });
    expect(after.status).toBe(200);
  });
});

describe('POST /v1/intake/{sourceId} with bad signatures', () => {
  it('counts each failed signature check against the address like a failed key', async () => {
    const created = await call('POST', '/v1/intake-sources', { key: stackEnv.adminKey, json: { name: `rate limit ${randomUUID()}`, format: 'generic' } });
    expect(created.status).toBe(201);
    const address = newAddress();
    const statuses: number[] = [];
    for (let n = 0; n <= FAILED_AUTH_LIMIT; n += 1) {
      const at = String(Math.floor(Date.now() / 1000));
      const res = await from(address, 'POST', `/v1/intake/${created.body.id}`, {
        rawBody: '{"title":"forged"}',
        headers: { 'webhook-id': `msg_${randomUUID()}`, 'webhook-timestamp': at, 'webhook-signature': 'v1,Zm9yZ2VkIHNpZ25hdHVyZSBmb3JnZWQgc2lnbmF0dXJl' },
      });
      statuses.push(res.status);
      if (n === FAILED_AUTH_LIMIT) expectTooManyRequests(res, `/v1/intake/${created.body.id}`, /failed authentications/);
    }
    expect(statuses).toEqual([...Array<number>(FAILED_AUTH_LIMIT).fill(401), 429]);
  });
});

describe('GET /v1/incidents per API key', () => {
  it('serves a key its requests a minute, then answers 429 whatever its address, and other keys still pass', async () => {
    const key = await freshKey();
    const address = newAddress();
    const answers: ApiResponse[] = [];
    for (let n = 0; n < PER_MINUTE; n += 1) answers.push(await from(address, 'GET', '/v1/incidents?limit=1', { key }));
    expect(answers.map((a) => a.status)).toEqual(Array<number>(PER_MINUTE).fill(200));
    expect(answers[0]!.headers.get('ratelimit')).toMatch(new RegExp(`^"per-caller"; r=${PER_MINUTE - 1}; t=(60|59)$`));
    expect(answers[0]!.headers.get('ratelimit-policy')).toMatch(new RegExp(`^"per-caller"; q=${PER_MINUTE}; w=60; pk=:[^:]+:$`));

    const refused = await from(address, 'GET', '/v1/incidents?limit=1', { key });
    expectTooManyRequests(refused, '/v1/incidents?limit=1', new RegExp(`may make ${PER_MINUTE} requests a minute`));
    expect(refused.headers.get('ratelimit')).toMatch(/^"per-caller"; r=0; t=\d+$/);
    expect(retryAfterSeconds(refused)).toBeGreaterThan(0);
    expect(retryAfterSeconds(refused)).toBeLessThanOrEqual(60);
    expect((await from(newAddress(), 'GET', '/v1/incidents?limit=1', { key })).status).toBe(429);
    expect((await from(address, 'GET', '/v1/incidents?limit=1', { key: await freshKey() })).status).toBe(200);
    // A throttled key is not a failed authentication: the address has all its attempts left.
    expect((await from(address, 'GET', '/v1/incidents?limit=1', { key: 'bre_made-up' })).headers.get('ratelimit')).toMatch(new RegExp(`"failed-auth"; r=${FAILED_AUTH_LIMIT - 1};`));
  });
});

describe('/v1 while the rate-limit store (PostgreSQL) is down', () => {
  it('lets requests through to authentication rather than answering 500: no key is 401, a key is 503', async () => {
    const down = await startApi({ DATABASE_URL: `postgres://postgres:postgres@127.0.0.1:${await freePort()}/breach`, FAILED_AUTH_LIMIT: '1' });
    try {
      for (let n = 0; n < 3; n += 1) {
        const res = await call('GET', '/v1/incidents?limit=1', { baseUrl: down.baseUrl });
        expect(res.status).toBe(401);
        expect(res.body).toMatchObject({ status: 401, title: 'Unauthorized' });
      }
      const withKey = await call('GET', '/v1/incidents?limit=1', { baseUrl: down.baseUrl, key: stackEnv.adminKey });
      expect(withKey.status).toBe(503);
      expect(withKey.headers.get('retry-after')).toBe('5');
    } finally {
      await down.api.stop();
    }
  });
});

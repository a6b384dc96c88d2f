import path from 'node:path';
import type pg from 'pg';
import { freePort, retryUntil, spawnManaged, type ManagedProcess } from '../../src/stack/child-process';
import { projectRoot } from '../../src/stack/temporal-binaries';
import { call, countRows, openPool, stackEnv } from './http';

/** A second API process of the stack's, pointed at a dependency that is down. */
async function startApi(env: Record<string, string>): Promise<{ api: ManagedProcess; baseUrl: string }> {
  const port = await freePort();
  const api = spawnManaged('api-degraded', process.execPath, ['--import', 'tsx', path.join(projectRoot, 'src', 'server.ts')], {
    cwd: projectRoot,
    env: { ...process.env, LOG_LEVEL: 'silent', HOST: '127.0.0.1', PORT: String(port), TEMPORAL_RPC_TIMEOUT_MS: '2000', ...env },
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  await retryUntil(() => fetch(`${baseUrl}/healthz`), 30_000);
  return { api, baseUrl };
}

let pool: pg.Pool;
beforeAll(() => {
  pool = openPool();
});
afterAll(async () => {
  await pool.end();
});

describe('API with a dependency down', () => {
  it('answers 503 with Retry-After while Temporal is unreachable, stays up, and stores nothing', async () => {
    const { api, baseUrl } = await startApi({ DATABASE_URL: stackEnv.databaseUrl, TEMPORAL_ADDRESS: `127.0.0.1:${await freePort()}` });
    try {
      const before = await countRows(pool, 'incidents');
      const res = await call('POST', '/v1/incidents', {
        baseUrl,
        key: stackEnv.adminKey,
        json: { title: 'During an outage', detectedAt: '2026-03-28T09:00:00Z' },
      });
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('5');
      expect(res.body).toMatchObject({ status: 503, title: 'Service Unavailable', instance: '/v1/incidents' });
      const ready = await call('GET', '/readyz', { baseUrl });
      expect(ready.status).toBe(503);
      expect(ready.body).toEqual({ status: 'unavailable', checks: { postgres: 'ok', temporal: 'unavailable' } });
      expect((await call('GET', '/healthz', { baseUrl })).status).toBe(200);
      expect(await countRows(pool, 'incidents')).toBe(before);
    } finally {
      await api.stop();
    }
  });

  it('answers 503 with Retry-After while PostgreSQL is unreachable, and stays up', async () => {
    const { api, baseUrl } = await startApi({
      DATABASE_URL: `postgres://postgres:postgres@127.0.0.1:${await freePort()}/breach`,
      TEMPORAL_ADDRESS: stackEnv.temporalAddress,
    });
    try {
      const res = await call('GET', '/v1/incidents', { baseUrl, key: stackEnv.adminKey });
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('5');
      const ready = await call('GET', '/readyz', { baseUrl });
      expect(ready.body).toEqual({ status: 'unavailable', checks: { postgres: 'unavailable', temporal: 'ok' } });
      expect(api.child.exitCode).toBeNull();
    } finally {
      await api.stop();
    }
  });

  it('tells a person signing in while PostgreSQL is unreachable, on a page, to try again', async () => {
    const { api, baseUrl } = await startApi({
      DATABASE_URL: `postgres://postgres:postgres@127.0.0.1:${await freePort()}/breach`,
      TEMPORAL_ADDRESS: stackEnv.temporalAddress,
      ...(JSON.parse(process.env.E2E_OIDC!) as Record<string, string>),
    });
    try {
      const res = await call('GET', '/auth/login?returnTo=/', { baseUrl, headers: { accept: 'text/html' } });
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('5');
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(res.body).toMatch(/<h1>Sign-in is unavailable<\/h1>/);
    } finally {
      await api.stop();
    }
  });
});

import { randomUUID } from 'node:crypto';
import type { Options } from 'express-rate-limit';
import type pg from 'pg';
import { PostgresRateLimitStore } from '../../src/api/rate-limit/postgres-rate-limit-store';
import { deleteExpiredRateLimitCounters } from '../../src/db/rate-limit-repository';
import { createPool } from '../../src/db/pool';

// Runs on the e2e stack's PostgreSQL, shared with other test files: every test counts keys of its own.
let pools: [pg.Pool, pg.Pool];

beforeAll(() => {
  pools = [createPool(process.env.E2E_DB_URL!, 10), createPool(process.env.E2E_DB_URL!, 10)];
});

afterAll(async () => {
  await Promise.all(pools.map((p) => p.end()));
});

/** A store as express-rate-limit sets one up, on its own prefix unless given one. */
function store(windowMs: number, options: { pool?: pg.Pool; prefix?: string } = {}): PostgresRateLimitStore {
  const s = new PostgresRateLimitStore(options.pool ?? pools[0], options.prefix ?? `test-${randomUUID()}:`);
  s.init({ windowMs } as Options);
  return s;
}

async function counterRows(keys: string[]): Promise<{ key: string; hits: number }[]> {
  const { rows } = await pools[0].query<{ key: string; hits: number }>('SELECT key, hits FROM rate_limit_counters WHERE key = ANY($1::text[]) ORDER BY key', [keys]);
  return rows;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('PostgresRateLimitStore', () => {
  it('counts the hits of a key within one window, which ends windowMs after the first hit', async () => {
    const s = store(60_000);
    const before = Date.now();
    const first = await s.increment('203.0.113.1');
    const second = await s.increment('203.0.113.1');
    const third = await s.increment('203.0.113.1');
    expect([first.totalHits, second.totalHits, third.totalHits]).toEqual([1, 2, 3]);
    expect(second.resetTime).toEqual(first.resetTime);
    expect(third.resetTime).toEqual(first.resetTime);
    // PostgreSQL's clock and this process's agree to well within a few seconds on one machine.
    expect(Math.abs(first.resetTime!.getTime() - (before + 60_000))).toBeLessThan(5_000);
    expect(await s.get('203.0.113.1')).toEqual({ totalHits: 3, resetTime: first.resetTime });
  });

  it('starts a new window at the first hit after the window ended', async () => {
    const s = store(300);
    const first = await s.increment('key');
    await s.increment('key');
    await sleep(400);
    expect(await s.get('key')).toBeUndefined();
    const after = await s.increment('key');
    expect(after.totalHits).toBe(1);
    expect(after.resetTime!.getTime()).toBeGreaterThan(first.resetTime!.getTime());
  });

  it('counts every hit once when two replicas (stores on separate pools) increment the same key at once', async () => {
    const prefix = `test-${randomUUID()}:`;
    const replicas = [store(60_000, { pool: pools[0], prefix }), store(60_000, { pool: pools[1], prefix })];
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => replicas[i % 2]!.increment('198.51.100.7')));
    expect(results.map((r) => r.totalHits).sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(new Set(results.map((r) => r.resetTime!.getTime())).size).toBe(1);
    expect(await replicas[1]!.get('198.51.100.7')).toMatchObject({ totalHits: 40 });
  });

  it('keeps keys of different prefixes and different keys apart', async () => {
    const a = store(60_000);
    const b = store(60_000);
    await a.increment('same');
    await a.increment('same');
    await a.increment('other');
    await b.increment('same');
    expect(await a.get('same')).toMatchObject({ totalHits: 2 });
    expect(await a.get('other')).toMatchObject({ totalHits: 1 });
    expect(await b.get('same')).toMatchObject({ totalHits: 1 });
    expect(await b.get('other')).toBeUndefined();
  });

  it('takes back one hit on decrement, never below zero, and forgets the key on resetKey', async () => {
    const s = store(60_000);
    await s.increment('key');
    await s.increment('key');
    await s.increment('neighbour');
    await s.decrement('key');
    expect(await s.get('key')).toMatchObject({ totalHits: 1 });
    await s.decrement('key');
    await s.decrement('key');
    expect(await s.get('key')).toMatchObject({ totalHits: 0 });
    await s.resetKey('key');
    expect(await s.get('key')).toBeUndefined();
    expect((await s.increment('key')).totalHits).toBe(1);
    expect(await s.get('neighbour')).toMatchObject({ totalHits: 1 });
  });

  it('sweeps counters whose window ended and keeps live ones', async () => {
    const prefix = `test-${randomUUID()}:`;
    const short = store(200, { prefix });
    const long = store(60_000, { prefix });
    await short.increment('ended');
    await long.increment('live');
    await sleep(300);
    expect(await deleteExpiredRateLimitCounters(pools[0])).toBeGreaterThanOrEqual(1);
    expect(await counterRows([`${prefix}ended`, `${prefix}live`])).toEqual([{ key: `${prefix}live`, hits: 1 }]);
  });
});

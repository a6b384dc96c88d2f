// Claims of Idempotency-Keys on the e2e stack's PostgreSQL: one caller wins, and a claim left in progress by an API
// process that died is taken over by a retry of the same request once its lease has passed.
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { claimIdempotencyKey } from '../../src/db/idempotency-repository';
import { createPool } from '../../src/db/pool';

let pool: pg.Pool;
// Request hashes are SHA-256 hex.
const HASH_A = 'a'.repeat(64);
const HASH_B = 'b'.repeat(64);

beforeAll(() => {
  pool = createPool(process.env.E2E_DB_URL!, 4);
});

afterAll(async () => {
  await pool.end();
});

const claimOf = (key: string, requestHash: string) =>
  claimIdempotencyKey(pool, { apiKeyId: randomUUIDFor(key), key, method: 'POST', path: '/v1/incidents', requestHash, ttlHours: 24, leaseSeconds: 30 });

// One API key per test key, so tests never share a row.
const scopes = new Map<string, string>();
function randomUUIDFor(key: string): string {
  if (!scopes.has(key)) scopes.set(key, randomUUID());
  return scopes.get(key)!;
}

/** Ages the claim as if its request had started `seconds` ago. */
async function age(key: string, seconds: number): Promise<void> {
  await pool.query("UPDATE idempotency_keys SET created_at = now() - make_interval(secs => $3::int) WHERE api_key_id = $1::uuid AND idempotency_key = $2", [randomUUIDFor(key), key, seconds]);
}

describe('claimIdempotencyKey', () => {
  it('lets one of many concurrent claims win', async () => {
    const key = `k-${randomUUID()}`;
    const claims = await Promise.all(Array.from({ length: 8 }, () => claimOf(key, HASH_A)));
    expect(claims.filter((c) => c.claimed)).toHaveLength(1);
  });

  it('answers a retry within the lease with the claim still in progress (the API answers 409)', async () => {
    const key = `k-${randomUUID()}`;
    expect((await claimOf(key, HASH_A)).claimed).toBe(true);
    await age(key, 29);
    expect(await claimOf(key, HASH_A)).toMatchObject({ claimed: false, row: { state: 'in-progress' } });
  });

  it('hands a claim left in progress past its lease (its process died) to the retry of the same request, once', async () => {
    const key = `k-${randomUUID()}`;
    expect((await claimOf(key, HASH_A)).claimed).toBe(true);
    await age(key, 31);
    const retries = await Promise.all([claimOf(key, HASH_A), claimOf(key, HASH_A)]);
    expect(retries.filter((c) => c.claimed)).toHaveLength(1);
  });

  it('never hands a stale claim to another request under the same key (the API answers 422)', async () => {
    const key = `k-${randomUUID()}`;
    expect((await claimOf(key, HASH_A)).claimed).toBe(true);
    await age(key, 120);
    expect(await claimOf(key, HASH_B)).toMatchObject({ claimed: false, row: { request_hash: HASH_A } });
  });

  it('never takes over a completed answer: it is replayed', async () => {
    const key = `k-${randomUUID()}`;
    expect((await claimOf(key, HASH_A)).claimed).toBe(true);
    await pool.query("UPDATE idempotency_keys SET state = 'completed', response_status = 201, completed_at = now() WHERE api_key_id = $1::uuid AND idempotency_key = $2", [randomUUIDFor(key), key]);
    await age(key, 3600);
    expect(await claimOf(key, HASH_A)).toMatchObject({ claimed: false, row: { state: 'completed', response_status: 201 } });
  });
});

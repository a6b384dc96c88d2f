import type { Queryable } from './pool';

// The rate limiters' counters (src/api/rate-limit/): one row per key and fixed window, shared by every API replica.

export interface RateLimitCounterRow {
  hits: number;
  reset_at: Date;
}

/**
 * The hits of `key` in its window, counting this one: a first hit, or the first after the window ended, starts a
 * new window. One statement, so concurrent hits from any replica are each counted once.
 */
export async function incrementRateLimitCounter(client: Queryable, key: string, windowMs: number): Promise<RateLimitCounterRow> {
  const { rows } = await client.query<RateLimitCounterRow>(
    `INSERT INTO rate_limit_counters (key, hits, reset_at) VALUES ($1::text, 1, now() + $2::integer * interval '1 millisecond')
     ON CONFLICT ON CONSTRAINT rate_limit_counters_pkey DO UPDATE SET
       hits = CASE WHEN rate_limit_counters.reset_at <= now() THEN 1 ELSE rate_limit_counters.hits + 1 END,
       reset_at = CASE WHEN rate_limit_counters.reset_at <= now() THEN excluded.reset_at ELSE rate_limit_counters.reset_at END
     RETURNING hits, reset_at`,
    [key, windowMs],
  );
  return rows[0]!;
}

/** The hits of `key` in its current window; undefined when it has none or its window ended. */
export async function findRateLimitCounter(client: Queryable, key: string): Promise<RateLimitCounterRow | undefined> {
  const { rows } = await client.query<RateLimitCounterRow>('SELECT hits, reset_at FROM rate_limit_counters WHERE key = $1::text AND reset_at > now()', [key]);
  return rows[0];
}

/** Takes back one hit of `key` in its current window (never below zero). */
export async function decrementRateLimitCounter(client: Queryable, key: string): Promise<void> {
  await client.query('UPDATE rate_limit_counters SET hits = hits - 1 WHERE key = $1::text AND reset_at > now() AND hits > 0', [key]);
}

/** Forgets the hits of `key`. */
export async function deleteRateLimitCounter(client: Queryable, key: string): Promise<void> {
  await client.query('DELETE FROM rate_limit_counters WHERE key = $1::text', [key]);
}

/** Deletes every counter whose window has ended (of any store); returns how many. */
export async function deleteExpiredRateLimitCounters(client: Queryable): Promise<number> {
  const { rowCount } = await client.query('DELETE FROM rate_limit_counters WHERE reset_at <= now()');
  return rowCount ?? 0;
}

import type { ClientRateLimitInfo, Options, Store } from 'express-rate-limit';
import type { Queryable } from '../../db/pool';
import {
  decrementRateLimitCounter,
  deleteExpiredRateLimitCounters,
  deleteRateLimitCounter,
  findRateLimitCounter,
  incrementRateLimitCounter,
} from '../../db/rate-limit-repository';

/** How often one store deletes counters whose window has ended, at most. */
const SWEEP_INTERVAL_MS = 60_000;

/**
 * An express-rate-limit `Store` over the `rate_limit_counters` table, so every API replica counts against the
 * same fixed windows. Keys are namespaced by `prefix`, one per limiter. Hand-written rather than
 * `@acpr/rate-limit-postgresql`, which runs its own DDL at start (a schema, the uuid-ossp extension, its
 * migration table) unawaited, opens a pool of its own and pins another `pg`; here the table comes by migration.
 */
export class PostgresRateLimitStore implements Store {
  /** Hits counted here count on every replica: express-rate-limit's double-count check needs to know. */
  readonly localKeys = false;
  private windowMs = 60_000;
  private lastSweep = Date.now();

  constructor(
    private readonly client: Queryable,
    readonly prefix: string,
    private readonly onSweepError: (error: unknown) => void = () => undefined,
  ) {}

  /** Takes the limiter's window, in milliseconds. */
  init(options: Options): void {
    this.windowMs = options.windowMs;
  }

  /** The key's hits and the end of its window, when it has a live window. */
  async get(key: string): Promise<ClientRateLimitInfo | undefined> {
    const row = await findRateLimitCounter(this.client, this.prefix + key);
    return row && { totalHits: row.hits, resetTime: row.reset_at };
  }

  /** Counts one hit; returns the hits so far in the window and when it ends. */
  async increment(key: string): Promise<ClientRateLimitInfo> {
    this.sweepNowAndThen();
    const row = await incrementRateLimitCounter(this.client, this.prefix + key, this.windowMs);
    return { totalHits: row.hits, resetTime: row.reset_at };
  }

  /** Takes back one hit. */
  async decrement(key: string): Promise<void> {
    await decrementRateLimitCounter(this.client, this.prefix + key);
  }

  /** Forgets the key's hits. */
  async resetKey(key: string): Promise<void> {
    await deleteRateLimitCounter(this.client, this.prefix + key);
  }

  // Ended windows are reset by their next hit anyway; the sweep only keeps keys that never come back (a flood of
  // made-up keys, addresses that went away) from piling up, so one replica's store doing it now and then is enough.
  private sweepNowAndThen(): void {
    if (Date.now() - this.lastSweep < SWEEP_INTERVAL_MS) return;
    this.lastSweep = Date.now();
    deleteExpiredRateLimitCounters(this.client).catch(this.onSweepError);
  }
}

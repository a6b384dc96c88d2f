import pg from 'pg';

/** Any client a repository function can run on: the pool itself or a client inside a transaction. */
export type Queryable = Pick<pg.Pool | pg.PoolClient, 'query'>;

/** How a pool encrypts its connections: a libpq `sslmode` and, for the verify modes, the CA's PEM text. */
export interface PostgresSsl {
  mode: 'disable' | 'require' | 'verify-ca' | 'verify-full';
  ca?: string;
}

// pg lets these in the connection string override the `ssl` option, so they go when `ssl` is given.
const URL_SSL_PARAMETERS = ['ssl', 'sslmode', 'sslrootcert', 'sslcert', 'sslkey', 'uselibpqcompat'];

/** pg's `ssl` option for a mode: false, encrypted without checks, the CA chain only, or the chain and host name. */
export function postgresSslOptions(ssl: PostgresSsl): pg.PoolConfig['ssl'] {
  switch (ssl.mode) {
    case 'disable':
      return false;
    case 'require':
      return { rejectUnauthorized: false };
    case 'verify-ca':
      return { ca: ssl.ca, rejectUnauthorized: true, checkServerIdentity: () => undefined };
    case 'verify-full':
      return { ca: ssl.ca, rejectUnauthorized: true };
  }
}

/**
 * A pg pool that fails fast when PostgreSQL is unreachable instead of queueing requests forever. Without `ssl`,
 * the URL's own `sslmode` (or PGSSLMODE) decides, as pg reads them.
 */
export function createPool(databaseUrl: string, max = 10, ssl?: PostgresSsl): pg.Pool {
  let connectionString = databaseUrl;
  if (ssl) {
    const url = new URL(databaseUrl);
    for (const name of URL_SSL_PARAMETERS) url.searchParams.delete(name);
    connectionString = url.toString();
  }
  return new pg.Pool({
    connectionString,
    ...(ssl ? { ssl: postgresSslOptions(ssl) } : {}),
    max,
    connectionTimeoutMillis: 3_000,
    idleTimeoutMillis: 30_000,
    query_timeout: 15_000,
  });
}

/** Runs `fn` in one transaction on a dedicated client, committing on success and rolling back on error. */
export async function withTransaction<T>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  // A checked-out client whose connection drops between queries (PostgreSQL stopping) emits 'error' on itself,
  // which would end the process unheard; the pending or next query fails instead, and release() discards it.
  const ignore = () => undefined;
  client.on('error', ignore);
  try {
    await client.query('BEGIN');
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.off('error', ignore);
    client.release();
  }
}

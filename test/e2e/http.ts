import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import pg from 'pg';
import { createApiKey } from '../../src/api/api-keys';
import type { Role } from '../../src/domain/roles';

/** Where global setup started the stack. */
export const stackEnv = {
  apiUrl: process.env.E2E_API_URL!,
  adminKey: process.env.E2E_ADMIN_KEY!,
  databaseUrl: process.env.E2E_DB_URL!,
  /** The application role's connection (what the worker and the API use). */
  appDatabaseUrl: process.env.E2E_APP_DB_URL!,
  temporalAddress: process.env.E2E_TEMPORAL!,
  dataDir: process.env.E2E_DATA_DIR!,
};

export interface ApiResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

/** One real HTTP request to the API; JSON bodies are sent and parsed, anything else is returned as text. */
export async function call<T = any>(
  method: string,
  path: string,
  options: { key?: string; json?: unknown; rawBody?: string | Buffer; contentType?: string; headers?: Record<string, string>; baseUrl?: string; signal?: AbortSignal } = {},
): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.key) headers.authorization = `Bearer ${options.key}`;
  let body: string | Buffer | undefined;
  if (options.json !== undefined) {
    body = JSON.stringify(options.json);
    headers['content-type'] = 'application/json';
  } else if (options.rawBody !== undefined) {
    body = options.rawBody;
    headers['content-type'] = options.contentType ?? 'application/json';
  }
  const res = await fetch(`${options.baseUrl ?? stackEnv.apiUrl}${path}`, { method, headers, body, signal: options.signal });
  const text = await res.text();
  const type = res.headers.get('content-type') ?? '';
  return { status: res.status, headers: res.headers, body: (type.includes('json') ? JSON.parse(text) : text) as T };
}

/** A PostgreSQL pool on the stack's database, for fixtures and for checking what was (not) stored. */
export function openPool(): pg.Pool {
  return new pg.Pool({ connectionString: stackEnv.databaseUrl, max: 2 });
}

/** A Temporal client on the stack's dev server. */
export async function openTemporal(): Promise<Client> {
  return new Client({ connection: await Connection.connect({ address: stackEnv.temporalAddress }), namespace: 'default' });
}

/** A fresh API key of each role (admin is the seeded one). */
export async function keysByRole(pool: pg.Pool): Promise<Record<Role, string>> {
  const make = async (role: Role) => (await createApiKey(pool, { name: `e2e ${role} ${randomUUID()}`, role })).key;
  return { admin: stackEnv.adminKey, dpo: await make('dpo'), responder: await make('responder'), viewer: await make('viewer') };
}

/** Polls `fn` until `accept` holds for its result; fails with the last result after `timeoutMs`. */
export async function eventually<T>(fn: () => Promise<T>, accept: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (accept(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Rows in a table: tests compare counts before and after a refused request. */
export async function countRows(pool: pg.Pool, table: 'incidents' | 'deadlines' | 'escalations' | 'api_keys'): Promise<number> {
  const { rows } = await pool.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`);
  return Number(rows[0]!.n);
}

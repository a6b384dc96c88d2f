import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

const root = path.resolve(__dirname, '..', '..');

/**
 * Applies pending migrations from migrations/ with node-pg-migrate; safe to run concurrently (it takes an advisory
 * lock). `count` applies only that many (a test of a migration starts from the schema before it).
 */
export async function migrate(databaseUrl: string, count?: number): Promise<void> {
  // node-pg-migrate is ESM-only; its CLI runs it outside whatever module system loaded this file (jest's included).
  await promisify(execFile)(
    process.execPath,
    [require.resolve('node-pg-migrate/bin/node-pg-migrate'), 'up', ...(count === undefined ? [] : [String(count)]), '--migrations-dir', path.join(root, 'migrations'), '--no-verbose'],
    { cwd: root, env: { ...process.env, DATABASE_URL: databaseUrl } },
  );
}

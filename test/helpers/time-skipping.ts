import { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, DefaultLogger, Runtime, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import type { IncidentLiveState } from '../../src/domain/incident';
import { findTestServer } from '../../src/stack/temporal-binaries';
import { incidentStateQuery } from '../../src/workflows/messages';

// Worker state changes and bundling are logged at INFO; tests only want warnings and errors.
Runtime.install({ logger: new DefaultLogger('WARN') });

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

import { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, DefaultLogger, Runtime, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { findTestServer } from '../../src/stack/temporal-binaries';

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

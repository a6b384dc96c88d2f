import { allHandlersFinished, condition, continueAsNew, patched, workflowInfo } from '@temporalio/workflow';
import { IncidentState } from './incident-state';
import { registerClockWrites } from './incident-run/clock-writes';
import { createEscalations } from './incident-run/escalations';
import { registerEvidenceWrites } from './incident-run/evidence-writes';
import { createIncidentRun } from './incident-run/incident-run';
import { registerLifecycleWrites } from './incident-run/lifecycle-writes';
import { registerRiskAndNoticeWrites } from './incident-run/risk-and-notice-writes';

/** Input of the incident workflow: ids only, plus the state carried over by continue-as-new. */
export interface IncidentWorkflowInput {
  incidentId: string;
  /**
   * Publish the incident search attributes (default true). They must be registered on the namespace; the
   * Java time-skipping test server cannot register custom ones, so workflow tests turn this off.
   */
  searchAttributes?: boolean;
  /** Continue as new once the run's history has this many events; by default when Temporal suggests it. Tests set it low. */
  continueAsNewAfterEvents?: number;
  carriedState?: ReturnType<IncidentState['carry']>;
}

/** Runs that continued as new before this patch waited for their deliveries in flight; later ones carry them over. */
const CARRY_DELIVERIES_PATCH = 'continue-as-new-carries-deliveries';

/** One durable workflow per incident: opened by an update, serializes every write, holds its legal clocks and their ladders until closure. */
export async function incidentWorkflow(input: IncidentWorkflowInput): Promise<void> {
  const { incidentId, carriedState, searchAttributes = true, continueAsNewAfterEvents } = input;
  const run = createIncidentRun(carriedState ? IncidentState.from(carriedState) : new IncidentState(incidentId), searchAttributes);
  const { state } = run;
  registerLifecycleWrites(run);
  registerEvidenceWrites(run);
  registerRiskAndNoticeWrites(run);
  registerClockWrites(run);
  const escalations = createEscalations(run);
  const historyIsLong = () => {
    const info = workflowInfo();
    return info.continueAsNewSuggested || (continueAsNewAfterEvents !== undefined && info.historyLength >= continueAsNewAfterEvents);
  };

  // A workflow whose opening failed (its data was refused) has nothing to hold: it ends instead of waiting forever.
  if (!(await condition(() => state.opened, '1 day'))) return;
  run.publish();
  escalations.resumeCarried();

  while (state.status === 'open') {
    await escalations.fireDue();
    run.publish();
    if (historyIsLong()) break;
    await run.sleepUntilChanged(state.nextWakeMs());
  }

  // A long-lived incident's history is bounded: the state moves to a fresh run with the same workflow id. Deliveries
  // still retrying do not hold it back: their ids are in the carried state, and the next run sends them again.
  await condition(allHandlersFinished);
  if (state.status === 'open' && patched(CARRY_DELIVERIES_PATCH)) {
    await escalations.handOver();
    // A write that closed the incident meanwhile is carried as well: the next run finishes the deliveries and ends.
    await condition(allHandlersFinished);
    await continueAsNew<typeof incidentWorkflow>({ ...input, carriedState: state.carry() });
  }
  // A closed incident's run ends only once its last deliveries settled.
  await condition(() => allHandlersFinished() && escalations.settled());
  if (state.status === 'open') await continueAsNew<typeof incidentWorkflow>({ ...input, carriedState: state.carry() });
}

// The SDK's own floor: a workflow with the incident workflow's shape (an update that opens it, then a wait)
// and none of its code. What a cached incident workflow holds beyond this is ours.
import { condition, defineUpdate, setHandler } from '@temporalio/workflow';

export const openBaselineUpdate = defineUpdate<string, [unknown]>('openIncident');

export async function baselineWorkflow(): Promise<void> {
  let opened = false;
  setHandler(openBaselineUpdate, () => {
    opened = true;
    return 'opened';
  });
  await condition(() => opened);
  await condition(() => false);
}

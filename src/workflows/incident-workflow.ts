import { allHandlersFinished, condition, proxyActivities, setHandler } from '@temporalio/workflow';
import { Mutex } from 'async-mutex';
import { OpenIncidentRequestSchema } from '../domain/incident';
import { nextPendingDeadline } from '../domain/deadlines';
import type { createActivities } from '../activities';
import { IncidentState } from './incident-state';
import { incidentStateQuery, openIncidentUpdate } from './messages';

const { persistIncident, recordEscalation } = proxyActivities<ReturnType<typeof createActivities>>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/** Input of the incident workflow: ids only; the case file lives in PostgreSQL. */
export interface IncidentWorkflowInput {
  incidentId: string;
}

/** One durable workflow per incident: opened by an update, holds its legal clocks until closure. */
export async function incidentWorkflow({ incidentId }: IncidentWorkflowInput): Promise<void> {
  const state = new IncidentState(incidentId);
  // Handlers that await activities are serialized, so two updates never interleave their writes.
  const lock = new Mutex();
  let changed = false;

  setHandler(incidentStateQuery, () => state.snapshot());

  setHandler(
    openIncidentUpdate,
    (request) =>
      lock.runExclusive(async () => {
        if (state.opened) return state.snapshot();
        const deadlines = state.initialDeadlines(request);
        const { reference } = await persistIncident({ incidentId, request, deadlines });
        state.open(reference, deadlines);
        changed = true;
        return state.snapshot();
      }),
    { validator: (request) => void OpenIncidentRequestSchema.parse(request) },
  );

  await condition(() => state.opened);

  while (state.status === 'open') {
    for (const deadline of state.pastDue(Date.now())) {
      await lock.runExclusive(async () => {
        const escalation = { regime: deadline.regime, obligation: deadline.obligation, rung: 'overdue', dueAt: deadline.dueAt, raisedAt: new Date().toISOString() };
        await recordEscalation({ incidentId, escalation });
        state.markOverdue(deadline, escalation);
      });
    }
    const next = nextPendingDeadline(state.deadlines);
    changed = false;
    // An updatable timer: sleep to the next due instant, or wake early when a handler changes the clocks.
    if (next) await condition(() => changed, Math.max(Date.parse(next.dueAt) - Date.now(), 1));
    else await condition(() => changed);
  }

  await condition(allHandlersFinished);
}

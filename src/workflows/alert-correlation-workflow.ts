import { ActivityFailure, ApplicationFailure, allHandlersFinished, condition, continueAsNew, log, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../activities';
import { alertReceivedSignal } from './alert-messages';
import { ACTIVITY_QUEUES, activityTaskQueue } from './task-queues';

/** What a correlation group carries into its next run (continue-as-new). */
export interface AlertGroupCarry {
  incidentId: string | null;
  lastAlertAtMs: number | null;
  /** Alerts signalled and not yet processed, in the order they were received. */
  pending: string[];
  /** The alerts processed last, so that a re-signal of one is a no-op. */
  processed: string[];
}

/** One correlation group: a source's alerts sharing a correlation key (or one webhook-id when an alert has none). */
export interface AlertCorrelationInput {
  sourceId: string;
  windowHours: number;
  carried?: AlertGroupCarry;
}

// The dispatcher re-signals only alerts it signalled moments before a crash; far more than it ever sends at once.
const MAX_REMEMBERED = 2000;

/**
 * Serializes a correlation group's alerts, one at a time in the order signalled: the first opens an incident,
 * later ones within the window attach to it while it is open. The group ends when the window passes without
 * an alert; the next alert with the key then opens a new incident. The alerts arrive as ids: the activities
 * read them from PostgreSQL and record each outcome on the alert's row.
 */
export async function alertCorrelationWorkflow({ sourceId, windowHours, carried }: AlertCorrelationInput): Promise<void> {
  const windowMs = windowHours * 3_600_000;
  let incidentId = carried?.incidentId ?? null;
  let lastAlertAtMs = carried?.lastAlertAtMs ?? null;
  const pending = [...(carried?.pending ?? [])];
  const processed = [...(carried?.processed ?? [])];
  // On the intake's own task queue (task-queues.ts): these wait on the incident workflow's activities.
  const { openIncidentFromAlert, attachAlertToIncident } = proxyActivities<Activities>({
    taskQueue: activityTaskQueue(workflowInfo().taskQueue, ACTIVITY_QUEUES.openIncidentFromAlert),
    startToCloseTimeout: '1 minute',
    retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds' },
  });

  setHandler(alertReceivedSignal, ({ alertId }) => {
    // A dispatcher killed between signalling and marking the alert dispatched leaves it to another, which signals it again.
    if (pending.includes(alertId) || processed.includes(alertId)) return;
    pending.push(alertId);
  });

  const processNext = async (): Promise<void> => {
    const alertId = pending[0]!;
    try {
      let outcome = incidentId && lastAlertAtMs !== null && Date.now() - lastAlertAtMs <= windowMs ? await attachAlertToIncident({ incidentId, alertId }) : null;
      // A closed incident refuses the alert (its workflow has completed): the alert then opens a new one.
      if (!outcome || outcome.status === 'closed') outcome = await openIncidentFromAlert({ alertId });
      if (outcome.incidentId) {
        incidentId = outcome.incidentId;
        lastAlertAtMs = Date.now();
      }
    } catch (error) {
      // Only a permanent failure gets here (the activities retry the rest): skip the alert rather than stop the group.
      if (!(error instanceof ActivityFailure && error.cause instanceof ApplicationFailure && error.cause.nonRetryable)) throw error;
      log.error('alert not processed', { sourceId, alertId, error: error.cause.message });
    }
    pending.shift();
    processed.push(alertId);
    if (processed.length > MAX_REMEMBERED) processed.shift();
  };

  const carry = (): AlertGroupCarry => ({ incidentId, lastAlertAtMs, pending, processed });
  for (;;) {
    const quietFor = lastAlertAtMs === null ? windowMs : lastAlertAtMs + windowMs - Date.now();
    const more = await condition(() => pending.length > 0, Math.max(quietFor, 1));
    if (!more) break;
    while (pending.length > 0) {
      await processNext();
      if (workflowInfo().continueAsNewSuggested) {
        await condition(allHandlersFinished);
        await continueAsNew<typeof alertCorrelationWorkflow>({ sourceId, windowHours, carried: carry() });
      }
    }
  }
  await condition(allHandlersFinished);
}

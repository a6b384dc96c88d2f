import { allHandlersFinished, condition, continueAsNew, proxyActivities, setHandler, uuid4, workflowInfo } from '@temporalio/workflow';
import { Mutex } from 'async-mutex';
import type { Activities } from '../activities';
import type { IntakeResult } from '../domain/intake-source';
import type { AlertDelivery } from '../domain/intake-source';
import { receiveAlertUpdate } from './alert-messages';
import { ACTIVITY_QUEUES, activityTaskQueue } from './task-queues';

/** One correlation group: a source's alerts sharing a correlation key (or one webhook-id when an alert has none). */
export interface AlertCorrelationInput {
  sourceId: string;
  windowHours: number;
  carried?: { incidentId: string | null; reference: string | null; lastAlertAtMs: number | null; results: Record<string, IntakeResult> };
}

// Results are kept for redeliveries that arrive while the group is alive; older ones are in PostgreSQL.
const MAX_REMEMBERED = 1000;

/**
 * Serializes a correlation group's alerts, so concurrent deliveries open one incident: the first alert
 * opens it, later ones within the window attach to it while it is open. The group ends when the window
 * passes without an alert; the next alert with the key then opens a new incident.
 */
export async function alertCorrelationWorkflow({ sourceId, windowHours, carried }: AlertCorrelationInput): Promise<void> {
  const windowMs = windowHours * 3_600_000;
  let incidentId = carried?.incidentId ?? null;
  let reference = carried?.reference ?? null;
  let lastAlertAtMs = carried?.lastAlertAtMs ?? null;
  const results: Record<string, IntakeResult> = { ...(carried?.results ?? {}) };
  const lock = new Mutex();
  let received = false;
  // On the intake's own task queue (task-queues.ts): these wait on the incident workflow's activities.
  const { openIncidentFromAlert, attachAlertToIncident } = proxyActivities<Activities>({
    taskQueue: activityTaskQueue(workflowInfo().taskQueue, ACTIVITY_QUEUES.openIncidentFromAlert),
    startToCloseTimeout: '1 minute',
    retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds' },
  });

  setHandler(receiveAlertUpdate, (delivery) =>
    lock.runExclusive(async () => {
      const known = results[delivery.webhookId];
      if (known) return known;
      const alertId = uuid4();
      let result: IntakeResult | undefined;
      if (incidentId && lastAlertAtMs !== null && Date.now() - lastAlertAtMs <= windowMs) {
        // A closed incident refuses the alert (its workflow has completed): the alert then opens a new one.
        const attached = await attachAlertToIncident({ incidentId, alertId, delivery });
        if (attached) result = { incidentId, reference: reference!, alertId, action: 'attached' };
      }
      if (!result) {
        const newId = uuid4();
        const opened = await openIncidentFromAlert({ incidentId: newId, alertId, delivery });
        incidentId = newId;
        reference = opened.reference;
        result = { incidentId: newId, reference: opened.reference, alertId, action: 'opened' };
      }
      lastAlertAtMs = Date.now();
      results[delivery.webhookId] = result;
      const ids = Object.keys(results);
      if (ids.length > MAX_REMEMBERED) delete results[ids[0]!];
      received = true;
      return result;
    }),
  { validator: (delivery: AlertDelivery) => {
    if (delivery.sourceId !== sourceId) throw new Error('This correlation group belongs to another source');
  } });

  for (;;) {
    received = false;
    const quietFor = lastAlertAtMs === null ? windowMs : lastAlertAtMs + windowMs - Date.now();
    const more = await condition(() => received, Math.max(quietFor, 1));
    if (!more) break;
    if (workflowInfo().continueAsNewSuggested) {
      await condition(allHandlersFinished);
      await continueAsNew<typeof alertCorrelationWorkflow>({ sourceId, windowHours, carried: { incidentId, reference, lastAlertAtMs, results } });
    }
  }
  await condition(allHandlersFinished);
}

import { ActivityCancellationType, proxyActivities, proxyLocalActivities, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import { ACTIVITY_QUEUES, activityTaskQueue } from '../task-queues';

// Opening runs its PostgreSQL step as a local activity: in the worker running the workflow task, with no round
// trip through a task queue (openIncidentRecord; incidents opened before it used two, loadIncidentContext and
// persistIncident). Only these: nothing else schedules an activity while an incident opens (its writes are refused
// until then, its clocks wait for it). Local activities scheduled concurrently (a write and a firing escalation)
// failed replay under the fuzzer with a non-determinism error: their markers came back in another order. They are
// idempotent: a worker dying mid-run leaves the workflow task to be retried.
export const { openIncidentRecord, persistIncident, loadIncidentContext } = proxyLocalActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

export const { persistIncidentEvent, verifyEvidenceContent } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

// A run handing its deliveries over to the next (continue-as-new) cancels them and waits until each cancellation
// is acknowledged: at once between attempts, after the attempt under way otherwise, so no attempt of the old run
// overlaps one of the new run.
export const { planDeliveries, withdrawDelivery } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
  cancellationType: ActivityCancellationType.WAIT_CANCELLATION_COMPLETED,
});

/**
 * Deliveries run on their own task queue (task-queues.ts): one attempt is one send with its own timeout; a
 * failed send is retried with backoff for about a day. The activity heartbeats while it sends, so a worker
 * that dies mid-send is noticed in seconds, not minutes. A delivery resumed by a later run is retried only for
 * what is left of that day (`remainingMs`): continue-as-new does not restart its budget.
 */
export function deliveryActivities(remainingMs?: number) {
  return proxyActivities<Activities>({
    taskQueue: activityTaskQueue(workflowInfo().taskQueue, ACTIVITY_QUEUES.deliverEscalation),
    startToCloseTimeout: '2 minutes',
    heartbeatTimeout: '10 seconds',
    cancellationType: ActivityCancellationType.WAIT_CANCELLATION_COMPLETED,
    ...(remainingMs === undefined ? {} : { scheduleToCloseTimeout: Math.max(remainingMs, 60_000) }),
    retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '1 hour', maximumAttempts: 30, nonRetryableErrorTypes: ['DeliveryFailed'] },
  });
}

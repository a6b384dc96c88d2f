import type { Activities } from '../activities';

/**
 * Activities run on three task queues, each polled with slots of its own:
 * - `incident`: the incident's own reads and writes on PostgreSQL, which every open and write waits on (the
 *   open's two run as local activities, in the worker that runs the workflow task, which registers them all);
 * - `deliveries`: escalation mail and webhooks, where one attempt may take its whole send timeout;
 * - `intake`: the correlation groups' calls into incident workflows, which wait on `incident` activities.
 * On one queue, a few dead webhook endpoints hold every slot for their timeouts and opening an incident
 * waits behind them; intake activities holding every slot would wait on `incident` work that has none left.
 */
export const ACTIVITY_QUEUE_NAMES = ['incident', 'deliveries', 'intake'] as const;
export type ActivityQueue = (typeof ACTIVITY_QUEUE_NAMES)[number];

/** The queue of every activity: adding an activity without one does not compile. */
export const ACTIVITY_QUEUES: Record<keyof Activities, ActivityQueue> = {
  persistIncident: 'incident',
  openIncidentRecord: 'incident',
  persistIncidentEvent: 'incident',
  loadIncidentContext: 'incident',
  planDeliveries: 'incident',
  withdrawDelivery: 'incident',
  verifyEvidenceContent: 'incident',
  deliverEscalation: 'deliveries',
  resolvePagerDutyIncidents: 'deliveries',
  openIncidentFromAlert: 'intake',
  attachAlertToIncident: 'intake',
};

/** The task queue of `queue` for workflows on `taskQueue`: workflows and `incident` activities share it. */
export function activityTaskQueue(taskQueue: string, queue: ActivityQueue): string {
  return queue === 'incident' ? taskQueue : `${taskQueue}-${queue}`;
}

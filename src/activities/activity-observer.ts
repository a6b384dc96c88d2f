import type { DeliveryChannel } from '../domain/delivery-channel';
import type { Escalation } from '../domain/incident';

/** How a delivery attempt ended: sent, failed for good, or failed in a way Temporal retries. */
export type DeliveryAttemptOutcome = 'sent' | 'retried' | 'failed';

/** What the activities report as they go (the worker's metrics); absent in tests that do not measure. */
export interface ActivityObserver {
  /** An escalation was written to the case file (once per escalation, not per retry). */
  escalationRaised(incidentId: string, escalation: Escalation): void;
  /** One attempt at a delivery ended. */
  deliveryAttempted(channel: DeliveryChannel, outcome: DeliveryAttemptOutcome): void;
}

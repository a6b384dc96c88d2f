import type { WorkingHours } from './working-hours';

/**
 * One delivery an escalation was planned into (a recipient contact and one of its channels), with that contact's
 * working hours: a rung that waits for them sends at the contact's next working instant. Null: any time.
 */
export interface PlannedDelivery {
  id: string;
  workingHours: WorkingHours | null;
}

/**
 * The escalation deliveries a run has not seen settle, kept in the carried state: continue-as-new does not wait
 * for a webhook that retries for a day, the new run schedules its deliveries again under the same delivery ids.
 */
export interface EscalationDeliveries {
  escalationId: string;
  /** The deliveries planned for the escalation, or null while they are being planned. */
  deliveryIds: string[] | null;
  /** ISO instant after which a resumed delivery is no longer retried: the retry budget spans runs. */
  giveUpAt: string;
}

/** Every escalation whose deliveries are unsettled, in the order they fired. */
export type DeliveriesInFlight = EscalationDeliveries[];

/** How long one delivery is retried, counted from its escalation firing: about what 30 attempts backing off to an hour take. */
export const DELIVERY_RETRY_BUDGET_MS = 24 * 3_600_000;

/** Records an escalation whose deliveries are about to be planned. */
export function beginDeliveries(inFlight: DeliveriesInFlight, escalationId: string, nowMs: number): void {
  if (inFlight.some((e) => e.escalationId === escalationId)) return;
  inFlight.push({ escalationId, deliveryIds: null, giveUpAt: new Date(nowMs + DELIVERY_RETRY_BUDGET_MS).toISOString() });
}

/** Records the delivery ids planned for an escalation. */
export function planDeliveryIds(inFlight: DeliveriesInFlight, escalationId: string, deliveryIds: readonly string[]): void {
  const entry = inFlight.find((e) => e.escalationId === escalationId);
  if (entry) entry.deliveryIds = [...deliveryIds];
  dropSettled(inFlight);
}

/** Forgets one delivery: it was sent, or failed for good (the activity records which). */
export function settleDelivery(inFlight: DeliveriesInFlight, escalationId: string, deliveryId: string): void {
  const entry = inFlight.find((e) => e.escalationId === escalationId);
  if (entry?.deliveryIds) entry.deliveryIds = entry.deliveryIds.filter((id) => id !== deliveryId);
  dropSettled(inFlight);
}

/** Forgets an escalation whose deliveries could not be planned at all. */
export function abandonDeliveries(inFlight: DeliveriesInFlight, escalationId: string): void {
  const index = inFlight.findIndex((e) => e.escalationId === escalationId);
  if (index >= 0) inFlight.splice(index, 1);
}

/** The delivery ids not yet settled, over every escalation. */
export function pendingDeliveryIds(inFlight: DeliveriesInFlight): string[] {
  return inFlight.flatMap((e) => e.deliveryIds ?? []);
}

function dropSettled(inFlight: DeliveriesInFlight): void {
  for (let i = inFlight.length - 1; i >= 0; i -= 1) if (inFlight[i]!.deliveryIds?.length === 0) inFlight.splice(i, 1);
}

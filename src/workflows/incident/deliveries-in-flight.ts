import type { PlannedDelivery } from '../../domain/planned-delivery';
import type { IncidentData } from './incident-data';
import { nextWorkingInstant } from '../../domain/working-hours';

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
  /** For a reminder that waits for working hours: the latest it may wait to (the clock's due time). */
  waitsUntilAtMost?: string;
  /** ISO instants before which a planned delivery is not sent (its recipient's next working instant), by delivery id. */
  sendAt?: Record<string, string>;
}

/** Every escalation whose deliveries are unsettled, in the order they fired. */
export type DeliveriesInFlight = EscalationDeliveries[];

/** How long one delivery is retried, counted from its escalation firing: about what 30 attempts backing off to an hour take. */
export const DELIVERY_RETRY_BUDGET_MS = 24 * 3_600_000;

/** Records an escalation whose deliveries are about to be planned; `waitsUntilAtMost` when it waits for working hours. */
export function beginDeliveries(inFlight: DeliveriesInFlight, escalationId: string, nowMs: number, waitsUntilAtMost?: string): void {
  if (inFlight.some((e) => e.escalationId === escalationId)) return;
  const giveUpAt = new Date(nowMs + DELIVERY_RETRY_BUDGET_MS).toISOString();
  inFlight.push({ escalationId, deliveryIds: null, giveUpAt, ...(waitsUntilAtMost === undefined ? {} : { waitsUntilAtMost }) });
}

/**
 * Records the deliveries planned for an escalation. One that waits for its recipient's working hours gets its send
 * instant (never past the escalation's limit), and the retry budget counts from the last of them.
 */
export function planDeliveries(inFlight: DeliveriesInFlight, escalationId: string, planned: readonly PlannedDelivery[], nowMs: number): void {
  const entry = inFlight.find((e) => e.escalationId === escalationId);
  if (entry) {
    entry.deliveryIds = planned.map((d) => d.id);
    const sendAt: Record<string, string> = {};
    if (entry.waitsUntilAtMost !== undefined) {
      const limitMs = Date.parse(entry.waitsUntilAtMost);
      for (const { id, workingHours } of planned) {
        const atMs = workingHours ? Math.min(nextWorkingInstant(nowMs, workingHours), limitMs) : nowMs;
        if (atMs > nowMs) sendAt[id] = new Date(atMs).toISOString();
      }
    }
    const latest = Math.max(nowMs, ...Object.values(sendAt).map(Date.parse));
    if (latest > nowMs) {
      entry.sendAt = sendAt;
      entry.giveUpAt = new Date(Math.max(Date.parse(entry.giveUpAt), latest + DELIVERY_RETRY_BUDGET_MS)).toISOString();
    }
  }
  dropSettled(inFlight);
}

/** Epoch ms before which a planned delivery is not sent; 0 when it goes at once. */
export function sendAtOf(inFlight: DeliveriesInFlight, escalationId: string, deliveryId: string): number {
  const at = inFlight.find((e) => e.escalationId === escalationId)?.sendAt?.[deliveryId];
  return at === undefined ? 0 : Date.parse(at);
}

/** Forgets one delivery: it was sent, or failed for good (the activity records which). */
export function settleDelivery(inFlight: DeliveriesInFlight, escalationId: string, deliveryId: string): void {
  const entry = inFlight.find((e) => e.escalationId === escalationId);
  if (entry?.deliveryIds) entry.deliveryIds = entry.deliveryIds.filter((id) => id !== deliveryId);
  if (entry?.sendAt) delete entry.sendAt[deliveryId];
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

/**
 * Whether a delivery that waited for working hours is still worth sending: not once the incident is closed, its
 * clock met or waived, or the escalation acknowledged meanwhile (what it would remind of has been dealt with).
 */
export function stillOwed(s: Pick<IncidentData, 'closure' | 'escalations' | 'deadlines'>, escalationId: string): boolean {
  if (s.closure) return false;
  const escalation = s.escalations.find((e) => e.id === escalationId);
  if (!escalation) return true;
  if (escalation.acknowledgedAt !== null) return false;
  const clock = s.deadlines.find((d) => d.regime === escalation.regime && d.obligation === escalation.obligation);
  return clock === undefined || clock.status === 'pending' || clock.status === 'overdue';
}

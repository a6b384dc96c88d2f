import { Context } from '@temporalio/activity';
import type { Activities } from '../../src/activities';
import type { IncidentEventEnvelope, VerificationResult } from '../../src/domain/incident-events';
import type { WorkingHours } from '../../src/domain/working-hours';
import { IncidentState, type IncidentContext } from '../../src/workflows/incident-state';
import { refuseBrokenRule } from '../../src/workflows/rule-failure';

/** What the fakes recorded; tests assert on it. */
export interface FakeCalls {
  persistIncident: Parameters<Activities['persistIncident']>[0][];
  events: IncidentEventEnvelope[];
  /** Each send, with the test server's time it was scheduled at (the workflow's clock, not the wall clock). */
  deliveries: { deliveryId: string; atMs: number }[];
  /** Deliveries withdrawn after waiting for working hours. */
  withdrawn: { deliveryId: string; reason: string }[];
  /** The escalations whose PagerDuty pages were resolved, per call. */
  resolved: string[][];
}

/**
 * Fake activities typed from the factory: they record their calls and answer like the real ones would,
 * with a configurable organisation context and evidence verification result.
 */
export function fakeActivities(options: { context?: IncidentContext; verify?: (sha256: string) => VerificationResult; workingHours?: WorkingHours } = {}) {
  const calls: FakeCalls = { persistIncident: [], events: [], deliveries: [], withdrawn: [], resolved: [] };
  const listeners: ((e: IncidentEventEnvelope) => void)[] = [];
  const activities: Activities = {
    async persistIncident(input) {
      calls.persistIncident.push(input);
      return { reference: 'BR-2026-0001' };
    },
    // As the real one: the context, the opening clocks timed by the workflow's rules, then the persisting.
    async openIncidentRecord(input) {
      const context = await activities.loadIncidentContext();
      const deadlines = refuseBrokenRule(() => new IncidentState(input.incidentId).openingClocks(input.request, context, input.nowMs));
      const { reference } = await activities.persistIncident({ ...input, deadlines });
      return { reference, context };
    },
    async persistIncidentEvent(envelope) {
      calls.events.push(envelope);
      for (const listener of listeners) listener(envelope);
      // The chain position the real activity reports: one entry per event after the opening.
      return { seq: calls.events.length + 1, hash: envelope.eventId.replace(/-/g, '').padEnd(64, '0').slice(0, 64) };
    },
    async verifyEvidenceContent({ sha256 }) {
      return options.verify?.(sha256) ?? { matches: true, expectedSha256: sha256, actualSha256: sha256 };
    },
    async loadIncidentContext() {
      return options.context ?? { organisation: { establishment: [], sectorFlags: [], actingAs: 'controller' }, policies: {} };
    },
    // One recipient, with the working hours the test gives (none: any time).
    async planDeliveries({ escalationId }) {
      return [{ id: `delivery-of-${escalationId}`, workingHours: options.workingHours ?? null }];
    },
    async deliverEscalation(input) {
      calls.deliveries.push({ ...input, atMs: Context.current().info.currentAttemptScheduledTimestampMs });
    },
    async withdrawDelivery(input) {
      calls.withdrawn.push(input);
    },
    async resolvePagerDutyIncidents({ escalationIds }) {
      calls.resolved.push(escalationIds);
    },
    async openIncidentFromAlert({ alertId }) {
      return { status: 'opened', incidentId: `incident-of-${alertId}` };
    },
    async attachAlertToIncident({ incidentId }) {
      return { status: 'attached', incidentId };
    },
  };
  /** Resolves with the first persisted event that matches. */
  const waitForEvent = (match: (e: IncidentEventEnvelope) => boolean) =>
    new Promise<IncidentEventEnvelope>((resolve) => {
      const found = calls.events.find(match);
      if (found) resolve(found);
      else listeners.push((e) => match(e) && resolve(e));
    });
  const eventsOf = <T extends IncidentEventEnvelope['event']['type']>(type: T) =>
    calls.events.filter((e) => e.event.type === type).map((e) => e.event as Extract<IncidentEventEnvelope['event'], { type: T }>);
  return { activities, calls, waitForEvent, eventsOf };
}

import { CancellationScope, condition, patched, sleep, uuid4 } from '@temporalio/workflow';
import type { Deadline } from '../../domain/deadlines';
import type { EscalationStep } from '../../domain/escalation-policy';
import type { Escalation } from '../../domain/incident';
import type { PlannedDelivery } from '../../domain/planned-delivery';
import { SYSTEM_ACTOR } from '../../domain/incident-events';
import { deliveryActivities, planDeliveries, withdrawDelivery } from './activity-proxies';
import { nowIso, type IncidentRun } from './incident-run';

/**
 * The ladders' side of a run: fires the steps that are due and delivers them beside the clock loop (a webhook
 * may retry for a day). Each escalation's deliveries stay in the state until they settle, so continue-as-new
 * carries the unsettled ones and the next run resumes them under the same delivery ids.
 */
// Histories from before PagerDuty pages were resolved schedule no resolve when a clock is met or waived.
const RESOLVE_PAGES = 'resolve-pagerduty-pages';

export function createEscalations({ incidentId, state, lock, withClocks, onClocksSettled }: IncidentRun) {
  const running = new Set<Promise<void>>();
  // Deliveries run in a scope of their own, so a run handing its deliveries over to the next can cancel them.
  const scope = new CancellationScope();
  let handingOver = false;

  function track(start: () => Promise<void>): void {
    const work = scope.run(start);
    running.add(work);
    void work.finally(() => running.delete(work));
  }

  /**
   * Sends each delivery; one that ends, sent or failed for good, is settled (the activity recorded which). One that
   * ends unsent while the run hands over (cancelled, or an attempt under way failed: the server retries no activity
   * whose cancellation was requested) stays unsettled, and the next run sends it again.
   */
  async function deliver(escalationId: string, deliveryIds: readonly string[], remainingMs?: number): Promise<void> {
    const { deliverEscalation } = deliveryActivities(remainingMs);
    await Promise.allSettled(
      deliveryIds.map(async (deliveryId) => {
        try {
          // A reminder waiting for its recipient's working hours; a hand-over cancels the wait like a send.
          const waitMs = state.sendAtOf(escalationId, deliveryId) - Date.now();
          if (waitMs > 0) {
            await sleep(waitMs);
            if (!state.stillOwed(escalationId)) {
              await withdrawDelivery({ deliveryId, reason: 'Dealt with before the recipient’s working hours: the clock met or waived, the incident closed or the escalation acknowledged' });
              state.settleDelivery(escalationId, deliveryId);
              return;
            }
          }
          await deliverEscalation({ deliveryId });
        } catch {
          if (handingOver) return;
        }
        state.settleDelivery(escalationId, deliveryId);
      }),
    );
  }

  /** Plans an escalation's deliveries (a retried plan creates nothing new) and sends them. */
  async function planAndDeliver(escalationId: string, remainingMs?: number): Promise<void> {
    let planned: PlannedDelivery[];
    try {
      // Histories from before working hours planned bare delivery ids.
      const answer: readonly (PlannedDelivery | string)[] = await planDeliveries({ incidentId, escalationId });
      planned = answer.map((d) => (typeof d === 'string' ? { id: d, workingHours: null } : d));
    } catch {
      // Every attempt and its failure is recorded by the activities; the escalation itself stands.
      if (!handingOver) state.abandonDeliveries(escalationId);
      return;
    }
    state.planDeliveries(escalationId, planned, Date.now());
    await deliver(
      escalationId,
      planned.map((d) => d.id),
      remainingMs,
    );
  }

  // A clock met or waived (or waived by closing the incident) resolves the PagerDuty incidents its steps opened.
  onClocksSettled((escalationIds) => {
    if (!patched(RESOLVE_PAGES)) return;
    track(async () => {
      try {
        await deliveryActivities().resolvePagerDutyIncidents({ escalationIds });
      } catch {
        // Every attempt is retried by Temporal for about a day; one that gives up leaves the page open, nothing else.
      }
    });
  });

  /** Fires one ladder step: records the escalation (the overdue rung turns the clock overdue), then delivers it beside the loop. */
  async function fire(clock: Deadline, step: EscalationStep): Promise<void> {
    const escalation: Escalation = {
      id: uuid4(),
      regime: clock.regime,
      obligation: clock.obligation,
      rung: step.stepId,
      kind: step.kind,
      recipients: [...step.recipients],
      dueAt: clock.dueAt!,
      raisedAt: nowIso(),
      acknowledgedAt: null,
      acknowledgedBy: null,
    };
    await withClocks(escalation.id, SYSTEM_ACTOR, { type: 'deadline-escalated', escalation }, (s) => s.escalate(clock, step, escalation));
    // A waiting reminder waits at most until the deadline; an overdue notice never waits (its rung cannot ask to).
    state.beginDeliveries(escalation.id, Date.now(), step.waitForWorkingHours ? clock.dueAt! : undefined);
    track(() => planAndDeliver(escalation.id));
  }

  return {
    /** Fires every step due now, under the write lock: a step and a write never interleave. */
    fireDue: () =>
      lock.runExclusive(async () => {
        for (const { clock, step } of state.dueEscalations(Date.now())) await fire(clock, step);
      }),

    /** Resumes the deliveries an earlier run left unsettled when it continued as new, for what is left of their retry budget. */
    resumeCarried(): void {
      for (const { escalationId, deliveryIds, giveUpAt } of [...state.deliveries]) {
        const remainingMs = Date.parse(giveUpAt) - Date.now();
        track(() => (deliveryIds === null ? planAndDeliver(escalationId, remainingMs) : deliver(escalationId, deliveryIds, remainingMs)));
      }
    },

    /**
     * Before continue-as-new: cancels this run's deliveries and resolves once every cancellation is acknowledged
     * (at once for a delivery waiting between attempts; an attempt under way ends first, within its 2-minute
     * timeout). A cancelled delivery stays unsettled in the state the next run resumes; one whose attempt went
     * through meanwhile is settled and not resumed.
     */
    async handOver(): Promise<void> {
      handingOver = true;
      scope.cancel();
      await condition(() => running.size === 0);
    },

    /** Whether no delivery of this run is still running. */
    settled: () => running.size === 0,
  };
}

import type pg from 'pg';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import type { ActivityObserver } from '../activities/activity-observer';
import { clockKey } from '../domain/applicability';
import type { EscalationPolicy } from '../domain/escalation-policy';
import { findClockSpan } from './business-figures-repository';
import { escalationLatenessSeconds } from './escalation-lateness';

/** The worker process's registry and the observer its activities report to. */
export interface WorkerMetrics {
  registry: Registry;
  observer: ActivityObserver;
}

/**
 * Node process metrics, the lateness of every escalation raised (seconds past its ladder step's instant, by kind)
 * and delivery attempts by channel and outcome (sent, retried, failed). Workflow code reports nothing: it must stay
 * deterministic, so these are observed in the activities that persist escalations and send deliveries.
 */
export function createWorkerMetrics(deps: { pool: pg.Pool; policies: Record<string, EscalationPolicy>; onError?: (error: unknown) => void }): WorkerMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const lateness = new Histogram({
    name: 'breach_escalation_lateness_seconds',
    help: 'Seconds from the instant an escalation ladder step was due to when the workflow raised it, by kind',
    labelNames: ['kind'] as const,
    buckets: [0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300, 900, 3600, 6 * 3600, 24 * 3600],
    registers: [registry],
  });
  const attempts = new Counter({
    name: 'breach_delivery_attempts_total',
    help: 'Escalation delivery attempts this worker finished, by channel and outcome (sent; retried: a retryable error; failed: for good)',
    labelNames: ['channel', 'outcome'] as const,
    registers: [registry],
  });
  const observer: ActivityObserver = {
    escalationRaised(incidentId, escalation) {
      // The step's instant is laid on the clock's span, which a reminder's event does not carry: read it here, off the activity's path.
      void findClockSpan(deps.pool, incidentId, escalation.regime, escalation.obligation).then((row) => {
        if (!row) return;
        const clock = { startsAt: row.starts_at?.toISOString() ?? null, dueAt: row.due_at?.toISOString() ?? null };
        const seconds = escalationLatenessSeconds(escalation, clock, deps.policies[clockKey(escalation)]);
        if (seconds !== undefined) lateness.observe({ kind: escalation.kind }, seconds);
      }, (error: unknown) => deps.onError?.(error));
    },
    deliveryAttempted(channel, outcome) {
      attempts.inc({ channel, outcome });
    },
  };
  return { registry, observer };
}

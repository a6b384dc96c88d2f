import { DEFAULT_ESCALATION_POLICY, escalationStepAt, type EscalationPolicy } from '../domain/escalation-policy';
import type { Escalation } from '../domain/incident';

/**
 * Seconds from the instant the ladder step was due to when the workflow raised it (0 or more; a step is never
 * raised early), or undefined when the step cannot be laid on the clock (a clock without instants, or a policy
 * that no longer has the step). The step's instant follows from the clock's start and due time and the policy.
 */
export function escalationLatenessSeconds(
  escalation: Pick<Escalation, 'rung' | 'raisedAt'>,
  clock: { startsAt: string | null; dueAt: string | null },
  policy: EscalationPolicy = DEFAULT_ESCALATION_POLICY,
): number | undefined {
  if (!clock.startsAt || !clock.dueAt) return undefined;
  const step = escalationStepAt({ startsAt: clock.startsAt, dueAt: clock.dueAt }, policy, escalation.rung);
  if (!step) return undefined;
  return Math.max(0, (Date.parse(escalation.raisedAt) - Date.parse(step.at)) / 1000);
}

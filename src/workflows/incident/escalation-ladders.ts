import { clockKey } from '../../domain/applicability';
import { isRunning, type Deadline } from '../../domain/deadlines';
import { IncidentRuleError } from '../../domain/errors';
import { DEFAULT_ESCALATION_POLICY, dueSteps, nextEscalationStep, type EscalationPolicy, type EscalationStep } from '../../domain/escalation-policy';
import type { Escalation } from '../../domain/incident';
import { updateClocks } from './clock-rules';
import { conflict, type IncidentData, type Ladder } from './incident-data';

function ladderOf(s: IncidentData, clock: Deadline): Ladder {
  const key = clockKey(clock);
  s.ladders[key] ??= { firedStepIds: [], acknowledged: false };
  return s.ladders[key];
}

function policyOf(s: IncidentData, clock: Deadline): EscalationPolicy {
  return s.context.policies[clockKey(clock)] ?? DEFAULT_ESCALATION_POLICY;
}

/** Escalation steps due at `nowMs`, clock by clock, in order. */
export function dueEscalations(s: IncidentData, nowMs: number): { clock: Deadline; step: EscalationStep }[] {
  return s.deadlines.filter(isRunning).flatMap((clock) => {
    const ladder = ladderOf(s, clock);
    return dueSteps({ clock, policy: policyOf(s, clock), firedStepIds: ladder.firedStepIds, acknowledged: ladder.acknowledged }, nowMs).map((step) => ({ clock, step }));
  });
}

/** The next instant (epoch ms) any clock's ladder needs the workflow awake, or undefined when none does. */
export function nextWakeMs(s: IncidentData): number | undefined {
  const instants = s.deadlines.filter(isRunning).flatMap((clock) => {
    const ladder = ladderOf(s, clock);
    const step = nextEscalationStep({ clock, policy: policyOf(s, clock), firedStepIds: ladder.firedStepIds, acknowledged: ladder.acknowledged });
    return step ? [Date.parse(step.at)] : [];
  });
  return instants.length > 0 ? Math.min(...instants) : undefined;
}

/** Records a fired step; the overdue rung turns its clock overdue. Returns the changed clocks. */
export function escalate(s: IncidentData, clock: Deadline, step: EscalationStep, escalation: Escalation): Deadline[] {
  ladderOf(s, clock).firedStepIds.push(step.stepId);
  s.escalations.push(escalation);
  if (step.kind === 'reminder') return [];
  return updateClocks(s, (d) => clockKey(d) === clockKey(clock) && d.status === 'pending', (d) => ({ ...d, status: 'overdue' }));
}

export function findEscalation(s: IncidentData, escalationId: string): Escalation {
  const escalation = s.escalations.find((e) => e.id === escalationId);
  if (!escalation) throw new IncidentRuleError('not-found', `No escalation ${escalationId} on this incident.`);
  return escalation;
}

export function checkAcknowledge(s: IncidentData, escalationId: string): void {
  if (findEscalation(s, escalationId).acknowledgedAt) throw conflict('This escalation was already acknowledged.');
}

/** Acknowledging an overdue notice stops its repeats; the clock itself keeps running until met or waived. */
export function acknowledge(s: IncidentData, escalationId: string, by: string, at: string): void {
  const escalation = findEscalation(s, escalationId);
  escalation.acknowledgedAt = at;
  escalation.acknowledgedBy = by;
  if (escalation.kind !== 'reminder') s.ladders[`${escalation.regime}/${escalation.obligation}`]!.acknowledged = true;
}

import { closureBlockers as blockersOf } from '../../domain/closure';
import type { Deadline } from '../../domain/deadlines';
import { IncidentRuleError, type RuleIssue } from '../../domain/errors';
import type { ContainmentStatusUpdate, IncidentClose, Scope } from '../../domain/lifecycle';
import { retime, updateClocks } from './clock-rules';
import { conflict, reach, type IncidentData } from './incident-data';

/** Every write needs an opened, not yet closed incident. */
export function checkWritable(s: IncidentData): void {
  if (s.reference === null) throw new IncidentRuleError('not-found', 'The incident has not been opened.');
  if (s.status === 'closed') throw conflict('The incident is closed; closed incidents stay on record unchanged.');
}

export function addContainmentAction(s: IncidentData): void {
  s.containment.actions += 1;
  if (s.containment.status === 'not-started') s.containment.status = 'in-progress';
  reach(s, 'containment');
}

export function setContainment(s: IncidentData, change: ContainmentStatusUpdate): void {
  s.containment.status = change.status;
  s.containment.confirmedAt = change.confirmedAt ?? null;
  reach(s, 'containment');
}

export function addFinding(s: IncidentData): void {
  s.findings += 1;
  reach(s, 'investigation');
}

/** Records the scope; countries and numbers can bring new regimes' clocks, which it returns. */
export function setScope(s: IncidentData, version: number, scope: Scope, nowMs: number): Deadline[] {
  s.scopeVersion = version;
  s.scope = scope;
  reach(s, 'investigation');
  return retime(s, nowMs);
}

/** What still stands between the incident and a "resolved" closure; empty when it may close. */
export function closureBlockers(s: IncidentData): RuleIssue[] {
  return blockersOf({
    deadlines: s.deadlines,
    latestAssessmentOutcome: s.riskAssessment?.finalOutcome ?? null,
    subjectsDecision: s.decisions.dataSubjects?.decision ?? null,
    subjectsNoticeCount: s.notices.dataSubjects.length,
  }).map(({ path, message }) => ({ path, message }));
}

/** A "resolved" closure needs every obligation met or waived; "not a breach" and other kinds close as they are. */
export function checkClose(s: IncidentData, closure: IncidentClose): void {
  if (closure.kind !== 'resolved') return;
  const blockers = closureBlockers(s);
  if (blockers.length > 0) throw conflict(`The incident cannot close yet: ${blockers.map((b) => b.message).join('; ')}.`, blockers);
}

/** Closes; "not a personal data breach" waives every open obligation with the stated reason. Returns the changed clocks. */
export function close(s: IncidentData, closure: IncidentClose, closedAt: string): Deadline[] {
  const changed =
    closure.kind === 'not-a-breach'
      ? updateClocks(
          s,
          (d) => d.status === 'pending' || d.status === 'overdue' || d.status === 'awaiting-trigger',
          (d) => ({ ...d, status: 'waived', waivedReason: `Not a personal data breach: ${closure.reason}` }),
        )
      : [];
  s.closure = { kind: closure.kind, closedAt };
  s.status = 'closed';
  s.stage = 'closed';
  return changed;
}

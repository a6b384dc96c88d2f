import type { Deadline } from './deadlines';
import type { SuggestedOutcome } from './severity';

/** What can stand between an incident and a "resolved" closure. */
export const CLOSURE_BLOCKER_CODES = ['obligation-open', 'subjects-decision-missing', 'subjects-notice-missing'] as const;
export type ClosureBlockerCode = (typeof CLOSURE_BLOCKER_CODES)[number];

/** One thing missing before the incident may close as resolved; `path` is where the 409 of a refused closure names it. */
export interface ClosureBlocker {
  code: ClosureBlockerCode;
  path: string[];
  message: string;
}

/** The facts the closure gate reads, whether from the workflow's state or from the stored case file. */
export interface ClosureFacts {
  deadlines: readonly Pick<Deadline, 'regime' | 'obligation' | 'status'>[];
  /** The final outcome of the latest risk assessment: null while it is not signed off, or when there is none. */
  latestAssessmentOutcome: SuggestedOutcome | null;
  subjectsDecision: 'notify' | 'exempt' | null;
  subjectsNoticeCount: number;
}

/** What still stands between the incident and a "resolved" closure, in a stable order; empty when it may close. */
export function closureBlockers(facts: ClosureFacts): ClosureBlocker[] {
  const blockers: ClosureBlocker[] = [];
  for (const d of facts.deadlines) {
    if (d.status === 'pending' || d.status === 'overdue') {
      blockers.push({
        code: 'obligation-open',
        path: ['deadlines', `${d.regime}/${d.obligation}`],
        message: `Obligation ${d.regime} ${d.obligation} is ${d.status}: meet it or waive it with a reason`,
      });
    }
  }
  // GDPR Art. 34(1): a high risk means telling data subjects, unless an Art. 34(3) exemption is recorded.
  if (facts.latestAssessmentOutcome === 'notify-authority-and-subjects' && !facts.subjectsDecision) {
    blockers.push({
      code: 'subjects-decision-missing',
      path: ['decisions', 'dataSubjects'],
      message: 'The signed-off assessment calls for telling data subjects: notify them or record an Art. 34(3) exemption',
    });
  }
  if (facts.subjectsDecision === 'notify' && facts.subjectsNoticeCount === 0) {
    blockers.push({ code: 'subjects-notice-missing', path: ['notices', 'dataSubjects'], message: 'The decision is to notify data subjects, but no notice is recorded' });
  }
  return blockers;
}

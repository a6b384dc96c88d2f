import { closureBlockers, type ClosureFacts } from '../../src/domain/closure';

const clock = (regime: string, obligation: string, status: ClosureFacts['deadlines'][number]['status']) => ({ regime, obligation, status });
const NOTHING_OPEN: ClosureFacts = { deadlines: [clock('GDPR', 'notify-supervisory-authority', 'met')], latestAssessmentOutcome: null, subjectsDecision: null, subjectsNoticeCount: 0 };

describe('closureBlockers', () => {
  it('finds nothing when every clock is met, waived or waiting for its trigger and nothing calls for telling data subjects', () => {
    const deadlines = [...NOTHING_OPEN.deadlines, clock('NIS2', 'early-warning', 'waived'), clock('DORA', 'initial-notification', 'awaiting-trigger')];
    expect(closureBlockers({ ...NOTHING_OPEN, deadlines, latestAssessmentOutcome: 'notify-authority' })).toEqual([]);
  });

  it('names each pending or overdue clock, in the order of the clocks', () => {
    const deadlines = [clock('NIS2', 'early-warning', 'overdue'), clock('GDPR', 'notify-supervisory-authority', 'met'), clock('NIS2', 'final-report', 'pending')];
    expect(closureBlockers({ ...NOTHING_OPEN, deadlines })).toEqual([
      { code: 'obligation-open', path: ['deadlines', 'NIS2/early-warning'], message: 'Obligation NIS2 early-warning is overdue: meet it or waive it with a reason' },
      { code: 'obligation-open', path: ['deadlines', 'NIS2/final-report'], message: 'Obligation NIS2 final-report is pending: meet it or waive it with a reason' },
    ]);
  });

  it('asks for a data-subject decision only when the latest assessment, signed off, calls for telling them (Art. 34(1))', () => {
    const high = { ...NOTHING_OPEN, latestAssessmentOutcome: 'notify-authority-and-subjects' } as const;
    expect(closureBlockers(high).map((b) => b.code)).toEqual(['subjects-decision-missing']);
    expect(closureBlockers({ ...high, subjectsDecision: 'exempt' })).toEqual([]);
    expect(closureBlockers({ ...high, latestAssessmentOutcome: null })).toEqual([]);
  });

  it('asks for a notice once the decision is to notify data subjects, whatever the assessment', () => {
    const decided = { ...NOTHING_OPEN, subjectsDecision: 'notify' } as const;
    expect(closureBlockers(decided)).toEqual([
      { code: 'subjects-notice-missing', path: ['notices', 'dataSubjects'], message: 'The decision is to notify data subjects, but no notice is recorded' },
    ]);
    expect(closureBlockers({ ...decided, subjectsNoticeCount: 1 })).toEqual([]);
  });
});

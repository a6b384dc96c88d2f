import { computeDueAt } from '../../src/domain/deadlines';
import { DEFAULT_ESCALATION_POLICY, dueSteps, escalationSchedule, escalationStepAt, nextEscalationStep, type EscalationInput, type EscalationPolicy } from '../../src/domain/escalation-policy';
import { EscalationPolicySchema } from '../../src/domain/escalation-policy-schema';
import { findObligation, GDPR_AUTHORITY_NOTICE } from '../../src/domain/regulations';

const HOUR = 3_600_000;
const AWARE_AT = '2026-03-28T09:00:00+01:00';
const AWARE_MS = Date.parse(AWARE_AT);
const GDPR_CLOCK = { startsAt: AWARE_AT, dueAt: computeDueAt(GDPR_AUTHORITY_NOTICE, AWARE_AT) };
const RUNG_IDS = ['reminder-1', 'reminder-2', 'reminder-3', 'reminder-4', 'overdue'];

const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

function gdprInput(overrides: Partial<EscalationInput> = {}): EscalationInput {
  return {
    clock: { ...GDPR_CLOCK, status: 'pending' },
    policy: DEFAULT_ESCALATION_POLICY,
    firedStepIds: [],
    acknowledged: false,
    ...overrides,
  };
}

describe('DEFAULT_ESCALATION_POLICY', () => {
  it('is a valid policy', () => {
    expect(EscalationPolicySchema.parse(DEFAULT_ESCALATION_POLICY)).toEqual(DEFAULT_ESCALATION_POLICY);
  });
});

describe('escalationSchedule (GDPR Art. 33, 72 h)', () => {
  it('fires at exactly 24, 48, 60, 68 and 72 elapsed hours, in UTC, to the listed recipients; only the first reminder waits for working hours', () => {
    expect(escalationSchedule(GDPR_CLOCK, DEFAULT_ESCALATION_POLICY)).toEqual([
      { stepId: 'reminder-1', at: '2026-03-29T08:00:00Z', recipients: ['owner'], kind: 'reminder', repeat: 0, waitForWorkingHours: true },
      { stepId: 'reminder-2', at: '2026-03-30T08:00:00Z', recipients: ['dpo'], kind: 'reminder', repeat: 0 },
      { stepId: 'reminder-3', at: '2026-03-30T20:00:00Z', recipients: ['dpo', 'legal'], kind: 'reminder', repeat: 0 },
      { stepId: 'reminder-4', at: '2026-03-31T04:00:00Z', recipients: ['dpo', 'leadership'], kind: 'reminder', repeat: 0 },
      { stepId: 'overdue', at: '2026-03-31T08:00:00Z', recipients: ['dpo', 'leadership'], kind: 'overdue', repeat: 0 },
    ]);
  });

  it('scales to the 24 h NIS2 early warning: 8, 16, 20, 22 h 40 min and 24 h', () => {
    const earlyWarning = findObligation('NIS2', 'early-warning')!;
    const clock = { startsAt: AWARE_AT, dueAt: computeDueAt(earlyWarning, AWARE_AT) };
    const elapsedHours = escalationSchedule(clock, DEFAULT_ESCALATION_POLICY).map((s) => (Date.parse(s.at) - AWARE_MS) / HOUR);
    expect(elapsedHours).toEqual([8, 16, 20, 22 + 40 / 60, 24]);
  });

  it('floors fractions to the millisecond', () => {
    const clock = { startsAt: '2026-01-01T00:00:00Z', dueAt: '2026-01-01T00:00:00.100Z' };
    expect(escalationSchedule(clock, DEFAULT_ESCALATION_POLICY).map((s) => s.at)).toEqual([
      '2026-01-01T00:00:00.033Z',
      '2026-01-01T00:00:00.066Z',
      '2026-01-01T00:00:00.083Z',
      '2026-01-01T00:00:00.094Z',
      '2026-01-01T00:00:00.100Z',
    ]);
  });

  it('keeps an exact fraction whose floating-point product falls just short (0.7 × 90 ms = 63 ms)', () => {
    const policy: EscalationPolicy = {
      rungs: [
        { id: 'late', atFraction: 0.7, recipients: ['owner'], kind: 'reminder' },
        { id: 'overdue', atFraction: 1, recipients: ['dpo'], kind: 'overdue' },
      ],
      repeatOverdue: null,
    };
    const clock = { startsAt: '2026-01-01T00:00:00Z', dueAt: '2026-01-01T00:00:00.090Z' };
    expect(escalationSchedule(clock, policy)[0]?.at).toBe('2026-01-01T00:00:00.063Z');
  });

  it('places fixed-hour rungs before due and orders them with fractional ones', () => {
    const policy: EscalationPolicy = {
      rungs: [
        { id: 'overdue', beforeDueHours: 0, recipients: ['dpo'], kind: 'overdue' },
        { id: 'two-hours-left', beforeDueHours: 2, recipients: ['legal'], kind: 'reminder' },
        { id: 'half-way', atFraction: 0.5, recipients: ['owner'], kind: 'reminder' },
      ],
      repeatOverdue: null,
    };
    expect(escalationSchedule(GDPR_CLOCK, policy).map((s) => [s.stepId, s.at])).toEqual([
      ['half-way', '2026-03-29T20:00:00Z'],
      ['two-hours-left', '2026-03-31T06:00:00Z'],
      ['overdue', '2026-03-31T08:00:00Z'],
    ]);
  });
});

describe('escalationStepAt', () => {
  it('resolves rung ids and repeat ids to their instants, and unknown ids to undefined', () => {
    expect(escalationStepAt(GDPR_CLOCK, DEFAULT_ESCALATION_POLICY, 'reminder-3')?.at).toBe('2026-03-30T20:00:00Z');
    expect(escalationStepAt(GDPR_CLOCK, DEFAULT_ESCALATION_POLICY, 'overdue-repeat-2')).toEqual({
      stepId: 'overdue-repeat-2',
      at: '2026-04-01T08:00:00Z',
      recipients: ['dpo', 'leadership'],
      kind: 'overdue-repeat',
      repeat: 2,
    });
    expect(escalationStepAt(GDPR_CLOCK, DEFAULT_ESCALATION_POLICY, 'nope')).toBeUndefined();
  });
});

describe('nextEscalationStep', () => {
  it('walks the rungs in order as their ids are fired', () => {
    const seen: string[] = [];
    for (let i = 0; i <= RUNG_IDS.length; i++) {
      seen.push(nextEscalationStep(gdprInput({ firedStepIds: RUNG_IDS.slice(0, i) }))!.stepId);
    }
    expect(seen).toEqual([...RUNG_IDS, 'overdue-repeat-1']);
  });

  it('repeats the overdue notice every 12 h after due: +84 h, +96 h, +108 h', () => {
    const repeats = [1, 2, 3].map((n) => {
      const fired = [...RUNG_IDS, ...Array.from({ length: n - 1 }, (_, i) => `overdue-repeat-${i + 1}`)];
      return nextEscalationStep(gdprInput({ firedStepIds: fired, clock: { ...GDPR_CLOCK, status: 'overdue' } }))!;
    });
    expect(repeats.map((s) => [s.stepId, (Date.parse(s.at) - AWARE_MS) / HOUR, s.kind, s.repeat, s.recipients])).toEqual([
      ['overdue-repeat-1', 84, 'overdue-repeat', 1, ['dpo', 'leadership']],
      ['overdue-repeat-2', 96, 'overdue-repeat', 2, ['dpo', 'leadership']],
      ['overdue-repeat-3', 108, 'overdue-repeat', 3, ['dpo', 'leadership']],
    ]);
  });

  it('follows the highest repeat fired, so coalesced repeats are not owed later', () => {
    const step = nextEscalationStep(gdprInput({ firedStepIds: [...RUNG_IDS, 'overdue-repeat-3'] }));
    expect(step?.stepId).toBe('overdue-repeat-4');
  });

  it('returns undefined once the clock is met', () => {
    expect(nextEscalationStep(gdprInput({ clock: { ...GDPR_CLOCK, status: 'met' } }))).toBeUndefined();
  });

  it('returns undefined once the clock is waived', () => {
    expect(nextEscalationStep(gdprInput({ clock: { ...GDPR_CLOCK, status: 'waived' }, firedStepIds: ['reminder-1'] }))).toBeUndefined();
  });

  it('stops the repeats once the overdue notice is acknowledged', () => {
    expect(nextEscalationStep(gdprInput({ firedStepIds: RUNG_IDS, acknowledged: true }))).toBeUndefined();
  });

  it('still returns unfired rungs when acknowledged', () => {
    const step = nextEscalationStep(gdprInput({ firedStepIds: ['reminder-1', 'reminder-2', 'overdue'], acknowledged: true }));
    expect(step?.stepId).toBe('reminder-3');
  });

  it('returns the earliest unfired rung even when its time has long passed, so none is skipped', () => {
    const movedEarlier = { startsAt: iso(AWARE_MS - 80 * HOUR), dueAt: iso(AWARE_MS - 8 * HOUR), status: 'overdue' as const };
    const nowMs = AWARE_MS + HOUR;
    const fired: string[] = ['reminder-1'];
    for (let step = nextEscalationStep(gdprInput({ clock: movedEarlier, firedStepIds: fired })); step && Date.parse(step.at) <= nowMs; ) {
      fired.push(step.stepId);
      step = nextEscalationStep(gdprInput({ clock: movedEarlier, firedStepIds: fired }));
    }
    expect(fired).toEqual(RUNG_IDS);
  });

  it('has no repeats when the policy sets none', () => {
    const policy: EscalationPolicy = { ...DEFAULT_ESCALATION_POLICY, repeatOverdue: null };
    expect(nextEscalationStep(gdprInput({ policy, firedStepIds: RUNG_IDS }))).toBeUndefined();
  });
});

describe('dueSteps', () => {
  // Awareness recorded 80 h earlier than first thought, seen 30 h after the original awareness: due was 38 h ago.
  const movedEarlier = { startsAt: iso(AWARE_MS - 80 * HOUR), dueAt: iso(AWARE_MS - 8 * HOUR), status: 'overdue' as const };
  const nowMs = AWARE_MS + 30 * HOUR;

  it('returns every past rung in order plus only the latest elapsed repeat', () => {
    const steps = dueSteps(gdprInput({ clock: movedEarlier }), nowMs);
    expect(steps.map((s) => s.stepId)).toEqual([...RUNG_IDS, 'overdue-repeat-3']);
    expect(steps.map((s) => Date.parse(s.at))).toEqual([...steps.map((s) => Date.parse(s.at))].sort((a, b) => a - b));
    expect(steps.at(-1)?.at).toBe(iso(AWARE_MS + 28 * HOUR));
  });

  it('leaves out fired steps and repeats at or below the highest fired', () => {
    const input = gdprInput({ clock: movedEarlier, firedStepIds: [...RUNG_IDS, 'overdue-repeat-3'] });
    expect(dueSteps(input, nowMs)).toEqual([]);
    expect(dueSteps(input, AWARE_MS + 40 * HOUR).map((s) => s.stepId)).toEqual(['overdue-repeat-4']);
  });

  it('returns nothing before the first rung and no repeats once acknowledged', () => {
    expect(dueSteps(gdprInput(), AWARE_MS + 24 * HOUR - 1)).toEqual([]);
    expect(dueSteps(gdprInput({ clock: movedEarlier, firedStepIds: ['reminder-1'], acknowledged: true }), nowMs).map((s) => s.stepId)).toEqual(
      RUNG_IDS.slice(1),
    );
  });

  it('returns nothing for a met or waived clock', () => {
    expect(dueSteps(gdprInput({ clock: { ...movedEarlier, status: 'met' } }), nowMs)).toEqual([]);
    expect(dueSteps(gdprInput({ clock: { ...movedEarlier, status: 'waived' } }), nowMs)).toEqual([]);
  });
});

describe('EscalationPolicySchema', () => {
  const overdue = { id: 'overdue', atFraction: 1, recipients: ['dpo'], kind: 'overdue' };
  const reminder = { id: 'reminder-1', atFraction: 0.5, recipients: ['owner'], kind: 'reminder' };
  const refusal = (policy: unknown) => EscalationPolicySchema.safeParse(policy).error?.issues.map((i) => i.message);

  it('accepts a minimal policy', () => {
    expect(EscalationPolicySchema.safeParse({ rungs: [reminder, overdue], repeatOverdue: null }).success).toBe(true);
  });

  it('refuses two overdue rungs', () => {
    expect(refusal({ rungs: [overdue, { ...overdue, id: 'overdue-2', beforeDueHours: 0, atFraction: undefined }], repeatOverdue: null })).toEqual([
      'Exactly one rung is of kind "overdue"',
    ]);
  });

  it('refuses a policy without an overdue rung', () => {
    expect(refusal({ rungs: [reminder], repeatOverdue: null })).toEqual(['Exactly one rung is of kind "overdue"']);
  });

  it('refuses empty recipients, on rungs and on repeats', () => {
    expect(refusal({ rungs: [{ ...reminder, recipients: [] }, overdue], repeatOverdue: null })).toEqual(['Name at least one recipient']);
    expect(refusal({ rungs: [reminder, overdue], repeatOverdue: { everyHours: 12, recipients: [] } })).toEqual(['Name at least one recipient']);
  });

  it('lets a reminder wait for working hours, and refuses an overdue rung that would', () => {
    expect(EscalationPolicySchema.safeParse({ rungs: [{ ...reminder, waitForWorkingHours: true }, overdue], repeatOverdue: null }).success).toBe(true);
    expect(refusal({ rungs: [reminder, { ...overdue, waitForWorkingHours: true }], repeatOverdue: null })).toEqual([
      'The overdue rung goes at once; only reminders wait for working hours',
    ]);
  });

  it('refuses a rung with both atFraction and beforeDueHours, or neither', () => {
    const expected = ['Give exactly one of atFraction and beforeDueHours'];
    expect(refusal({ rungs: [{ ...reminder, beforeDueHours: 4 }, overdue], repeatOverdue: null })).toEqual(expected);
    expect(refusal({ rungs: [{ ...reminder, atFraction: undefined }, overdue], repeatOverdue: null })).toEqual(expected);
  });

  it('refuses duplicate rung ids and ids reserved for repeats', () => {
    expect(refusal({ rungs: [reminder, { ...reminder, atFraction: 0.6 }, overdue], repeatOverdue: null })).toEqual([
      'Duplicate rung id "reminder-1"',
    ]);
    expect(refusal({ rungs: [{ ...reminder, id: 'overdue-repeat-1' }, overdue], repeatOverdue: null })).toEqual([
      'Ids "overdue-repeat-<n>" are reserved for repeats',
    ]);
  });

  it('refuses an overdue rung before the due time and a reminder at it', () => {
    expect(refusal({ rungs: [reminder, { ...overdue, atFraction: 0.9 }], repeatOverdue: null })).toEqual([
      'The overdue rung fires at the due time: atFraction 1 or beforeDueHours 0',
    ]);
    expect(refusal({ rungs: [{ ...reminder, atFraction: 1 }, overdue], repeatOverdue: null })).toEqual(['A reminder fires before the due time']);
  });

  it('refuses a repeat with both or neither interval', () => {
    const expected = ['Give exactly one of everyHours and everyFraction'];
    expect(refusal({ rungs: [reminder, overdue], repeatOverdue: { everyHours: 12, everyFraction: 0.1, recipients: ['dpo'] } })).toEqual(expected);
    expect(refusal({ rungs: [reminder, overdue], repeatOverdue: { recipients: ['dpo'] } })).toEqual(expected);
  });
});

import {
  computeDueAt,
  dueAtFor,
  isPastDue,
  nextPendingDeadline,
  NoFixedPeriodError,
  openDeadline,
  secondsRemaining,
  type Deadline,
} from '../../src/domain/deadlines';
import { MissingHolidayDataError } from '../../src/domain/holidays';
import { findObligation, GDPR_AUTHORITY_NOTICE, type Obligation, type Regime } from '../../src/domain/regulations';

function entry(regime: Regime, obligation: string): Obligation {
  const found = findObligation(regime, obligation);
  if (!found) throw new Error(`${regime}/${obligation} missing`);
  return found;
}

describe('computeDueAt (GDPR Art. 33, 72 elapsed hours)', () => {
  it.each([
    // EU summer time starts 2026-03-29 01:00Z: Brussels wall clock reads 10:00, not 09:00, at the deadline.
    ['2026-03-28T09:00:00+01:00', '2026-03-31T08:00:00Z'],
    // EU summer time ends 2026-10-25 01:00Z.
    ['2026-10-24T09:00:00+02:00', '2026-10-27T07:00:00Z'],
    // US DST ends 2026-11-01 in New York.
    ['2026-10-31T12:00:00-04:00', '2026-11-03T16:00:00Z'],
    // Australia/Sydney DST starts 2026-10-04.
    ['2026-10-03T12:00:00+10:00', '2026-10-06T02:00:00Z'],
    // A half-hour zone and a leap day.
    ['2028-02-27T23:45:00+05:30', '2028-03-01T18:15:00Z'],
  ])('awareness at %s is due at %s', (awareAt, dueAt) => {
    expect(computeDueAt(GDPR_AUTHORITY_NOTICE, awareAt)).toBe(dueAt);
  });

  it('keeps milliseconds when the awareness instant has them', () => {
    expect(computeDueAt(GDPR_AUTHORITY_NOTICE, '2026-01-01T00:00:00.250Z')).toBe('2026-01-04T00:00:00.250Z');
  });

  it('refuses an instant it cannot read', () => {
    expect(() => computeDueAt(GDPR_AUTHORITY_NOTICE, 'tomorrow')).toThrow(RangeError);
  });
});

describe('deadline state', () => {
  const deadline = openDeadline(GDPR_AUTHORITY_NOTICE, '2026-03-28T09:00:00+01:00');
  const due = Date.parse('2026-03-31T08:00:00Z');

  it('opens pending, with the start in UTC', () => {
    expect(deadline).toEqual({
      regime: 'GDPR',
      obligation: 'notify-supervisory-authority',
      trigger: 'awareness',
      startsAt: '2026-03-28T08:00:00Z',
      dueAt: '2026-03-31T08:00:00Z',
      status: 'pending',
      metAt: null,
      waivedReason: null,
    });
  });

  it('is past due exactly at dueAt, not a millisecond before', () => {
    expect(isPastDue(deadline, due - 1)).toBe(false);
    expect(isPastDue(deadline, due)).toBe(true);
  });

  it('is never past due once met or waived', () => {
    expect(isPastDue({ ...deadline, status: 'met' }, due + 1)).toBe(false);
    expect(isPastDue({ ...deadline, status: 'waived' }, due + 1)).toBe(false);
  });

  it('counts whole seconds remaining, negative after the deadline', () => {
    expect(secondsRemaining(deadline, due - 90_500)).toBe(90);
    expect(secondsRemaining(deadline, due + 1_000)).toBe(-1);
  });

  it('picks the soonest pending deadline', () => {
    const later: Deadline = { ...deadline, obligation: 'later', dueAt: '2026-04-30T00:00:00Z' };
    const met: Deadline = { ...deadline, obligation: 'met', dueAt: '2026-03-01T00:00:00Z', status: 'met' };
    expect(nextPendingDeadline([later, met, deadline])).toBe(deadline);
    expect(nextPendingDeadline([met])).toBeUndefined();
  });
});

describe('computeDueAt (elapsed hours in other regimes and zones)', () => {
  it.each([
    // US DST starts 2026-03-08: 72 h after 09:00 EST is 10:00 EDT.
    ['UK-GDPR', 'notify-supervisory-authority', '2026-03-07T09:00:00-05:00', '2026-03-10T14:00:00Z'],
    // UK summer time starts 2026-03-29 01:00Z.
    ['UK-GDPR', 'notify-supervisory-authority', '2026-03-28T09:00:00Z', '2026-03-31T09:00:00Z'],
    // Brazil has had no DST since 2019: still -03:00 in November.
    ['GDPR', 'notify-supervisory-authority', '2026-11-01T10:00:00-03:00', '2026-11-04T13:00:00Z'],
    // Sydney DST ends 2026-04-05.
    ['NIS2', 'incident-notification', '2026-04-04T12:00:00+11:00', '2026-04-07T01:00:00Z'],
    ['NIS2', 'early-warning', '2026-10-24T23:30:00+02:00', '2026-10-25T21:30:00Z'],
    // 4 h over the EU switch to summer time (2026-03-29 01:00Z): due 05:30 CEST.
    ['DORA', 'initial-notification', '2026-03-29T00:30:00+01:00', '2026-03-29T03:30:00Z'],
    ['DPDP-IN', 'report-to-board', '2026-06-30T23:00:00+05:30', '2026-07-03T17:30:00Z'],
  ] as const)('%s %s from %s is due at %s', (regime, obligation, startsAt, dueAt) => {
    expect(computeDueAt(entry(regime, obligation), startsAt)).toBe(dueAt);
  });
});

describe('computeDueAt (days and months, by the regime\'s zone and calendar)', () => {
  // Form 8-K General Instruction B.1 and 17 CFR 232.13(a)(2): four business days, and EDGAR dates a filing begun after
  // 17:30 Eastern the next business day. Thu 2 Jul 2026 is day 0; Fri 3 Jul is Independence Day observed; Mon 6 (1),
  // Tue 7 (2), Wed 8 (3), Thu 9 (4): 17:30 EDT (UTC−4) on 9 July.
  it('files the SEC 8-K by 17:30 Eastern on the 4th US business day, skipping Independence Day observed on Friday July 3 2026', () => {
    expect(computeDueAt(entry('SEC', 'file-8k'), '2026-07-02T15:00:00-04:00')).toBe('2026-07-09T21:30:00Z');
  });

  // Item 1.05 Instruction 2: the 8-K/A within four business days of the information becoming available. Fri 30 Oct 2026
  // is day 0; Mon 2 (1), Tue 3 (2), Wed 4 (3), Thu 5 Nov (4) — after DST ended on 1 Nov, 17:30 EST (UTC−5).
  it('files the 8-K/A by 17:30 Eastern on the 4th business day after the information is available, across the end of DST', () => {
    expect(computeDueAt(entry('SEC', 'file-8k-amendment'), '2026-10-30T16:00:00-04:00')).toBe('2026-11-05T22:30:00Z');
  });

  it('notifies ANPD by the end of the 3rd Brazilian business day, skipping Good Friday 2026', () => {
    expect(computeDueAt(entry('LGPD', 'notify-anpd'), '2026-04-02T10:00:00-03:00')).toBe('2026-04-09T03:00:00Z');
  });

  it('notifies HIPAA individuals by the end of the 60th calendar day in New York, across month ends and DST', () => {
    expect(computeDueAt(entry('HIPAA', 'notify-individuals'), '2026-10-15T14:00:00-04:00')).toBe('2026-12-15T05:00:00Z');
  });

  it('notifies the PDPC by the end of the 3rd calendar day in Singapore', () => {
    expect(computeDueAt(entry('PDPA-SG', 'notify-pdpc'), '2026-12-30T20:00:00+08:00')).toBe('2027-01-02T16:00:00Z');
  });

  it('files the NIS2 final report by the end of the same date a month later, clamped to February 28', () => {
    expect(computeDueAt(entry('NIS2', 'final-report'), '2026-01-31T10:00:00+01:00')).toBe('2026-02-28T23:00:00Z');
  });

  it('throws MissingHolidayDataError instead of guessing when the count leaves the covered years', () => {
    expect(() => computeDueAt(entry('LGPD', 'notify-anpd'), '2035-12-28T10:00:00-03:00')).toThrow(MissingHolidayDataError);
  });

  it('throws NoFixedPeriodError for an obligation without a fixed period', () => {
    expect(() => computeDueAt(entry('GDPR', 'notify-data-subjects'), '2026-03-28T09:00:00Z')).toThrow(NoFixedPeriodError);
    expect(() => openDeadline(entry('GDPR', 'notify-data-subjects'), '2026-03-28T09:00:00Z')).toThrow(
      expect.objectContaining({ name: 'NoFixedPeriodError', regime: 'GDPR', obligation: 'notify-data-subjects' }),
    );
  });
});

describe('dueAtFor', () => {
  const doraInitial = entry('DORA', 'initial-notification');

  it('returns undefined for an obligation without a fixed period, so no timer is set', () => {
    expect(dueAtFor(entry('GDPR', 'notify-data-subjects'), '2026-03-28T09:00:00Z')).toBeUndefined();
    expect(dueAtFor(entry('PDPA-SG', 'notify-individuals'), '2026-03-28T09:00:00Z')).toBeUndefined();
  });

  it('equals computeDueAt for an obligation without a cap', () => {
    expect(dueAtFor(GDPR_AUTHORITY_NOTICE, '2026-03-28T09:00:00+01:00', { awareness: '2026-03-27T00:00:00Z' })).toBe('2026-03-31T08:00:00Z');
  });

  it('is due 4 h after classification when that comes before 24 h after awareness', () => {
    expect(dueAtFor(doraInitial, '2026-05-04T10:00:00Z', { awareness: '2026-05-04T08:00:00Z' })).toBe('2026-05-04T14:00:00Z');
  });

  it('is due 24 h after awareness when classification comes too late for 4 h to fit', () => {
    expect(dueAtFor(doraInitial, '2026-05-05T06:00:00Z', { awareness: '2026-05-04T08:00:00Z' })).toBe('2026-05-05T08:00:00Z');
  });

  it('falls back to the classification clock when the awareness instant is not known', () => {
    expect(dueAtFor(doraInitial, '2026-05-05T06:00:00Z')).toBe('2026-05-05T10:00:00Z');
  });
});

describe('openDeadline (day-based obligations)', () => {
  it('opens a pending SEC 8-K deadline with UTC instants, due after Thanksgiving 2026', () => {
    expect(openDeadline(entry('SEC', 'file-8k'), '2026-11-24T10:00:00-05:00')).toEqual({
      regime: 'SEC',
      obligation: 'file-8k',
      trigger: 'materiality-determination',
      startsAt: '2026-11-24T15:00:00Z',
      // Wed 25 (1), Thanksgiving 26 skipped, Fri 27 (2), Mon 30 (3), Tue 1 Dec (4): 17:30 EST.
      dueAt: '2026-12-01T22:30:00Z',
      status: 'pending',
      metAt: null,
      waivedReason: null,
    });
  });

  it('is past due exactly when the last local day ends', () => {
    const deadline = openDeadline(entry('LGPD', 'notify-anpd'), '2027-02-05T10:00:00-03:00');
    expect(deadline.dueAt).toBe('2027-02-11T03:00:00Z');
    expect(isPastDue(deadline, Date.parse('2027-02-10T23:59:59.999-03:00'))).toBe(false);
    expect(isPastDue(deadline, Date.parse('2027-02-11T00:00:00-03:00'))).toBe(true);
  });
});

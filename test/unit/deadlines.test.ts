import { computeDueAt, isPastDue, nextPendingDeadline, openDeadline, secondsRemaining, type Deadline } from '../../src/domain/deadlines';
import { GDPR_AUTHORITY_NOTICE } from '../../src/domain/regulations';

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
      startsAt: '2026-03-28T08:00:00Z',
      dueAt: '2026-03-31T08:00:00Z',
      status: 'pending',
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

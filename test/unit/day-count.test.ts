import fc from 'fast-check';
import { DateTime } from 'luxon';
import { addBusinessDays, addCalendarDays, addMonths, isBusinessDate } from '../../src/domain/day-count';
import { MissingHolidayDataError } from '../../src/domain/holidays';

const SEC = { zone: 'America/New_York', calendar: 'US-FEDERAL' } as const;
const LGPD = { zone: 'America/Sao_Paulo', calendar: 'BR-NATIONAL' } as const;
const BR_OFFICES = { zone: 'America/Sao_Paulo', calendar: 'BR-FEDERAL-OFFICES' } as const;

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('addBusinessDays (US-FEDERAL, America/New_York: SEC 8-K Item 1.05)', () => {
  it.each([
    // Thu Jul 2 2026; Fri Jul 3 is Independence Day observed (Jul 4 is a Saturday): Mon, Tue, Wed, Thu Jul 9.
    ['over the Independence Day weekend 2026', '2026-07-02T15:00:00-04:00', '2026-07-10T04:00:00Z'],
    // Tue Nov 24 2026: Wed, (Thanksgiving Thu skipped), Fri, Mon, Tue Dec 1; EST by then.
    ['over Thanksgiving 2026', '2026-11-24T10:00:00-05:00', '2026-12-02T05:00:00Z'],
    // Wed Jun 16 2027: Thu, (Fri Jun 18 Juneteenth observed), Mon, Tue, Wed Jun 23.
    ['over Juneteenth 2027 observed on Friday June 18', '2027-06-16T09:00:00-04:00', '2027-06-24T04:00:00Z'],
    // Thu Oct 29 2026 EDT: Fri, Mon, Tue, Wed Nov 4, which ends at EST midnight.
    ['across the end of US daylight saving time', '2026-10-29T12:00:00-04:00', '2026-11-05T05:00:00Z'],
    // A Saturday trigger: the count starts on Monday.
    ['from a Saturday', '2026-08-15T12:00:00-04:00', '2026-08-21T04:00:00Z'],
  ])('counts 4 business days %s', (_label, startsAt, dueAt) => {
    expect(addBusinessDays(startsAt, 4, SEC)).toBe(dueAt);
  });

  it('counts from the local date in New York, not the UTC date', () => {
    // 2026-07-03T01:00Z is still Thursday Jul 2 in New York.
    expect(addBusinessDays('2026-07-03T01:00:00Z', 4, SEC)).toBe('2026-07-10T04:00:00Z');
  });

  it('ends at the end of the trigger day itself for zero days', () => {
    expect(addBusinessDays('2026-07-02T15:00:00-04:00', 0, SEC)).toBe('2026-07-03T04:00:00Z');
  });

  it('counts into 2028, skipping New Year 2028 observed on Friday 31 December 2027', () => {
    // Mon Dec 27 2027: Tue (1), Wed (2), Thu (3), Fri Dec 31 observed holiday, Mon Jan 3 2028 (4); ends Jan 4 00:00 EST.
    expect(addBusinessDays('2027-12-27T10:00:00-05:00', 4, SEC)).toBe('2028-01-04T05:00:00Z');
  });

  it('throws MissingHolidayDataError naming the calendar and year when the count runs past the data (2036)', () => {
    const error = thrown(() => addBusinessDays('2035-12-28T10:00:00-05:00', 4, SEC));
    expect(error).toBeInstanceOf(MissingHolidayDataError);
    expect(error).toMatchObject({ name: 'MissingHolidayDataError', calendar: 'US-FEDERAL', year: 2036 });
    expect((error as Error).message).toContain('US-FEDERAL');
    expect((error as Error).message).toContain('2036');
  });

  it('throws MissingHolidayDataError for a trigger in a year before the data', () => {
    expect(() => addBusinessDays('2023-12-28T10:00:00-05:00', 4, SEC)).toThrow(MissingHolidayDataError);
  });

  it('refuses a negative or fractional count, an unknown zone and an unreadable instant', () => {
    expect(() => addBusinessDays('2026-07-02T15:00:00Z', -1, SEC)).toThrow(RangeError);
    expect(() => addBusinessDays('2026-07-02T15:00:00Z', 1.5, SEC)).toThrow(RangeError);
    expect(() => addBusinessDays('2026-07-02T15:00:00Z', 1, { zone: 'Mars/Olympus', calendar: 'US-FEDERAL' })).toThrow(RangeError);
    expect(() => addBusinessDays('soon', 1, SEC)).toThrow(RangeError);
  });
});

describe('addBusinessDays (Brazil, America/Sao_Paulo: LGPD / ANPD Res. 15/2024)', () => {
  it.each([
    // Thu Apr 2 2026; Fri Apr 3 Good Friday: Mon 6, Tue 7, Wed 8.
    ['over Good Friday 2026', '2026-04-02T10:00:00-03:00', '2026-04-09T03:00:00Z'],
    // Fri Apr 17 2026: Mon 20, (Tue 21 Tiradentes), Wed 22, Thu 23.
    ['over Tiradentes 2026', '2026-04-17T10:00:00-03:00', '2026-04-24T03:00:00Z'],
    // Wed Mar 24 2027: Thu 25, (Fri 26 Good Friday), Mon 29, Tue 30.
    ['over Good Friday 2027', '2027-03-24T10:00:00-03:00', '2027-03-31T03:00:00Z'],
    // Thu Nov 19 2026: (Fri 20 Consciência Negra), Mon 23, Tue 24, Wed 25.
    ['over Consciência Negra 2026', '2026-11-19T10:00:00-03:00', '2026-11-26T03:00:00Z'],
  ])('counts 3 business days %s', (_label, startsAt, dueAt) => {
    expect(addBusinessDays(startsAt, 3, LGPD)).toBe(dueAt);
  });

  it('counts Carnival 2027 as business days in BR-NATIONAL (pontos facultativos are not holidays)', () => {
    // Fri Feb 5 2027: Mon 8 and Tue 9 (Carnival) count, then Wed 10.
    expect(addBusinessDays('2027-02-05T10:00:00-03:00', 3, LGPD)).toBe('2027-02-11T03:00:00Z');
  });

  it('skips Carnival 2027 in BR-FEDERAL-OFFICES, where federal offices are closed', () => {
    // Fri Feb 5 2027: Mon 8 and Tue 9 skipped, then Wed 10, Thu 11, Fri 12.
    expect(addBusinessDays('2027-02-05T10:00:00-03:00', 3, BR_OFFICES)).toBe('2027-02-13T03:00:00Z');
  });

  it('counts from the local date in São Paulo, not the UTC date', () => {
    // 2026-04-03T01:00Z is still Thursday Apr 2, 22:00 in São Paulo.
    expect(addBusinessDays('2026-04-03T01:00:00Z', 3, LGPD)).toBe('2026-04-09T03:00:00Z');
  });
});

describe('addBusinessDays (properties over the covered years)', () => {
  const calendars = [SEC, LGPD, BR_OFFICES];
  // Triggers from 2026-01-01 to 2027-11-30, so 10 business days never run past 2027.
  const instant = fc.integer({ min: Date.parse('2026-01-01T12:00:00Z'), max: Date.parse('2027-11-30T12:00:00Z') });

  it('ends right after a business day, with exactly n business days after the trigger date', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 10 }), fc.constantFrom(...calendars), (ms, n, options) => {
        const startsAt = new Date(ms).toISOString();
        const due = DateTime.fromISO(addBusinessDays(startsAt, n, options), { zone: options.zone });
        expect(due.toFormat('HH:mm:ss.SSS')).toBe('00:00:00.000');
        const lastDay = due.minus({ days: 1 }).toISODate()!;
        expect(isBusinessDate(lastDay, options.calendar)).toBe(true);
        let counted = 0;
        for (let d = DateTime.fromISO(startsAt, { zone: options.zone }).plus({ days: 1 }).startOf('day'); d < due; d = d.plus({ days: 1 })) {
          if (isBusinessDate(d.toISODate()!, options.calendar)) counted += 1;
        }
        expect(counted).toBe(n);
      }),
    );
  });
});

describe('isBusinessDate', () => {
  it('is false on weekends and holidays, true on other weekdays', () => {
    expect(isBusinessDate('2026-07-03', 'US-FEDERAL')).toBe(false);
    expect(isBusinessDate('2026-07-04', 'US-FEDERAL')).toBe(false);
    expect(isBusinessDate('2026-07-06', 'US-FEDERAL')).toBe(true);
    expect(isBusinessDate('2026-11-27', 'US-FEDERAL')).toBe(true);
    expect(isBusinessDate('2027-02-08', 'BR-NATIONAL')).toBe(true);
    expect(isBusinessDate('2027-02-08', 'BR-FEDERAL-OFFICES')).toBe(false);
  });

  it('throws MissingHolidayDataError for a weekday in a year without data', () => {
    expect(() => isBusinessDate('2036-01-02', 'BR-NATIONAL')).toThrow(MissingHolidayDataError);
  });
});

describe('addCalendarDays', () => {
  it.each([
    // HIPAA 60 days from Oct 15 2026 (EDT): Dec 14, ending at EST midnight; crosses two month ends and DST.
    ['across month ends and the end of US DST', '2026-10-15T14:00:00-04:00', 60, 'America/New_York', '2026-12-15T05:00:00Z'],
    // From Feb 20 2026 (EST): Apr 21, ending at EDT midnight.
    ['across February and the start of US DST', '2026-02-20T09:00:00-05:00', 60, 'America/New_York', '2026-04-22T04:00:00Z'],
    // PDPA 3 days from Dec 30 2026 in Singapore: Jan 2 2027, no holiday data needed.
    ['across the new year in Singapore', '2026-12-30T20:00:00+08:00', 3, 'Asia/Singapore', '2027-01-02T16:00:00Z'],
    // Brazil has had no DST since 2019: midnight stays at 03:00Z all year.
    ['in São Paulo in southern summer', '2026-12-01T10:00:00-03:00', 30, 'America/Sao_Paulo', '2027-01-01T03:00:00Z'],
    // Sydney DST ends 2027-04-04: the deadline day ends at AEST (+10) midnight.
    ['across the end of Sydney DST', '2027-03-20T12:00:00+11:00', 30, 'Australia/Sydney', '2027-04-19T14:00:00Z'],
  ])('counts days %s', (_label, startsAt, days, zone, dueAt) => {
    expect(addCalendarDays(startsAt, days, { zone })).toBe(dueAt);
  });

  it('uses the local date of the zone: late evening in Los Angeles is already the next day in UTC', () => {
    expect(addCalendarDays('2026-03-02T07:30:00Z', 30, { zone: 'America/Los_Angeles' })).toBe('2026-04-01T07:00:00Z');
  });

  it('ends at the first instant of the next day where DST skips midnight', () => {
    // Chile starts DST at 24:00 on Sat 2026-09-05, so Sep 6 begins at 01:00 -03.
    expect(addCalendarDays('2026-09-04T12:00:00-04:00', 1, { zone: 'America/Santiago' })).toBe('2026-09-06T04:00:00Z');
  });
});

describe('addMonths', () => {
  it.each([
    // NIS2 final report: Jan 31 + 1 month clamps to Feb 28 (Reg. 1182/71 Art. 3(2)(c)).
    ['clamps Jan 31 to the end of February', '2026-01-31T10:00:00+01:00', '2026-02-28T23:00:00Z'],
    ['clamps Jan 31 to Feb 29 in a leap year', '2028-01-31T10:00:00+01:00', '2028-02-29T23:00:00Z'],
    ['keeps the same date across the start of EU summer time', '2026-03-15T10:00:00+01:00', '2026-04-15T22:00:00Z'],
    ['keeps the same date across the new year', '2026-12-10T10:00:00+01:00', '2027-01-10T23:00:00Z'],
  ])('%s', (_label, startsAt, dueAt) => {
    expect(addMonths(startsAt, 1, { zone: 'Europe/Brussels' })).toBe(dueAt);
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { computeCalendars, FIRST_YEAR, handCheckedDifferences, LAST_YEAR, renderHolidayData } from '../../scripts/holiday-calendars';
import { addBusinessDays, isBusinessDate } from '../../src/domain/day-count';
import { HOLIDAY_DATA } from '../../src/domain/holiday-data';
import { HAND_CHECKED_HOLIDAYS, HOLIDAY_OVERRIDES } from '../../src/domain/holiday-overrides';
import { HOLIDAY_CALENDARS, HOLIDAY_YEARS, HOLIDAYS, holidaysFor, MissingHolidayDataError, type HolidayCalendar } from '../../src/domain/holidays';

const weekday = (date: string) => DateTime.fromISO(date, { zone: 'UTC' }).toFormat('ccc');
const nameOn = (calendar: HolidayCalendar, date: string) => HOLIDAYS[calendar][Number(date.slice(0, 4))]?.find((h) => h.date === date)?.name;
const SEC = { zone: 'America/New_York', calendar: 'US-FEDERAL' } as const;
const LGPD = { zone: 'America/Sao_Paulo', calendar: 'BR-NATIONAL' } as const;

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('generated holiday data (src/domain/holiday-data.ts)', () => {
  it('equals what scripts/holiday-calendars.ts computes from the pinned date-holidays and the overrides', () => {
    const computed = computeCalendars();
    expect(HOLIDAY_DATA).toEqual(computed);
    // The whole file, header included, so a library upgrade that changes nothing still asks for a regeneration.
    expect(readFileSync(join(__dirname, '../../src/domain/holiday-data.ts'), 'utf8')).toBe(renderHolidayData(computed));
  });

  it('names the exact date-holidays version package.json pins (no range) in its header', () => {
    const pinned = (JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8')) as { devDependencies: Record<string, string> }).devDependencies['date-holidays'];
    const installed = (JSON.parse(readFileSync(require.resolve('date-holidays/package.json'), 'utf8')) as { version: string }).version;
    expect(pinned).toMatch(/^\d+\.\d+\.\d+$/);
    expect(installed).toBe(pinned);
    expect(readFileSync(join(__dirname, '../../src/domain/holiday-data.ts'), 'utf8').split('\n')[0]).toContain(`date-holidays ${pinned} `);
  });

  it('reproduces the hand-checked 2026 and 2027 calendars exactly', () => {
    for (const calendar of HOLIDAY_CALENDARS) {
      expect(Object.keys(HAND_CHECKED_HOLIDAYS[calendar])).toEqual(['2026', '2027']);
      for (const year of [2026, 2027]) expect({ calendar, year, holidays: HOLIDAYS[calendar][year] }).toEqual({ calendar, year, holidays: HAND_CHECKED_HOLIDAYS[calendar][year] });
    }
    expect(handCheckedDifferences(computeCalendars())).toEqual([]);
  });

  it('applies every override over the library, each with its reason', () => {
    expect(HOLIDAY_OVERRIDES.length).toBeGreaterThan(0);
    for (const o of HOLIDAY_OVERRIDES) {
      expect(o.why.length).toBeGreaterThan(20);
      expect({ ...o, generated: nameOn(o.calendar, o.date) }).toEqual({ ...o, generated: o.name ?? undefined });
    }
  });
});

describe('holiday data', () => {
  it('covers every year from 2024 through 2035, 2026 to 2030 included, in every calendar', () => {
    expect([FIRST_YEAR, LAST_YEAR]).toEqual([2024, 2035]);
    expect(HOLIDAY_YEARS).toEqual(Array.from({ length: 12 }, (_, i) => 2024 + i));
    expect(HOLIDAY_YEARS).toEqual(expect.arrayContaining([2026, 2027, 2028, 2029, 2030]));
    for (const calendar of HOLIDAY_CALENDARS) {
      for (const year of HOLIDAY_YEARS) expect({ calendar, year, covered: (holidaysFor(calendar, year)?.length ?? 0) >= 10 }).toEqual({ calendar, year, covered: true });
    }
  });

  it('lists valid dates of the right year, sorted, without duplicates', () => {
    for (const calendar of HOLIDAY_CALENDARS) {
      for (const year of HOLIDAY_YEARS) {
        const dates = holidaysFor(calendar, year)!;
        for (const date of dates) expect({ calendar, date, valid: DateTime.fromISO(date).isValid && date.startsWith(`${year}-`) }).toEqual({ calendar, date, valid: true });
        expect([...dates].sort()).toEqual(dates);
        expect(new Set(dates).size).toBe(dates.length);
      }
    }
  });

  it('returns undefined for a year without data', () => {
    expect(holidaysFor('US-FEDERAL', 2036)).toBeUndefined();
    expect(holidaysFor('BR-NATIONAL', 2023)).toBeUndefined();
  });

  it('builds MissingHolidayDataError with its name, calendar and year', () => {
    const error = new MissingHolidayDataError('BR-NATIONAL', 2036);
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ name: 'MissingHolidayDataError', calendar: 'BR-NATIONAL', year: 2036 });
    expect(error.message).toMatch(/BR-NATIONAL.*2036/);
  });
});

describe('US-FEDERAL holidays', () => {
  const FEDERAL = [
    "New Year's Day",
    'Birthday of Martin Luther King, Jr.',
    "Washington's Birthday",
    'Memorial Day',
    'Juneteenth National Independence Day',
    'Independence Day',
    'Labor Day',
    'Columbus Day',
    'Veterans Day',
    'Thanksgiving Day',
    'Christmas Day',
  ];

  it('holds the eleven federal holidays each year, plus New Year 2028 observed on Friday Dec 31 2027', () => {
    expect(holidaysFor('US-FEDERAL', 2026)).toHaveLength(11);
    expect(holidaysFor('US-FEDERAL', 2027)).toHaveLength(12);
    expect(holidaysFor('US-FEDERAL', 2027)).toContain('2027-12-31');
  });

  it('observes each of the eleven holidays of 5 U.S.C. 6103 exactly once for every year, and nothing else but executive-order closures', () => {
    for (const year of HOLIDAY_YEARS) {
      // A holiday of `year` observed on December 31 of the year before is named with its year.
      const observedFor = [...(HOLIDAYS['US-FEDERAL'][year - 1] ?? []), ...HOLIDAYS['US-FEDERAL'][year]!]
        .filter((h) => (h.date.startsWith(`${year}-`) && !h.name.includes(`${year + 1} (observed`)) || h.name.includes(`${year} (observed`))
        .map((h) => h.name.replace(/( \d{4})? \(observed; .*\)$/, ''))
        .filter((name) => !name.includes('(executive order;'));
      expect({ year, names: [...observedFor].sort() }).toEqual({ year, names: [...FEDERAL].sort() });
    }
  });

  it('leaves out observances, optional days and state holidays of the library', () => {
    // Election Day 2028, the day after Thanksgiving 2028, Christmas Eve 2030, Valentine's Day 2029, Patriots' Day 2029 (Massachusetts).
    for (const date of ['2028-11-07', '2028-11-24', '2030-12-24', '2029-02-14', '2029-04-16']) expect({ date, name: nameOn('US-FEDERAL', date) }).toEqual({ date, name: undefined });
  });

  it('moves a Saturday holiday to Friday and a Sunday holiday to Monday, so none falls on a weekend', () => {
    expect(holidaysFor('US-FEDERAL', 2026)).toContain('2026-07-03');
    expect(holidaysFor('US-FEDERAL', 2026)).not.toContain('2026-07-04');
    expect(holidaysFor('US-FEDERAL', 2027)).toEqual(expect.arrayContaining(['2027-06-18', '2027-07-05', '2027-12-24']));
    const weekend = HOLIDAY_YEARS.flatMap((y) => holidaysFor('US-FEDERAL', y)!).filter((d) => ['Sat', 'Sun'].includes(weekday(d)));
    expect(weekend).toEqual([]);
  });

  it('puts the Monday holidays on Mondays and Thanksgiving on the fourth Thursday of November', () => {
    const byName = (year: number, name: string) => HOLIDAYS['US-FEDERAL'][year]!.find((h) => h.name.startsWith(name))!.date;
    for (const year of HOLIDAY_YEARS) {
      for (const name of ['Birthday of Martin', "Washington's", 'Memorial', 'Labor', 'Columbus']) expect(weekday(byName(year, name))).toBe('Mon');
      const thanksgiving = byName(year, 'Thanksgiving');
      expect(weekday(thanksgiving)).toBe('Thu');
      expect(Number(thanksgiving.slice(8))).toBeGreaterThanOrEqual(22);
      expect(Number(thanksgiving.slice(8))).toBeLessThanOrEqual(28);
    }
  });

  it.each([
    // Nov 1 2028 is a Wednesday: Thursdays 2, 9, 16, 23.
    ['2028-11-23', 'Thanksgiving Day'],
    // Jan 1 2028 is a Saturday and 182 days (26 weeks) later is Saturday Jul 1, so Jul 4 is a Tuesday.
    ['2028-07-04', 'Independence Day'],
    // Nov 11 2028 is a Saturday.
    ['2028-11-10', 'Veterans Day (observed; November 11 is a Saturday)'],
    // June 19 2027 is a Saturday; December 25 2027 is a Saturday.
    ['2027-06-18', 'Juneteenth National Independence Day (observed; June 19 is a Saturday)'],
    ['2027-12-24', 'Christmas Day (observed; December 25 is a Saturday)'],
    ['2027-12-31', "New Year's Day 2028 (observed; January 1, 2028 is a Saturday)"],
    // 2028 has 366 days, so Jan 1 2029 is a Monday; MLK Day is Monday Jan 15; Nov 11 2029 is a Sunday.
    ['2029-01-01', "New Year's Day"],
    ['2029-01-15', 'Birthday of Martin Luther King, Jr.'],
    ['2029-11-12', 'Veterans Day (observed; November 11 is a Sunday)'],
    // Jan 1 2030 is a Tuesday: Jun 19 (day 170) is a Wednesday, May 31 a Friday (Memorial Day May 27), Nov 1 a Friday.
    ['2030-06-19', 'Juneteenth National Independence Day'],
    ['2030-05-27', 'Memorial Day'],
    ['2030-11-28', 'Thanksgiving Day'],
  ])('has %s as %s', (date, name) => {
    expect(nameOn('US-FEDERAL', date)).toBe(name);
  });

  it('does not list New Year 2028 again in 2028, nor the Saturday Veterans Day itself', () => {
    expect(holidaysFor('US-FEDERAL', 2028)).not.toContain('2028-01-01');
    expect(HOLIDAYS['US-FEDERAL'][2028]!.filter((h) => h.name.startsWith('New Year'))).toEqual([]);
    expect(holidaysFor('US-FEDERAL', 2028)).not.toContain('2028-11-11');
    expect(holidaysFor('US-FEDERAL', 2028)).toHaveLength(10);
  });
});

describe('Brazilian holidays', () => {
  it('holds the ten national holidays each year, with no weekend shifting', () => {
    for (const year of HOLIDAY_YEARS) expect({ year, count: holidaysFor('BR-NATIONAL', year)!.length }).toEqual({ year, count: 10 });
    expect(holidaysFor('BR-NATIONAL', 2027)).toEqual(expect.arrayContaining(['2027-05-01', '2027-11-20', '2027-12-25']));
    // Tiradentes 2029 is a Saturday and stays there.
    expect(nameOn('BR-NATIONAL', '2029-04-21')).toBe('Tiradentes');
    expect(holidaysFor('BR-NATIONAL', 2029)).not.toContain('2029-04-20');
  });

  it('places Good Friday on a Friday, Carnival on Monday and Tuesday and Corpus Christi on a Thursday', () => {
    for (const year of HOLIDAY_YEARS) {
      const days = Object.fromEntries(HOLIDAYS['BR-FEDERAL-OFFICES'][year]!.map((h) => [h.date, h.name]));
      const named = (prefix: string) => Object.keys(days).filter((d) => days[d]!.startsWith(prefix)).map(weekday);
      expect(named('Paixão')).toEqual(['Fri']);
      expect(named('Carnaval')).toEqual(['Mon', 'Tue']);
      expect(named('Corpus Christi')).toEqual(['Thu']);
    }
  });

  it('keeps Carnival and Corpus Christi out of BR-NATIONAL and adds them in BR-FEDERAL-OFFICES', () => {
    for (const year of HOLIDAY_YEARS) {
      const national = holidaysFor('BR-NATIONAL', year)!;
      const offices = holidaysFor('BR-FEDERAL-OFFICES', year)!;
      expect(offices).toEqual(expect.arrayContaining([...national]));
      expect(offices.filter((d) => !national.includes(d))).toHaveLength(3);
    }
    expect(holidaysFor('BR-NATIONAL', 2027)).not.toContain('2027-02-08');
    expect(holidaysFor('BR-FEDERAL-OFFICES', 2027)).toEqual(expect.arrayContaining(['2027-02-08', '2027-02-09', '2027-05-27']));
  });

  it.each([
    // Easter 2028 is April 16: Good Friday Apr 14; Carnival is Easter − 48 and − 47, Feb 28 and the leap day Feb 29.
    ['BR-NATIONAL', '2028-04-14', 'Paixão de Cristo'],
    ['BR-FEDERAL-OFFICES', '2028-02-29', 'Carnaval (ponto facultativo)'],
    // Easter 2029 is April 1: Good Friday Mar 30, Carnival Feb 12 and 13, Corpus Christi (Easter + 60) May 31.
    ['BR-NATIONAL', '2029-03-30', 'Paixão de Cristo'],
    ['BR-FEDERAL-OFFICES', '2029-02-12', 'Carnaval (ponto facultativo)'],
    ['BR-FEDERAL-OFFICES', '2029-02-13', 'Carnaval (ponto facultativo)'],
    ['BR-FEDERAL-OFFICES', '2029-05-31', 'Corpus Christi (ponto facultativo)'],
    // Easter 2030 is April 21, Tiradentes itself: Good Friday Apr 19.
    ['BR-NATIONAL', '2030-04-19', 'Paixão de Cristo'],
    ['BR-NATIONAL', '2030-11-20', 'Dia Nacional de Zumbi e da Consciência Negra'],
  ] as const)('has in %s %s as %s', (calendar, date, name) => {
    expect(nameOn(calendar, date)).toBe(name);
  });

  it('leaves out the library election Sundays, Carnival Saturday, Ash Wednesday morning and the December afternoons', () => {
    for (const date of ['2028-10-01', '2028-10-29', '2028-02-26', '2028-03-01', '2028-12-24', '2028-12-31']) {
      expect({ date, name: nameOn('BR-FEDERAL-OFFICES', date) }).toEqual({ date, name: undefined });
    }
  });
});

describe('business days against the generated years', () => {
  it('counts 4 SEC business days across New Year 2029', () => {
    // Thu Dec 28 2028: Fri Dec 29 (1), Mon Jan 1 2029 New Year's Day skipped, Tue 2 (2), Wed 3 (3), Thu 4 (4); ends at EST midnight.
    expect(addBusinessDays('2028-12-28T10:00:00-05:00', 4, SEC)).toBe('2029-01-05T05:00:00Z');
  });

  it('counts 3 LGPD business days across New Year 2029', () => {
    // Fri Dec 29 2028: Mon Jan 1 2029 Confraternização Universal skipped, Tue 2, Wed 3, Thu 4; São Paulo midnight is 03:00Z.
    expect(addBusinessDays('2028-12-29T10:00:00-03:00', 3, LGPD)).toBe('2029-01-05T03:00:00Z');
  });

  it('refuses a count that runs into 2036, past the data, with MissingHolidayDataError', () => {
    // Fri Dec 28 2035: Mon Dec 31 (1), then Tue Jan 1 2036, a year without data.
    const error = thrown(() => addBusinessDays('2035-12-28T10:00:00-05:00', 4, SEC));
    expect(error).toBeInstanceOf(MissingHolidayDataError);
    expect(error).toMatchObject({ name: 'MissingHolidayDataError', calendar: 'US-FEDERAL', year: 2036 });
    expect((error as Error).message).toMatch(/US-FEDERAL.*2036/);
    expect(() => isBusinessDate('2036-01-02', 'BR-NATIONAL')).toThrow(MissingHolidayDataError);
  });
});

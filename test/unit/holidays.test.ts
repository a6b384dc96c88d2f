import { DateTime } from 'luxon';
import { HOLIDAY_CALENDARS, HOLIDAY_YEARS, HOLIDAYS, holidaysFor, MissingHolidayDataError } from '../../src/domain/holidays';

const weekday = (date: string) => DateTime.fromISO(date, { zone: 'UTC' }).toFormat('ccc');

describe('holiday data', () => {
  it('covers 2026 and 2027 in every calendar', () => {
    expect(HOLIDAY_YEARS).toEqual([2026, 2027]);
    for (const calendar of HOLIDAY_CALENDARS) {
      for (const year of HOLIDAY_YEARS) expect({ calendar, year, covered: (holidaysFor(calendar, year)?.length ?? 0) > 0 }).toEqual({ calendar, year, covered: true });
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
    expect(holidaysFor('US-FEDERAL', 2028)).toBeUndefined();
    expect(holidaysFor('BR-NATIONAL', 2025)).toBeUndefined();
  });

  it('builds MissingHolidayDataError with its name, calendar and year', () => {
    const error = new MissingHolidayDataError('BR-NATIONAL', 2028);
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ name: 'MissingHolidayDataError', calendar: 'BR-NATIONAL', year: 2028 });
    expect(error.message).toMatch(/BR-NATIONAL.*2028/);
  });
});

describe('US-FEDERAL holidays', () => {
  it('holds the eleven federal holidays each year, plus New Year 2028 observed on Friday Dec 31 2027', () => {
    expect(holidaysFor('US-FEDERAL', 2026)).toHaveLength(11);
    expect(holidaysFor('US-FEDERAL', 2027)).toHaveLength(12);
    expect(holidaysFor('US-FEDERAL', 2027)).toContain('2027-12-31');
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
});

describe('Brazilian holidays', () => {
  it('holds the ten national holidays each year, with no weekend shifting', () => {
    expect(holidaysFor('BR-NATIONAL', 2026)).toHaveLength(10);
    expect(holidaysFor('BR-NATIONAL', 2027)).toHaveLength(10);
    expect(holidaysFor('BR-NATIONAL', 2027)).toEqual(expect.arrayContaining(['2027-05-01', '2027-11-20', '2027-12-25']));
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
});

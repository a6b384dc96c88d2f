// How each holiday calendar is computed from the date-holidays library (pinned exactly in package.json) and
// src/domain/holiday-overrides.ts. scripts/generate-holidays.ts writes the result to src/domain/holiday-data.ts;
// test/unit/holidays.test.ts checks that file still equals what this module computes.
import Holidays, { type HolidaysTypes } from 'date-holidays';
import { version as DATE_HOLIDAYS_VERSION } from 'date-holidays/package.json';
import { DateTime } from 'luxon';
import { HAND_CHECKED_HOLIDAYS, HOLIDAY_OVERRIDES } from '../src/domain/holiday-overrides';
import type { Holiday, HolidayCalendar } from '../src/domain/holidays';

/** First calendar year generated. */
export const FIRST_YEAR = 2024;
/** Last calendar year generated; a count past it is refused with MissingHolidayDataError. */
export const LAST_YEAR = 2035;

/** Holidays of every calendar, by calendar id and year, each year sorted by date. */
export type Calendars = Record<HolidayCalendar, Record<number, Holiday[]>>;

/** One holiday of the library a calendar takes: its English library name and type, and the name the calendar gives it. */
interface Pick {
  readonly name: string;
  readonly type: HolidaysTypes.HolidayType;
  readonly as: string;
}

interface CalendarRule {
  /** The date-holidays country whose country-wide holidays are read (no state, so no state-only days). */
  readonly country: string;
  /** The language of the library names in `picks`. */
  readonly language: string;
  /** A calendar whose holidays this one includes before adding its own picks. */
  readonly includes?: HolidayCalendar;
  readonly picks: readonly Pick[];
  /** Library names of public holidays left out on purpose; any other public holiday not picked stops generation. */
  readonly leftOut: readonly string[];
  /** Whether a holiday on a weekend moves to the library's substitute day (the Friday before or Monday after). */
  readonly observed: boolean;
}

const SUBSTITUTE_SUFFIX = ' (substitute day)';

const RULES: Readonly<Record<HolidayCalendar, CalendarRule>> = {
  // The eleven holidays of 5 U.S.C. 6103(a), named as OPM names them. Each moves off a weekend under 6103(b)
  // and Executive Order 11582: the library marks those days `substitute` (Veterans Day's as type `bank`).
  // Its observances (Election Day, Day after Thanksgiving…) and optional Christmas Eve are not federal
  // holidays; Inauguration Day is not in the country-wide list (it closes only DC-area offices).
  'US-FEDERAL': {
    country: 'US',
    language: 'en-us',
    observed: true,
    leftOut: [],
    picks: [
      { name: "New Year's Day", type: 'public', as: "New Year's Day" },
      { name: 'Martin Luther King Jr. Day', type: 'public', as: 'Birthday of Martin Luther King, Jr.' },
      { name: "Washington's Birthday", type: 'public', as: "Washington's Birthday" },
      { name: 'Memorial Day', type: 'public', as: 'Memorial Day' },
      { name: 'Juneteenth', type: 'public', as: 'Juneteenth National Independence Day' },
      { name: 'Independence Day', type: 'public', as: 'Independence Day' },
      { name: 'Labor Day', type: 'public', as: 'Labor Day' },
      { name: 'Columbus Day', type: 'public', as: 'Columbus Day' },
      { name: 'Veterans Day', type: 'public', as: 'Veterans Day' },
      { name: 'Thanksgiving Day', type: 'public', as: 'Thanksgiving Day' },
      { name: 'Christmas Day', type: 'public', as: 'Christmas Day' },
    ],
  },
  // Feriados nacionais, named as the federal portaria names them; no weekend shifting in Brazil.
  'BR-NATIONAL': {
    country: 'BR',
    language: 'pt',
    observed: false,
    // Election days are always Sundays (first and second rounds), so they never move a business-day count.
    leftOut: ['Dia de Eleição'],
    picks: [
      { name: 'Ano Novo', type: 'public', as: 'Confraternização Universal' },
      { name: 'Sexta-Feira Santa', type: 'public', as: 'Paixão de Cristo' },
      { name: 'Dia de Tiradentes', type: 'public', as: 'Tiradentes' },
      { name: 'Dia do trabalhador', type: 'public', as: 'Dia Mundial do Trabalho' },
      { name: 'Dia da Independência', type: 'public', as: 'Independência do Brasil' },
      { name: 'Nossa Senhora Aparecida', type: 'public', as: 'Nossa Senhora Aparecida' },
      { name: 'Dia de Finados', type: 'public', as: 'Finados' },
      { name: 'Proclamação da República', type: 'public', as: 'Proclamação da República' },
      { name: 'Dia da Consciência Negra', type: 'public', as: 'Dia Nacional de Zumbi e da Consciência Negra' },
      { name: 'Natal', type: 'public', as: 'Natal' },
    ],
  },
  // The national holidays plus the whole-day pontos facultativos, which the library has as `bank` days: Carnival
  // Monday and Tuesday and Corpus Christi. Its `optional` Carnival Saturday and Ash Wednesday morning, and the
  // 24 and 31 December afternoons, are not whole days of closure.
  'BR-FEDERAL-OFFICES': {
    country: 'BR',
    language: 'pt',
    includes: 'BR-NATIONAL',
    observed: false,
    leftOut: [],
    picks: [
      { name: 'Carnaval', type: 'bank', as: 'Carnaval (ponto facultativo)' },
      { name: 'Corpo de Deus', type: 'bank', as: 'Corpus Christi (ponto facultativo)' },
    ],
  },
};

/** Every calendar's holidays for FIRST_YEAR to LAST_YEAR: the pinned library's dates, then HOLIDAY_OVERRIDES on top. */
export function computeCalendars(): Calendars {
  for (const o of HOLIDAY_OVERRIDES) {
    const year = Number(o.date.slice(0, 4));
    if (!DateTime.fromISO(o.date).isValid || year < FIRST_YEAR || year > LAST_YEAR) throw new RangeError(`override ${o.calendar} ${o.date} is not a date from ${FIRST_YEAR} to ${LAST_YEAR}`);
  }
  const done: Partial<Calendars> = {};
  const compute = (calendar: HolidayCalendar): Record<number, Holiday[]> => {
    const rule = RULES[calendar];
    const base = rule.includes ? (done[rule.includes] ?? compute(rule.includes)) : undefined;
    const byYear: Record<number, Holiday[]> = {};
    for (let year = FIRST_YEAR; year <= LAST_YEAR; year += 1) {
      const days = new Map<string, string>((base?.[year] ?? []).map((h) => [h.date, h.name]));
      for (const h of libraryHolidays(calendar, rule, year)) days.set(h.date, days.has(h.date) ? `${days.get(h.date)}; ${h.name}` : h.name);
      for (const o of HOLIDAY_OVERRIDES.filter((x) => x.calendar === calendar && x.date.startsWith(`${year}-`))) {
        if (o.name === null) days.delete(o.date);
        else days.set(o.date, o.name);
      }
      byYear[year] = [...days].map(([date, name]) => ({ date, name })).sort((a, b) => a.date.localeCompare(b.date));
    }
    done[calendar] = byYear;
    return byYear;
  };
  for (const calendar of Object.keys(RULES) as HolidayCalendar[]) compute(calendar);
  return done as Calendars;
}

/** The holidays a rule picks from the library in one year (local dates), with weekend days moved to their observed day where the rule says so. */
function libraryHolidays(calendar: HolidayCalendar, rule: CalendarRule, year: number): Holiday[] {
  const picked: Holiday[] = [];
  for (const h of new Holidays(rule.country).getHolidays(year, rule.language)) {
    const date = h.date.slice(0, 10);
    if (!date.startsWith(`${year}-`)) continue;
    const substitute = h.substitute === true;
    const name = substitute && h.name.endsWith(SUBSTITUTE_SUFFIX) ? h.name.slice(0, -SUBSTITUTE_SUFFIX.length) : h.name;
    // A substitute day keeps its holiday's name but may carry another type (Veterans Day's is `bank`).
    const pick = rule.picks.find((p) => p.name === name && (substitute || p.type === h.type));
    if (!pick) {
      if (h.type === 'public' && !rule.includes && !rule.leftOut.includes(name)) {
        throw new Error(`date-holidays ${DATE_HOLIDAYS_VERSION} lists the public holiday "${h.name}" (${date}) for ${rule.country}: pick it or leave it out in ${calendar}`);
      }
      continue;
    }
    if (substitute) {
      if (!rule.observed) throw new Error(`date-holidays gives ${calendar} a substitute day, ${h.name} on ${date}, which its rules do not have`);
      picked.push({ date, name: observedName(pick.as, date) });
    } else if (!rule.observed || !isWeekend(date)) {
      picked.push({ date, name: pick.as });
    } else if (!hasSubstitute(rule, date)) {
      throw new Error(`date-holidays gives ${h.name} on the weekend day ${date} no observed day`);
    }
  }
  return picked;
}

/** "Independence Day (observed; July 4 is a Saturday)"; the year is named when the holiday falls in the next one. */
function observedName(name: string, observedOn: string): string {
  const observed = DateTime.fromISO(observedOn, { zone: 'UTC', locale: 'en-US' });
  // 5 U.S.C. 6103(b): a Saturday holiday is observed on the Friday before, a Sunday holiday on the Monday after.
  const actual = observed.weekday === 5 ? observed.plus({ days: 1 }) : observed.weekday === 1 ? observed.minus({ days: 1 }) : undefined;
  if (!actual) throw new Error(`a substitute day for ${name} on ${observedOn} is neither a Friday nor a Monday`);
  if (actual.year !== observed.year) return `${name} ${actual.year} (observed; ${actual.toFormat('LLLL d, yyyy')} is a ${actual.toFormat('cccc')})`;
  return `${name} (observed; ${actual.toFormat('LLLL d')} is a ${actual.toFormat('cccc')})`;
}

function isWeekend(date: string): boolean {
  return DateTime.fromISO(date, { zone: 'UTC' }).weekday >= 6;
}

/** Whether the library has a substitute day on the Friday before a Saturday or the Monday after a Sunday (which may lie in another year). */
function hasSubstitute(rule: CalendarRule, date: string): boolean {
  const day = DateTime.fromISO(date, { zone: 'UTC' });
  const observed = day.plus({ days: day.weekday === 6 ? -1 : 1 }).toISODate()!;
  return new Holidays(rule.country)
    .getHolidays(Number(observed.slice(0, 4)), rule.language)
    .some((h) => h.substitute === true && h.date.startsWith(observed));
}

/** One line per hand-checked date whose holiday differs in `calendars` (missing, extra or renamed); empty when the hand-checked years are reproduced exactly. */
export function handCheckedDifferences(calendars: Calendars): string[] {
  const differences: string[] = [];
  for (const calendar of Object.keys(HAND_CHECKED_HOLIDAYS) as HolidayCalendar[]) {
    for (const [year, checked] of Object.entries(HAND_CHECKED_HOLIDAYS[calendar])) {
      const generated = calendars[calendar][Number(year)] ?? [];
      const dates = new Set([...checked, ...generated].map((h) => h.date));
      for (const date of [...dates].sort()) {
        const want = checked.find((h) => h.date === date)?.name ?? '(no holiday)';
        const got = generated.find((h) => h.date === date)?.name ?? '(no holiday)';
        if (want !== got) differences.push(`${calendar} ${date}: hand-checked "${want}", generated "${got}"`);
      }
    }
  }
  return differences;
}

/** The source text of src/domain/holiday-data.ts for `calendars`. */
export function renderHolidayData(calendars: Calendars): string {
  const years = Array.from({ length: LAST_YEAR - FIRST_YEAR + 1 }, (_, i) => FIRST_YEAR + i);
  const lines = [
    `// Generated by scripts/generate-holidays.ts from date-holidays ${DATE_HOLIDAYS_VERSION} and src/domain/holiday-overrides.ts: do not edit.`,
    '// Regenerate with `npx tsx scripts/generate-holidays.ts`; test/unit/holidays.test.ts fails while this file is stale.',
    "import type { Holiday, HolidayCalendar } from './holidays';",
    '',
    '/** Calendar years (Gregorian) the generated data covers, in every calendar. */',
    `export const HOLIDAY_DATA_YEARS: readonly number[] = [${years.join(', ')}];`,
    '',
    '/** Every calendar\'s holidays (local ISO dates and names), by calendar id and year, sorted by date. */',
    'export const HOLIDAY_DATA: Readonly<Record<HolidayCalendar, Readonly<Record<number, readonly Holiday[]>>>> = {',
  ];
  for (const calendar of Object.keys(RULES) as HolidayCalendar[]) {
    lines.push(`  ${quote(calendar)}: {`);
    for (const year of years) {
      lines.push(`    ${year}: [`);
      for (const h of calendars[calendar][year]!) lines.push(`      { date: ${quote(h.date)}, name: ${quote(h.name)} },`);
      lines.push('    ],');
    }
    lines.push('  },');
  }
  lines.push('};', '');
  return lines.join('\n');
}

function quote(text: string): string {
  return text.includes("'") ? JSON.stringify(text) : `'${text.replace(/\\/g, '\\\\')}'`;
}

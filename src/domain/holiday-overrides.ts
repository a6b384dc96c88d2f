// Inputs of scripts/generate-holidays.ts besides the date-holidays library: the corrections that win over
// the library, and the hand-checked calendars the generated data must reproduce. Nothing at run time
// imports this module; the clocks read the generated src/domain/holiday-data.ts.
import type { Holiday, HolidayCalendar } from './holidays';

/** A correction to one date of a generated calendar: `name` makes the date a holiday of that name (added or renamed), null removes it; `why` gives the source. */
export interface HolidayOverride {
  readonly calendar: HolidayCalendar;
  readonly date: string;
  readonly name: string | null;
  readonly why: string;
}

/** Corrections applied over what date-holidays computes, each winning over the library on its date. */
export const HOLIDAY_OVERRIDES: readonly HolidayOverride[] = [
  {
    calendar: 'US-FEDERAL',
    date: '2024-12-24',
    name: 'Christmas Eve (executive order; federal offices closed)',
    why: 'Executive order of December 19, 2024 closed executive departments and agencies; date-holidays has December 24 only as an optional day.',
  },
  {
    calendar: 'US-FEDERAL',
    date: '2025-01-09',
    name: 'National Day of Mourning for President Carter (executive order; federal offices closed)',
    why: 'Executive Order 14133 of December 30, 2024 (90 FR 187) closed executive departments and agencies; a one-off closure no library knows.',
  },
  {
    calendar: 'US-FEDERAL',
    date: '2025-12-24',
    name: 'Christmas Eve (executive order; federal offices closed)',
    why: 'Executive Order 14371 of December 18, 2025 closed executive departments and agencies; date-holidays has December 24 only as an optional day.',
  },
  {
    calendar: 'US-FEDERAL',
    date: '2025-12-26',
    name: 'Day after Christmas (executive order; federal offices closed)',
    why: 'Executive Order 14371 of December 18, 2025 closed executive departments and agencies on December 26 too.',
  },
];

const US_FEDERAL_CHECKED: Readonly<Record<number, readonly Holiday[]>> = {
  2026: [
    { date: '2026-01-01', name: "New Year's Day" },
    { date: '2026-01-19', name: 'Birthday of Martin Luther King, Jr.' },
    { date: '2026-02-16', name: "Washington's Birthday" },
    { date: '2026-05-25', name: 'Memorial Day' },
    { date: '2026-06-19', name: 'Juneteenth National Independence Day' },
    { date: '2026-07-03', name: 'Independence Day (observed; July 4 is a Saturday)' },
    { date: '2026-09-07', name: 'Labor Day' },
    { date: '2026-10-12', name: 'Columbus Day' },
    { date: '2026-11-11', name: 'Veterans Day' },
    { date: '2026-11-26', name: 'Thanksgiving Day' },
    { date: '2026-12-25', name: 'Christmas Day' },
  ],
  2027: [
    { date: '2027-01-01', name: "New Year's Day" },
    { date: '2027-01-18', name: 'Birthday of Martin Luther King, Jr.' },
    { date: '2027-02-15', name: "Washington's Birthday" },
    { date: '2027-05-31', name: 'Memorial Day' },
    { date: '2027-06-18', name: 'Juneteenth National Independence Day (observed; June 19 is a Saturday)' },
    { date: '2027-07-05', name: 'Independence Day (observed; July 4 is a Sunday)' },
    { date: '2027-09-06', name: 'Labor Day' },
    { date: '2027-10-11', name: 'Columbus Day' },
    { date: '2027-11-11', name: 'Veterans Day' },
    { date: '2027-11-25', name: 'Thanksgiving Day' },
    { date: '2027-12-24', name: 'Christmas Day (observed; December 25 is a Saturday)' },
    // New Year's Day 2028 is a Saturday, so it is observed on the last Friday of 2027.
    { date: '2027-12-31', name: "New Year's Day 2028 (observed; January 1, 2028 is a Saturday)" },
  ],
};

const BR_NATIONAL_CHECKED: Readonly<Record<number, readonly Holiday[]>> = {
  2026: [
    { date: '2026-01-01', name: 'Confraternização Universal' },
    { date: '2026-04-03', name: 'Paixão de Cristo' },
    { date: '2026-04-21', name: 'Tiradentes' },
    { date: '2026-05-01', name: 'Dia Mundial do Trabalho' },
    { date: '2026-09-07', name: 'Independência do Brasil' },
    { date: '2026-10-12', name: 'Nossa Senhora Aparecida' },
    { date: '2026-11-02', name: 'Finados' },
    { date: '2026-11-15', name: 'Proclamação da República' },
    { date: '2026-11-20', name: 'Dia Nacional de Zumbi e da Consciência Negra' },
    { date: '2026-12-25', name: 'Natal' },
  ],
  2027: [
    { date: '2027-01-01', name: 'Confraternização Universal' },
    { date: '2027-03-26', name: 'Paixão de Cristo' },
    { date: '2027-04-21', name: 'Tiradentes' },
    { date: '2027-05-01', name: 'Dia Mundial do Trabalho' },
    { date: '2027-09-07', name: 'Independência do Brasil' },
    { date: '2027-10-12', name: 'Nossa Senhora Aparecida' },
    { date: '2027-11-02', name: 'Finados' },
    { date: '2027-11-15', name: 'Proclamação da República' },
    { date: '2027-11-20', name: 'Dia Nacional de Zumbi e da Consciência Negra' },
    { date: '2027-12-25', name: 'Natal' },
  ],
};

const BR_FEDERAL_CLOSURES_CHECKED: Readonly<Record<number, readonly Holiday[]>> = {
  2026: [
    { date: '2026-02-16', name: 'Carnaval (ponto facultativo)' },
    { date: '2026-02-17', name: 'Carnaval (ponto facultativo)' },
    { date: '2026-06-04', name: 'Corpus Christi (ponto facultativo)' },
  ],
  2027: [
    { date: '2027-02-08', name: 'Carnaval (ponto facultativo)' },
    { date: '2027-02-09', name: 'Carnaval (ponto facultativo)' },
    { date: '2027-05-27', name: 'Corpus Christi (ponto facultativo)' },
  ],
};

const officesChecked = (year: number): Holiday[] =>
  [...BR_NATIONAL_CHECKED[year]!, ...BR_FEDERAL_CLOSURES_CHECKED[year]!].sort((a, b) => a.date.localeCompare(b.date));

/**
 * The 2026 and 2027 calendars as checked by hand against OPM's "Federal Holidays" and the federal portaria
 * on feriados e pontos facultativos, by calendar and year; the generated data must reproduce them exactly.
 */
export const HAND_CHECKED_HOLIDAYS: Readonly<Record<HolidayCalendar, Readonly<Record<number, readonly Holiday[]>>>> = {
  'US-FEDERAL': US_FEDERAL_CHECKED,
  'BR-NATIONAL': BR_NATIONAL_CHECKED,
  'BR-FEDERAL-OFFICES': { 2026: officesChecked(2026), 2027: officesChecked(2027) },
};

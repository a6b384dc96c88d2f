/** Holiday calendars the business-day clocks count against, by id. */
export const HOLIDAY_CALENDARS = ['US-FEDERAL', 'BR-NATIONAL', 'BR-FEDERAL-OFFICES'] as const;
/** A holiday calendar id. */
export type HolidayCalendar = (typeof HOLIDAY_CALENDARS)[number];

/** Calendar years (Gregorian) for which every calendar has holiday data. */
export const HOLIDAY_YEARS: readonly number[] = [2026, 2027];

/** One public holiday: its local date (ISO `yyyy-mm-dd`, in the jurisdiction's own calendar) and name. */
export interface Holiday {
  readonly date: string;
  readonly name: string;
}

// US federal holidays as observed by federal offices (5 U.S.C. 6103; OPM "Federal Holidays" for 2026
// and 2027): a Saturday holiday is observed on the Friday before, a Sunday holiday on the Monday after.
// Inauguration Day (DC area only) is left out. The SEC counts business days against these (Rule 0-3).
const US_FEDERAL: Readonly<Record<number, readonly Holiday[]>> = {
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

// Brazilian national holidays (feriados nacionais): Lei 662/1949 as amended by Lei 10.607/2002,
// Lei 6.802/1980 (Aparecida), Lei 14.759/2023 (Consciência Negra, national from 2024), and Good Friday
// as listed by the federal government's annual portaria on feriados e pontos facultativos.
// No weekend shifting: a holiday that falls on a weekend is simply lost. Movable dates follow Easter
// (2026-04-05, 2027-03-28), written out here rather than computed.
const BR_NATIONAL: Readonly<Record<number, readonly Holiday[]>> = {
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

// Whole-day pontos facultativos on which federal offices (ANPD among them) traditionally close. They
// are not legal holidays and each year's portaria declares them anew, so they live in a separate
// calendar; the half days (Ash Wednesday morning, 24 and 31 December afternoons) and Dia do Servidor
// Público (often moved) are left out.
const BR_FEDERAL_CLOSURES: Readonly<Record<number, readonly Holiday[]>> = {
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

/** Every calendar's holidays, by calendar id and year, sorted by date; a missing year means no data. */
export const HOLIDAYS: Readonly<Record<HolidayCalendar, Readonly<Record<number, readonly Holiday[]>>>> = {
  'US-FEDERAL': US_FEDERAL,
  'BR-NATIONAL': BR_NATIONAL,
  'BR-FEDERAL-OFFICES': {
    2026: [...BR_NATIONAL[2026]!, ...BR_FEDERAL_CLOSURES[2026]!].sort((a, b) => a.date.localeCompare(b.date)),
    2027: [...BR_NATIONAL[2027]!, ...BR_FEDERAL_CLOSURES[2027]!].sort((a, b) => a.date.localeCompare(b.date)),
  },
};

/** The holiday dates (ISO `yyyy-mm-dd`, local to the jurisdiction) of a calendar in a year, or undefined when the year has no data. */
export function holidaysFor(calendar: HolidayCalendar, year: number): readonly string[] | undefined {
  return HOLIDAYS[calendar]?.[year]?.map((h) => h.date);
}

/** Thrown when a business-day count reaches a year its holiday calendar has no data for: the engine never guesses holidays. */
export class MissingHolidayDataError extends Error {
  constructor(
    readonly calendar: string,
    readonly year: number,
  ) {
    super(`no holiday data for calendar ${calendar} in ${year}; add that year to src/domain/holidays.ts`);
    this.name = 'MissingHolidayDataError';
  }
}

import { HOLIDAY_DATA, HOLIDAY_DATA_YEARS } from './holiday-data';

/** Holiday calendars the business-day clocks count against, by id. */
export const HOLIDAY_CALENDARS = ['US-FEDERAL', 'BR-NATIONAL', 'BR-FEDERAL-OFFICES'] as const;
/** A holiday calendar id. */
export type HolidayCalendar = (typeof HOLIDAY_CALENDARS)[number];

/** Calendar years (Gregorian) for which every calendar has holiday data: the range scripts/generate-holidays.ts generates. */
export const HOLIDAY_YEARS: readonly number[] = HOLIDAY_DATA_YEARS;

/** One public holiday: its local date (ISO `yyyy-mm-dd`, in the jurisdiction's own calendar) and name. */
export interface Holiday {
  readonly date: string;
  readonly name: string;
}

// The data is generated ahead of time (scripts/generate-holidays.ts, from the pinned date-holidays library and
// the corrections in holiday-overrides.ts) because every workflow evaluates every module of the bundle: the
// library itself must never be imported here.
//
// US-FEDERAL: US federal holidays as observed by federal offices (5 U.S.C. 6103; OPM "Federal Holidays"): a
// Saturday holiday is observed on the Friday before, a Sunday holiday on the Monday after, so New Year's Day of
// a year starting on a Saturday is observed on December 31 of the year before. Closures ordered by executive
// order are added as overrides. Inauguration Day (DC area only) is left out. The SEC counts business days
// against these (Rule 0-3).
//
// BR-NATIONAL: Brazilian national holidays (feriados nacionais): Lei 662/1949 as amended by Lei 10.607/2002,
// Lei 6.802/1980 (Aparecida), Lei 14.759/2023 (Consciência Negra, national from 2024), and Good Friday as listed
// by the federal government's annual portaria on feriados e pontos facultativos. No weekend shifting: a holiday
// that falls on a weekend is simply lost. Movable dates follow Easter.
//
// BR-FEDERAL-OFFICES: the national holidays plus the whole-day pontos facultativos on which federal offices
// (ANPD among them) traditionally close: Carnival Monday and Tuesday and Corpus Christi. They are not legal
// holidays and each year's portaria declares them anew, so they live in a separate calendar; the half days
// (Ash Wednesday morning, 24 and 31 December afternoons) and Dia do Servidor Público (often moved) are left out.

/** Every calendar's holidays, by calendar id and year, sorted by date; a missing year means no data. */
export const HOLIDAYS: Readonly<Record<HolidayCalendar, Readonly<Record<number, readonly Holiday[]>>>> = HOLIDAY_DATA;

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
    super(
      `no holiday data for calendar ${calendar} in ${year}; the data covers ${HOLIDAY_YEARS[0]}–${HOLIDAY_YEARS[HOLIDAY_YEARS.length - 1]}: widen the range in scripts/holiday-calendars.ts and run npx tsx scripts/generate-holidays.ts`,
    );
    this.name = 'MissingHolidayDataError';
  }
}

import { IANAZone } from 'luxon';
import { z } from 'zod';
import { minutesOfDay, WEEKDAYS, type WorkingHours } from './working-hours';

const TimeOfDaySchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'A time of day as HH:mm, 00:00 to 23:59');

/** A contact's working hours: an IANA zone, ISO weekdays (1 Monday … 7 Sunday), and a same-day window start < end. */
export const WorkingHoursSchema = z
  .strictObject({
    zone: z
      .string()
      .max(64)
      .refine((zone) => IANAZone.isValidZone(zone), 'An IANA time zone, e.g. Europe/Berlin')
      // The document states what every IANA name looks like; the zone database itself decides (the refine above).
      .meta({ pattern: '^[A-Za-z0-9_+/-]+$' })
      .describe('IANA time zone of the hours'),
    days: z
      .array(z.union(WEEKDAYS.map((day) => z.literal(day))))
      .min(1, 'At least one working day')
      .max(7)
      .refine((days) => new Set(days).size === days.length, 'Each day once')
      .describe('ISO weekdays: 1 Monday … 7 Sunday'),
    start: TimeOfDaySchema.describe('Local start time, inclusive'),
    end: TimeOfDaySchema.describe('Local end time, exclusive; windows across midnight are not supported'),
  })
  .refine((hours) => !TimeOfDaySchema.safeParse(hours.start).success || !TimeOfDaySchema.safeParse(hours.end).success || minutesOfDay(hours.start) < minutesOfDay(hours.end), {
    message: 'start must be before end',
    path: ['end'],
  })
  // The schema's output must stay usable as the domain type.
  .meta({ id: 'WorkingHours' }) satisfies z.ZodType<WorkingHours>;

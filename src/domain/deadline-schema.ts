// A legal clock as the API reads and writes it (zod); the clock arithmetic is in deadlines.ts, zod-free for the workflow bundle.
import { z } from 'zod';
import { IsoDateTimeSchema } from './iso-date-time';

/** Where a clock stands: waiting for its trigger, running, met by a notice, passed without one, or waived with a reason. */
export const DeadlineStatusSchema = z.enum(['awaiting-trigger', 'pending', 'met', 'overdue', 'waived']);
export type DeadlineStatus = z.infer<typeof DeadlineStatusSchema>;

/** One legal clock on an incident; instants are ISO 8601 in UTC, null while its trigger has not happened. */
export const DeadlineSchema = z
  .object({
    regime: z.string(),
    obligation: z.string(),
    trigger: z.string().describe('The event that starts the clock, or "after:<obligation>" for a clock chained to another'),
    startsAt: IsoDateTimeSchema.nullable(),
    dueAt: IsoDateTimeSchema.nullable(),
    status: DeadlineStatusSchema,
    metAt: IsoDateTimeSchema.nullable(),
    waivedReason: z.string().nullable(),
    targetAt: IsoDateTimeSchema.nullable()
      .optional()
      .describe('For a duty without a fixed period: the end of the target the organisation set itself (not a legal deadline)'),
  })
  .meta({ id: 'Deadline' });
export type Deadline = z.infer<typeof DeadlineSchema>;

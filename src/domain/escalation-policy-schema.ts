// Escalation ladders as the API reads and writes them (zod); the ladder arithmetic is in escalation-policy.ts, zod-free for the workflow bundle.
import { z } from 'zod';
import { REPEAT_ID } from './escalation-policy';

/** Who an escalation goes to: the incident owner, the DPO, legal counsel or leadership. */
export const RecipientRoleSchema = z.enum(['owner', 'dpo', 'legal', 'leadership']);
export type RecipientRole = z.infer<typeof RecipientRoleSchema>;

const RecipientsSchema = z
  .array(RecipientRoleSchema)
  .min(1, 'Name at least one recipient')
  .refine((roles) => new Set(roles).size === roles.length, 'Name each recipient once');

/** One rung of the ladder: when it fires (a fraction of the clock's duration, or fixed hours before due), to whom, and whether it is the overdue rung. */
export const EscalationRungSchema = z
  .strictObject({
    id: z
      .string()
      .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'Kebab-case id, e.g. "reminder-1"')
      .max(64)
      .refine((id) => !REPEAT_ID.test(id), 'Ids "overdue-repeat-<n>" are reserved for repeats'),
    atFraction: z.number().gt(0).lte(1).optional().describe('Fraction of the elapsed duration dueAt − startsAt, 0 < f ≤ 1'),
    beforeDueHours: z.number().min(0).max(100_000).optional().describe('Alternative to atFraction: fixed hours before dueAt'),
    recipients: RecipientsSchema,
    kind: z.enum(['reminder', 'overdue']),
    waitForWorkingHours: z
      .boolean()
      .optional()
      .describe("A reminder that waits for each recipient's working hours (never past the clock's due time); default false: at once"),
  })
  .superRefine((rung, ctx) => {
    if ((rung.atFraction === undefined) === (rung.beforeDueHours === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['atFraction'], message: 'Give exactly one of atFraction and beforeDueHours' });
      return;
    }
    const atDue = rung.atFraction === 1 || rung.beforeDueHours === 0;
    if (rung.kind === 'overdue' && !atDue) {
      ctx.addIssue({ code: 'custom', path: ['kind'], message: 'The overdue rung fires at the due time: atFraction 1 or beforeDueHours 0' });
    }
    if (rung.kind === 'reminder' && atDue) {
      ctx.addIssue({ code: 'custom', path: ['kind'], message: 'A reminder fires before the due time' });
    }
    // The deadline has passed: an overdue notice goes at once, whatever the hour.
    if (rung.kind === 'overdue' && rung.waitForWorkingHours) {
      ctx.addIssue({ code: 'custom', path: ['waitForWorkingHours'], message: 'The overdue rung goes at once; only reminders wait for working hours' });
    }
  });
export type EscalationRung = z.infer<typeof EscalationRungSchema>;

/** After the due time: repeat the overdue message every fixed hours or every fraction of the clock's duration. */
export const OverdueRepeatSchema = z
  .strictObject({
    everyHours: z.number().positive().max(100_000).optional(),
    everyFraction: z.number().positive().max(100).optional(),
    recipients: RecipientsSchema,
  })
  .refine((r) => (r.everyHours === undefined) !== (r.everyFraction === undefined), {
    path: ['everyHours'],
    message: 'Give exactly one of everyHours and everyFraction',
  });
export type OverdueRepeat = z.infer<typeof OverdueRepeatSchema>;

/** The escalation ladder of a legal clock: reminder rungs, exactly one overdue rung at the due time, and optional overdue repeats. */
export const EscalationPolicySchema = z
  .strictObject({
    rungs: z.array(EscalationRungSchema).min(1).max(50),
    repeatOverdue: OverdueRepeatSchema.nullable(),
  })
  .superRefine((policy, ctx) => {
    if (policy.rungs.filter((r) => r.kind === 'overdue').length !== 1) {
      ctx.addIssue({ code: 'custom', path: ['rungs'], message: 'Exactly one rung is of kind "overdue"' });
    }
    const seen = new Set<string>();
    policy.rungs.forEach((rung, i) => {
      if (seen.has(rung.id)) ctx.addIssue({ code: 'custom', path: ['rungs', i, 'id'], message: `Duplicate rung id "${rung.id}"` });
      seen.add(rung.id);
    });
  })
  .meta({ id: 'EscalationPolicy' });
export type EscalationPolicy = z.infer<typeof EscalationPolicySchema>;

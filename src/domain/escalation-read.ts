import { z } from 'zod';
import { DeadlineReadSchema, EscalationSchema } from './incident';
import { IsoDateTimeSchema } from './time';

/** One delivery of an escalation: a recipient on a channel, with its attempts. */
export const DeliveryReadSchema = z
  .object({
    id: z.uuid(),
    escalationId: z.uuid(),
    contactName: z.string(),
    channel: z.enum(['email', 'webhook']),
    target: z.string(),
    status: z.enum(['pending', 'sent', 'failed']),
    attempts: z.number().int(),
    lastError: z.string().nullable(),
    sentAt: IsoDateTimeSchema.nullable(),
  })
  .meta({ id: 'Delivery' });

/** An incident's escalations with their deliveries. */
export const EscalationListSchema = z
  .object({ items: z.array(EscalationSchema.extend({ deliveries: z.array(DeliveryReadSchema) })) })
  .meta({ id: 'EscalationList' });
export type EscalationList = z.infer<typeof EscalationListSchema>;

/** A running clock across incidents, for the deadline board. */
export const DeadlineBoardEntrySchema = DeadlineReadSchema.extend({ incidentId: z.uuid(), reference: z.string(), title: z.string() }).meta({ id: 'DeadlineBoardEntry' });

/** A page of running clocks, soonest due first. */
export const DeadlineBoardSchema = z.object({ items: z.array(DeadlineBoardEntrySchema), nextCursor: z.string().nullable() }).meta({ id: 'DeadlineBoard' });
export type DeadlineBoard = z.infer<typeof DeadlineBoardSchema>;

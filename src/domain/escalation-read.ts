import { z } from 'zod';
import { DELIVERY_CHANNELS } from './delivery-channel';
import { DeadlineReadSchema, EscalationSchema } from './incident';
import { IsoDateTimeSchema } from './iso-date-time';

/** One delivery of an escalation: a recipient on a channel, with its attempts. */
export const DeliveryReadSchema = z
  .object({
    id: z.uuid(),
    escalationId: z.uuid(),
    contactName: z.string(),
    channel: z.enum(DELIVERY_CHANNELS).describe("slack: an incoming webhook; slack-app: the organisation's Slack app posting to a channel"),
    target: z.string().describe('The address, URL or channel id; for PagerDuty only the routing key’s last 4 characters'),
    status: z.enum(['pending', 'sent', 'failed', 'withdrawn']).describe('withdrawn: waited for working hours and was no longer owed (lastError says why)'),
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

/** A contact named by id, with its name. */
export const ContactRefSchema = z.object({ contactId: z.uuid(), name: z.string() }).meta({ id: 'ContactRef' });

/** An escalation named by id, with its rung, kind and when it was raised. */
export const EscalationRefSchema = EscalationSchema.pick({ id: true, rung: true, kind: true, raisedAt: true }).meta({ id: 'EscalationRef' });

/** A running clock across incidents, for the deadline board: the incident, its owner, and the state of the clock's escalations. */
export const DeadlineBoardEntrySchema = DeadlineReadSchema.extend({
  incidentId: z.uuid(),
  reference: z.string(),
  title: z.string(),
  owner: z.union([ContactRefSchema, z.null()]).describe("The incident's owner contact, null when none is named"),
  unacknowledgedEscalations: z.number().int().describe('Escalations of this clock no recipient has acknowledged yet'),
  latestEscalation: z.union([EscalationRefSchema, z.null()]).describe('The last escalation this clock raised, null before its first'),
}).meta({ id: 'DeadlineBoardEntry' });

/** A page of running clocks, overdue first (most overdue leading), then soonest due. */
export const DeadlineBoardSchema = z.object({ items: z.array(DeadlineBoardEntrySchema), nextCursor: z.string().nullable() }).meta({ id: 'DeadlineBoard' });
export type DeadlineBoard = z.infer<typeof DeadlineBoardSchema>;

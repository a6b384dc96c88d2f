import { z } from 'zod';

/** The channels an escalation can be acknowledged through: the console (a person's session), the API (a key), Slack or PagerDuty. */
export const ACKNOWLEDGEMENT_CHANNELS = ['console', 'api', 'slack', 'pagerduty'] as const;

/** Through which channel an escalation was acknowledged. */
export const AcknowledgementChannelSchema = z.enum(ACKNOWLEDGEMENT_CHANNELS).describe('Through which channel it was acknowledged');
export type AcknowledgementChannel = z.infer<typeof AcknowledgementChannelSchema>;

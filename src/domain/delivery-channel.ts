/**
 * The channels an escalation is delivered on, one delivery per recipient contact and channel: `slack` is an incoming
 * webhook (target: its URL), `slack-app` a chat.postMessage with the organisation's bot token (target: the channel id).
 */
export const DELIVERY_CHANNELS = ['email', 'webhook', 'slack', 'slack-app', 'teams', 'pagerduty'] as const;
export type DeliveryChannel = (typeof DELIVERY_CHANNELS)[number];

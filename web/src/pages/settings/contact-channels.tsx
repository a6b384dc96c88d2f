import type { components } from '../../api/schema';
import { CheckboxField, TextField } from '../../components/field';

type Contact = components['schemas']['Contact'];

/** A contact's channels as the form holds them; the routing key is only ever typed, never read back. */
export interface ChannelsInput {
  email: string;
  webhookUrl: string;
  slackWebhookUrl: string;
  slackChannel: string;
  teamsWebhookUrl: string;
  pagerDutyRoutingKey: string;
  removePagerDuty: boolean;
}

/** Labels of the channel fields by error path, for the fields and the form summary. */
export const CHANNEL_LABELS = {
  email: 'Email',
  webhookUrl: 'Webhook URL',
  slackWebhookUrl: 'Slack webhook URL',
  slackChannel: 'Slack channel id',
  teamsWebhookUrl: 'Teams webhook URL',
  pagerDutyRoutingKey: 'PagerDuty routing key',
};

type TextChannel = Exclude<keyof ChannelsInput, 'removePagerDuty' | 'pagerDutyRoutingKey'>;
const URL_AND_ADDRESS_CHANNELS: readonly TextChannel[] = ['email', 'webhookUrl', 'slackWebhookUrl', 'slackChannel', 'teamsWebhookUrl'];

/** The form's values for a contact's channels (empty for a new contact). */
export function channelsInput(contact?: Contact): ChannelsInput {
  return {
    email: contact?.email ?? '',
    webhookUrl: contact?.webhookUrl ?? '',
    slackWebhookUrl: contact?.slackWebhookUrl ?? '',
    slackChannel: contact?.slackChannel ?? '',
    teamsWebhookUrl: contact?.teamsWebhookUrl ?? '',
    pagerDutyRoutingKey: '',
    removePagerDuty: false,
  };
}

/** The channels of a create request: each as typed, left out when empty. */
export function channelsCreateBody(input: ChannelsInput): Record<string, string | undefined> {
  const body: Record<string, string | undefined> = { pagerDutyRoutingKey: input.pagerDutyRoutingKey.trim() || undefined };
  for (const name of URL_AND_ADDRESS_CHANNELS) body[name] = input[name].trim() || undefined;
  return body;
}

/** The channels of a change: an emptied field removes its channel (null); the routing key changes only when one is typed or it is removed. */
export function channelsUpdateBody(input: ChannelsInput): Record<string, string | null | undefined> {
  const body: Record<string, string | null | undefined> = { pagerDutyRoutingKey: input.removePagerDuty ? null : input.pagerDutyRoutingKey.trim() || undefined };
  for (const name of URL_AND_ADDRESS_CHANNELS) body[name] = input[name].trim() || null;
  return body;
}

/**
 * The channel fields, with where each lets the person acknowledge. `pagerDutyEnding` is set when editing: the stored
 * key's last 4 characters (null: none stored), kept unless a new key is typed or it is removed.
 */
export function ChannelFields({ value, onChange, errors, pagerDutyEnding }: { value: ChannelsInput; onChange: (value: ChannelsInput) => void; errors: Record<string, string>; pagerDutyEnding?: string | null }) {
  const set =
    <K extends keyof ChannelsInput>(name: K) =>
    (v: ChannelsInput[K]) =>
      onChange({ ...value, [name]: v });
  const text = (name: TextChannel, type: string, hint: string) => (
    <TextField label={CHANNEL_LABELS[name]} name={name} type={type} value={value[name]} onChange={set(name)} error={errors[name]} hint={hint} inputProps={{ spellCheck: false }} />
  );
  const keyStored = typeof pagerDutyEnding === 'string';
  return (
    <fieldset className="field-set">
      <legend>Channels</legend>
      <p className="hint">At least one. Only the Slack app channel and PagerDuty acknowledge where the message arrives; the others link to the console.</p>
      <div className="field-row">
        {text('email', 'email', 'The email links to the console to acknowledge.')}
        {text('webhookUrl', 'url', 'Signed (Standard Webhooks); its secret is shown once.')}
      </div>
      <div className="field-row">
        {text('slackChannel', 'text', 'Our Slack app posts there with an Acknowledge button. The id (e.g. C0123456789, in the channel’s details), not its name.')}
        {text('slackWebhookUrl', 'url', 'An incoming webhook; the message links to the console.')}
      </div>
      <div className="field-row">
        {text('teamsWebhookUrl', 'url', 'A Teams workflow webhook; the message links to the console.')}
        <div className="field-stack">
          <TextField
            label={CHANNEL_LABELS.pagerDutyRoutingKey}
            name="pagerDutyRoutingKey"
            type="password"
            value={value.removePagerDuty ? '' : value.pagerDutyRoutingKey}
            onChange={set('pagerDutyRoutingKey')}
            error={errors.pagerDutyRoutingKey}
            hint={
              keyStored
                ? `Ends in …${pagerDutyEnding}. Leave empty to keep it; type a new one to replace it.`
                : 'Events API v2 integration key, 32 characters; never shown again. Acknowledging in PagerDuty acknowledges here.'
            }
            inputProps={{ autoComplete: 'new-password', spellCheck: false, disabled: value.removePagerDuty }}
          />
          {keyStored && <CheckboxField label="Remove the PagerDuty channel" name="removePagerDuty" checked={value.removePagerDuty} onChange={set('removePagerDuty')} />}
        </div>
      </div>
    </fieldset>
  );
}

function host(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/** A contact's channels in a table cell, one per line: "Email dana@…", "Slack app #C0123456789", "PagerDuty …1234". */
export function ContactChannelList({ contact }: { contact: Contact }) {
  const channels: [string, string][] = [];
  if (contact.email) channels.push(['Email', contact.email]);
  if (contact.webhookUrl) channels.push(['Webhook', host(contact.webhookUrl)]);
  if (contact.slackChannel) channels.push(['Slack app', `#${contact.slackChannel}`]);
  if (contact.slackWebhookUrl) channels.push(['Slack', 'webhook']);
  if (contact.teamsWebhookUrl) channels.push(['Teams', 'webhook']);
  if (contact.pagerDutyRoutingKeyEnding) channels.push(['PagerDuty', `…${contact.pagerDutyRoutingKeyEnding}`]);
  return (
    <ul className="channel-list">
      {channels.map(([kind, detail]) => (
        <li key={kind}>
          <span className="channel-kind">{kind}</span> <span className="break">{detail}</span>
        </li>
      ))}
    </ul>
  );
}

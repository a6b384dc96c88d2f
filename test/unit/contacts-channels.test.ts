import type { z } from 'zod';
import { reportedIssues } from '../../src/api/zod-issues';
import { ContactCreateSchema, ContactReadSchema, ContactUpdateSchema } from '../../src/domain/contacts';

const CONTACT = { name: 'Dana Privacy', role: 'dpo' } as const;
const ROUTING_KEY = 'R0ut1ngKeyR0ut1ngKeyR0ut1ngKey12';
const BERLIN_OFFICE = { zone: 'Europe/Berlin', days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' };

function reported(schema: z.ZodType, value: unknown) {
  const result = schema.safeParse(value);
  if (result.success) throw new Error('expected a refusal');
  return reportedIssues(result.error.issues).map(({ path, code, message }) => ({ path, code, message }));
}

describe('ContactCreateSchema', () => {
  it.each([
    ['a Slack incoming webhook', { slackWebhookUrl: 'https://hooks.slack.com/services/T000/B000/XXXX' }],
    ['a Slack channel', { slackChannel: 'C0123456789' }],
    ['a Teams workflow webhook', { teamsWebhookUrl: 'https://prod-00.westeurope.logic.azure.com/workflows/abc/triggers/manual/paths/invoke' }],
    ['a PagerDuty routing key', { pagerDutyRoutingKey: ROUTING_KEY }],
  ])('accepts a contact reached only on %s', (_label, channel) => {
    expect(ContactCreateSchema.parse({ ...CONTACT, ...channel })).toEqual({ ...CONTACT, ...channel });
  });

  it('accepts every channel together with email, webhook and working hours', () => {
    const contact = {
      ...CONTACT,
      email: 'dpo@example.test',
      webhookUrl: 'https://hooks.example.test/breach',
      slackWebhookUrl: 'https://hooks.slack.com/services/T000/B000/XXXX',
      slackChannel: 'C0123456789',
      teamsWebhookUrl: 'https://teams.example.test/hook',
      pagerDutyRoutingKey: ROUTING_KEY,
      workingHours: BERLIN_OFFICE,
    };
    expect(ContactCreateSchema.parse(contact)).toEqual(contact);
  });

  it('keeps the email-or-webhook refusal of a contact with no channel at all', () => {
    expect(reported(ContactCreateSchema, CONTACT)).toEqual([{ path: ['email'], code: 'invalid_type', message: 'Give an email address or a webhook URL' }]);
    expect(reported(ContactCreateSchema, { ...CONTACT, workingHours: BERLIN_OFFICE })).toEqual([
      { path: ['email'], code: 'invalid_type', message: 'Give an email address or a webhook URL' },
    ]);
  });

  it('keeps refusing a webhook secret without a webhook URL, with a chat channel given too', () => {
    expect(reported(ContactCreateSchema, { ...CONTACT, slackChannel: 'C0123456789', email: 'dpo@example.test', webhookSecret: `whsec_${'A'.repeat(32)}` })).toEqual([
      { path: ['webhookUrl'], code: 'invalid_type', message: 'An http(s) URL' },
    ]);
  });

  it.each([
    ['31 characters', ROUTING_KEY.slice(1)],
    ['33 characters', `${ROUTING_KEY}x`],
    ['a character other than a letter or digit', `${ROUTING_KEY.slice(1)}-`],
  ])('refuses a routing key of %s at its path', (_label, key) => {
    expect(reported(ContactCreateSchema, { ...CONTACT, pagerDutyRoutingKey: key })).toEqual([
      { path: ['pagerDutyRoutingKey'], code: 'invalid_format', message: 'A PagerDuty routing key: 32 letters or digits' },
    ]);
  });

  it('refuses a time zone that is not IANA at its path', () => {
    expect(reported(ContactCreateSchema, { ...CONTACT, email: 'dpo@example.test', workingHours: { ...BERLIN_OFFICE, zone: 'Mars/Olympus_Mons' } })).toEqual([
      { path: ['workingHours', 'zone'], code: 'custom', message: 'An IANA time zone, e.g. Europe/Berlin' },
    ]);
  });

  it('refuses working hours that end before they start, at the end', () => {
    expect(reported(ContactCreateSchema, { ...CONTACT, pagerDutyRoutingKey: ROUTING_KEY, workingHours: { ...BERLIN_OFFICE, start: '17:00', end: '09:00' } })).toEqual([
      { path: ['workingHours', 'end'], code: 'custom', message: 'start must be before end' },
    ]);
  });

  it('refuses Slack and Teams URLs by the webhook URL rules: http(s) only, no NUL', () => {
    expect(reported(ContactCreateSchema, { ...CONTACT, slackWebhookUrl: 'ftp://hooks.slack.com/services/x' })).toEqual([
      { path: ['slackWebhookUrl'], code: 'invalid_format', message: 'An http(s) URL' },
    ]);
    expect(reported(ContactCreateSchema, { ...CONTACT, teamsWebhookUrl: 'https://teams.example.test/a\u0000b' })).toEqual([
      { path: ['teamsWebhookUrl'], code: 'invalid_format', message: 'Must not contain NUL (U+0000)' },
    ]);
  });

  it('refuses a Slack channel name where a channel id is needed', () => {
    expect(reported(ContactCreateSchema, { ...CONTACT, slackChannel: '#breach-response' })).toEqual([
      { path: ['slackChannel'], code: 'invalid_format', message: 'A Slack channel id, e.g. C0123456789' },
    ]);
  });
});

describe('ContactUpdateSchema', () => {
  it('sets each new field and clears each with null', () => {
    const set = { workingHours: BERLIN_OFFICE, slackWebhookUrl: 'https://hooks.slack.com/services/T/B/X', slackChannel: 'C0123456789', teamsWebhookUrl: 'https://teams.example.test/hook', pagerDutyRoutingKey: ROUTING_KEY };
    const cleared = { workingHours: null, slackWebhookUrl: null, slackChannel: null, teamsWebhookUrl: null, pagerDutyRoutingKey: null };
    expect(ContactUpdateSchema.parse(set)).toEqual(set);
    expect(ContactUpdateSchema.parse(cleared)).toEqual(cleared);
  });

  it('refuses a bad routing key and a bad time zone at their paths', () => {
    expect(reported(ContactUpdateSchema, { pagerDutyRoutingKey: 'short', workingHours: { ...BERLIN_OFFICE, zone: 'CEST+2' } }).map((i) => i.path)).toEqual([
      ['workingHours', 'zone'],
      ['pagerDutyRoutingKey'],
    ]);
  });
});

describe('ContactReadSchema', () => {
  it('has no field for the routing key itself, only its ending', () => {
    expect(Object.keys(ContactReadSchema.shape)).toEqual(expect.arrayContaining(['workingHours', 'slackWebhookUrl', 'slackChannel', 'teamsWebhookUrl', 'pagerDutyRoutingKeyEnding']));
    expect(Object.keys(ContactReadSchema.shape)).not.toContain('pagerDutyRoutingKey');
  });
});

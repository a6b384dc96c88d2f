import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { call, stackEnv } from '../e2e/http';
import { launchBrowser, newContext, SCREENSHOT_DIR, seriousA11yViolations, signIn } from './browser';

const TEAMS_URL = 'https://teams.example.test/workflows/breach/triggers/manual/paths/invoke';
const BERLIN_OFFICE = { zone: 'Europe/Berlin', days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' };

let browser: Browser;
let context: BrowserContext;
const made: string[] = [];

/** A fresh 32-character PagerDuty routing key. */
const routingKey = () => randomUUID().replace(/-/g, '');

/** Creates a contact through the API and remembers it, so it is deactivated afterwards. */
async function contactFixture(json: Record<string, unknown>): Promise<string> {
  const created = await call('POST', '/v1/contacts', { key: stackEnv.adminKey, json });
  expect(created.status).toBe(201);
  made.push(created.body.id as string);
  return created.body.id as string;
}

/** The contact of that name as the API stores it (undefined when there is none). */
async function storedContact(name: string): Promise<Record<string, unknown> | undefined> {
  const list = await call('GET', '/v1/contacts', { key: stackEnv.adminKey });
  expect(list.status).toBe(200);
  return (list.body.items as { name: string }[]).find((c) => c.name === name);
}

/** The error announced with a control: the text of the first element its aria-describedby names. */
async function errorOf(page: Page, control: Locator): Promise<string> {
  expect(await control.getAttribute('aria-invalid')).toBe('true');
  const [errorId] = (await control.getAttribute('aria-describedby'))!.split(' ');
  return (await page.locator(`[id="${errorId}"]`).textContent())!;
}

async function contactsPage(): Promise<Page> {
  context = await newContext(browser);
  const page = await signIn(context, 'admin', '/settings/contacts');
  await page.getByRole('heading', { name: 'Contacts', exact: true }).waitFor();
  await page.getByRole('form', { name: 'Add a contact' }).waitFor();
  return page;
}

async function openEdit(page: Page, name: string): Promise<Locator> {
  await page.getByRole('button', { name: `Edit ${name}` }).click();
  const form = page.getByRole('form', { name: `Edit ${name}` });
  await form.waitFor();
  return form;
}

beforeAll(async () => {
  browser = await launchBrowser();
});
afterEach(async () => {
  await context?.close();
});
afterAll(async () => {
  // Contacts are organisation-wide: later suites must not deliver to these.
  for (const id of made) await call('PATCH', `/v1/contacts/${id}`, { key: stackEnv.adminKey, json: { active: false } });
  await browser?.close();
});

describe('the contacts settings page', () => {
  it('has no serious accessibility violation, the working hours open, and makes the README screenshot', async () => {
    await contactFixture({ name: 'Dana Privacy', role: 'dpo', email: 'dpo@example.test', pagerDutyRoutingKey: routingKey() });
    await contactFixture({ name: 'Priya Legal', role: 'legal', email: 'legal@example.test', slackWebhookUrl: 'https://hooks.slack.example.test/services/T000/B000/XXXX', teamsWebhookUrl: TEAMS_URL, workingHours: BERLIN_OFFICE });
    await contactFixture({ name: 'Executive on-call', role: 'leadership', slackChannel: 'C04LEADERS1', pagerDutyRoutingKey: routingKey(), workingHours: { zone: 'Europe/Paris', days: [1, 2, 3, 4, 5, 6], start: '08:00', end: '20:00' } });
    const page = await contactsPage();
    await page.getByTestId('contact-row').filter({ hasText: 'Executive on-call' }).first().waitFor();
    await page.getByRole('form', { name: 'Add a contact' }).getByRole('checkbox', { name: 'Only during working hours' }).check();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'contacts.png'), fullPage: true });

    // The edit form of a contact with a routing key: its ending and the way to remove it.
    const edit = await openEdit(page, 'Executive on-call');
    await edit.getByRole('checkbox', { name: 'Remove the PagerDuty channel' }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('adds a contact on a Slack app channel, Teams and PagerDuty with working hours: the table and the API show what was typed, the routing key nowhere', async () => {
    const name = `On-call DPO ${randomUUID().slice(0, 8)}`;
    const key = routingKey();
    const page = await contactsPage();
    const form = page.getByRole('form', { name: 'Add a contact' });
    await form.getByLabel('Name', { exact: true }).fill(name);
    await form.getByLabel('Slack channel id').fill('C0123456789');
    await form.getByLabel('Teams webhook URL').fill(TEAMS_URL);
    await form.getByLabel('PagerDuty routing key').fill(key);
    expect(await form.getByLabel('PagerDuty routing key').getAttribute('type')).toBe('password');
    await form.getByRole('checkbox', { name: 'Only during working hours' }).check();
    // Offered ready: the browser's zone (the context's Brussels) and Monday to Friday.
    expect(await form.getByLabel('Time zone').inputValue()).toBe('Europe/Brussels');
    const checkedDays = [];
    for (const day of ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']) checkedDays.push(await form.getByRole('checkbox', { name: day }).isChecked());
    expect(checkedDays).toEqual([true, true, true, true, true, false, false]);
    await form.getByLabel('Time zone').fill('Europe/Berlin');
    await form.getByLabel('From').fill('09:00');
    await form.getByLabel('Until').fill('17:00');
    await form.getByRole('button', { name: 'Add contact' }).click();

    const row = page.getByTestId('contact-row').filter({ hasText: name });
    await row.waitFor();
    expect(await row.locator('[data-label="Channels"]').innerText()).toBe(`Slack app #C0123456789\nTeams webhook\nPagerDuty …${key.slice(-4)}`);
    expect(await row.locator('[data-label="Working hours"]').innerText()).toBe('Mon–Fri 09:00–17:00 Europe/Berlin');
    expect(await form.getByLabel('Name', { exact: true }).inputValue()).toBe('');

    const stored = await storedContact(name);
    if (stored) made.push(stored.id as string);
    expect(stored).toEqual({
      id: expect.any(String),
      name,
      role: 'dpo',
      email: null,
      webhookUrl: null,
      slackWebhookUrl: null,
      slackChannel: 'C0123456789',
      teamsWebhookUrl: TEAMS_URL,
      pagerDutyRoutingKeyEnding: key.slice(-4),
      workingHours: BERLIN_OFFICE,
      apiKeyId: null,
      active: true,
      createdAt: expect.any(String),
    });
    expect(await page.content()).not.toContain(key);
  });

  it('edits a contact: removes the Teams URL and changes the hours, keeping the routing key nobody retyped', async () => {
    const name = `Legal on-call ${randomUUID().slice(0, 8)}`;
    const key = routingKey();
    const id = await contactFixture({ name, role: 'legal', slackChannel: 'C0123456789', teamsWebhookUrl: TEAMS_URL, pagerDutyRoutingKey: key, workingHours: BERLIN_OFFICE });
    const page = await contactsPage();
    const form = await openEdit(page, name);
    expect(await form.getByLabel('Teams webhook URL').inputValue()).toBe(TEAMS_URL);
    expect(await form.getByLabel('PagerDuty routing key').inputValue()).toBe('');
    expect(await form.getByText(`Ends in …${key.slice(-4)}.`).count()).toBe(1);
    expect(await form.getByLabel('Time zone').inputValue()).toBe('Europe/Berlin');

    await form.getByLabel('Teams webhook URL').fill('');
    await form.getByRole('checkbox', { name: 'Friday' }).uncheck();
    await form.getByLabel('From').fill('08:30');
    await form.getByLabel('Until').fill('16:00');
    await form.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('form', { name: 'Add a contact' }).waitFor();

    const row = page.getByTestId('contact-row').filter({ hasText: name });
    await row.getByText('Mon–Thu 08:30–16:00 Europe/Berlin').waitFor();
    expect(await row.locator('[data-label="Channels"]').innerText()).toBe(`Slack app #C0123456789\nPagerDuty …${key.slice(-4)}`);
    expect(await storedContact(name)).toMatchObject({
      id,
      slackChannel: 'C0123456789',
      teamsWebhookUrl: null,
      pagerDutyRoutingKeyEnding: key.slice(-4),
      workingHours: { zone: 'Europe/Berlin', days: [1, 2, 3, 4], start: '08:30', end: '16:00' },
    });
    expect(await page.content()).not.toContain(key);
  });

  it('shows a bad value at its field and changes nothing: end before start, a channel name for an id, the last channel removed', async () => {
    const name = `Leadership ${randomUUID().slice(0, 8)}`;
    await contactFixture({ name, role: 'leadership', slackChannel: 'C0123456789', workingHours: BERLIN_OFFICE });
    const before = await storedContact(name);
    const page = await contactsPage();

    // Refused in the browser by the API's own schema: nothing is sent.
    const form = await openEdit(page, name);
    await form.getByLabel('Until').fill('08:00');
    await form.getByLabel('Slack channel id').fill('#general');
    await form.getByRole('button', { name: 'Save changes' }).click();
    expect(await errorOf(page, form.getByLabel('Until'))).toBe('⚠ start must be before end');
    expect(await errorOf(page, form.getByLabel('Slack channel id'))).toBe('⚠ A Slack channel id, e.g. C0123456789');
    expect(await form.getByRole('alert').innerText()).toMatch(/Until: start must be before end/);

    // Refused by the API: the change would leave no channel; its 422 lands at the email field.
    await form.getByLabel('Until').fill('17:00');
    await form.getByLabel('Slack channel id').fill('');
    await form.getByRole('button', { name: 'Save changes' }).click();
    await form.getByText('The server refused some of the values').waitFor();
    expect(await errorOf(page, form.getByLabel('Email'))).toBe('⚠ Keep an email address, a webhook URL, or a Slack, Teams or PagerDuty channel');
    expect(await storedContact(name)).toEqual(before);

    // The create form points at the field the person meant, among the union's branches.
    await form.getByRole('button', { name: 'Cancel' }).click();
    const create = page.getByRole('form', { name: 'Add a contact' });
    const unsent = `Not sent ${randomUUID().slice(0, 8)}`;
    await create.getByLabel('Name', { exact: true }).fill(unsent);
    await create.getByLabel('Slack channel id').fill('general');
    await create.getByRole('button', { name: 'Add contact' }).click();
    expect(await errorOf(page, create.getByLabel('Slack channel id'))).toBe('⚠ A Slack channel id, e.g. C0123456789');
    expect(await storedContact(unsent)).toBeUndefined();
  });

  it('removes the PagerDuty channel when asked, the key never in the page', async () => {
    const name = `Paged DPO ${randomUUID().slice(0, 8)}`;
    const key = routingKey();
    await contactFixture({ name, role: 'dpo', email: 'paged@example.test', pagerDutyRoutingKey: key });
    const page = await contactsPage();
    const form = await openEdit(page, name);
    await form.getByRole('checkbox', { name: 'Remove the PagerDuty channel' }).check();
    expect(await form.getByLabel('PagerDuty routing key').isDisabled()).toBe(true);
    await form.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('form', { name: 'Add a contact' }).waitFor();

    const row = page.getByTestId('contact-row').filter({ hasText: name });
    await row.locator('[data-label="Channels"]').getByText('paged@example.test').waitFor();
    await row.getByText('PagerDuty').waitFor({ state: 'detached' });
    expect(await row.locator('[data-label="Channels"]').innerText()).toBe('Email paged@example.test');
    expect(await storedContact(name)).toMatchObject({ email: 'paged@example.test', pagerDutyRoutingKeyEnding: null, workingHours: null });
    expect(await page.content()).not.toContain(key);
  });
});

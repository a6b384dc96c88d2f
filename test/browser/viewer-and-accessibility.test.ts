import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { call, eventually, stackEnv } from '../e2e/http';
import { launchBrowser, newContext, seriousA11yViolations, signIn } from './browser';

const HOUR = 3_600_000;
const PHONE = { width: 390, height: 844 };
const INCIDENT_TABS = ['Clocks', 'Containment', 'Investigation', 'Evidence', 'Risk', 'Notification', 'Alerts', 'Timeline', 'Closure'];
const SETTINGS_PAGES = [
  ['/settings/contacts', 'Contacts'],
  ['/settings/organisation', 'Organisation profile'],
  ['/settings/intake-sources', 'Intake sources'],
  ['/settings/api-keys', 'API keys'],
] as const;

/** Waits until the page has its heading and nothing on it still says it is loading. */
async function settled(page: Page): Promise<void> {
  await page.getByRole('heading', { level: 1 }).waitFor();
  await page.getByRole('status').filter({ hasText: /…$/ }).first().waitFor({ state: 'detached' });
}

/** Opens one tab of the incident page as a person does, and waits for it to load. */
async function openTab(page: Page, label: string): Promise<void> {
  const incidentPath = new URL(page.url()).pathname.split('/').slice(0, 3).join('/');
  await page.getByRole('navigation', { name: 'Incident sections' }).getByRole('link', { name: label, exact: true }).click();
  await page.waitForURL((url) => url.pathname === (label === 'Clocks' ? incidentPath : `${incidentPath}/${label.toLowerCase()}`));
  await settled(page);
}

/** The accessible name of every button a person can reach on the page, from Playwright's ARIA snapshot. */
async function buttonNames(page: Page): Promise<string[]> {
  const snapshot = await page.locator('body').ariaSnapshot();
  return [...snapshot.matchAll(/^\s*- button(?: "((?:[^"\\]|\\.)*)")?/gm)].map((m) => (m[1] ?? '').replace(/\\"/g, '"'));
}

// Buttons that change nothing: reading, copying, downloading, navigating, and re-computing the audit chain on the server.
const READ_ONLY_BUTTONS = [/^Sign out$/, /^Menu$/, /^Verify chain$/, /^Copy the (authority|data-subject) draft$/, /^Download the (authority|data-subject) draft \(\.txt\)$/, /^Load more$/, /^Try again$/, /^Search$/, /^Clear filters$/];
const WRITE_BUTTON = /record|save|add|open|close|sign off|upload|^verify$|acknowledge|assign|apply|mark|waive|set status|register|create|revoke|rotate|deactivate|edit/i;

/** Every control a viewer must not be offered: named buttons that write, any form, any field or file input. */
async function writeControls(page: Page): Promise<{ writeButtons: string[]; unknownButtons: string[]; forms: number; fields: number }> {
  const names = await buttonNames(page);
  const main = page.getByRole('main');
  const fields = (
    await Promise.all(['textbox', 'searchbox', 'combobox', 'checkbox', 'radio', 'spinbutton'].map((role) => main.getByRole(role as 'textbox').count()))
  ).reduce((a, b) => a + b, 0);
  return {
    writeButtons: names.filter((n) => WRITE_BUTTON.test(n)),
    unknownButtons: names.filter((n) => !READ_ONLY_BUTTONS.some((r) => r.test(n))),
    // Unnamed forms have no form role: count the elements (the incidents list's search form is role=search, kept apart).
    forms: await main.locator('form:not([role=search])').count(),
    fields: fields + (await main.locator('input[type=file]').count()),
  };
}

const NONE = { writeButtons: [], unknownButtons: [], forms: 0, fields: 0 };

async function post(path: string, json: unknown): Promise<any> {
  const res = await call('POST', path, { key: stackEnv.adminKey, json });
  if (res.status >= 300) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** An open incident with data in most sections of its page, written through the API with the admin key. */
async function incidentWithData(title: string): Promise<{ id: string; reference: string }> {
  const now = Date.now();
  const { id, reference } = await post('/v1/incidents', { title, detectedAt: new Date(now - 3 * HOUR).toISOString(), awareAt: new Date(now - 2 * HOUR).toISOString() });
  const at = new Date(now - HOUR).toISOString();
  await post(`/v1/incidents/${id}/containment-actions`, { action: 'Disabled the compromised account', performedBy: 'IT operations', performedAt: at });
  await post(`/v1/incidents/${id}/findings`, { summary: 'Mailbox rules forwarded invoices to an outside address', details: { forwardedMessages: 230 } });
  await post(`/v1/incidents/${id}/scope`, { dataCategories: ['contact details'], dataSubjectsApprox: 300, recordsApprox: 300, countries: ['BE'], encrypted: false, unintelligible: false });
  await post(`/v1/incidents/${id}/scope`, { dataCategories: ['contact details', 'bank details'], dataSubjectsApprox: 420, recordsApprox: 900, countries: ['BE', 'NL'], encrypted: false, unintelligible: false });
  const evidence = await post(`/v1/incidents/${id}/evidence`, { description: 'Mailbox audit log', source: 'Exchange Online', collectedBy: 'IT operations', collectedAt: at, method: 'log export' });
  const uploaded = await call('PUT', `/v1/incidents/${id}/evidence/${evidence.id}/content`, { key: stackEnv.adminKey, rawBody: Buffer.from(`audit ${title}\n`), contentType: 'application/octet-stream' });
  expect(uploaded.status).toBe(201);
  await post(`/v1/incidents/${id}/risk-assessments`, {
    inputs: {
      dataProcessingContext: { category: 'financial', adjustment: 0, rationale: 'Bank details' },
      easeOfIdentification: { level: 'significant', rationale: 'Names with account numbers' },
      circumstances: { lossOfConfidentiality: 0.25, lossOfIntegrity: 0, lossOfAvailability: 0, maliciousIntent: true, rationale: 'Forwarded on purpose by an attacker' },
    },
  });
  await post(`/v1/incidents/${id}/decisions/supervisory-authority`, { decision: 'notify' });
  return { id, reference };
}

let browser: Browser;
const contexts: BrowserContext[] = [];
const suffix = randomUUID().slice(0, 8);
let rich: { id: string; reference: string };

async function contextFor(login: 'admin' | 'viewer' | 'dpo' | 'responder' | null, viewport?: { width: number; height: number }, path = '/'): Promise<Page> {
  const context = await newContext(browser, viewport);
  contexts.push(context);
  if (login === null) return context.newPage();
  const page = await signIn(context, login, path);
  await settled(page);
  return page;
}

beforeAll(async () => {
  browser = await launchBrowser();
  rich = await incidentWithData(`Invoice mailbox forwarding rule ${suffix}`);
});
afterEach(async () => {
  await Promise.all(contexts.splice(0).map((c) => c.close()));
});
afterAll(async () => {
  await browser?.close();
});

describe('a viewer in the console', () => {
  it('is offered no way to open an incident, and no Settings link', async () => {
    const page = await contextFor('viewer', undefined, `/incidents?q=${suffix}`);
    expect((await (await page.request.get('/v1/session')).json()).role).toBe('viewer');
    await page.getByTestId('incident-row').filter({ hasText: rich.reference }).waitFor();
    expect(await page.getByRole('link', { name: /open (an|the first) incident/i }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /open/i }).count()).toBe(0);
    expect(await writeControls(page)).toEqual({ ...NONE, fields: 3 });
    // The three fields are the search box and the two filters, which only narrow the list.
    expect(await page.getByRole('search', { name: 'Search incidents' }).getByRole('searchbox').count()).toBe(1);

    const nav = page.getByRole('navigation', { name: 'Main' });
    expect(await nav.getByRole('link').allTextContents()).toEqual(['Deadlines', 'Incidents', 'Register']);
    expect(await nav.getByRole('link', { name: 'Settings' }).count()).toBe(0);

    // Typing the address of the form or the settings shows words, not controls.
    await page.goto('/incidents/new');
    await settled(page);
    await page.getByText('Your role can read incidents but not open them.').waitFor();
    expect(await writeControls(page)).toEqual(NONE);
    await page.goto('/settings');
    await settled(page);
    await page.getByText('Settings are for the DPO and administrators. Your role may not change them.').waitFor();
    expect(await writeControls(page)).toEqual(NONE);
  });

  it('reads every section of an incident with data and finds no control that writes; verifying the audit chain still works', async () => {
    const page = await contextFor('viewer', undefined, `/incidents/${rich.id}`);
    await page.getByRole('heading', { level: 1, name: `Invoice mailbox forwarding rule ${suffix}` }).waitFor();
    const seen: Record<string, unknown> = {};
    for (const tab of INCIDENT_TABS) {
      await openTab(page, tab);
      seen[tab] = await writeControls(page);
    }
    expect(seen).toEqual(Object.fromEntries(INCIDENT_TABS.map((t) => [t, NONE])));

    // The data is there to read: the sections a responder or DPO would write to show what was recorded.
    await openTab(page, 'Investigation');
    await page.getByRole('list', { name: 'Changes from version 1' }).waitFor();
    await openTab(page, 'Evidence');
    await page.getByRole('article', { name: 'Mailbox audit log' }).getByText('Content stored').waitFor();
    await openTab(page, 'Risk');
    await page.getByText("Awaiting the DPO's sign-off").waitFor();

    await openTab(page, 'Timeline');
    const entries = await page.getByTestId('timeline-entry').count();
    expect(entries).toBeGreaterThanOrEqual(9);
    await page.getByRole('button', { name: 'Verify chain' }).click();
    await page.getByRole('status').filter({ hasText: `Chain intact: ${entries} entries verified` }).waitFor();
    const verify = await call('GET', `/v1/incidents/${rich.id}/audit/verify`, { key: stackEnv.adminKey });
    expect(verify.body).toEqual({ valid: true, checked: entries, firstBroken: null, head: { seq: entries, hash: expect.stringMatching(/^[0-9a-f]{64}$/), found: true } });
  });
});

describe('the console under axe-core: no serious or critical violation', () => {
  it('on the board, the incidents list, the open form, the register, the not-found page and every settings page (admin)', async () => {
    const page = await contextFor('admin');
    const found: Record<string, string[]> = {};
    found.board = await seriousA11yViolations(page);
    for (const [path, name] of [
      [`/incidents?q=${suffix}`, 'incidents'],
      ['/incidents/new', 'open incident'],
      ['/register', 'register'],
      ['/no-such-page', 'not found'],
    ] as const) {
      await page.goto(path);
      await settled(page);
      found[name] = await seriousA11yViolations(page);
    }
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Page not found');
    for (const [path, heading] of SETTINGS_PAGES) {
      await page.goto(path);
      await settled(page);
      await page.getByRole('heading', { name: heading, exact: true }).waitFor();
      found[path] = await seriousA11yViolations(page);
    }
    expect(found).toEqual(Object.fromEntries(Object.keys(found).map((k) => [k, []])));
    expect(Object.keys(found)).toHaveLength(9);
  });

  it('on every section of an incident page with data (admin, who sees every form)', async () => {
    const page = await contextFor('admin', undefined, `/incidents/${rich.id}`);
    const found: Record<string, string[]> = {};
    for (const tab of INCIDENT_TABS) {
      await openTab(page, tab);
      found[tab] = await seriousA11yViolations(page);
    }
    expect(found).toEqual(Object.fromEntries(INCIDENT_TABS.map((t) => [t, []])));
    // The forms were there to be checked, and the viewer's check above does find write controls where they are offered.
    await openTab(page, 'Risk');
    expect(await page.getByRole('form', { name: 'Sign off assessment version 1' }).count()).toBe(1);
    const offered = await writeControls(page);
    expect(offered.writeButtons).toEqual(['Sign off', 'Record assessment']);
    expect(offered.forms).toBe(2);
    expect(offered.fields).toBeGreaterThan(10);
  });

  it('on the escalation page of an overdue GDPR clock', async () => {
    const awareAt = new Date(Date.now() - 80 * HOUR).toISOString();
    const { id } = await post('/v1/incidents', { title: `Overdue laptop theft ${suffix}`, detectedAt: awareAt, awareAt });
    const escalations = await eventually(() => call('GET', `/v1/incidents/${id}/escalations`, { key: stackEnv.adminKey }), (r) => r.body.items.length > 0, 30_000);
    expect(escalations.body.items.length).toBeGreaterThan(0);
    const escalation = escalations.body.items.find((e: { kind: string }) => e.kind !== 'reminder') ?? escalations.body.items[0];

    const page = await contextFor('admin', undefined, `/incidents/${id}/escalations/${escalation.id}`);
    await page.getByRole('button', { name: 'Acknowledge' }).waitFor();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toMatch(/GDPR/);
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('on the pages shown without a session: signed out, no role', async () => {
    const page = await contextFor(null);
    await page.goto('/signed-out');
    await page.getByRole('heading', { level: 1, name: 'You are signed out' }).waitFor();
    const signedOut = await seriousA11yViolations(page);
    await page.goto('/no-role');
    await page.getByRole('heading', { level: 1, name: 'Your account has no role in this console' }).waitFor();
    expect({ signedOut, noRole: await seriousA11yViolations(page) }).toEqual({ signedOut: [], noRole: [] });
  });

  it('at phone width (390×844) on the board and on the incident page, menu closed and open', async () => {
    const page = await contextFor('viewer', PHONE);
    await page.getByRole('heading', { level: 1, name: 'Deadline board' }).waitFor();
    const menu = page.getByRole('button', { name: 'Menu' });
    expect(await menu.isVisible()).toBe(true);
    const found: Record<string, string[]> = { board: await seriousA11yViolations(page) };
    await menu.click();
    expect(await menu.getAttribute('aria-expanded')).toBe('true');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Incidents' }).waitFor();
    found['board, menu open'] = await seriousA11yViolations(page);

    await page.goto(`/incidents/${rich.id}`);
    await settled(page);
    await page.getByTestId('incident-clock').waitFor();
    found.clocks = await seriousA11yViolations(page);
    await openTab(page, 'Investigation');
    found.investigation = await seriousA11yViolations(page);
    expect(found).toEqual({ board: [], 'board, menu open': [], clocks: [], investigation: [] });
  });
});

describe('keyboard use', () => {
  it('makes the skip link the first Tab stop, and following it moves focus to the main content', async () => {
    const page = await contextFor('viewer');
    const isFocused = (locator: ReturnType<Page['getByRole']>) =>
      locator.evaluate((element) => element === (globalThis as unknown as { document: { activeElement: unknown } }).document.activeElement);
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Skip to main content' });
    expect(await isFocused(skip)).toBe(true);
    expect(await skip.isVisible()).toBe(true);
    await page.keyboard.press('Enter');
    expect(new URL(page.url()).hash).toBe('#main');
    expect(await isFocused(page.getByRole('main'))).toBe(true);
  });
});

describe('the readiness banner', () => {
  it('says PostgreSQL is unreachable when /readyz answers 503 for it, and the page keeps its content', async () => {
    // The real answer's shape, which the fake below mirrors for an outage.
    expect((await call('GET', '/readyz')).body).toEqual({ status: 'ready', checks: { postgres: 'ok', temporal: 'ok' } });
    const context = await newContext(browser);
    contexts.push(context);
    // The one fake in these tests: stopping the shared stack's PostgreSQL would break every other suite running against
    // it, so the browser is given the documented 503 that /readyz answers while PostgreSQL is down (the API side of
    // that answer is tested for real in test/e2e/unavailable.e2e.test.ts). What is tested is the console's reaction.
    await context.route('**/readyz', (route) =>
      route.fulfill({ status: 503, contentType: 'application/json', body: JSON.stringify({ status: 'unavailable', checks: { postgres: 'unavailable', temporal: 'ok' } }) }),
    );
    const page = await signIn(context, 'viewer');
    const banner = page.getByRole('alert').filter({ hasText: 'PostgreSQL is unreachable' });
    await banner.waitFor();
    expect(await banner.textContent()).toContain("PostgreSQL is unreachable — changes can't be saved right now; retrying…");
    expect(await page.getByText(/Temporal is unreachable/).count()).toBe(0);
    await page.getByRole('heading', { level: 1, name: 'Deadline board' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Running clocks' }).waitFor();
    expect(await page.getByRole('navigation', { name: 'Main' }).isVisible()).toBe(true);
    expect(await seriousA11yViolations(page)).toEqual([]);
  });
});

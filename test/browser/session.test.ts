import type { Browser, BrowserContext } from 'playwright-core';
import { call, countRows, eventually, openPool, stackEnv } from '../e2e/http';
import { launchBrowser, newContext, signIn } from './browser';
import type pg from 'pg';

let browser: Browser;
let pool: pg.Pool;

beforeAll(async () => {
  browser = await launchBrowser();
  pool = openPool();
});
afterAll(async () => {
  await browser?.close();
  await pool?.end();
});

const incident = () => ({ title: `Console session test ${Date.now()}`, detectedAt: new Date().toISOString() });

describe('people signed in through OpenID Connect', () => {
  let context: BrowserContext;
  afterEach(async () => {
    await context?.close();
  });

  it('sends a visitor without a session to the provider and back to the page they asked for, signed in with the mapped role', async () => {
    context = await newContext(browser);
    const page = await signIn(context, 'responder', '/incidents?status=open');
    expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe('/incidents?status=open');
    const session = await page.request.get('/v1/session');
    expect(session.status()).toBe(200);
    expect(await session.json()).toEqual({
      kind: 'person',
      name: 'Riley Responder',
      role: 'responder',
      subject: 'responder',
      email: 'responder@example.test',
      csrfToken: expect.stringMatching(/^[\w-]{43}$/),
      expiresAt: expect.stringMatching(/Z$/),
    });
    const cookie = (await context.cookies()).find((c) => c.name === 'bre_session')!;
    expect({ httpOnly: cookie.httpOnly, sameSite: cookie.sameSite, path: cookie.path }).toEqual({ httpOnly: true, sameSite: 'Lax', path: '/' });
  });

  it('attributes a write made with the session to the person (name and subject) in the audit trail', async () => {
    context = await newContext(browser);
    const page = await signIn(context, 'responder');
    const { csrfToken } = (await (await page.request.get('/v1/session')).json()) as { csrfToken: string };
    const opened = await page.request.post('/v1/incidents', { data: incident(), headers: { 'x-csrf-token': csrfToken } });
    expect(opened.status()).toBe(201);
    const { id } = (await opened.json()) as { id: string };
    const timeline = await call('GET', `/v1/incidents/${id}/timeline`, { key: stackEnv.adminKey });
    expect(timeline.body.items[0].actor).toEqual({ keyId: null, name: 'Riley Responder', role: 'responder', subject: 'responder' });
  });

  it('refuses a cookie write without the CSRF token with 403 and stores nothing', async () => {
    context = await newContext(browser);
    const page = await signIn(context, 'responder');
    const before = await countRows(pool, 'incidents');
    const forged = await page.request.post('/v1/incidents', { data: incident() });
    expect(forged.status()).toBe(403);
    expect(forged.headers()['content-type']).toMatch(/^application\/problem\+json/);
    expect(((await forged.json()) as { detail: string }).detail).toMatch(/CSRF token/);
    const wrongToken = await page.request.post('/v1/incidents', { data: incident(), headers: { 'x-csrf-token': 'x'.repeat(43) } });
    expect(wrongToken.status()).toBe(403);
    expect(await countRows(pool, 'incidents')).toBe(before);
  });

  it('refuses a write forged from a viewer’s session, CSRF token and all, with 403 and stores nothing', async () => {
    context = await newContext(browser);
    const page = await signIn(context, 'viewer');
    const { csrfToken, role } = (await (await page.request.get('/v1/session')).json()) as { csrfToken: string; role: string };
    expect(role).toBe('viewer');
    const before = await countRows(pool, 'incidents');
    const forged = await page.request.post('/v1/incidents', { data: incident(), headers: { 'x-csrf-token': csrfToken } });
    expect(forged.status()).toBe(403);
    expect(((await forged.json()) as { detail: string }).detail).toBe("The role 'viewer' may not do this; it needs one of: admin, dpo, responder.");
    expect(await countRows(pool, 'incidents')).toBe(before);
  });

  it('ends the session on logout: the same cookie then gets 401, and logging out needs the CSRF token', async () => {
    context = await newContext(browser);
    const page = await signIn(context, 'dpo');
    const { csrfToken } = (await (await page.request.get('/v1/session')).json()) as { csrfToken: string };
    const cookie = (await context.cookies()).find((c) => c.name === 'bre_session')!;
    expect((await page.request.post('/auth/logout')).status()).toBe(403);
    expect((await page.request.get('/v1/session')).status()).toBe(200);

    expect((await page.request.post('/auth/logout', { headers: { 'x-csrf-token': csrfToken } })).status()).toBe(204);
    expect((await context.cookies()).find((c) => c.name === 'bre_session')).toBeUndefined();
    // The old cookie, replayed by hand, opens nothing: the session ended on the server, not just in the browser.
    const replayed = await call('GET', '/v1/session', { headers: { cookie: `bre_session=${cookie.value}` } });
    expect(replayed.status).toBe(401);
    expect(replayed.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });

  it('lets a person acknowledge an escalation that reached the contact with their email address, and no one else below DPO', async () => {
    const owner = await call('POST', '/v1/contacts', { key: stackEnv.adminKey, json: { name: 'Riley Responder', role: 'owner', email: 'responder@example.test' } });
    expect(owner.status).toBe(201);
    try {
      // Aware 30 hours ago: the first step of the GDPR ladder (the owner, at 24 hours) has fired.
      const awareAt = new Date(Date.now() - 30 * 3_600_000).toISOString();
      const opened = await call('POST', '/v1/incidents', { key: stackEnv.adminKey, json: { ...incident(), detectedAt: awareAt, awareAt } });
      const id = opened.body.id as string;
      expect((await call('POST', `/v1/incidents/${id}/owner`, { key: stackEnv.adminKey, json: { contactId: owner.body.id } })).status).toBe(200);
      const escalations = await eventually(() => call('GET', `/v1/incidents/${id}/escalations`, { key: stackEnv.adminKey }), (r) => r.body.items?.length > 0);
      const reminder = escalations.body.items[0] as { id: string; recipients: string[] };
      expect(reminder.recipients).toEqual(['owner']);
      const path = `/v1/incidents/${id}/escalations/${reminder.id}/acknowledge`;

      context = await newContext(browser);
      const viewer = await signIn(context, 'viewer');
      const viewerToken = ((await (await viewer.request.get('/v1/session')).json()) as { csrfToken: string }).csrfToken;
      expect((await viewer.request.post(path, { headers: { 'x-csrf-token': viewerToken } })).status()).toBe(403);
      await context.close();

      context = await newContext(browser);
      const responder = await signIn(context, 'responder');
      const token = ((await (await responder.request.get('/v1/session')).json()) as { csrfToken: string }).csrfToken;
      expect((await responder.request.post(path, { headers: { 'x-csrf-token': token } })).status()).toBe(200);
      const after = await call('GET', `/v1/incidents/${id}/escalations`, { key: stackEnv.adminKey });
      expect(after.body.items[0]).toMatchObject({ id: reminder.id, acknowledgedBy: 'Riley Responder', acknowledgedAt: expect.any(String) });
    } finally {
      // Contacts are organisation-wide: later suites must not deliver to this one.
      await call('PATCH', `/v1/contacts/${owner.body.id}`, { key: stackEnv.adminKey, json: { active: false } });
    }
  });

  it('shows a person whose groups map to no role a page saying so, and opens no session', async () => {
    context = await newContext(browser);
    const page = await context.newPage();
    await page.goto('/auth/login?returnTo=/');
    await page.locator('input[name=login]').fill('nobody');
    await page.locator('input[name=password]').fill('demo');
    await page.locator('button[type=submit]').click();
    await page.waitForURL((url) => url.pathname === '/no-role');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toMatch(/no role/i);
    expect((await context.cookies()).find((c) => c.name === 'bre_session')).toBeUndefined();
    expect((await page.request.get('/v1/session')).status()).toBe(401);
  });

  it('never sends a person back to another site after sign-in', async () => {
    context = await newContext(browser);
    const page = await context.newPage();
    await page.goto('/auth/login?returnTo=//evil.example/phish');
    await page.locator('input[name=login]').fill('viewer');
    await page.locator('input[name=password]').fill('demo');
    await page.locator('button[type=submit]').click();
    await page.waitForURL((url) => url.origin === stackEnv.apiUrl && !url.pathname.startsWith('/auth/'));
    expect(new URL(page.url()).pathname).toBe('/');
  });
});

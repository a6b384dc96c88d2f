import { randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import type { Browser, BrowserContext } from 'playwright-core';
import { call, eventually, stackEnv } from '../e2e/http';
import { launchBrowser, newContext, SCREENSHOT_DIR, signIn } from './browser';

const HOUR = 3_600_000;
const mailDir = process.env.E2E_MAIL_DIR!;

/** The escalation emails the SMTP sink kept for this address, parsed (subject, text). */
async function mailTo(address: string): Promise<{ subject: string; text: string }[]> {
  const found = [];
  for (const file of (await readdir(mailDir)).filter((f) => f.endsWith('.eml'))) {
    const mail = await simpleParser(await readFile(path.join(mailDir, file)));
    const to = [mail.to ?? []].flat().flatMap((t) => t.value.map((v) => v.address));
    if (to.includes(address)) found.push({ subject: mail.subject ?? '', text: mail.text ?? '' });
  }
  return found;
}

let browser: Browser;
let context: BrowserContext;
const dpoEmail = `dana-${randomUUID()}@example.test`;
let contactId: string;

beforeAll(async () => {
  browser = await launchBrowser();
  // The DPO as the organisation's escalation contact: the overdue step of the GDPR ladder mails them.
  const contact = await call('POST', '/v1/contacts', { key: stackEnv.adminKey, json: { name: 'Dana Privacy', role: 'dpo', email: dpoEmail } });
  expect(contact.status).toBe(201);
  contactId = contact.body.id as string;
});
afterAll(async () => {
  // Contacts are organisation-wide: later suites must not deliver to this one.
  await call('PATCH', `/v1/contacts/${contactId}`, { key: stackEnv.adminKey, json: { active: false } });
  await context?.close();
  await browser?.close();
});

describe('the DPO answers an overdue GDPR deadline in the console', () => {
  it('sees it on the board, opens the escalation from the email, acknowledges it, records the authority notice, and the clock turns met', async () => {
    const title = `Stolen laptop with HR exports ${randomUUID().slice(0, 8)}`;
    const awareAt = new Date(Date.now() - 80 * HOUR).toISOString();
    const opened = await call('POST', '/v1/incidents', { key: stackEnv.adminKey, json: { title, detectedAt: awareAt, awareAt } });
    expect(opened.status).toBe(201);
    const { id, reference } = opened.body as { id: string; reference: string };

    // The overdue step's email, as the SMTP sink received it: it names no HTTP request, only the console's page.
    const mails = await eventually(() => mailTo(dpoEmail), (m) => m.some((x) => x.subject.includes(reference) && x.subject.includes('OVERDUE')), 30_000);
    const mail = mails.find((x) => x.subject.includes(reference) && x.subject.includes('OVERDUE'))!;
    expect(mail.text).not.toMatch(/\bPOST\b|curl|Authorization/);
    const link = mail.text.match(new RegExp(`${stackEnv.apiUrl}/incidents/${id}/escalations/[0-9a-f-]{36}`))![0];

    context = await newContext(browser);
    const page = await signIn(context, 'dpo');
    await page.getByRole('heading', { name: 'Deadline board' }).waitFor();
    const overdueRow = page.getByTestId('clock-row').filter({ hasText: reference });
    await overdueRow.waitFor();
    expect(await overdueRow.getAttribute('data-state')).toBe('overdue');
    expect(await overdueRow.textContent()).toMatch(/GDPR/);
    expect(await overdueRow.textContent()).toMatch(/late|overdue/i);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'board.png') });

    // Following the link acknowledges nothing by itself (mail scanners follow links too).
    await page.goto(link);
    const acknowledge = page.getByRole('button', { name: 'Acknowledge' });
    await acknowledge.waitFor();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toMatch(/Overdue: .*GDPR/);
    const escalationId = link.split('/').pop()!;
    const before = await call('GET', `/v1/incidents/${id}/escalations`, { key: stackEnv.adminKey });
    expect(before.body.items.find((e: { id: string }) => e.id === escalationId).acknowledgedAt).toBeNull();
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'escalation.png') });

    await acknowledge.click();
    await page.getByTestId('acknowledgement').getByText(/Acknowledged/).waitFor();
    const after = await call('GET', `/v1/incidents/${id}/escalations`, { key: stackEnv.adminKey });
    expect(after.body.items.find((e: { id: string }) => e.id === escalationId)).toMatchObject({ acknowledgedBy: 'Dana Privacy', acknowledgedVia: 'console', acknowledgedAt: expect.any(String) });
    // Through which channel, as the page shows it once reloaded.
    await page.reload();
    await page.getByTestId('acknowledgement').getByText(/by Dana Privacy via the console/).waitFor();

    // The authority notice, from the incident page. Late, it needs the reasons for the delay (Art. 33(1)):
    // without them the API's 422 shows beside the field and nothing is recorded.
    await page.goto(`/incidents/${id}`);
    await page.getByRole('navigation', { name: 'Incident sections' }).getByRole('link', { name: 'Notification' }).click();
    const notice = page.getByRole('form', { name: 'Record a notice to the supervisory authority' });
    await notice.getByLabel('Authority').fill('APD/GBA (BE)');
    await notice.getByLabel('Case reference').fill(`BE-${randomUUID().slice(0, 8)}`);
    await notice.getByRole('button', { name: 'Record authority notice' }).click();
    const reasons = notice.getByLabel('Reasons for delay');
    await eventually(async () => reasons.getAttribute('aria-invalid'), (v) => v === 'true', 10_000);
    expect(await reasons.getAttribute('aria-invalid')).toBe('true');
    const refused = await call('GET', `/v1/incidents/${id}/case-file`, { key: stackEnv.adminKey });
    expect(refused.body.notices.supervisoryAuthority).toEqual([]);

    await reasons.fill('The laptop was reported stolen on a Friday evening; the export it held was confirmed on Monday.');
    await notice.getByRole('button', { name: 'Record authority notice' }).click();
    await eventually(async () => (await call('GET', `/v1/incidents/${id}/case-file`, { key: stackEnv.adminKey })).body.notices.supervisoryAuthority.length, (n) => n === 1, 10_000);
    const caseFile = await call('GET', `/v1/incidents/${id}/case-file`, { key: stackEnv.adminKey });
    expect(caseFile.body.notices.supervisoryAuthority).toEqual([expect.objectContaining({ authority: 'APD/GBA (BE)', phase: 'initial', late: true })]);

    // On the board the clock shows as met, and is no longer among the running ones.
    await page.goto('/');
    await page.getByRole('combobox', { name: 'Status' }).selectOption('met');
    const row = page.getByTestId('clock-row').filter({ hasText: reference });
    await row.waitFor();
    expect(await row.getAttribute('data-state')).toBe('met');
    const runningBoard = page.waitForResponse((r) => /\/v1\/deadlines\?(?!.*status=)/.test(r.url()) && r.ok());
    await page.getByRole('combobox', { name: 'Status' }).selectOption('');
    await runningBoard;
    await row.waitFor({ state: 'detached' });
    const gdpr = (await call('GET', `/v1/incidents/${id}`, { key: stackEnv.adminKey })).body.deadlines.find((d: { regime: string }) => d.regime === 'GDPR');
    expect(gdpr.status).toBe('met');
  });
});

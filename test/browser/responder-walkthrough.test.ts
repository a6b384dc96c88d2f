import { createHash, randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DateTime } from 'luxon';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { call, eventually, stackEnv } from '../e2e/http';
import { launchBrowser, newContext, SCREENSHOT_DIR, signIn } from './browser';

const ZONE = 'Europe/Brussels';
const MINUTE = 60_000;

let browser: Browser;
let responderContext: BrowserContext;
let dpoContext: BrowserContext;
let responder: Page;
let dpo: Page;
let tempDir: string;
let incidentId = '';

const suffix = randomUUID().slice(0, 8);
const title = `Customer export left in a public bucket ${suffix}`;
// Whole minutes: the form's datetime-local inputs have minute precision.
const awareAt = new Date(Math.floor((Date.now() - 60 * MINUTE) / MINUTE) * MINUTE);
const detectedAt = new Date(awareAt.getTime() - 30 * MINUTE);
const evidenceBytes = Buffer.from(`bucket access log ${suffix}\n`.repeat(200));
const evidenceSha = createHash('sha256').update(evidenceBytes).digest('hex');
const evidenceDescription = `Bucket access log export ${suffix}`;

/** What a datetime-local input holds for the instant, in the browser context's zone ("2026-03-28T09:00"). */
function localInput(when: Date): string {
  return DateTime.fromJSDate(when, { zone: ZONE }).toFormat("yyyy-LL-dd'T'HH:mm");
}

interface TextNode {
  textContent: string | null;
  cloneNode(deep: boolean): TextNode;
  querySelectorAll(selector: string): { forEach(fn: (node: { remove(): void }) => void): void };
}

/** The text each matched element gives a screen reader (decorative aria-hidden icons left out), whitespace-normalised. */
async function texts(locator: Locator): Promise<string[]> {
  const raw = await locator.evaluateAll((elements) =>
    (elements as unknown as TextNode[]).map((element) => {
      const copy = element.cloneNode(true);
      copy.querySelectorAll('[aria-hidden="true"]').forEach((node) => node.remove());
      return copy.textContent ?? '';
    }),
  );
  return raw.map((t) => t.replace(/\s+/g, ' ').trim());
}

/** Opens one tab of the incident page, as a person does, and waits for its section to finish loading. */
async function openSection(page: Page, label: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Incident sections' }).getByRole('link', { name: label, exact: true }).click();
  await page.waitForURL((url) => url.pathname === (label === 'Clocks' ? `/incidents/${incidentId}` : `/incidents/${incidentId}/${label.toLowerCase()}`));
  await page.getByRole('status').filter({ hasText: /…$/ }).first().waitFor({ state: 'detached' });
}

const read = async (segment: string) => (await call('GET', `/v1/incidents/${incidentId}${segment}`, { key: stackEnv.adminKey })).body;

beforeAll(async () => {
  browser = await launchBrowser();
  tempDir = await mkdtemp(path.join(os.tmpdir(), 'walkthrough-'));
});
afterAll(async () => {
  await responderContext?.close();
  await dpoContext?.close();
  await browser?.close();
  if (tempDir) await rm(tempDir, { recursive: true, force: true });
});

// One breach taken from the first report to closure in the console: the responder's steps in one browser,
// the DPO's in another, each signed in through the local OpenID provider; every step checked on the page and in the API.
describe('a breach walked through the console by a responder and the DPO', () => {
  it('the responder opens the incident through the "Open an incident" form', async () => {
    responderContext = await newContext(browser);
    responder = await signIn(responderContext, 'responder', '/incidents');
    await responder.getByRole('heading', { level: 1, name: 'Incidents' }).waitFor();
    await responder.getByRole('link', { name: 'Open an incident' }).click();

    const form = responder.getByRole('form', { name: 'Open an incident' });
    await form.getByLabel('Title', { exact: true }).fill(title);
    await form.getByLabel('Description', { exact: true }).fill('A storage bucket holding a customer export was publicly readable.');
    await form.getByLabel('Detected at', { exact: true }).fill(localInput(detectedAt));
    await form.getByLabel('Aware at', { exact: true }).fill(localInput(awareAt));
    await form.getByLabel('Reported by', { exact: true }).fill('Cloud security posture alert');
    await form.getByRole('button', { name: 'Open incident' }).click();

    await responder.waitForURL(/\/incidents\/[0-9a-f-]{36}$/);
    incidentId = new URL(responder.url()).pathname.split('/').pop()!;
    await responder.getByRole('heading', { level: 1, name: title }).waitFor();
    await responder.getByTestId('incident-clock').first().waitFor();

    const incident = await read('');
    expect(incident).toMatchObject({ title, status: 'open', awareAt: awareAt.toISOString().replace('.000Z', 'Z'), reportedBy: 'Cloud security posture alert' });
    expect(Date.parse(incident.detectedAt)).toBe(detectedAt.getTime());
    const gdpr = incident.deadlines.find((d: { regime: string }) => d.regime === 'GDPR');
    expect(Date.parse(gdpr.dueAt)).toBe(awareAt.getTime() + 72 * 60 * MINUTE);
    // Shown in the viewer's zone: Brussels.
    const due = DateTime.fromISO(gdpr.dueAt, { zone: ZONE }).toFormat('d LLL yyyy, HH:mm');
    expect(await texts(responder.getByTestId('incident-clock'))).toEqual([expect.stringMatching(new RegExp(`^GDPR\\s*Notify supervisory authority\\s*Trigger: Awareness\\s*Pending.* left\\s*${due} CES?T`))]);
    expect(await responder.getByTestId('incident-clock').getAttribute('data-state')).toBe('pending');
  });

  it('the responder records a containment action and sets containment to contained', async () => {
    await openSection(responder, 'Containment');
    const actionForm = responder.getByRole('form', { name: 'Record a containment action' });
    await actionForm.getByLabel('Action', { exact: true }).fill('Made the bucket private and rotated its access keys');
    await actionForm.getByLabel('Performed by', { exact: true }).fill('Cloud ops');
    await actionForm.getByRole('button', { name: 'Record action' }).click();
    const containment = responder.getByRole('region', { name: 'Containment' });
    await containment.getByText('Made the bucket private and rotated its access keys').waitFor();
    expect(await texts(containment.getByRole('listitem'))).toEqual([expect.stringMatching(/^Made the bucket private and rotated its access keys\s*By Cloud ops, .* recorded by Riley Responder/)]);

    const statusForm = responder.getByRole('form', { name: 'Set the containment status' });
    await statusForm.getByLabel('Status', { exact: true }).selectOption({ label: 'Contained' });
    await statusForm.getByLabel('Note', { exact: true }).fill('Public access block confirmed on the account');
    await statusForm.getByRole('button', { name: 'Set status' }).click();
    await containment.getByText(/confirmed/).waitFor();
    expect(await texts(containment.getByText(/^Status:/))).toEqual([expect.stringMatching(/^Status: Contained confirmed \d+ \w+ \d{4}, \d\d:\d\d CES?T$/)]);
    await responder.getByRole('definition').filter({ hasText: /^Contained$/ }).waitFor();

    const incident = await read('');
    expect(incident.containment).toMatchObject({ status: 'contained', confirmedAt: expect.any(String) });
    const caseFile = await read('/case-file');
    expect(caseFile.containmentActions).toEqual([expect.objectContaining({ action: 'Made the bucket private and rotated its access keys', performedBy: 'Cloud ops', recordedBy: 'Riley Responder' })]);
  });

  it('the responder records a finding and two scope versions, and the page shows what changed between them', async () => {
    await openSection(responder, 'Investigation');
    const findingForm = responder.getByRole('form', { name: 'Record a finding' });
    await findingForm.getByLabel('Summary', { exact: true }).fill('Access logs show 14 downloads from 3 IP addresses');
    await findingForm.getByRole('button', { name: 'Add a fact' }).click();
    await findingForm.getByLabel('Fact 1 name').fill('downloads');
    await findingForm.getByLabel('Fact 1 value').fill('14');
    await findingForm.getByRole('button', { name: 'Record finding' }).click();
    const findings = responder.getByRole('region', { name: 'Findings' });
    await findings.getByText('Access logs show 14 downloads from 3 IP addresses').waitFor();

    const first = responder.getByRole('form', { name: 'Record the scope' });
    await first.getByLabel('Data subjects (approx.)').fill('1000');
    await first.getByLabel('Records (approx.)').fill('1000');
    await first.getByLabel('Data categories').fill('contact details');
    await first.getByLabel('Countries').fill('BE');
    await first.getByRole('button', { name: 'Save scope version' }).click();

    // The form starts again from version 1 to record version 2.
    const second = responder.getByRole('form', { name: 'Record scope version 2' });
    await second.waitFor();
    expect(await second.getByLabel('Data subjects (approx.)').inputValue()).toBe('1000');
    await second.getByLabel('Data subjects (approx.)').fill('12500');
    await second.getByLabel('Records (approx.)').fill('48000');
    await second.getByLabel('Data categories').fill('contact details\norder history');
    await second.getByRole('checkbox', { name: 'Health data' }).check();
    await second.getByLabel('Countries').fill('BE, FR');
    await second.getByLabel('Likely consequences').fill('Phishing aimed at customers');
    await second.getByRole('button', { name: 'Save scope version' }).click();
    await responder.getByRole('form', { name: 'Record scope version 3' }).waitFor();

    const scope = responder.getByRole('region', { name: 'Scope' });
    expect(await texts(scope.getByRole('heading', { level: 3 }))).toEqual(['Version 2 (current)', 'Version 1', 'Record scope version 3']);
    await scope.getByRole('heading', { name: 'What changed since version 1' }).waitFor();
    expect(await texts(scope.getByRole('list', { name: 'Changes from version 1' }).getByRole('listitem'))).toEqual([
      'Data categories: added + order history',
      'Special categories: added + Health data',
      'Countries: added + FR',
      'Data subjects (approx.): was 1,000 now 12,500',
      'Records (approx.): was 1,000 now 48,000',
      'Likely consequences: was — now Phishing aimed at customers',
    ]);

    const versions = await read('/scope');
    expect(versions.items.map((v: { version: number; dataSubjectsApprox: number; countries: string[]; recordedBy: string }) => [v.version, v.dataSubjectsApprox, v.countries, v.recordedBy])).toEqual([
      [1, 1000, ['BE'], 'Riley Responder'],
      [2, 12500, ['BE', 'FR'], 'Riley Responder'],
    ]);
    expect((await read('/case-file')).findings).toEqual([expect.objectContaining({ summary: 'Access logs show 14 downloads from 3 IP addresses', details: { downloads: '14' } })]);
  });

  it('the responder registers evidence, uploads its content through the file input and verifies it', async () => {
    await openSection(responder, 'Evidence');
    const register = responder.getByRole('form', { name: 'Register an evidence item' });
    await register.getByLabel('Description', { exact: true }).fill(evidenceDescription);
    await register.getByLabel('Source', { exact: true }).fill('s3://exports-prod access logs');
    await register.getByLabel('Method', { exact: true }).fill('log export');
    await register.getByLabel('Tool', { exact: true }).fill('aws-cli 2.15');
    await register.getByRole('button', { name: 'Register evidence' }).click();

    const item = responder.getByRole('article', { name: evidenceDescription });
    await item.getByText('No content yet').waitFor();
    const file = path.join(tempDir, 'access-log.txt');
    await writeFile(file, evidenceBytes);
    await item.getByLabel('Content file').setInputFiles(file);
    await item.getByRole('button', { name: 'Upload content' }).click();
    // Done when the item shows its content stored, with the SHA-256 the server computed from what was sent.
    await item.getByText('Content stored').waitFor();
    await item.getByText(evidenceSha).waitFor();

    await item.getByLabel('Verification purpose').fill('Before analysis');
    await item.getByRole('button', { name: 'Verify', exact: true }).click();
    await item.getByRole('status').filter({ hasText: 'The content matches its recorded hash.' }).waitFor();
    await item.getByText('Hash verified').waitFor();

    const evidence = await read('/evidence');
    const stored = evidence.items.find((e: { description: string }) => e.description === evidenceDescription);
    expect(stored).toMatchObject({ sha256: evidenceSha, sizeBytes: evidenceBytes.length, contentStored: true, collectedBy: 'Riley Responder', tool: 'aws-cli 2.15' });
    expect(stored.custody.map((c: { event: string; purpose: string; result: { matches: boolean } | null }) => [c.event, c.result?.matches ?? null])).toEqual([
      ['collected', null],
      ['verified', true],
    ]);
  });

  it('the responder records the ENISA score and the EDPB risk factors, which await the DPO with the reasons for the suggestion', async () => {
    await openSection(responder, 'Risk');
    const assess = responder.getByRole('form', { name: 'Assess the risk (ENISA score and EDPB factors)' });
    await assess.getByLabel('Data processing context', { exact: true }).selectOption({ label: 'Sensitive (4)' });
    await assess.getByLabel('Adjustment', { exact: true }).fill('-1');
    await assess.getByLabel('Why this context').fill('Order history reveals some health information');
    await assess.getByLabel('Ease of identification', { exact: true }).selectOption({ label: 'Maximum (1)' });
    await assess.getByLabel('Why this level').fill('Names and e-mail addresses');
    await assess.getByLabel('Loss of confidentiality').fill('0.5');
    await assess.getByLabel('Why these circumstances').fill('Downloaded by unknown parties');
    // SE = DPC × EI + CB = (4 − 1) × 1 + 0.5 = 3.5: high.
    expect((await texts(assess.getByText(/^Score preview/)))[0]).toMatch(/SE 3\.5 High risk — suggests notify the authority and the data subjects \(at least; complete the risk factors\)/);

    // The EDPB factors, each group with its rationale.
    await assess.getByLabel('Confidentiality (disclosed or accessed)').check();
    await assess.getByLabel('Why this type of breach').fill('The order export was downloaded from an open bucket');
    const kinds = assess.getByRole('group', { name: 'Kinds of data' });
    await kinds.getByLabel('Identity and contact').check();
    await kinds.getByLabel('Special category').check();
    await assess.getByLabel('Why this data').fill('Names, e-mail addresses and orders of pharmacy products');
    await assess.getByLabel('People affected').fill('1200');
    await assess.getByRole('group', { name: 'Who they are' }).getByLabel('Customers').check();
    await assess.getByLabel('Why these people').fill('Every customer who ordered in March');
    await assess.getByLabel('How severe').selectOption({ label: 'Serious' });
    await assess.getByRole('group', { name: 'Possible harms' }).getByLabel('Discrimination').check();
    await assess.getByLabel('Why these consequences').fill('Health conditions can be inferred from the products');
    await assess.getByLabel('Why these characteristics').fill('An online shop, no special sector');
    await assess.getByLabel('Why these measures').fill('The export was not encrypted; the downloaders are unknown');
    expect((await texts(assess.getByText(/^Score preview/)))[0]).toMatch(/SE 3\.5 High risk — suggests notify the authority and the data subjects$/);
    await assess.getByRole('button', { name: 'Record assessment' }).click();

    const risk = responder.getByRole('region', { name: 'Risk assessment' });
    await risk.getByText("Awaiting the DPO's sign-off").waitFor();
    expect(await risk.getByLabel('Score 3.5').count()).toBe(1);
    await risk.getByText('Notify the authority and the data subjects').first().waitFor();
    // Why: the band's outcome beside the factors', then each factor's reason.
    const reasons = await texts(risk.getByRole('list', { name: 'Why this suggestion' }).getByRole('listitem'));
    expect(reasons.some((r) => /special categor|Art\. 9/i.test(r))).toBe(true);
    await risk.getByRole('heading', { name: 'EDPB risk factors' }).waitFor();
    await risk.getByText('Every customer who ordered in March').waitFor();
    // Signing off is the DPO's: the responder is not offered it.
    expect(await responder.getByRole('form', { name: /^Sign off/ }).count()).toBe(0);

    const [assessment] = (await read('/case-file')).riskAssessments;
    expect(assessment).toMatchObject({
      version: 1,
      assessedBy: 'Riley Responder',
      result: { score: 3.5, band: 'high', suggestedOutcome: 'notify-authority-and-subjects' },
      factors: { individuals: { count: 1200, characteristics: ['customers'] }, data: { categories: ['identity-and-contact', 'special-category'] } },
      suggestion: { outcome: 'notify-authority-and-subjects', method: 'enisa-and-factors', factorsOutcome: 'notify-authority-and-subjects' },
      signOff: null,
    });
  });

  it('the DPO, in another browser, signs off the assessment', async () => {
    dpoContext = await newContext(browser);
    dpo = await signIn(dpoContext, 'dpo', `/incidents/${incidentId}/risk`);
    const signOff = dpo.getByRole('form', { name: 'Sign off assessment version 1' });
    await signOff.waitFor();
    expect(await signOff.getByRole('radio', { name: 'Accept the suggestion: Notify the authority and the data subjects' }).isChecked()).toBe(true);
    await signOff.getByLabel('Justification').fill('Health information of customers: high risk, agreed.');
    await signOff.getByRole('button', { name: 'Sign off', exact: true }).click();
    const risk = dpo.getByRole('region', { name: 'Risk assessment' });
    await risk.getByText(/Signed off by Dana Privacy/).waitFor();
    expect(await signOff.count()).toBe(0);

    const [assessment] = (await read('/case-file')).riskAssessments;
    expect(assessment.signOff).toMatchObject({ signedOffBy: 'Dana Privacy', finalOutcome: 'notify-authority-and-subjects', overridden: false, justification: 'Health information of customers: high risk, agreed.' });
  });

  it('the closure section lists what is still missing, and the server refuses to close while it is', async () => {
    await openSection(dpo, 'Closure');
    const blockers = dpo.getByTestId('closure-blockers');
    await blockers.waitFor();
    const expected = (await read('/case-file')).closure.blockers as { code: string; message: string }[];
    expect(expected.map((b) => b.code)).toEqual(['obligation-open', 'subjects-decision-missing']);
    expect(await texts(blockers.getByRole('listitem'))).toEqual([
      `Blocking ${expected[0]!.message} Meet or waive the clock`,
      `Blocking ${expected[1]!.message} Decide on telling the data subjects`,
    ]);
    expect(expected[0]!.message).toBe('Obligation GDPR notify-supervisory-authority is pending: meet it or waive it with a reason');

    const close = dpo.getByRole('form', { name: 'Close the incident' });
    await close.getByLabel('Lessons learned').fill('Bucket policies are now checked in CI.');
    await close.getByRole('button', { name: 'Close incident' }).click();
    const refusal = close.getByRole('alert');
    await refusal.waitFor();
    expect(await refusal.textContent()).toMatch(/GDPR notify-supervisory-authority is pending/);
    expect((await read('')).status).toBe('open');
  });

  it('the DPO follows the closure section to the decisions and notices it calls for, records them, and the GDPR clock is met', async () => {
    await dpo.getByTestId('closure-blockers').getByRole('link', { name: 'Decide on telling the data subjects' }).click();
    await dpo.waitForURL((url) => url.pathname === `/incidents/${incidentId}/notification` && url.hash === '#decisions');
    // The signed-off outcome notifies the authority (Art. 33) and the data subjects (Art. 34).
    const authorityDecision = dpo.getByRole('form', { name: 'Decide on notifying the supervisory authority' });
    expect(await authorityDecision.getByLabel('Decision', { exact: true }).inputValue()).toBe('notify');
    await authorityDecision.getByRole('button', { name: 'Record decision' }).click();
    const decisions = dpo.getByRole('region', { name: 'Decisions' });
    await decisions.getByText('Decided by Dana Privacy').waitFor();
    const subjectsDecision = dpo.getByRole('form', { name: 'Decide on telling the data subjects' });
    expect(await subjectsDecision.getByLabel('Decision', { exact: true }).inputValue()).toBe('notify');
    await subjectsDecision.getByRole('button', { name: 'Record decision' }).click();
    await decisions.getByText('Decided by Dana Privacy').nth(1).waitFor();
    expect(await texts(decisions)).toEqual([expect.stringMatching(/^Decisions\s*Supervisory authority\s*Notify\s*Decided by Dana Privacy, .+?\s*Data subjects\s*Tell them\s*Decided by Dana Privacy, /)]);

    // Deciding to tell the data subjects turns the missing decision into a missing communication.
    await openSection(dpo, 'Closure');
    const blockers = dpo.getByTestId('closure-blockers');
    await blockers.getByText('no notice is recorded').waitFor();
    expect(await texts(blockers.getByRole('listitem'))).toEqual([
      'Blocking Obligation GDPR notify-supervisory-authority is pending: meet it or waive it with a reason Meet or waive the clock',
      'Blocking The decision is to notify data subjects, but no notice is recorded Record the communication',
    ]);
    expect((await read('/case-file')).closure.blockers.map((b: { code: string }) => b.code)).toEqual(['obligation-open', 'subjects-notice-missing']);

    await blockers.getByRole('link', { name: 'Record the communication' }).click();
    const subjectsNotice = dpo.getByRole('form', { name: 'Record a communication to data subjects' });
    // The link lands on the form with the cursor in its first field.
    await dpo.waitForURL((url) => url.hash === '#record-subjects-notice');
    const channelFocused = () => subjectsNotice.getByLabel('Channel').evaluate((el) => el === (globalThis as unknown as { document: { activeElement: unknown } }).document.activeElement);
    expect(await eventually(channelFocused, (focused) => focused, 5_000)).toBe(true);
    await subjectsNotice.getByLabel('Channel').selectOption('email');
    await subjectsNotice.getByLabel('Recipients').fill('12480');
    await subjectsNotice.getByRole('button', { name: 'Record communication' }).click();
    const notices = dpo.getByRole('region', { name: 'Notices sent' });
    await notices.getByText('Email to 12,480 people').waitFor();

    // Closing needs the GDPR clock met: the authority notice meets it.
    const authorityNotice = dpo.getByRole('form', { name: 'Record a notice to the supervisory authority' });
    await authorityNotice.getByLabel('Authority', { exact: true }).fill('APD/GBA (BE)');
    await authorityNotice.getByLabel('Case reference').fill(`APD-${suffix}`);
    await authorityNotice.getByRole('button', { name: 'Record authority notice' }).click();
    await notices.getByText('APD/GBA (BE) · Initial').waitFor();
    expect(await texts(notices.getByRole('listitem'))).toEqual([
      expect.stringMatching(new RegExp(`^APD/GBA \\(BE\\) · Initial On time\\s*Submitted .* · reference APD-${suffix} · recorded by Dana Privacy$`)),
      expect.stringMatching(/^Email to 12,480 people\s*Sent .* · recorded by Dana Privacy$/),
    ]);

    const caseFile = await read('/case-file');
    expect(caseFile.decisions).toMatchObject({ supervisoryAuthority: { decision: 'notify', decidedBy: 'Dana Privacy' }, dataSubjects: { decision: 'notify', decidedBy: 'Dana Privacy' } });
    expect(caseFile.notices.supervisoryAuthority).toEqual([expect.objectContaining({ authority: 'APD/GBA (BE)', reference: `APD-${suffix}`, phase: 'initial', late: false, recordedBy: 'Dana Privacy' })]);
    expect(caseFile.notices.dataSubjects).toEqual([expect.objectContaining({ channel: 'email', recipients: 12480, recordedBy: 'Dana Privacy' })]);
    expect(caseFile.closure.blockers).toEqual([]);
    expect((await read('')).deadlines).toEqual([expect.objectContaining({ regime: 'GDPR', obligation: 'notify-supervisory-authority', status: 'met' })]);

    await openSection(dpo, 'Clocks');
    expect(await dpo.getByTestId('incident-clock').getAttribute('data-state')).toBe('met');
  });

  it('the incident page with its case file makes the README screenshots (desktop, full page; the risk assessment; phone)', async () => {
    await openSection(dpo, 'Risk');
    await dpo.getByRole('list', { name: 'Why this suggestion' }).waitFor();
    await dpo.screenshot({ path: path.join(SCREENSHOT_DIR, 'risk.png'), fullPage: true });

    await openSection(dpo, 'Investigation');
    await dpo.getByRole('list', { name: 'Changes from version 1' }).waitFor();
    await dpo.screenshot({ path: path.join(SCREENSHOT_DIR, 'incident.png'), fullPage: true });

    await dpo.setViewportSize({ width: 390, height: 844 });
    await openSection(dpo, 'Clocks');
    await dpo.getByTestId('incident-clock').waitFor();
    await dpo.screenshot({ path: path.join(SCREENSHOT_DIR, 'incident-phone.png') });
    expect(await dpo.getByRole('button', { name: 'Menu' }).isVisible()).toBe(true);
    expect(await dpo.getByRole('heading', { level: 1 }).textContent()).toBe(title);
    await dpo.setViewportSize({ width: 1280, height: 800 });
  });

  it('the DPO sees nothing left blocking and closes the incident as resolved with lessons learned', async () => {
    await openSection(dpo, 'Closure');
    await dpo.getByText('Nothing blocks closing this incident as resolved.').waitFor();
    expect(await dpo.getByTestId('closure-blockers').count()).toBe(0);
    const close = dpo.getByRole('form', { name: 'Close the incident' });
    expect(await close.getByLabel('Closure', { exact: true }).inputValue()).toBe('resolved');
    await close.getByLabel('Lessons learned').fill('Bucket policies are now checked in CI; exports expire after 7 days.');
    await close.getByRole('button', { name: 'Close incident' }).click();
    const closure = dpo.getByRole('region', { name: 'Closure' });
    await closure.getByText('Closed as resolved').waitFor();
    await closure.getByText('Bucket policies are now checked in CI; exports expire after 7 days.').waitFor();
    expect(await dpo.getByRole('form', { name: 'Close the incident' }).count()).toBe(0);

    expect(await read('')).toMatchObject({ status: 'closed', stage: 'closed', closure: { kind: 'resolved', lessonsLearned: 'Bucket policies are now checked in CI; exports expire after 7 days.' } });
  });

  it('the timeline attributes each step to the person who took it, and the chain verifies', async () => {
    const timeline = await read('/timeline?limit=500');
    const items = timeline.items as { seq: number; eventType: string; actor: { keyId: string | null; name: string; role: string; subject?: string } }[];
    const RILEY = { keyId: null, name: 'Riley Responder', role: 'responder', subject: 'responder' };
    const DANA = { keyId: null, name: 'Dana Privacy', role: 'dpo', subject: 'dpo' };
    const byPerson = items.filter((i) => i.actor.subject !== undefined).map((i) => [i.eventType, i.actor]);
    expect(byPerson).toEqual([
      ['incident-opened', RILEY],
      ['containment-action-recorded', RILEY],
      ['containment-status-changed', RILEY],
      ['finding-recorded', RILEY],
      ['scope-recorded', RILEY],
      ['scope-recorded', RILEY],
      ['evidence-registered', RILEY],
      ['evidence-content-stored', RILEY],
      ['custody-event-recorded', RILEY],
      ['risk-assessed', RILEY],
      ['risk-assessment-signed-off', DANA],
      ['authority-decision-recorded', DANA],
      ['subjects-decision-recorded', DANA],
      ['subjects-notice-recorded', DANA],
      ['authority-notice-recorded', DANA],
      ['incident-closed', DANA],
    ]);

    await openSection(dpo, 'Timeline');
    const entries = dpo.getByTestId('timeline-entry');
    await entries.first().waitFor();
    const shown = await texts(entries);
    expect(shown).toHaveLength(items.length);
    items.forEach((item, i) => {
      const entry = shown[i]!;
      expect(entry.startsWith(`#${item.seq} `)).toBe(true);
      if (item.actor.subject === 'responder') expect(entry).toContain('by Riley Responder · Responder (signed in)');
      else if (item.actor.subject === 'dpo') expect(entry).toContain('by Dana Privacy · DPO (signed in)');
    });
    expect(shown[0]).toMatch(/^#1 Incident opened .* by Riley Responder/);
    expect(shown.find((t) => t.includes('Risk assessment signed off'))).toContain('by Dana Privacy');

    await dpo.getByRole('button', { name: 'Verify chain' }).click();
    await dpo.getByRole('status').filter({ hasText: `Chain intact: ${items.length} entries verified` }).waitFor();
    expect(await read('/audit/verify')).toEqual({ valid: true, checked: items.length, firstBroken: null, head: { seq: items.length, hash: expect.stringMatching(/^[0-9a-f]{64}$/), found: true } });
  });
});

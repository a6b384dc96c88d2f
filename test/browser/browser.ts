// Real headless Chromium (Debian's package) driven by playwright-core against the e2e stack: sign-in through the
// local OpenID provider, accessibility checks with axe-core, and the screenshots the README shows.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from '../../src/stack/chromium';
import type { DemoLogin } from '../../src/stack/demo-people';
import { stackEnv } from '../e2e/http';

/** Where the browser tests save the screenshots the README shows. */
export const SCREENSHOT_DIR = path.join(__dirname, '..', '..', 'docs', 'screenshots');

export async function launchBrowser(): Promise<Browser> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error('Chromium not found: `make browser` installs it (or set CHROMIUM_PATH)');
  // The browser's own language decides how empty date and time inputs read; the contexts say en-GB too.
  return chromium.launch({ executablePath, args: [...CHROMIUM_ARGS, '--lang=en-GB'] });
}

/** A browser context (its own cookies) in the given viewport, times shown in Brussels so local time differs from UTC. */
export async function newContext(browser: Browser, viewport = { width: 1280, height: 800 }, baseURL = stackEnv.apiUrl): Promise<BrowserContext> {
  return browser.newContext({ baseURL, viewport, timezoneId: 'Europe/Brussels', locale: 'en-GB' });
}

/**
 * Signs the demo person in through the real flow: the console sends the browser to the local OpenID provider,
 * whose login form takes the login name (any password), and the callback lands back on `path`.
 */
export async function signIn(context: BrowserContext, login: DemoLogin, pagePath = '/'): Promise<Page> {
  const page = await context.newPage();
  await page.goto(pagePath);
  await page.waitForURL((url) => url.pathname.startsWith('/interaction/'));
  await page.locator('input[name=login]').fill(login);
  await page.locator('input[name=password]').fill('demo');
  await page.locator('button[type=submit]').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/auth/') && !url.pathname.startsWith('/interaction/'));
  return page;
}

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** Violations axe-core rates serious or critical on the page as it stands, as `rule: target` lines. */
export async function seriousA11yViolations(page: Page): Promise<string[]> {
  // Evaluated over the DevTools protocol, which the console's Content-Security-Policy (no inline script) does not govern.
  await page.evaluate(AXE_SOURCE);
  // Runs in the page; the test project's types have no DOM, so the page's globals are reached through globalThis.
  const violations = await page.evaluate(async () => {
    const { axe, document } = globalThis as unknown as { axe: { run(context: unknown, options: object): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> }; document: unknown };
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.map((n) => n.target.join(' ')) }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').flatMap((v) => v.targets.map((t) => `${v.id}: ${t}`));
}

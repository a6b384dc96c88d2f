import { execFileSync } from 'node:child_process';
import { isExecutable, MissingBinaryError, onPath } from './temporal-binaries';

/** Headless Chromium for the console's browser tests and render benchmark: CHROMIUM_PATH, else `chromium` on PATH. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const fromEnv = env.CHROMIUM_PATH;
  if (fromEnv) {
    if (!isExecutable(fromEnv)) throw new MissingBinaryError(`CHROMIUM_PATH=${fromEnv} is not an executable file`);
    return fromEnv;
  }
  return onPath('chromium', env) ?? onPath('chromium-browser', env);
}

/**
 * Finds Chromium or installs Debian's `chromium` package (as root with apt-get). Playwright's own browser download
 * is not used: it fetches from outside the package registries.
 */
export function provisionChromium(env: NodeJS.ProcessEnv = process.env): string {
  const found = findChromium(env);
  if (found) return found;
  if (process.getuid?.() === 0 && onPath('apt-get', env)) {
    console.log('Installing Chromium from Debian packages (apt-get install chromium)…');
    const apt = { stdio: 'inherit' as const, env: { ...env, DEBIAN_FRONTEND: 'noninteractive' } };
    execFileSync('apt-get', ['update', '-qq'], apt);
    execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], apt);
    const installed = findChromium(env);
    if (installed) return installed;
  }
  throw new MissingBinaryError('Chromium is needed for the console tests: install it (Debian: apt-get install chromium) or set CHROMIUM_PATH.');
}

/** Launch flags for a headless Chromium on a machine without outside network: no background calls home. */
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

// Finds or builds the Temporal CLI and the time-skipping test server (cached under .tools/), and finds or installs
// Chromium (Debian's package) for the console's browser tests. Run by `make dev`, and with --chromium by `make test` and `make bench`.
import { provisionChromium } from '../src/stack/chromium';
import { MissingBinaryError, provisionTemporalCli, provisionTestServer } from '../src/stack/temporal-binaries';

try {
  const started = Date.now();
  const cli = provisionTemporalCli();
  const testServer = provisionTestServer();
  // Only the browser tests and the render benchmark need a browser; `make dev` does not.
  const chromium = process.argv.includes('--chromium') ? provisionChromium() : 'not needed';
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`Temporal CLI: ${cli}\nTemporal test server: ${testServer}\nChromium: ${chromium}\n(provisioned in ${seconds}s)`);
} catch (error) {
  if (error instanceof MissingBinaryError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}

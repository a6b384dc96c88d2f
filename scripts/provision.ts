// Finds or builds the Temporal CLI and the time-skipping test server (cached under .tools/). Run by `make dev` and `make test`.
import { MissingBinaryError, provisionTemporalCli, provisionTestServer } from '../src/stack/temporal-binaries';

try {
  const started = Date.now();
  const cli = provisionTemporalCli();
  const testServer = provisionTestServer();
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`Temporal CLI: ${cli}\nTemporal test server: ${testServer}\n(provisioned in ${seconds}s)`);
} catch (error) {
  if (error instanceof MissingBinaryError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}

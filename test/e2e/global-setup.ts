// Starts the real stack once for the e2e project: embedded PostgreSQL, the Temporal dev server, migrations,
// the worker and the API as child processes, on free ports and a fresh data folder in /tmp.
import { randomUUID } from 'node:crypto';
import { startScratchStack } from '../../src/stack/stack';

export default async function globalSetup(): Promise<void> {
  // The controller identity the notice drafts name as contact point (GDPR Art. 33(3)(b)).
  // Webhook receivers in the tests listen on loopback, which the SSRF guard refuses unless allowlisted.
  Object.assign(process.env, { WEBHOOK_ALLOWLIST: '127.0.0.1/32' });
  // Nothing a test sends reaches PagerDuty or Slack: their APIs point at a loopback port nothing listens on unless a
  // suite starts its own worker with its receivers' addresses.
  Object.assign(process.env, { PAGERDUTY_EVENTS_URL: 'http://127.0.0.1:9/v2/enqueue', SLACK_API_URL: 'http://127.0.0.1:9/api/' });
  // The shared API is set up for the Slack and PagerDuty callbacks with secrets no suite knows, as a deployment
  // would be: unsigned and forged requests (security, fuzz) meet the signature check and its 401.
  // acknowledgement-callbacks.e2e starts its own APIs, with secrets it signs with and with none.
  Object.assign(process.env, { SLACK_SIGNING_SECRET: `slack-${randomUUID()}`, PAGERDUTY_WEBHOOK_SECRET: `pagerduty-${randomUUID()}` });
  Object.assign(process.env, { CONTROLLER_NAME: 'Example Retail SA', DPO_NAME: 'Dana Privacy', DPO_EMAIL: 'dpo@example.test', DPO_PHONE: '+32 2 555 01 00' });
  // The suites send thousands of requests from one address with a few keys, made-up ones too (security, fuzz):
  // the shared API's rate limits stay out of their way; rate-limit.e2e.test.ts starts an API with tight ones.
  Object.assign(process.env, { RATE_LIMIT_PER_MINUTE: '1000000', FAILED_AUTH_LIMIT: '1000000' });
  const { stack, dataDir } = await startScratchStack({
    name: 'e2e',
    databaseUrl: process.env.E2E_DATABASE_URL,
    temporalAddress: process.env.E2E_TEMPORAL_ADDRESS,
    echo: process.env.E2E_ECHO === '1',
  });
  Object.assign(globalThis, { __stack: stack, __stackDataDir: dataDir });
  // Test workers inherit the environment set here.
  process.env.E2E_API_URL = stack.apiUrl;
  process.env.E2E_ADMIN_KEY = stack.adminKey.key;
  process.env.E2E_DB_URL = stack.databaseUrl;
  process.env.E2E_APP_DB_URL = stack.appDatabaseUrl;
  process.env.E2E_TEMPORAL = stack.temporalAddress;
  process.env.E2E_DATA_DIR = dataDir;
  process.env.E2E_MAIL_DIR = stack.mailDir;
  // The local OpenID provider's client, for tests that start an API of their own.
  process.env.E2E_OIDC = JSON.stringify({ OIDC_ISSUER: stack.env.OIDC_ISSUER, OIDC_CLIENT_ID: stack.env.OIDC_CLIENT_ID, OIDC_CLIENT_SECRET: stack.env.OIDC_CLIENT_SECRET });
}

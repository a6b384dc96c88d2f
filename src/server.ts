// Entry point: the REST API on HOST:PORT until SIGINT/SIGTERM.
// First: tracing must hook `require` before express and pg are loaded (src/tracing-bootstrap.ts).
import { tracing } from './tracing-bootstrap';
import { Client, Connection } from '@temporalio/client';
import { CALLBACK_RECEIPT_RETENTION_HOURS } from './api/acknowledgement-callbacks';
import { createApp } from './api/app';
import path from 'node:path';
import { databaseSsl, evidenceDir, loadConfigOrExit, oidcSettings, publicUrl } from './config';
import { deleteOldCallbackReceipts } from './db/callback-receipts-repository';
import { deleteExpiredIdempotencyKeys } from './db/idempotency-repository';
import { deleteOldRateWindows } from './db/intake-repository';
import { deleteStaleSessions } from './db/sessions-repository';
import { createSlackSender } from './delivery/slack';
import { createSsrfGuard } from './delivery/ssrf-guard';
import { createPool } from './db/pool';
import { FilesystemEvidenceStore } from './evidence/filesystem-evidence-store';
import { createLogger } from './logger';
import { temporalConnectionOptions } from './temporal-connection';

function main(): void {
  const config = loadConfigOrExit();
  const logger = createLogger(config.LOG_LEVEL).child({ component: 'api' });
  const pool = createPool(config.DATABASE_URL, config.DATABASE_POOL_SIZE, databaseSsl(config));
  // An idle client's error (PostgreSQL restarted) must not crash the process; the next query reconnects.
  pool.on('error', (error) => logger.warn({ err: error }, 'idle PostgreSQL client failed'));
  // Lazy: the API starts (and answers 503) while Temporal is still down, and connects once it is up.
  const connection = Connection.lazy(temporalConnectionOptions(config));
  const temporal = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE, interceptors: { workflow: tracing?.clientInterceptors ?? [] } });
  const app = createApp({
    pool,
    temporal,
    logger,
    taskQueue: config.TASK_QUEUE,
    maxBodyBytes: config.MAX_BODY_BYTES,
    rpcTimeoutMs: config.TEMPORAL_RPC_TIMEOUT_MS,
    intakeTimeoutMs: config.INTAKE_TIMEOUT_MS,
    evidence: new FilesystemEvidenceStore({ root: evidenceDir(config), maxBytes: config.EVIDENCE_MAX_BYTES }),
    maxEvidenceBytes: config.EVIDENCE_MAX_BYTES,
    publicUrl: publicUrl(config),
    oidc: oidcSettings(config),
    session: { idleMinutes: config.SESSION_IDLE_MINUTES, maxHours: config.SESSION_MAX_HOURS },
    consoleDir: config.CONSOLE_DIR ?? path.resolve(__dirname, '..', 'web', 'dist'),
    trustProxy: config.TRUST_PROXY,
    rateLimits: { perCallerPerMinute: config.RATE_LIMIT_PER_MINUTE, failedAuthLimit: config.FAILED_AUTH_LIMIT, failedAuthWindowSeconds: config.FAILED_AUTH_WINDOW_SECONDS },
    callbackSecrets: { slackSigningSecret: config.SLACK_SIGNING_SECRET, pagerDutySecrets: config.PAGERDUTY_WEBHOOK_SECRET },
    slack: createSlackSender({ guard: createSsrfGuard({ allowlist: config.WEBHOOK_ALLOWLIST }), timeoutMs: config.WEBHOOK_TIMEOUT_MS, slackApiUrl: config.SLACK_API_URL }),
    controller: {
      name: config.CONTROLLER_NAME ?? null,
      dpoName: config.DPO_NAME ?? null,
      dpoEmail: config.DPO_EMAIL ?? null,
      dpoPhone: config.DPO_PHONE ?? null,
    },
  });
  const server = app.listen(config.PORT, config.HOST, () => {
    logger.info({ url: `http://${config.HOST}:${config.PORT}` }, 'api listening');
  });
  // Expired Idempotency-Keys, old rate windows, sessions and callback receipts are dead weight; any replica may sweep them.
  const sweep = setInterval(() => {
    void Promise.all([deleteExpiredIdempotencyKeys(pool), deleteOldRateWindows(pool), deleteStaleSessions(pool), deleteOldCallbackReceipts(pool, CALLBACK_RECEIPT_RETENTION_HOURS)]).catch((error: unknown) => logger.warn({ err: error }, 'sweep failed'));
  }, 3_600_000);
  sweep.unref();
  const shutdown = () => {
    clearInterval(sweep);
    logger.info('api stopping');
    server.close(() => {
      void Promise.allSettled([pool.end(), connection.close(), tracing?.shutdown()]).then(() => process.exit(0));
    });
    server.closeAllConnections();
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main();

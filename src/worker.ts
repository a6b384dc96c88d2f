// Entry point: runs incident workflows and their activities on their task queues until SIGINT/SIGTERM.
// First: tracing must hook `require` before pg is loaded (src/tracing-bootstrap.ts).
import { tracing } from './tracing-bootstrap';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, type LogLevel } from '@temporalio/worker';
import { createActivities, type IncidentGateway } from './activities';
import { createIncidentService } from './api/incident-service';
import { createIncidentWrites } from './api/incident-writes';
import { ConflictError } from './api/problem';
import { databaseSsl, evidenceDir, loadConfigOrExit, publicUrl } from './config';
import { createPool } from './db/pool';
import { createSmtpEmailSender } from './delivery/email-sender';
import { createSsrfGuard } from './delivery/ssrf-guard';
import { createWebhookSender } from './delivery/webhook-sender';
import { createSlackSender } from './delivery/slack';
import { createTeamsSender } from './delivery/teams';
import { createPagerDutySender } from './delivery/pagerduty';
import { FilesystemEvidenceStore } from './evidence/filesystem-evidence-store';
import { startAlertDispatcher } from './intake/alert-dispatcher';
import { registerSearchAttributes } from './stack/register-search-attributes';
import { createLogger } from './logger';
import { temporalConnectionOptions } from './temporal-connection';
import { createWorkerMetrics } from './metrics/worker-metrics';
import { freeLocalPort, startWorkerMetricsServer } from './metrics/worker-metrics-server';
import { createIncidentWorkers, defaultMaxCachedWorkflows, isActivityOnlyWorkerNotice, runIncidentWorkers } from './workers';

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const logger = createLogger(config.LOG_LEVEL).child({ component: 'worker' });
  // The SDK's own logs (bundling, state changes) go through pino too, from WARN up.
  const sdkLevel: Record<LogLevel, 'trace' | 'debug' | 'info' | 'warn' | 'error'> = { TRACE: 'trace', DEBUG: 'debug', INFO: 'info', WARN: 'warn', ERROR: 'error' };
  // The SDK's own metrics (task latencies, slots, polls) go to an exporter on a loopback port of its own; the
  // worker's /metrics appends them, so Prometheus scrapes one port.
  const sdkMetricsPort = config.WORKER_METRICS_PORT === 0 ? undefined : await freeLocalPort();
  Runtime.install({
    logger: new DefaultLogger('WARN', (entry) => {
      if (!isActivityOnlyWorkerNotice(entry.message)) logger[sdkLevel[entry.level]]({ sdk: entry.meta }, entry.message);
    }),
    ...(sdkMetricsPort ? { telemetryOptions: { metrics: { prometheus: { bindAddress: `127.0.0.1:${sdkMetricsPort}` } } } } : {}),
  });
  const pool = createPool(config.DATABASE_URL, config.DATABASE_POOL_SIZE, databaseSsl(config));
  // An idle client's error (PostgreSQL restarted) must not crash the worker; the next activity reconnects.
  pool.on('error', (error) => logger.warn({ err: error }, 'idle PostgreSQL client failed'));
  const metrics = createWorkerMetrics({ pool, policies: config.ESCALATION_POLICIES, onError: (error) => logger.warn({ err: error }, 'could not measure an escalation’s lateness') });
  const email = createSmtpEmailSender({ smtpUrl: config.SMTP_URL, from: config.MAIL_FROM, timeoutMs: 30_000 });
  // Every outbound channel goes through the same SSRF guard and per-attempt timeout as webhooks.
  const outbound = { guard: createSsrfGuard({ allowlist: config.WEBHOOK_ALLOWLIST }), timeoutMs: config.WEBHOOK_TIMEOUT_MS };
  const webhooks = createWebhookSender(outbound);
  const slack = createSlackSender({ ...outbound, slackApiUrl: config.SLACK_API_URL });
  const teams = createTeamsSender(outbound);
  const pagerDuty = createPagerDutySender({ ...outbound, eventsUrl: config.PAGERDUTY_EVENTS_URL });
  const connection = await NativeConnection.connect(temporalConnectionOptions(config));
  // Workflows upsert the incident search attributes; an unregistered one fails every workflow task.
  await registerSearchAttributes(connection, config.TEMPORAL_NAMESPACE).then(
    (added) => added.length > 0 && logger.info({ added }, 'registered search attributes'),
    (error: unknown) => logger.warn({ err: error }, 'could not register search attributes; create them with `temporal operator search-attribute create`'),
  );
  // The intake's correlation groups open incidents and attach alerts through the incident workflows' own updates.
  const clientConnection = Connection.lazy(temporalConnectionOptions(config));
  const temporal = new Client({ connection: clientConnection, namespace: config.TEMPORAL_NAMESPACE, interceptors: { workflow: tracing?.clientInterceptors ?? [] } });
  const rpc = { pool, temporal, rpcTimeoutMs: config.TEMPORAL_RPC_TIMEOUT_MS };
  const openIncidents = createIncidentService({ ...rpc, taskQueue: config.TASK_QUEUE });
  const writes = createIncidentWrites(rpc);
  const incidents: IncidentGateway = {
    open: (incidentId, incident, actor) => openIncidents.open(incident, actor, incidentId),
    attachAlert: (incidentId, input, actor) =>
      writes(incidentId, 'attachAlert', input, actor, input.alertId).then(
        () => true,
        (error: unknown) => {
          if (error instanceof ConflictError) return false;
          throw error;
        },
      ),
  };
  const maxCachedWorkflows = config.WORKER_MAX_CACHED_WORKFLOWS ?? defaultMaxCachedWorkflows();
  try {
    const workers = await createIncidentWorkers({
      connection,
      namespace: config.TEMPORAL_NAMESPACE,
      taskQueue: config.TASK_QUEUE,
      workflows: { workflowsPath: require.resolve('./workflows'), maxCachedWorkflows },
      maxConcurrentDeliveries: config.WORKER_MAX_CONCURRENT_DELIVERIES,
      tracing: tracing?.workerOptions,
      activities: createActivities({
        pool,
        evidence: new FilesystemEvidenceStore({ root: evidenceDir(config), maxBytes: config.EVIDENCE_MAX_BYTES }),
        email,
        webhooks,
        slack,
        teams,
        pagerDuty,
        slackBotToken: config.SLACK_BOT_TOKEN,
        policies: config.ESCALATION_POLICIES,
        publicUrl: publicUrl(config),
        incidents,
        observer: metrics.observer,
      }),
    });
    logger.info({ taskQueue: config.TASK_QUEUE, address: config.TEMPORAL_ADDRESS, maxCachedWorkflows }, 'worker started');
    // Stored alerts reach their correlation groups from here, whichever API replica accepted them.
    const dispatcher = startAlertDispatcher({ pool, temporal, taskQueue: config.TASK_QUEUE, logger: logger.child({ component: 'alert-dispatcher' }), rpcTimeoutMs: config.TEMPORAL_RPC_TIMEOUT_MS });
    // A taken port costs this worker its /metrics, never its work (two workers on one host, say).
    const metricsServer = config.WORKER_METRICS_PORT === 0
      ? undefined
      : await startWorkerMetricsServer({
        host: config.HOST,
        port: config.WORKER_METRICS_PORT,
        registry: metrics.registry,
        sdkMetricsUrl: sdkMetricsPort ? `http://127.0.0.1:${sdkMetricsPort}/metrics` : undefined,
        healthy: () => workers.every((w) => w.getState() === 'RUNNING'),
      }).then(
        (started) => {
          logger.info({ url: `http://${config.HOST}:${started.port}/metrics` }, 'worker metrics listening');
          return started;
        },
        (error: unknown) => {
          logger.warn({ err: error, port: config.WORKER_METRICS_PORT }, 'worker metrics server not started; this worker serves no /metrics');
          return undefined;
        },
      );
    // Returns after SIGINT/SIGTERM once in-flight tasks have finished.
    await runIncidentWorkers(workers).finally(async () => {
      await dispatcher.stop();
      await metricsServer?.close();
    });
  } finally {
    await connection.close();
    await clientConnection.close();
    email.close();
    await pool.end();
    await tracing?.shutdown();
  }
  logger.info('worker stopped');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

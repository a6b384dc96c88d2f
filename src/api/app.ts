import { randomUUID } from 'node:crypto';
import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import type { Client } from '@temporalio/client';
import express, { Router } from 'express';
import type pg from 'pg';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import swaggerUi from 'swagger-ui-express';
import type { EvidenceStore } from '../evidence/evidence-store';
import { createApiMetrics } from '../metrics/api-metrics';
import { createCaseFileService, type ControllerIdentity } from './case-file-service';
import { createAcknowledgementCallbacks, type CallbackSecrets } from './acknowledgement-callbacks';
import { createClockService } from './clock-service';
import { createContactsService } from './contacts-service';
import { createIncidentService } from './incident-service';
import { createIncidentWrites } from './incident-writes';
import { createIntakeService } from './intake-service';
import { consoleRouter } from './console';
import { methodNotAllowed } from './method-not-allowed';
import { oidcSignInRouter, type OidcSettings } from './oidc-sign-in';
import { createPersonSessions, SESSION_COOKIE } from './person-sessions';
import { accessRoutes } from './routes/access';
import { notFoundHandler, problemHandler, RETRY_AFTER_SECONDS } from './problem';
import { createRateLimits, type RateLimitSettings } from './rate-limit/rate-limits';
import { registerRoutes } from './route';
import { withinTemporalTimeout } from './unavailable';
import { registerCallbackEndpoints } from './routes/callbacks';
import { caseFileRoutes } from './routes/case-file';
import { clockRoutes } from './routes/clocks';
import { coverageRoutes } from './routes/coverage';
import { incidentRoutes } from './routes/incidents';
import { intakeSourceRoutes, registerIntakeEndpoint } from './routes/intake';
import { lifecycleRoutes } from './routes/lifecycle';
import { settingsRoutes } from './routes/settings';
import type { SlackSender } from '../delivery/slack';

export interface AppDeps {
  pool: pg.Pool;
  temporal: Client;
  logger: Logger;
  taskQueue: string;
  maxBodyBytes: number;
  rpcTimeoutMs: number;
  /** How long an alert may wait for its correlation group, which serializes a burst of alerts. */
  intakeTimeoutMs: number;
  evidence: EvidenceStore;
  maxEvidenceBytes: number;
  controller: ControllerIdentity;
  /** Base URL of the API as tools and people reach it (intake URLs, links to the console). */
  publicUrl: string;
  /** The OpenID provider people sign in with; without it the console has no sign-in. */
  oidc?: OidcSettings;
  session: { idleMinutes: number; maxHours: number };
  /** The built console (web/dist). */
  consoleDir: string;
  /** Express `trust proxy`: which proxies may name the client (see TRUST_PROXY); false when absent. */
  trustProxy?: false | number | string[];
  /** The /v1 rate limits; an app built without them (a test reading the OpenAPI document) limits nothing. */
  rateLimits?: RateLimitSettings;
  /** Secrets of the Slack and PagerDuty acknowledgement callbacks; an integration without one answers 404. */
  callbackSecrets?: CallbackSecrets;
  /** Updates a Slack message once acknowledged from its button (the interaction's response_url). */
  slack?: Pick<SlackSender, 'replaceInteractionMessage'>;
}

// Slack shows an error to the clicker when its interaction is not answered within 3 s.
const CALLBACK_WRITE_TIMEOUT_MS = 2_500;

const REQUEST_ID = /^[\w.-]{1,128}$/;

async function check(fn: () => Promise<unknown>): Promise<'ok' | 'unavailable'> {
  try {
    await fn();
    return 'ok';
  } catch {
    return 'unavailable';
  }
}

/** The OpenAPI 3.1 document of every registered route. */
function openApiDocument(registry: OpenAPIRegistry) {
  registry.registerComponent('securitySchemes', 'bearerAuth', { type: 'http', scheme: 'bearer', description: 'An API key' });
  registry.registerComponent('securitySchemes', 'sessionCookie', {
    type: 'apiKey',
    in: 'cookie',
    name: SESSION_COOKIE,
    description: 'A person’s console session (sign in at /auth/login); writes also need the X-CSRF-Token header',
  });
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Breach response engine',
      version: '0.1.0',
      description: 'Personal-data breach incidents as durable workflows, with the GDPR Art. 33 72-hour clock.',
    },
    servers: [{ url: '/' }],
  });
}

/** The Express app: request ids and logs, JSON parsing, health checks, /v1 routes, OpenAPI and problem+json errors. */
export function createApp(deps: AppDeps): express.Express {
  const { pool, temporal, logger } = deps;
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', deps.trustProxy ?? false);
  const rateLimits = deps.rateLimits && createRateLimits({ pool, logger, settings: deps.rateLimits });
  // Labelled by the registered routes' templates, read once the document below exists (at the first request).
  const metrics = createApiMetrics({ pool, logger, routeTemplates: () => Object.keys(document.paths ?? {}) });
  app.use(metrics.middleware);

  app.use(
    pinoHttp({
      logger,
      genReqId: (req, res) => {
        const incoming = req.headers['x-request-id'];
        const id = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
        res.setHeader('X-Request-Id', id);
        return id;
      },
      autoLogging: { ignore: (req) => req.url === '/healthz' || req.url === '/readyz' || req.url === '/metrics' },
    }),
  );
  // Before the bodies are read: a refused request costs no parsing.
  if (rateLimits) app.use('/v1', rateLimits.refuse);
  // Intake signatures cover the exact bytes sent: those routes get the raw body, whatever its content type.
  app.use('/v1/intake', express.raw({ limit: deps.maxBodyBytes, type: () => true }));
  app.use('/v1/callbacks', express.raw({ limit: deps.maxBodyBytes, type: () => true }));
  app.use(express.json({ limit: deps.maxBodyBytes, type: ['application/json', 'application/*+json'] }));

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/metrics', metrics.handler);
  app.get('/readyz', async (_req, res) => {
    const [postgres, temporalCheck] = await Promise.all([
      check(() => pool.query('SELECT 1')),
      check(() => withinTemporalTimeout(temporal.connection, 2_000, () => temporal.workflowService.getSystemInfo({}))),
    ]);
    const ready = postgres === 'ok' && temporalCheck === 'ok';
    if (!ready) res.set('Retry-After', String(RETRY_AFTER_SECONDS));
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'unavailable', checks: { postgres, temporal: temporalCheck } });
  });

  const registry = new OpenAPIRegistry();
  const router = Router();
  // Cookies are Secure whenever people reach the API over HTTPS (behind a TLS-terminating proxy too).
  const sessions = createPersonSessions({ pool, ...deps.session, secureCookies: deps.publicUrl.startsWith('https:') });
  app.use(oidcSignInRouter({ pool, sessions, publicUrl: deps.publicUrl, settings: deps.oidc, logger }));
  const incidents = createIncidentService({ pool, temporal, taskQueue: deps.taskQueue, rpcTimeoutMs: deps.rpcTimeoutMs });
  const intake = createIntakeService({ pool, temporal, taskQueue: deps.taskQueue, rpcTimeoutMs: deps.intakeTimeoutMs, publicUrl: deps.publicUrl });
  const writes = createIncidentWrites({ pool, temporal, rpcTimeoutMs: deps.rpcTimeoutMs });
  const caseFile = createCaseFileService({ pool, evidence: deps.evidence, writes, controller: deps.controller, maxEvidenceBytes: deps.maxEvidenceBytes, auditHead: (workflowId) => incidents.auditHead(workflowId) });
  registerRoutes(router, registry, { pool, sessions }, [...accessRoutes(pool), ...incidentRoutes(incidents), ...lifecycleRoutes(writes), ...caseFileRoutes(caseFile), ...settingsRoutes(createContactsService(pool)),
    ...clockRoutes(writes, createClockService({ pool, writes })),
    ...coverageRoutes(),
    ...intakeSourceRoutes(intake),
  ]);
  registerIntakeEndpoint(router, registry, intake);
  const callbackWrites = createIncidentWrites({ pool, temporal, rpcTimeoutMs: Math.min(deps.rpcTimeoutMs, CALLBACK_WRITE_TIMEOUT_MS) });
  registerCallbackEndpoints(router, registry, createAcknowledgementCallbacks({ pool, writes: callbackWrites, secrets: deps.callbackSecrets ?? {}, logger, slack: deps.slack }));
  app.use(router);
  if (rateLimits) app.use('/v1', rateLimits.countFailedAuthentication);

  const document = openApiDocument(registry);
  app.locals.openApiDocument = document;
  app.get('/openapi.json', (_req, res) => {
    res.json(document);
  });
  app.use('/docs', swaggerUi.serve, swaggerUi.setup(document));
  app.use(consoleRouter(deps.consoleDir));

  app.use(methodNotAllowed(document.paths ?? {}));
  app.use(notFoundHandler);
  app.use(problemHandler);
  return app;
}

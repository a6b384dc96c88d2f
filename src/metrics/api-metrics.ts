import type { Request, RequestHandler, Response } from 'express';
import type pg from 'pg';
import type { Logger } from 'pino';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { registerBusinessMetrics } from './business-metrics';
import { httpMetrics } from './http-metrics';

/** The API process's metrics: the middleware that times requests and the `/metrics` handler. */
export interface ApiMetrics {
  middleware: RequestHandler;
  handler: RequestHandler;
}

/**
 * A registry of its own per app (tests build several apps in one process): Node process metrics, HTTP requests by
 * route template, refused intake deliveries, and the business figures read from PostgreSQL at scrape time.
 * Labels hold templates, stages, regimes, statuses and kinds only: no ids, names or addresses.
 */
export function createApiMetrics(deps: { pool: pg.Pool; logger: Logger; routeTemplates: () => readonly string[] }): ApiMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const middleware = httpMetrics(registry, deps.routeTemplates);
  registerBusinessMetrics(registry, { pool: deps.pool, onError: (error) => deps.logger.warn({ err: error }, 'could not read the business figures for /metrics') });
  const handler = (_req: Request, res: Response) => {
    void registry.metrics().then(
      (text) => res.type(registry.contentType).send(text),
      (error: unknown) => {
        deps.logger.error({ err: error }, 'could not render /metrics');
        res.status(500).type('text').send('metrics unavailable');
      },
    );
  };
  return { middleware, handler };
}

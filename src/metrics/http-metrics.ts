import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { Counter, Histogram, type Registry } from 'prom-client';
import { methodLabel, routeMatcher } from './route-label';

/** The signed intake endpoint's template; its refusals are counted by reason as well. */
export const INTAKE_ROUTE = '/v1/intake/{sourceId}';

/**
 * Why the intake refused a delivery, from the status it answered (README "Intake"): nothing is stored for any of
 * them, so the API process is the only place they can be counted. Undefined for an accepted delivery (2xx).
 */
export function intakeRefusalReason(status: number): string | undefined {
  if (status < 400) return undefined;
  switch (status) {
    case 401:
      return 'signature';
    case 404:
      return 'unknown-source';
    case 413:
      return 'too-large';
    case 400:
    case 415:
    case 422:
      return 'invalid-alert';
    case 429:
      return 'rate-limited';
    case 503:
      return 'unavailable';
    default:
      return 'error';
  }
}

/**
 * Express middleware timing every request by method, route template and status, and counting refused intake
 * deliveries by reason. `templates` is read on the first request (the routes are registered after the middleware).
 */
export function httpMetrics(registry: Registry, templates: () => readonly string[]): RequestHandler {
  const labelNames = ['method', 'route', 'status'] as const;
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time from a request’s arrival to its response being sent, by method, route template and status',
    labelNames,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const requests = new Counter({ name: 'http_requests_total', help: 'Requests answered, by method, route template and status', labelNames, registers: [registry] });
  const refused = new Counter({
    name: 'breach_intake_alerts_refused_total',
    help: 'Intake deliveries refused before anything was stored, by reason (signature, unknown-source, too-large, invalid-alert, rate-limited, unavailable, error)',
    labelNames: ['reason'] as const,
    registers: [registry],
  });
  let match: ((path: string) => string) | undefined;
  return (req: Request, res: Response, next: NextFunction) => {
    const started = process.hrtime.bigint();
    res.once('finish', () => {
      match ??= routeMatcher(templates());
      const route = match(req.originalUrl);
      const labels = { method: methodLabel(req.method), route, status: String(res.statusCode) };
      duration.observe(labels, Number(process.hrtime.bigint() - started) / 1e9);
      requests.inc(labels);
      if (route === INTAKE_ROUTE && labels.method === 'POST') {
        const reason = intakeRefusalReason(res.statusCode);
        if (reason) refused.inc({ reason });
      }
    });
    next();
  };
}

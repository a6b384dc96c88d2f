import type { OpenAPIRegistry, RouteConfig } from '@asteasolutions/zod-to-openapi';
import type { Request, Response, Router } from 'express';
import type pg from 'pg';
import { z } from 'zod';
import type { Role } from '../domain/roles';
import { authorize, type Principal } from './auth';
import { IdempotencyHeadersSchema, withIdempotency } from './idempotency';
import type { PersonSessions } from './person-sessions';
import { HttpProblem, ProblemSchema, ValidationError } from './problem';

type AnyObject = z.ZodObject<z.ZodRawShape>;

/** What a handler receives: the parsed inputs and the caller. */
export interface RouteContext<P extends AnyObject, Q extends AnyObject, B extends z.ZodType> {
  params: z.infer<P>;
  query: z.infer<Q>;
  body: z.infer<B>;
  principal: Principal;
  /** The request's Idempotency-Key, on routes that accept one; handlers derive workflow and update ids from it. */
  idempotencyKey: string | null;
  req: Request;
  res: Response;
}

/** One endpoint as one object: the same zod schemas validate the request and document it in OpenAPI. */
export interface RouteDefinition<P extends AnyObject, Q extends AnyObject, B extends z.ZodType, R extends z.ZodType> {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** OpenAPI path, parameters in braces: `/v1/incidents/{id}`. */
  path: string;
  operationId: string;
  summary: string;
  tags: string[];
  roles: readonly Role[];
  params?: P;
  query?: Q;
  body?: B;
  /** The body is raw bytes (application/octet-stream) that the handler streams from `req`; no JSON. */
  upload?: { description: string };
  /** `contentType` other than JSON: the handler writes the response itself (e.g. a CSV stream). */
  response: { status: number; description: string; schema: R; contentType?: string };
  /** Problem statuses this route can answer besides the ones every route can (400, 401, 403, 422, 429, 500, 503). */
  problems?: number[];
  /**
   * OpenAPI links from the success response to the operations it makes reachable (what a client, or a stateful
   * fuzzer, calls next with the id it got): link name → target operationId and where each parameter comes from.
   */
  links?: Record<string, { operationId: string; parameters: Record<string, string> }>;
  handler: (ctx: RouteContext<P, Q, B>) => Promise<z.input<R>>;
}

/** A route definition with its type parameters erased, for lists of routes. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyRoute = RouteDefinition<any, any, any, any>;

/** Declares a route; the identity function exists so TypeScript infers the handler's types from the schemas. */
export function defineRoute<P extends AnyObject, Q extends AnyObject, B extends z.ZodType, R extends z.ZodType>(
  route: RouteDefinition<P, Q, B, R>,
): RouteDefinition<P, Q, B, R> {
  return route;
}

const PROBLEM_TITLES: Record<number, string> = {
  400: 'Malformed request',
  401: 'Missing, unknown or revoked API key, or no live session',
  403: 'The caller’s role may not do this, or a session write lacks its CSRF token',
  404: 'Not found',
  409: 'Conflicts with the incident’s state',
  413: 'Body too large',
  415: 'Body is not JSON',
  422: 'Invalid input (see errors[])',
  429: 'Too many requests from this caller, or failed authentications from this address; retry after Retry-After seconds',
  500: 'Unexpected error',
  503: 'PostgreSQL or Temporal unavailable; retry after Retry-After seconds',
};

function parseOrThrow<T extends z.ZodType>(schema: T | undefined, value: unknown, location: string): z.infer<T> {
  if (!schema) return {} as z.infer<T>;
  const result = schema.safeParse(value);
  if (!result.success) throw new ValidationError(location, result.error);
  return result.data;
}

function toExpressPath(openApiPath: string): string {
  return openApiPath.replace(/\{(\w+)\}/g, ':$1');
}

/** Whether the route takes an Idempotency-Key: JSON writes (POST, PUT, PATCH), not raw uploads or streamed answers. */
function acceptsIdempotencyKey(route: AnyRoute): boolean {
  return (route.method === 'post' || route.method === 'put' || route.method === 'patch') && !route.upload && !route.response.contentType;
}

/** Adds each route to the router (auth → validation → handler) and to the OpenAPI registry. */
export function registerRoutes(router: Router, registry: OpenAPIRegistry, { pool, sessions }: { pool: pg.Pool; sessions: PersonSessions }, routes: readonly AnyRoute[]): void {
  for (const route of routes) {
    router[route.method](toExpressPath(route.path), async (req: Request, res: Response) => {
      const principal = await authorize(pool, sessions, req, res, route.roles);
      if (route.body && !req.is('application/json')) {
        throw new HttpProblem(415, 'Unsupported Media Type', 'Send the body as application/json.');
      }
      if (route.upload && !req.is('application/octet-stream')) {
        throw new HttpProblem(415, 'Unsupported Media Type', 'Send the content as application/octet-stream.');
      }
      const context = {
        params: parseOrThrow(route.params, req.params, 'params'),
        query: parseOrThrow(route.query, req.query, 'query'),
        body: parseOrThrow(route.body, req.body, 'body'),
        principal,
        idempotencyKey: acceptsIdempotencyKey(route) ? (req.get('idempotency-key') ?? null) : null,
        req,
        res,
      };
      if (route.response.contentType) {
        await route.handler(context);
        return;
      }
      const run = async () => ({ status: route.response.status, body: route.response.schema.parse(await route.handler(context)) as unknown });
      // Only after authorization and validation: a refused request never claims an Idempotency-Key.
      const result = acceptsIdempotencyKey(route) ? await withIdempotency(pool, req, res, principal, run) : await run();
      res.status(result.status).json(result.body);
    });

    const statuses = [400, 401, 403, 422, 429, 500, 503, ...(route.problems ?? [])];
    if (route.body || route.upload) statuses.push(413, 415);
    if (acceptsIdempotencyKey(route)) statuses.push(409);
    const config: RouteConfig = {
      method: route.method,
      path: route.path,
      operationId: route.operationId,
      summary: route.summary,
      description: `Roles: ${route.roles.join(', ')}.`,
      tags: route.tags,
      security: [{ bearerAuth: [] }, { sessionCookie: [] }],
      request: {
        ...(route.params ? { params: route.params } : {}),
        ...(route.query ? { query: route.query } : {}),
        ...(acceptsIdempotencyKey(route) ? { headers: IdempotencyHeadersSchema } : {}),
        ...(route.body ? { body: { required: true, content: { 'application/json': { schema: route.body } } } } : {}),
        ...(route.upload
          ? { body: { required: true, description: route.upload.description, content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } } } }
          : {}),
      },
      responses: {
        [route.response.status]: {
          description: route.response.description,
          content: { [route.response.contentType ?? 'application/json']: { schema: route.response.schema } },
          ...(route.links ? { links: route.links } : {}),
        },
        ...Object.fromEntries(
          [...new Set(statuses)].sort().map((s) => [s, { description: PROBLEM_TITLES[s] ?? 'Problem', content: { 'application/problem+json': { schema: ProblemSchema } } }]),
        ),
      },
    };
    registry.registerPath(config);
  }
}

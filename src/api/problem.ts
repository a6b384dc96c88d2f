import type { ErrorRequestHandler, RequestHandler } from 'express';
import { DatabaseError } from 'pg';
import { z } from 'zod';
import { isDependencyUnavailable } from './unavailable';
import { reportedIssues } from './zod-issues';

/** One field-level problem: where it was (body, query, params, header), the zod path inside it, and why. */
export interface FieldIssue {
  location: string;
  path: (string | number)[];
  code: string;
  message: string;
}

/** An error the API answers with a given status as RFC 9457 problem+json. */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    detail: string,
    readonly extras: { errors?: FieldIssue[]; headers?: Record<string, string>; type?: string } = {},
  ) {
    super(detail);
    this.name = 'HttpProblem';
  }
}

export class ValidationError extends HttpProblem {
  constructor(location: string, error: z.ZodError, status = 422) {
    const errors = reportedIssues(error.issues).map((i) => ({ location, ...i }));
    super(status, 'Invalid request', `The request ${location} is not valid: see errors.`, { errors, type: 'validation-error' });
    this.name = 'ValidationError';
  }
}

export class UnauthorizedError extends HttpProblem {
  constructor(detail: string) {
    super(401, 'Unauthorized', detail, { headers: { 'WWW-Authenticate': 'Bearer realm="breach-response"' } });
    this.name = 'UnauthorizedError';
  }
}

export class ForbiddenError extends HttpProblem {
  constructor(detail: string) {
    super(403, 'Forbidden', detail);
    this.name = 'ForbiddenError';
  }
}

export class NotFoundError extends HttpProblem {
  constructor(detail: string) {
    super(404, 'Not Found', detail);
    this.name = 'NotFoundError';
  }
}

export class ConflictError extends HttpProblem {
  constructor(detail: string) {
    super(409, 'Conflict', detail);
    this.name = 'ConflictError';
  }
}

/** Seconds a client should wait before retrying while a dependency is down. */
export const RETRY_AFTER_SECONDS = 5;

/** The zod schema of every error body, for the OpenAPI document. */
export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string(),
    requestId: z.string(),
    errors: z
      .array(z.object({ location: z.string(), path: z.array(z.union([z.string(), z.number()])), code: z.string(), message: z.string() }))
      .optional(),
  })
  .meta({ id: 'Problem' });
export type Problem = z.infer<typeof ProblemSchema>;

function slug(title: string): string {
  return title.toLowerCase().replace(/[^a-z0-9]+/g, '-');
}

/** Express body-parser errors carry a `type` and a `status`; they become 400, 413 or 415. */
function fromBodyParser(error: unknown): HttpProblem | undefined {
  const e = error as { type?: string; status?: number; code?: unknown };
  if (e.type === 'entity.parse.failed') return new HttpProblem(400, 'Malformed JSON', 'The request body is not valid JSON.');
  if (e.type === 'entity.too.large') return new HttpProblem(413, 'Payload Too Large', 'The request body exceeds the size limit.');
  if (e.type === 'encoding.unsupported' || e.type === 'charset.unsupported') {
    return new HttpProblem(415, 'Unsupported Media Type', 'The request body encoding is not supported.');
  }
  if (typeof e.status === 'number' && e.status >= 400 && e.status < 500 && e.type) {
    return new HttpProblem(e.status, 'Bad Request', 'The request body could not be read.');
  }
  // Bytes that do not inflate with their Content-Encoding: body-parser passes zlib's error on, marked 400 but untyped.
  if (e.status === 400 && typeof e.code === 'string' && /^(Z_|ERR__)/.test(e.code)) {
    return new HttpProblem(400, 'Bad Request', 'The request body does not decode with its Content-Encoding.');
  }
  return undefined;
}

/** PostgreSQL refusing a value itself (SQLSTATE class 22, e.g. a NUL character in text) on a write the API makes directly: 422, as for Updates. */
function fromRefusedData(error: unknown): HttpProblem | undefined {
  if (!(error instanceof DatabaseError) || !error.code?.startsWith('22')) return undefined;
  return new HttpProblem(422, 'Invalid request', 'The request holds a value the case file cannot store.', { type: 'validation-error' });
}

function toProblem(error: unknown): HttpProblem {
  if (error instanceof HttpProblem) return error;
  const parsed = fromBodyParser(error) ?? fromRefusedData(error);
  if (parsed) return parsed;
  if (isDependencyUnavailable(error)) {
    return new HttpProblem(503, 'Service Unavailable', 'A dependency (PostgreSQL or Temporal) is unavailable; retry later.', {
      headers: { 'Retry-After': String(RETRY_AFTER_SECONDS) },
    });
  }
  return new HttpProblem(500, 'Internal Server Error', 'An unexpected error occurred.');
}

/** Answers 404 problem+json for any route nothing else matched. */
export const notFoundHandler: RequestHandler = (req, _res, next) => {
  next(new NotFoundError(`No route for ${req.method} ${req.path}.`));
};

/** Maps every error to `application/problem+json`; unknown errors become 500 without internals. */
export const problemHandler: ErrorRequestHandler = (error, req, res, _next) => {
  const problem = toProblem(error);
  if (problem.status >= 500) req.log?.error({ err: error }, 'request failed');
  const body: Problem = {
    type: `/problems/${problem.extras.type ?? slug(problem.title)}`,
    title: problem.title,
    status: problem.status,
    detail: problem.message,
    instance: req.originalUrl,
    requestId: typeof req.id === 'string' ? req.id : '',
    ...(problem.extras.errors ? { errors: problem.extras.errors } : {}),
  };
  res.status(problem.status).set(problem.extras.headers ?? {}).type('application/problem+json').send(JSON.stringify(body));
};

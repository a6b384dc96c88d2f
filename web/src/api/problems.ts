import type { components } from './schema';

/** An RFC 9457 problem as the API sends it (application/problem+json). */
export type Problem = components['schemas']['Problem'];
/** One field-level issue of a problem: where (body, query, path, header), the zod path, code and message. */
export type ProblemIssue = NonNullable<Problem['errors']>[number];

/** A failed API call: the HTTP status (0 when the server could not be reached) and its problem. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem,
    /** Seconds the server asked to wait (Retry-After), when it said. */
    readonly retryAfter: number | null,
  ) {
    super(problem.detail || problem.title);
    this.name = 'ApiError';
  }

  /** Worth retrying unchanged: the server or a dependency was unavailable, or the network failed. */
  get transient(): boolean {
    return this.status === 0 || this.status === 502 || this.status === 503 || this.status === 504;
  }
}

function isProblem(body: unknown): body is Problem {
  return typeof body === 'object' && body !== null && typeof (body as Problem).title === 'string' && typeof (body as Problem).status === 'number';
}

const FALLBACK_DETAIL: Record<number, string> = {
  0: "The server can't be reached. Check your connection; nothing was saved.",
  401: 'Your session has ended. Sign in again.',
  403: 'Your role may not do this.',
  404: 'Not found.',
  409: 'This conflicts with the current state of the incident.',
  413: 'That is too large for the server to accept.',
  503: "A service the console depends on is unavailable. Nothing was saved; try again shortly.",
};

/** The ApiError of a response: its problem+json body when it sent one, else a problem made from the status. */
export function toApiError(response: Pick<Response, 'status' | 'statusText' | 'headers'> | undefined, body: unknown): ApiError {
  const status = response?.status ?? 0;
  const retryAfterHeader = response?.headers.get('Retry-After');
  const retryAfter = retryAfterHeader && /^\d+$/.test(retryAfterHeader) ? Number(retryAfterHeader) : null;
  if (isProblem(body)) return new ApiError(status, body, retryAfter);
  const detail = FALLBACK_DETAIL[status] ?? `The server answered ${status} ${response?.statusText ?? ''}`.trim();
  return new ApiError(status, { type: 'about:blank', title: detail, status, detail, instance: '', requestId: '' }, retryAfter);
}

/** The key a zod or problem path is shown under: its segments joined with dots ("inputs.circumstances.rationale"). */
export function pathKey(path: readonly PropertyKey[]): string {
  return path.map(String).join('.');
}

/** Field messages of a problem's body issues, keyed by path; issues about the query, path or headers are left to its detail. */
export function problemFieldErrors(problem: Problem): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of problem.errors ?? []) {
    if (issue.location !== 'body') continue;
    const key = pathKey(issue.path);
    errors[key] ??= issue.message;
  }
  return errors;
}

/** What to say at the top of a form for a failed call, by status. */
export function problemSummary(error: ApiError): string {
  const { problem, status } = error;
  if (status === 422 && (problem.errors?.length ?? 0) > 0) return 'The server refused some of the values: see the highlighted fields. Nothing was saved.';
  if (status === 503) return `${problem.detail || FALLBACK_DETAIL[503]} Nothing was saved; try again${error.retryAfter ? ` in ${error.retryAfter} s` : ' shortly'}.`;
  return problem.detail || problem.title;
}

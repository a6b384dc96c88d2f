import createClient, { type Middleware } from 'openapi-fetch';
import { reportUnavailable } from './availability';
import { CSRF_HEADER, csrfToken } from './csrf';
import { ApiError, toApiError } from './problems';
import type { paths } from './schema';
import { redirectToSignIn } from './sign-in';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Adds the CSRF token to writes, sends a signed-out person to sign in, and reports outages to the banner. */
const sessionMiddleware: Middleware = {
  onRequest({ request }) {
    const token = csrfToken();
    if (!SAFE_METHODS.has(request.method) && token) request.headers.set(CSRF_HEADER, token);
    return request;
  },
  onResponse({ response }) {
    if (response.status === 401) redirectToSignIn();
    if (response.status === 503) reportUnavailable();
    return response;
  },
  onError() {
    reportUnavailable();
  },
};

/** A regime id as the API's paths take it (the catalogue's ids, listed in the OpenAPI document). */
export type ApiRegime = paths['/v1/incidents/{id}/clocks/{regime}/{obligation}/meet']['post']['parameters']['path']['regime'];

/** The typed client of the API, generated from its OpenAPI document: same-origin, the session cookie goes along. */
export const api = createClient<paths>({ baseUrl: '', credentials: 'same-origin' });
api.use(sessionMiddleware);

interface CallResult<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** The data of a successful call; throws ApiError with the problem otherwise (status 0 when unreachable). */
export async function unwrap<T>(pending: Promise<CallResult<T>>): Promise<T> {
  let result: CallResult<T>;
  try {
    result = await pending;
  } catch (cause) {
    if (cause instanceof ApiError) throw cause;
    throw toApiError(undefined, undefined);
  }
  if (result.error !== undefined || !result.response.ok) throw toApiError(result.response, result.error);
  return result.data as T;
}

/**
 * A body the domain schema validated, handed to an operation whose generated type spells a key one union branch
 * forbids (`absent()`: `not: {}` in the document) in a way TypeScript cannot match with zod's `undefined`.
 * The runtime value is exactly what the schema accepted.
 */
export function validatedBody<T>(body: T): never {
  return body as never;
}

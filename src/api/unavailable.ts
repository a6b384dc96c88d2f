import { isGrpcServiceError, ServiceError, WorkflowUpdateRPCTimeoutOrCancelledError } from '@temporalio/client';

// gRPC codes of Temporal saying "not now": UNAVAILABLE and DEADLINE_EXCEEDED (the frontend cannot be reached
// or did not answer in time), RESOURCE_EXHAUSTED (rate limits, too many in-flight updates on one workflow) and
// FAILED_PRECONDITION (WorkflowNotReady: the workflow's task is failing or not yet scheduled, so an update or
// query cannot be delivered; it is answered once a worker runs the workflow again).
const GRPC_UNAVAILABLE = new Set([14, 4, 8, 9]);
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EHOSTUNREACH', 'EPIPE']);
// PostgreSQL SQLSTATE classes 08 (connection exception) and 57P (operator intervention: shutdown, restart).
const PG_UNAVAILABLE = /^(08|57P)/;

/** A Temporal call the API gave up on at its RPC timeout: the frontend is unreachable or too slow (503). */
export class TemporalTimeoutError extends Error {
  constructor(timeoutMs: number) {
    super(`Temporal did not answer within ${timeoutMs} ms`);
    this.name = 'TemporalTimeoutError';
  }
}

/** What `fn` resolves to, with its Temporal calls under a deadline `timeoutMs` from now; rejects with TemporalTimeoutError at that deadline. */
export async function withinTemporalTimeout<T>(
  connection: { withDeadline<R>(deadline: number, fn: () => Promise<R>): Promise<R> },
  timeoutMs: number,
  fn: () => Promise<T>,
): Promise<T> {
  const call = connection.withDeadline(Date.now() + timeoutMs, fn);
  let timer: NodeJS.Timeout | undefined;
  // The client retries an unreachable frontend with backoffs of up to ~6 s that do not stop at the deadline:
  // without this timer a request could wait that much past the timeout before it is answered 503.
  const expired = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new TemporalTimeoutError(timeoutMs)), timeoutMs);
  });
  try {
    return await Promise.race([call, expired]);
  } finally {
    clearTimeout(timer);
    call.catch(() => undefined);
  }
}

/** Whether an error means PostgreSQL or Temporal is unreachable right now (answer 503), not that the request is wrong. */
export function isDependencyUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 5) return false;
  if (error instanceof WorkflowUpdateRPCTimeoutOrCancelledError || error instanceof TemporalTimeoutError) return true;
  if (isGrpcServiceError(error) && GRPC_UNAVAILABLE.has(error.code)) return true;
  const e = error as { code?: unknown; message?: unknown; cause?: unknown };
  if (typeof e.code === 'string' && (NETWORK_CODES.has(e.code) || PG_UNAVAILABLE.test(e.code))) return true;
  if (typeof e.message === 'string' && /timeout exceeded when trying to connect|Connection terminated/.test(e.message)) return true;
  if (error instanceof ServiceError) return isDependencyUnavailable(error.cause, depth + 1);
  return isDependencyUnavailable(e.cause, depth + 1);
}

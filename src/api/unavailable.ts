import { isGrpcServiceError, ServiceError, WorkflowUpdateRPCTimeoutOrCancelledError } from '@temporalio/client';

// gRPC UNAVAILABLE and DEADLINE_EXCEEDED: the Temporal frontend cannot be reached or did not answer in time.
const GRPC_UNAVAILABLE = new Set([14, 4]);
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EHOSTUNREACH', 'EPIPE']);
// PostgreSQL SQLSTATE classes 08 (connection exception) and 57P (operator intervention: shutdown, restart).
const PG_UNAVAILABLE = /^(08|57P)/;

/** Whether an error means PostgreSQL or Temporal is unreachable right now (answer 503), not that the request is wrong. */
export function isDependencyUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 5) return false;
  if (error instanceof WorkflowUpdateRPCTimeoutOrCancelledError) return true;
  if (isGrpcServiceError(error) && GRPC_UNAVAILABLE.has(error.code)) return true;
  const e = error as { code?: unknown; message?: unknown; cause?: unknown };
  if (typeof e.code === 'string' && (NETWORK_CODES.has(e.code) || PG_UNAVAILABLE.test(e.code))) return true;
  if (typeof e.message === 'string' && /timeout exceeded when trying to connect|Connection terminated/.test(e.message)) return true;
  if (error instanceof ServiceError) return isDependencyUnavailable(error.cause, depth + 1);
  return isDependencyUnavailable(e.cause, depth + 1);
}

// A broken rule as the failure Temporal hands the caller, from the workflow or from an activity: its type says
// 409, 404 or 422 (src/api/incident-writes.ts), and it refuses the update instead of failing the workflow task.
import { ApplicationFailure } from '@temporalio/common';
import { IncidentRuleError } from '../domain/errors';
import { RULE_FAILURE_TYPES } from './messages';

/** Runs a check or a state change; a rule it breaks (IncidentRuleError) is thrown as a non-retryable ApplicationFailure. */
export function refuseBrokenRule<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (!(error instanceof IncidentRuleError)) throw error;
    throw ApplicationFailure.create({ type: RULE_FAILURE_TYPES[error.kind], message: error.message, details: [error.issues], nonRetryable: true });
  }
}

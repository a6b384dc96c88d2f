import { WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { ApplicationFailure, WorkflowNotFoundError, type UpdateDefinition } from '@temporalio/common';
import type pg from 'pg';
import { findIncidentById } from '../db/incidents-repository';
import type { RuleIssue } from '../domain/errors';
import type { Actor, WriteResult } from '../domain/incident';
import { PERSISTENCE_REJECTED, RULE_FAILURE_TYPES, writeUpdates, type WriteInput, type WriteUpdateName } from '../workflows/messages';
import { ConflictError, HttpProblem, NotFoundError } from './problem';
import { withinTemporalTimeout } from './unavailable';

/** The ApplicationFailure at the root of an update failure (an activity's failure arrives wrapped). */
function rootFailure(error: unknown): ApplicationFailure | undefined {
  for (let e = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth += 1) {
    if (e instanceof ApplicationFailure) return e;
  }
  return undefined;
}

/** A failed update as the problem the API answers: a broken rule (409, 404, 422) or data PostgreSQL refused (422); undefined for anything else. */
export function problemOfUpdateFailure(error: unknown): HttpProblem | undefined {
  if (!(error instanceof WorkflowUpdateFailedError)) return undefined;
  const failure = rootFailure(error.cause);
  if (!failure) return undefined;
  if (failure.type === PERSISTENCE_REJECTED) {
    return new HttpProblem(422, 'Invalid request', 'The request holds a value the case file cannot store.', { type: 'validation-error' });
  }
  return ruleProblem(failure);
}

function ruleProblem(failure: ApplicationFailure): HttpProblem | undefined {
  const issues = (failure.details?.[0] as RuleIssue[] | undefined) ?? [];
  const errors = issues.map((i) => ({ location: 'body', path: i.path, code: 'rule', message: i.message }));
  switch (failure.type) {
    case RULE_FAILURE_TYPES.conflict:
      return new HttpProblem(409, 'Conflict', failure.message, { errors });
    case RULE_FAILURE_TYPES['not-found']:
      return new NotFoundError(failure.message);
    case RULE_FAILURE_TYPES.invalid:
      return new HttpProblem(422, 'Invalid request', failure.message, { errors, type: 'validation-error' });
    default:
      return undefined;
  }
}

/** Sends writes to an incident's workflow as Updates and turns rejected ones into 404, 409 or 422 problems. */
export function createIncidentWrites({ pool, temporal, rpcTimeoutMs }: { pool: pg.Pool; temporal: Client; rpcTimeoutMs: number }) {
  return async function write<N extends WriteUpdateName>(incidentId: string, name: N, input: WriteInput<N>, actor: Actor, updateId?: string): Promise<WriteResult> {
    const row = await findIncidentById(pool, incidentId);
    if (!row) throw new NotFoundError(`No incident with id ${incidentId}.`);
    // A retry carrying the update id of a write that was answered 503 yet applied (the close itself, say) must get
    // that write's outcome, which Temporal keeps after the workflow completed; an unknown id finds it gone (409 below).
    if (row.status === 'closed' && updateId === undefined) throw new ConflictError('The incident is closed; closed incidents stay on record unchanged.');
    const handle = temporal.workflow.getHandle(row.workflow_id);
    const definition = writeUpdates[name] as UpdateDefinition<WriteResult, [{ input: WriteInput<N>; actor: Actor }]>;
    try {
      return await withinTemporalTimeout(temporal.connection, rpcTimeoutMs, () =>
        handle.executeUpdate(definition, { args: [{ input, actor }], ...(updateId ? { updateId } : {}) }),
      );
    } catch (error) {
      const problem = problemOfUpdateFailure(error);
      if (problem) throw problem;
      // The workflow completes when the incident closes; a write racing the closure finds it gone.
      if (error instanceof WorkflowNotFoundError) throw new ConflictError('The incident is closed; closed incidents stay on record unchanged.');
      throw error;
    }
  };
}

export type IncidentWrites = ReturnType<typeof createIncidentWrites>;

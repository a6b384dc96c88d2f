import { WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { ApplicationFailure, WorkflowNotFoundError, type UpdateDefinition } from '@temporalio/common';
import type pg from 'pg';
import { findIncidentById } from '../db/incidents-repository';
import type { RuleIssue } from '../domain/errors';
import type { Actor, WriteResult } from '../domain/incident';
import { RULE_FAILURE_TYPES, writeUpdates, type WriteInput, type WriteUpdateName } from '../workflows/messages';
import { ConflictError, HttpProblem, NotFoundError } from './problem';

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
    if (row.status === 'closed') throw new ConflictError('The incident is closed; closed incidents stay on record unchanged.');
    const handle = temporal.workflow.getHandle(row.workflow_id);
    const definition = writeUpdates[name].update as UpdateDefinition<WriteResult, [{ input: WriteInput<N>; actor: Actor }]>;
    try {
      return await temporal.connection.withDeadline(Date.now() + rpcTimeoutMs, () =>
        handle.executeUpdate(definition, { args: [{ input, actor }], ...(updateId ? { updateId } : {}) }),
      );
    } catch (error) {
      if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure) {
        throw ruleProblem(error.cause) ?? error;
      }
      // The workflow completes when the incident closes; a write racing the closure finds it gone.
      if (error instanceof WorkflowNotFoundError) throw new ConflictError('The incident is closed; closed incidents stay on record unchanged.');
      throw error;
    }
  };
}

export type IncidentWrites = ReturnType<typeof createIncidentWrites>;

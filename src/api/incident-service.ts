import { randomUUID } from 'node:crypto';
import { WithStartWorkflowOperation, type Client } from '@temporalio/client';
import type pg from 'pg';
import { findIncidentById, listIncidents, type IncidentCursor, type IncidentRow } from '../db/incidents-repository';
import { secondsRemaining } from '../domain/deadlines';
import { toUtcIso as iso } from '../domain/time';
import {
  incidentWorkflowId,
  type Actor,
  type IncidentCreate,
  type IncidentList,
  type IncidentListQuery,
  type IncidentOpened,
  type IncidentRead,
  type IncidentSummary,
} from '../domain/incident';
import type { incidentWorkflow } from '../workflows/incident-workflow';
import { incidentStateQuery, openIncidentUpdate } from '../workflows/messages';
import { HttpProblem, NotFoundError } from './problem';

/** What the incident endpoints need: reads from PostgreSQL, writes and live state through Temporal. */
export interface IncidentServiceDeps {
  pool: pg.Pool;
  temporal: Client;
  taskQueue: string;
  /** How long a Temporal call may take before the API answers 503 instead of hanging. */
  rpcTimeoutMs: number;
}

function toSummary(row: IncidentRow): IncidentSummary {
  return {
    id: row.id,
    reference: row.reference,
    workflowId: row.workflow_id,
    title: row.title,
    status: row.status,
    stage: row.stage as IncidentSummary['stage'],
    detectedAt: iso(row.detected_at),
    awareAt: row.aware_at ? iso(row.aware_at) : null,
    createdAt: iso(row.created_at),
  };
}

function encodeCursor(row: IncidentRow): string {
  return Buffer.from(JSON.stringify({ createdAt: row.created_at.toISOString(), id: row.id })).toString('base64url');
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function decodeCursor(cursor: string): IncidentCursor {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Partial<IncidentCursor>;
    if (typeof parsed.createdAt === 'string' && !Number.isNaN(Date.parse(parsed.createdAt)) && typeof parsed.id === 'string' && UUID.test(parsed.id)) {
      return { createdAt: parsed.createdAt, id: parsed.id };
    }
  } catch {
    // falls through to the 422 below
  }
  throw new HttpProblem(422, 'Invalid request', 'The cursor is not one this API issued.', {
    type: 'validation-error',
    errors: [{ location: 'query', path: ['cursor'], code: 'invalid_cursor', message: 'Unknown cursor' }],
  });
}

/** Opens, reads and lists incidents; every write goes through the incident's workflow. */
export function createIncidentService({ pool, temporal, taskQueue, rpcTimeoutMs }: IncidentServiceDeps) {
  const withDeadline = <T>(fn: () => Promise<T>) => temporal.connection.withDeadline(Date.now() + rpcTimeoutMs, fn);

  return {
    /** Starts the incident's workflow and waits until it has persisted the incident (update-with-start). */
    async open(incident: IncidentCreate, actor: Actor): Promise<IncidentOpened> {
      const incidentId = randomUUID();
      const workflowId = incidentWorkflowId(incidentId);
      const startWorkflowOperation = new WithStartWorkflowOperation<typeof incidentWorkflow>('incidentWorkflow', {
        workflowId,
        taskQueue,
        args: [{ incidentId }],
        workflowIdConflictPolicy: 'USE_EXISTING',
      });
      const state = await withDeadline(() =>
        temporal.workflow.executeUpdateWithStart(openIncidentUpdate, { args: [{ incident, actor }], startWorkflowOperation }),
      );
      return { id: incidentId, reference: state.reference!, workflowId, status: state.status, stage: state.stage, deadlines: state.deadlines };
    },

    /** The case file from PostgreSQL with the workflow's live stage and clocks. */
    async get(id: string): Promise<IncidentRead> {
      const row = await findIncidentById(pool, id);
      if (!row) throw new NotFoundError(`No incident with id ${id}.`);
      const live = await withDeadline(() => temporal.workflow.getHandle(row.workflow_id).query(incidentStateQuery));
      const now = Date.now();
      return {
        ...toSummary(row),
        status: live.status,
        stage: live.stage,
        description: row.description,
        reportedBy: row.reported_by,
        updatedAt: iso(row.updated_at),
        deadlines: live.deadlines.map((d) => ({ ...d, secondsRemaining: secondsRemaining(d, now) })),
        escalations: live.escalations,
      };
    },

    /** A page of incidents, newest first. */
    async list(query: IncidentListQuery): Promise<IncidentList> {
      const after = query.cursor ? decodeCursor(query.cursor) : undefined;
      const rows = await listIncidents(pool, { status: query.status, after, limit: query.limit + 1 });
      const page = rows.slice(0, query.limit);
      const last = page[page.length - 1];
      return { items: page.map(toSummary), nextCursor: rows.length > query.limit && last ? encodeCursor(last) : null };
    },
  };
}

export type IncidentService = ReturnType<typeof createIncidentService>;

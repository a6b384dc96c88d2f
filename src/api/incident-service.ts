import { randomUUID } from 'node:crypto';
import { WithStartWorkflowOperation, type Client } from '@temporalio/client';
import { WorkflowNotFoundError } from '@temporalio/common';
import type pg from 'pg';
import { findDeadlines, findEscalations, findIncidentById, listIncidents, type IncidentRow } from '../db/incidents-repository';
import { secondsRemaining } from '../domain/deadlines';
import { toUtcIso as iso } from '../domain/time';
import {
  incidentWorkflowId,
  type Actor,
  type IncidentCreate,
  type IncidentList,
  type IncidentLiveState,
  type IncidentListQuery,
  type IncidentOpened,
  type IncidentRead,
  type IncidentSummary,
} from '../domain/incident';
import type { incidentWorkflow } from '../workflows/incident-workflow';
import type { AuditHead } from '../domain/audit-head';
import { incidentAuditHeadQuery, incidentStateQuery, openIncidentUpdate } from '../workflows/messages';
import { toDeadline, toEscalation } from './clock-views';
import { decodeCursor, paginate } from './cursor';
import { problemOfUpdateFailure } from './incident-writes';
import { NotFoundError } from './problem';
import { withinTemporalTimeout } from './unavailable';

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

/** Opens, reads and lists incidents; every write goes through the incident's workflow. */
export function createIncidentService({ pool, temporal, taskQueue, rpcTimeoutMs }: IncidentServiceDeps) {
  const withDeadline = <T>(fn: () => Promise<T>) => withinTemporalTimeout(temporal.connection, rpcTimeoutMs, fn);

  /** The clocks as PostgreSQL stores them, for an incident whose workflow has completed. */
  async function storedClocks(incidentId: string): Promise<Pick<IncidentLiveState, 'deadlines' | 'escalations'>> {
    const [deadlines, escalations] = await Promise.all([findDeadlines(pool, incidentId), findEscalations(pool, incidentId)]);
    return { deadlines: deadlines.map(toDeadline), escalations: escalations.map(toEscalation) };
  }

  return {
    /** Starts the incident's workflow and waits until it has persisted the incident (update-with-start). */
    async open(incident: IncidentCreate, actor: Actor, incidentId: string = randomUUID()): Promise<IncidentOpened> {
      const workflowId = incidentWorkflowId(incidentId);
      const startWorkflowOperation = new WithStartWorkflowOperation<typeof incidentWorkflow>('incidentWorkflow', {
        workflowId,
        taskQueue,
        args: [{ incidentId }],
        workflowIdConflictPolicy: 'USE_EXISTING',
      });
      const state = await withDeadline(() =>
        temporal.workflow.executeUpdateWithStart(openIncidentUpdate, { args: [{ incident, actor }], startWorkflowOperation }),
      ).catch((error: unknown) => {
        throw problemOfUpdateFailure(error) ?? error;
      });
      return { id: incidentId, reference: state.reference!, workflowId, status: state.status, stage: state.stage, deadlines: state.deadlines };
    },

    /** The newest audit entry the incident's workflow knows was appended; undefined once its workflow is gone (closed, past retention). */
    async auditHead(workflowId: string): Promise<AuditHead | null | undefined> {
      return withDeadline(() => temporal.workflow.getHandle(workflowId).query(incidentAuditHeadQuery)).catch((error: unknown) => {
        if (error instanceof WorkflowNotFoundError) return undefined;
        throw error;
      });
    },

    /** The case file from PostgreSQL with the workflow's live stage and clocks. */
    async get(id: string): Promise<IncidentRead> {
      const row = await findIncidentById(pool, id);
      if (!row) throw new NotFoundError(`No incident with id ${id}.`);
      const live = await withDeadline(() => temporal.workflow.getHandle(row.workflow_id).query(incidentStateQuery)).catch(async (error: unknown) => {
        // A closed incident's workflow has completed and may be gone after Temporal's retention: PostgreSQL has the same facts.
        if (!(error instanceof WorkflowNotFoundError) || row.status !== 'closed') throw error;
        return storedClocks(row.id);
      });
      const now = Date.now();
      return {
        ...toSummary(row),
        description: row.description,
        reportedBy: row.reported_by,
        updatedAt: iso(row.updated_at),
        containment: { status: row.containment_status, confirmedAt: row.contained_at ? iso(row.contained_at) : null },
        closure:
          row.closure_kind && row.closed_at
            ? { kind: row.closure_kind, reason: row.closure_reason, lessonsLearned: row.lessons_learned, closedAt: iso(row.closed_at) }
            : null,
        deadlines: live.deadlines.map((d) => ({ ...d, secondsRemaining: secondsRemaining(d, now) })),
        escalations: live.escalations,
      };
    },

    /** A page of incidents, newest first, filtered by status, stage and text. */
    async list(query: IncidentListQuery): Promise<IncidentList> {
      const after = query.cursor ? decodeCursor(query.cursor) : undefined;
      const rows = await listIncidents(pool, { status: query.status, stage: query.stage, q: query.q || undefined, after, limit: query.limit + 1 });
      const { page, nextCursor } = paginate(rows, query.limit);
      return { items: page.map(toSummary), nextCursor };
    },
  };
}

export type IncidentService = ReturnType<typeof createIncidentService>;

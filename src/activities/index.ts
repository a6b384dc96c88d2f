import type pg from 'pg';
import type { Deadline } from '../domain/deadlines';
import { formatReference, incidentWorkflowId, type Escalation, type OpenIncidentRequest } from '../domain/incident';
import { withTransaction } from '../db/pool';
import {
  findIncidentById,
  insertDeadlines,
  insertEscalation,
  insertIncident,
  lockIncidentId,
  nextReferenceSequence,
  setDeadlineStatus,
} from '../db/incidents-repository';

/** What the activities need from the outside world; tests pass fakes or a test database. */
export interface ActivityDeps {
  pool: pg.Pool;
}

/** Builds the activities the incident workflow calls; each is idempotent, so Temporal may retry it safely. */
export function createActivities({ pool }: ActivityDeps) {
  return {
    /** Stores the incident and its deadlines once; a retry returns the reference already allocated. */
    async persistIncident(input: { incidentId: string; request: OpenIncidentRequest; deadlines: Deadline[] }): Promise<{ reference: string }> {
      const { incidentId, request, deadlines } = input;
      return withTransaction(pool, async (client) => {
        await lockIncidentId(client, incidentId);
        const existing = await findIncidentById(client, incidentId);
        if (existing) return { reference: existing.reference };
        const year = new Date().getUTCFullYear();
        const reference = formatReference(year, await nextReferenceSequence(client, year));
        await insertIncident(client, {
          id: incidentId,
          reference,
          workflowId: incidentWorkflowId(incidentId),
          ...request.incident,
          createdBy: request.actor.keyId,
        });
        await insertDeadlines(client, incidentId, deadlines);
        return { reference };
      });
    },

    /** Records that a clock ran out and marks its deadline overdue; the unique rung key makes a retry a no-op. */
    async recordEscalation(input: { incidentId: string; escalation: Escalation }): Promise<void> {
      const { incidentId, escalation } = input;
      await withTransaction(pool, async (client) => {
        await insertEscalation(client, incidentId, escalation);
        await setDeadlineStatus(client, { incidentId, regime: escalation.regime, obligation: escalation.obligation }, 'overdue');
      });
    },
  };
}

/** The activity functions, as the workflow's proxy and the tests' fakes type them. */
export type Activities = ReturnType<typeof createActivities>;

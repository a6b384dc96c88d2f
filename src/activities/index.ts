import type pg from 'pg';
import { appendAuditEvent } from '../db/audit-repository';
import { findIncidentById, insertDeadlines, insertIncident, lockIncidentId, nextReferenceSequence } from '../db/incidents-repository';
import { withTransaction } from '../db/pool';
import type { Deadline } from '../domain/deadlines';
import { formatReference, incidentWorkflowId, type OpenIncidentRequest } from '../domain/incident';
import type { IncidentEventEnvelope, VerificationResult } from '../domain/incident-events';
import type { EvidenceStore } from '../evidence/evidence-store';
import { applyIncidentEvent } from './apply-incident-event';

/** What the activities need from the outside world; tests pass fakes or a test database. */
export interface ActivityDeps {
  pool: pg.Pool;
  evidence: EvidenceStore;
}

/** Builds the activities the incident workflow calls; each is idempotent, so Temporal may retry it safely. */
export function createActivities({ pool, evidence }: ActivityDeps) {
  return {
    /** Stores the incident, its deadlines and its first audit row once; a retry returns the reference already allocated. */
    async persistIncident(input: {
      incidentId: string;
      eventId: string;
      occurredAt: string;
      request: OpenIncidentRequest;
      deadlines: Deadline[];
    }): Promise<{ reference: string }> {
      const { incidentId, request, deadlines } = input;
      return withTransaction(pool, async (client) => {
        await lockIncidentId(client, incidentId);
        const existing = await findIncidentById(client, incidentId);
        if (existing) return { reference: existing.reference };
        const year = new Date(input.occurredAt).getUTCFullYear();
        const reference = formatReference(year, await nextReferenceSequence(client, year));
        await insertIncident(client, {
          id: incidentId,
          reference,
          workflowId: incidentWorkflowId(incidentId),
          ...request.incident,
          createdBy: request.actor.keyId,
        });
        await insertDeadlines(client, incidentId, deadlines);
        await appendAuditEvent(client, {
          incidentId,
          occurredAt: input.occurredAt,
          actor: request.actor,
          eventType: 'incident-opened',
          payload: { reference, incident: request.incident, deadlines },
          idempotencyKey: input.eventId,
        });
        return { reference };
      });
    },

    /** Persists one incident event and appends it to the audit chain in one transaction, exactly once per event id. */
    async persistIncidentEvent(envelope: IncidentEventEnvelope): Promise<void> {
      const { type, ...payload } = envelope.event;
      await withTransaction(pool, async (client) => {
        const { appended } = await appendAuditEvent(client, {
          incidentId: envelope.incidentId,
          occurredAt: envelope.occurredAt,
          actor: envelope.actor,
          eventType: type,
          payload,
          idempotencyKey: envelope.eventId,
        });
        // Already appended means an earlier attempt committed the whole event: writing again would duplicate it.
        if (appended) await applyIncidentEvent(client, envelope);
      });
    },

    /** Re-hashes stored evidence content: whether the store still holds exactly the bytes with this SHA-256. */
    async verifyEvidenceContent(input: { sha256: string }): Promise<VerificationResult> {
      const rehashed = await evidence.rehash(input.sha256);
      return { matches: rehashed?.sha256 === input.sha256, expectedSha256: input.sha256, actualSha256: rehashed?.sha256 ?? null };
    },
  };
}

/** The activity functions, as the workflow's proxy and the tests' fakes type them. */
export type Activities = ReturnType<typeof createActivities>;

import { randomUUID } from 'node:crypto';
import { ApplicationFailure, Context } from '@temporalio/activity';
import type pg from 'pg';
import { appendAuditEvent } from '../db/audit-repository';
import { findRecipients, getOrganisation } from '../db/contacts-repository';
import { createDeliveries, findDelivery, finishAttempt, setDeliveryStatus, startAttempt } from '../db/deliveries-repository';
import { findIncidentById, insertIncident, lockIncidentId, nextReferenceSequence, upsertDeadlines } from '../db/incidents-repository';
import { withTransaction } from '../db/pool';
import type { EmailSender } from '../delivery/email-sender';
import type { WebhookSender } from '../delivery/webhook-sender';
import type { ContactRole } from '../domain/contacts';
import type { EscalationPolicy } from '../domain/escalation-policy';
import type { Deadline } from '../domain/deadlines';
import { formatReference, incidentWorkflowId, type Actor, type IncidentCreate, type OpenIncidentRequest } from '../domain/incident';
import type { AlertAttach, AlertDelivery } from '../domain/intake-source';
import { recordIntakeDelivery } from '../db/intake-repository';
import type { IncidentEventEnvelope, VerificationResult } from '../domain/incident-events';
import type { EvidenceStore } from '../evidence/evidence-store';
import type { IncidentContext } from '../workflows/incident-state';
import { escalationMessage } from './escalation-message';
import { applyIncidentEvent } from './apply-incident-event';
import { PERSISTENCE_REJECTED } from '../workflows/messages';

/** What the activities need from the outside world; tests pass fakes or a test database. */
export interface ActivityDeps {
  pool: pg.Pool;
  evidence: EvidenceStore;
  email: EmailSender;
  webhooks: WebhookSender;
  /** Escalation policies by clock key, overriding the default ladder. */
  policies: Record<string, EscalationPolicy>;
  /** Base URL of the API, for the acknowledgement link in messages. */
  publicUrl: string;
  /** Opens incidents and attaches alerts through their workflows (the intake's correlation groups use it). */
  incidents: IncidentGateway;
}

/** The incident workflows as the intake reaches them: open one with a chosen id, attach an alert to one. */
export interface IncidentGateway {
  open(incidentId: string, incident: IncidentCreate, actor: Actor): Promise<{ reference: string }>;
  /** False when the incident is closed (its workflow has completed). */
  attachAlert(incidentId: string, input: AlertAttach, actor: Actor): Promise<boolean>;
}

/** Builds the activities the incident workflow calls; each is idempotent, so Temporal may retry it safely. */
export function createActivities({ pool, evidence, email, webhooks, policies, publicUrl, incidents }: ActivityDeps) {
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
      return refusingBadData(() => withTransaction(pool, async (client) => {
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
        await upsertDeadlines(client, incidentId, deadlines);
        await appendAuditEvent(client, {
          incidentId,
          occurredAt: input.occurredAt,
          actor: request.actor,
          eventType: 'incident-opened',
          payload: { reference, incident: request.incident, deadlines },
          idempotencyKey: input.eventId,
        });
        return { reference };
      }));
    },

    /** Persists one incident event and appends it to the audit chain in one transaction, exactly once per event id. */
    async persistIncidentEvent(envelope: IncidentEventEnvelope): Promise<void> {
      const { type, ...payload } = envelope.event;
      await refusingBadData(() => withTransaction(pool, async (client) => {
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
      }));
    },

    /** The organisation profile and escalation policies an incident opens with. */
    async loadIncidentContext(): Promise<IncidentContext> {
      const organisation = await getOrganisation(pool);
      return { organisation: { establishment: organisation.establishment, sectorFlags: organisation.sector_flags, actingAs: organisation.acting_as }, policies };
    },

    /** One delivery per recipient contact and channel of an escalation; a retry creates nothing new. */
    async planDeliveries(input: { incidentId: string; escalationId: string }): Promise<string[]> {
      return withTransaction(pool, async (client) => {
        const { rows } = await client.query<{ recipients: ContactRole[] }>('SELECT recipients FROM escalations WHERE escalation_id = $1::uuid', [input.escalationId]);
        if (!rows[0]) throw ApplicationFailure.nonRetryable(`No escalation ${input.escalationId}`, 'DeliveryFailed');
        const contacts = await findRecipients(client, input.incidentId, rows[0].recipients);
        return createDeliveries(client, input.escalationId, input.incidentId, contacts, randomUUID);
      });
    },

    /**
     * Sends one delivery, exactly once as far as this side can tell: a delivery marked sent is never sent
     * again; a retry after a crash mid-send resends with the same Message-ID / webhook-id, on which
     * receivers deduplicate. Every attempt is recorded, including ones a dying worker never finished.
     */
    async deliverEscalation(input: { deliveryId: string }): Promise<void> {
      const delivery = await findDelivery(pool, input.deliveryId);
      if (!delivery) throw ApplicationFailure.nonRetryable(`No delivery ${input.deliveryId}`, 'DeliveryFailed');
      if (delivery.status !== 'pending') return;
      const attemptId = await startAttempt(pool, delivery.id, Context.current().info.attempt);
      const message = escalationMessage(delivery, publicUrl);
      const heartbeat = setInterval(() => Context.current().heartbeat(), 2_000);
      try {
        if (delivery.channel === 'email') {
          await email.send({ messageId: `<${delivery.id}@breach-response.local>`, to: delivery.target, subject: message.subject, text: message.text });
        } else {
          // A fresh timestamp per attempt: receivers refuse signatures older than a few minutes.
          await webhooks.send({ url: delivery.target, secret: delivery.webhook_secret!, id: `msg_${delivery.id}`, timestamp: new Date(), payload: message.payload });
        }
      } catch (error) {
        const text = error instanceof Error ? error.message : String(error);
        const retryable = (error as { retryable?: boolean }).retryable !== false;
        await withTransaction(pool, async (client) => {
          await finishAttempt(client, attemptId, retryable ? 'retryable-error' : 'failed', text);
          if (!retryable) await setDeliveryStatus(client, delivery.id, 'failed', text);
        });
        if (!retryable) throw ApplicationFailure.nonRetryable(text, 'DeliveryFailed');
        throw error;
      } finally {
        clearInterval(heartbeat);
      }
      await withTransaction(pool, async (client) => {
        await finishAttempt(client, attemptId, 'sent', null);
        await setDeliveryStatus(client, delivery.id, 'sent', null);
      });
    },

    /** Opens an incident from an alert with the id its correlation group chose, and attaches the alert; both idempotent. */
    async openIncidentFromAlert(input: { incidentId: string; alertId: string; delivery: AlertDelivery }): Promise<{ reference: string }> {
      const { alert, sourceName } = input.delivery;
      const actor = intakeActor(sourceName);
      const opened = await incidents.open(
        input.incidentId,
        { title: alert.title, description: alert.description ?? undefined, detectedAt: alert.detectedAt, reportedBy: `${sourceName} (${alert.format})` },
        actor,
      );
      await incidents.attachAlert(input.incidentId, { alertId: input.alertId, delivery: input.delivery }, actor);
      await recordIntakeDelivery(pool, { sourceId: input.delivery.sourceId, webhookId: input.delivery.webhookId, incidentId: input.incidentId, alertId: input.alertId, action: 'opened' });
      return opened;
    },

    /** Attaches an alert to an open incident; false when it has closed meanwhile. */
    async attachAlertToIncident(input: { incidentId: string; alertId: string; delivery: AlertDelivery }): Promise<boolean> {
      const attached = await incidents.attachAlert(input.incidentId, { alertId: input.alertId, delivery: input.delivery }, intakeActor(input.delivery.sourceName));
      if (attached) {
        await recordIntakeDelivery(pool, { sourceId: input.delivery.sourceId, webhookId: input.delivery.webhookId, incidentId: input.incidentId, alertId: input.alertId, action: 'attached' });
      }
      return attached;
    },

    /** Re-hashes stored evidence content: whether the store still holds exactly the bytes with this SHA-256. */
    async verifyEvidenceContent(input: { sha256: string }): Promise<VerificationResult> {
      const rehashed = await evidence.rehash(input.sha256);
      return { matches: rehashed?.sha256 === input.sha256, expectedSha256: input.sha256, actualSha256: rehashed?.sha256 ?? null };
    },
  };
}

/**
 * PostgreSQL refusing the data itself (SQLSTATE classes 22 data exception, 23 integrity) will refuse it
 * on every retry: fail the write at once instead of retrying it forever.
 */
async function refusingBadData<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && /^2[23]/.test(code)) {
      throw ApplicationFailure.create({ type: PERSISTENCE_REJECTED, message: `PostgreSQL refused the data (${code})`, nonRetryable: true, cause: error as Error });
    }
    throw error;
  }
}

/** The intake source as the actor of what its alerts do. */
function intakeActor(sourceName: string): Actor {
  return { keyId: null, name: `intake: ${sourceName}`, role: 'intake' };
}

/** The activity functions, as the workflow's proxy and the tests' fakes type them. */
export type Activities = ReturnType<typeof createActivities>;

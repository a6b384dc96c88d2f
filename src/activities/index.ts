import { createHash, randomUUID } from 'node:crypto';
import { ApplicationFailure, Context } from '@temporalio/activity';
import type pg from 'pg';
import { appendAuditEvent, findAuditHead } from '../db/audit-repository';
import type { AuditHead } from '../domain/audit-head';
import { findRecipients, getOrganisation } from '../db/contacts-repository';
import { createDeliveries, findDelivery, finishAttempt, findSentPagerDutyDeliveries, firstEarlierAttemptStart, setDeliveryStatus, startAttempt, withdrawPendingDelivery, type DeliveryRow } from '../db/deliveries-repository';
import { DeliveryError } from '../delivery/guarded-post';
import { findIncidentById, insertIncident, lockIncidentId, nextReferenceSequence, upsertDeadlines } from '../db/incidents-repository';
import { withTransaction } from '../db/pool';
import type { EmailSender } from '../delivery/email-sender';
import type { WebhookSender } from '../delivery/webhook-sender';
import type { SlackSender } from '../delivery/slack';
import type { TeamsSender } from '../delivery/teams';
import type { PagerDutySender } from '../delivery/pagerduty';
import type { PlannedDelivery } from '../domain/planned-delivery';
import type { ContactRole } from '../domain/contacts';
import type { EscalationPolicy } from '../domain/escalation-policy';
import type { Deadline } from '../domain/deadlines';
import { formatReference, IncidentCreateSchema, incidentWorkflowId, type Actor, type IncidentCreate, type OpenIncidentRequest } from '../domain/incident';
import { AlertDeliverySchema, type AlertAttach, type AlertDelivery } from '../domain/intake-source';
import { findIntakeAlert, recordAlertOutcome, type IntakeAlertRow } from '../db/intake-alerts-repository';
import type { IncidentEventEnvelope, VerificationResult } from '../domain/incident-events';
import type { EvidenceStore } from '../evidence/evidence-store';
import { IncidentState, type IncidentContext } from '../workflows/incident-state';
import { escalationFacts, escalationMessage } from './escalation-message';
import type { ActivityObserver } from './activity-observer';
import { applyIncidentEvent } from './apply-incident-event';
import { PERSISTENCE_REJECTED } from '../workflows/messages';
import { refuseBrokenRule } from '../workflows/rule-failure';

/** What the activities need from the outside world; tests pass fakes or a test database. */
export interface ActivityDeps {
  pool: pg.Pool;
  evidence: EvidenceStore;
  email: EmailSender;
  webhooks: WebhookSender;
  /** Slack (incoming webhooks, and the organisation's app when `slackBotToken` is set), Teams workflows, PagerDuty Events v2. */
  slack: SlackSender;
  teams: TeamsSender;
  pagerDuty: PagerDutySender;
  /** The Slack app's bot token (`xoxb-…`); without it, contacts' Slack channels get no delivery, their webhooks still do. */
  slackBotToken?: string;
  /** Escalation policies by clock key, overriding the default ladder. */
  policies: Record<string, EscalationPolicy>;
  /** Base URL of the API, for the acknowledgement link in messages. */
  publicUrl: string;
  /** Opens incidents and attaches alerts through their workflows (the intake's correlation groups use it). */
  incidents: IncidentGateway;
  /** Told of escalations raised and delivery attempts (the worker's metrics). */
  observer?: ActivityObserver;
}

/** The incident workflows as the intake reaches them: open one with a chosen id, attach an alert to one. */
export interface IncidentGateway {
  open(incidentId: string, incident: IncidentCreate, actor: Actor): Promise<{ reference: string }>;
  /** False when the incident is closed (its workflow has completed). */
  attachAlert(incidentId: string, input: AlertAttach, actor: Actor): Promise<boolean>;
}

/** Builds the activities the incident workflow calls; each is idempotent, so Temporal may retry it safely. */
export function createActivities({ pool, evidence, email, webhooks, slack, teams, pagerDuty, slackBotToken, policies, publicUrl, incidents, observer }: ActivityDeps) {
  /** Sends one delivery on its channel, once (`attemptId`: this attempt's record); throws what the channel's sender throws. */
  async function send(delivery: DeliveryRow, attemptId: string): Promise<void> {
    switch (delivery.channel) {
      case 'email': {
        const message = escalationMessage(delivery, publicUrl);
        await email.send({ messageId: `<${delivery.id}@breach-response.local>`, to: delivery.target, subject: message.subject, text: message.text });
        return;
      }
      case 'webhook':
        // A fresh timestamp per attempt: receivers refuse signatures older than a few minutes.
        await webhooks.send({ url: delivery.target, secret: delivery.webhook_secret!, id: `msg_${delivery.id}`, timestamp: new Date(), payload: escalationMessage(delivery, publicUrl).payload });
        return;
      case 'slack':
        await slack.sendIncomingWebhook({ url: delivery.target, facts: escalationFacts(delivery, publicUrl) });
        return;
      case 'slack-app':
        // Planned while a token was configured; a worker started without one cannot send it, and retrying will not help.
        if (slackBotToken === undefined) throw ApplicationFailure.nonRetryable('SLACK_BOT_TOKEN is not configured on this worker', 'DeliveryFailed');
        await postToSlackOnce(delivery, attemptId, slackBotToken);
        return;
      case 'teams':
        await teams.send({ url: delivery.target, facts: escalationFacts(delivery, publicUrl) });
        return;
      case 'pagerduty':
        // The dedup_key derives from the escalation id: a retry, or a resend after a crash, opens no second PagerDuty incident.
        await pagerDuty.trigger({ routingKey: delivery.target, facts: escalationFacts(delivery, publicUrl) });
        return;
    }
  }

  /**
   * Slack has no idempotency key: after an earlier attempt (which may have reached Slack before its worker died or
   * its answer timed out) the channel's history is asked first, and a message of this delivery found there is not
   * posted again.
   */
  async function postToSlackOnce(delivery: DeliveryRow, attemptId: string, token: string): Promise<void> {
    const earlier = await firstEarlierAttemptStart(pool, delivery.id, attemptId);
    const lookup = { token, channel: delivery.target, deliveryId: delivery.id };
    // A minute of margin for the clocks of PostgreSQL and Slack.
    if (earlier !== undefined && (await slack.findPosted({ ...lookup, since: new Date(earlier.getTime() - 60_000) }))) return;
    await slack.postMessage({ ...lookup, facts: escalationFacts(delivery, publicUrl) });
  }

  /** Stores the incident, its deadlines and its first audit row once; a retry returns the reference already allocated. */
  async function persistIncident(input: {
    incidentId: string;
    eventId: string;
    occurredAt: string;
    request: OpenIncidentRequest;
    deadlines: Deadline[];
  }): Promise<{ reference: string; auditHead?: AuditHead }> {
    const { incidentId, request, deadlines } = input;
    return refusingBadData(() => withTransaction(pool, async (client) => {
      await lockIncidentId(client, incidentId);
      const existing = await findIncidentById(client, incidentId);
      if (existing) return { reference: existing.reference, auditHead: await findAuditHead(client, incidentId) };
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
      const { seq, hash } = await appendAuditEvent(client, {
        incidentId,
        occurredAt: input.occurredAt,
        actor: request.actor,
        eventType: 'incident-opened',
        payload: { reference, incident: request.incident, deadlines },
        idempotencyKey: input.eventId,
      });
      return { reference, auditHead: { seq, hash } };
    }));
  }

  /** The organisation profile and escalation policies an incident opens with. */
  async function loadIncidentContext(): Promise<IncidentContext> {
    const organisation = await getOrganisation(pool);
    return {
      organisation: { establishment: organisation.establishment, sectorFlags: organisation.sector_flags, actingAs: organisation.acting_as, expedientTargetDays: organisation.expedient_target_days },
      policies,
    };
  }

  return {
    persistIncident,
    loadIncidentContext,

    /**
     * Opens the incident in one step (one local activity, so one workflow activation fewer than loading the
     * context and persisting apart): loads the organisation's context, times the opening clocks at the
     * workflow's `nowMs` with the workflow's own rules, and persists the incident with them. The workflow times
     * the same clocks from the context returned. Idempotent per incident id: a retry returns the same reference.
     */
    async openIncidentRecord(input: { incidentId: string; eventId: string; occurredAt: string; nowMs: number; request: OpenIncidentRequest }): Promise<{ reference: string; context: IncidentContext; auditHead?: AuditHead }> {
      const context = await loadIncidentContext();
      const deadlines = refuseBrokenRule(() => new IncidentState(input.incidentId).openingClocks(input.request, context, input.nowMs));
      const { reference, auditHead } = await persistIncident({ ...input, deadlines });
      return { reference, context, auditHead };
    },

    /**
     * Persists one incident event and appends it to the audit chain in one transaction, exactly once per event id;
     * returns the chain's entry for it, which the workflow keeps as its head (so removing the newest rows shows).
     */
    async persistIncidentEvent(envelope: IncidentEventEnvelope): Promise<AuditHead> {
      const { type, ...payload } = envelope.event;
      return refusingBadData(() => withTransaction(pool, async (client) => {
        const { appended, seq, hash } = await appendAuditEvent(client, {
          incidentId: envelope.incidentId,
          occurredAt: envelope.occurredAt,
          actor: envelope.actor,
          eventType: type,
          payload,
          idempotencyKey: envelope.eventId,
        });
        // Already appended means an earlier attempt committed the whole event: writing again would duplicate it.
        if (appended) await applyIncidentEvent(client, envelope);
        // Only when written now, not on a retry of a committed event (a commit failing after this line is retried and told again).
        if (appended && envelope.event.type === 'deadline-escalated') observer?.escalationRaised(envelope.incidentId, envelope.event.escalation);
        return { seq, hash };
      }));
    },

    /** One delivery per recipient contact and channel of an escalation, with the contact's working hours; a retry creates nothing new. */
    async planDeliveries(input: { incidentId: string; escalationId: string }): Promise<PlannedDelivery[]> {
      return withTransaction(pool, async (client) => {
        const { rows } = await client.query<{ recipients: ContactRole[] }>('SELECT recipients FROM escalations WHERE escalation_id = $1::uuid', [input.escalationId]);
        if (!rows[0]) throw ApplicationFailure.nonRetryable(`No escalation ${input.escalationId}`, 'DeliveryFailed');
        const contacts = await findRecipients(client, input.incidentId, rows[0].recipients);
        return createDeliveries(client, input.escalationId, input.incidentId, contacts, randomUUID, { slackApp: slackBotToken !== undefined });
      });
    },

    /**
     * Sends one delivery, exactly once as far as this side can tell: a delivery marked sent is never sent
     * again; a retry after a crash mid-send resends with the same Message-ID / webhook-id / PagerDuty dedup_key,
     * on which receivers deduplicate (Slack and Teams messages have no such key: a crash mid-send may post twice). Every attempt is recorded, including ones a dying worker never finished.
     */
    async deliverEscalation(input: { deliveryId: string }): Promise<void> {
      const delivery = await findDelivery(pool, input.deliveryId);
      if (!delivery) throw ApplicationFailure.nonRetryable(`No delivery ${input.deliveryId}`, 'DeliveryFailed');
      if (delivery.status !== 'pending') return;
      const attemptId = await startAttempt(pool, delivery.id, Context.current().info.attempt);
      const heartbeat = setInterval(() => Context.current().heartbeat(), 2_000);
      try {
        await send(delivery, attemptId);
      } catch (error) {
        const text = error instanceof Error ? error.message : String(error);
        const retryable = (error as { retryable?: boolean }).retryable !== false && !(error instanceof ApplicationFailure && error.nonRetryable);
        await withTransaction(pool, async (client) => {
          await finishAttempt(client, attemptId, retryable ? 'retryable-error' : 'failed', text);
          if (!retryable) await setDeliveryStatus(client, delivery.id, 'failed', text);
        });
        observer?.deliveryAttempted(delivery.channel, retryable ? 'retried' : 'failed');
        if (!retryable) throw ApplicationFailure.nonRetryable(text, 'DeliveryFailed');
        // The receiver said when to come back (429 or 503 with Retry-After): the next attempt waits that long, not the backoff.
        const retryAfterMs = error instanceof DeliveryError ? error.retryAfterMs : undefined;
        if (retryAfterMs !== undefined) throw ApplicationFailure.create({ message: text, type: error instanceof Error ? error.name : undefined, nextRetryDelay: retryAfterMs, cause: error as Error });
        throw error;
      } finally {
        clearInterval(heartbeat);
      }
      await withTransaction(pool, async (client) => {
        await finishAttempt(client, attemptId, 'sent', null);
        await setDeliveryStatus(client, delivery.id, 'sent', null);
      });
      observer?.deliveryAttempted(delivery.channel, 'sent');
    },

    /**
     * Withdraws a delivery that waited for its recipient's working hours and is no longer owed (the clock met or
     * waived, the incident closed, the escalation acknowledged): recorded with the reason, never sent. Idempotent: a
     * retry, or a delivery already sent or failed, changes nothing.
     */
    async withdrawDelivery(input: { deliveryId: string; reason: string }): Promise<void> {
      await withdrawPendingDelivery(pool, input.deliveryId, input.reason);
    },

    /**
     * Resolves the PagerDuty incidents these escalations triggered, once their clock is met or waived or the incident
     * closed: by the same dedup_key, so a retry or a second resolve changes nothing at PagerDuty.
     */
    async resolvePagerDutyIncidents(input: { escalationIds: string[] }): Promise<void> {
      for (const { escalation_id: escalationId, target } of await findSentPagerDutyDeliveries(pool, input.escalationIds)) {
        try {
          await pagerDuty.resolve({ routingKey: target, escalationId });
        } catch (error) {
          // A refused event (a revoked routing key) will not pass on a retry; anything else is retried with backoff.
          if ((error as { retryable?: boolean }).retryable === false) throw ApplicationFailure.nonRetryable(String((error as Error).message), 'DeliveryFailed');
          throw error;
        }
      }
    },

    /**
     * Opens an incident from a stored alert and attaches the alert to it, then records "opened" on the alert's
     * row. Keyed by the alert id (the incident's id derives from it), so a retry, or the same alert signalled
     * again, opens nothing new and answers the outcome already recorded. An incident the workflow refuses
     * (invalid or conflicting) leaves the alert "rejected" with the reason.
     */
    async openIncidentFromAlert(input: { alertId: string }): Promise<AlertOutcome> {
      const alert = await storedAlert(pool, input.alertId);
      if ('outcome' in alert) return alert.outcome;
      const { id: alertId, delivery } = alert;
      const { alert: normalized, sourceName } = delivery;
      const actor = intakeActor(sourceName);
      const incidentId = incidentIdOfAlert(alertId);
      const incident = IncidentCreateSchema.safeParse({
        title: normalized.title,
        description: normalized.description ?? undefined,
        detectedAt: normalized.detectedAt,
        reportedBy: `${sourceName} (${normalized.format})`,
      });
      if (!incident.success) {
        const reason = `Not a valid incident: ${incident.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`;
        return outcomeOf(await recordAlertOutcome(pool, { id: alertId, status: 'rejected', incidentId: null, rejection: reason.slice(0, 1000) }));
      }
      try {
        await incidents.open(incidentId, incident.data, actor);
        await incidents.attachAlert(incidentId, { alertId, delivery }, actor);
      } catch (error) {
        const refused = refusalOf(error);
        if (refused === null) throw error;
        return outcomeOf(await recordAlertOutcome(pool, { id: alertId, status: 'rejected', incidentId: null, rejection: refused }));
      }
      return outcomeOf(await recordAlertOutcome(pool, { id: alertId, status: 'opened', incidentId, rejection: null }));
    },

    /** Attaches a stored alert to an open incident and records "attached" on its row; `closed` when the incident has closed meanwhile. */
    async attachAlertToIncident(input: { incidentId: string; alertId: string }): Promise<AlertOutcome> {
      const alert = await storedAlert(pool, input.alertId);
      if ('outcome' in alert) return alert.outcome;
      let attached: boolean;
      try {
        attached = await incidents.attachAlert(input.incidentId, { alertId: alert.id, delivery: alert.delivery }, intakeActor(alert.delivery.sourceName));
      } catch (error) {
        const refused = refusalOf(error);
        if (refused === null) throw error;
        return outcomeOf(await recordAlertOutcome(pool, { id: alert.id, status: 'rejected', incidentId: null, rejection: refused }));
      }
      if (!attached) return { status: 'closed', incidentId: null };
      return outcomeOf(await recordAlertOutcome(pool, { id: alert.id, status: 'attached', incidentId: input.incidentId, rejection: null }));
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

/** What processing made of an alert: `closed` means the incident it was to attach to has closed (nothing recorded). */
export interface AlertOutcome {
  status: 'opened' | 'attached' | 'rejected' | 'closed';
  incidentId: string | null;
}

/** The incident an alert opens: derived from the alert's id, so every attempt opens the same one. */
export function incidentIdOfAlert(alertId: string): string {
  const hex = createHash('sha256').update(`incident-of-alert:${alertId}`).digest('hex');
  // An RFC 9562 version 8 (custom) UUID.
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** A stored alert still to process with its delivery, or the outcome an earlier attempt recorded. */
async function storedAlert(pool: pg.Pool, alertId: string): Promise<{ outcome: AlertOutcome } | { id: string; delivery: AlertDelivery }> {
  const row = await findIntakeAlert(pool, alertId);
  if (!row) throw ApplicationFailure.nonRetryable(`No intake alert ${alertId}`, 'AlertNotFound');
  if (row.status !== 'received') return { outcome: outcomeOf(row) };
  const delivery = AlertDeliverySchema.safeParse(row.delivery);
  if (delivery.success) return { id: row.id, delivery: delivery.data };
  return { outcome: outcomeOf(await recordAlertOutcome(pool, { id: row.id, status: 'rejected', incidentId: null, rejection: 'The stored alert is no longer a valid delivery.' })) };
}

function outcomeOf(row: IntakeAlertRow): AlertOutcome {
  // Another attempt of the same alert holds the row: retry, and read its outcome then.
  if (row.status === 'received') throw ApplicationFailure.retryable(`Alert ${row.id} is being processed`, 'AlertBusy');
  return { status: row.status, incidentId: row.incident_id };
}

/**
 * The reason an incident workflow refused an alert for good (a 4xx other than 409: invalid for the incident),
 * or null for errors that a retry may overcome (PostgreSQL or Temporal unavailable).
 */
function refusalOf(error: unknown): string | null {
  const status = (error as { status?: unknown }).status;
  if (typeof status !== 'number' || status < 400 || status >= 500 || status === 409) return null;
  const { message, extras } = error as { message?: unknown; extras?: { errors?: { path: (string | number)[]; message: string }[] } };
  const fields = (extras?.errors ?? []).map((e) => `${e.path.join('.') || '(root)'}: ${e.message}`);
  const reason = [typeof message === 'string' ? message : `Refused (${status})`, ...fields].join(' ');
  return reason.slice(0, 1000);
}

/** The activity functions, as the workflow's proxy and the tests' fakes type them. */
export type Activities = ReturnType<typeof createActivities>;

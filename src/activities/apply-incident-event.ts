import type { IncidentEventEnvelope } from '../domain/incident-events';
import { acknowledgeEscalation, insertEscalation, upsertDeadlines } from '../db/incidents-repository';
import {
  advanceStage,
  assignOwner,
  closeIncident,
  insertAuthorityNotice,
  insertContainmentAction,
  insertCustodyEvent,
  insertEvidenceItem,
  insertFinding,
  insertRiskAssessment,
  insertScopeVersion,
  insertSubjectsNotice,
  markContainmentInProgress,
  recordTrigger,
  markEvidenceContentStored,
  signOffRiskAssessment,
  updateContainmentStatus,
  upsertDecision,
  type Recorded,
} from '../db/lifecycle-repository';
import { insertIncidentAlert } from '../db/intake-repository';
import type { Queryable } from '../db/pool';

/** Writes what one incident event changes in the case file; the caller holds the transaction and the audit row. */
export async function applyIncidentEvent(client: Queryable, envelope: IncidentEventEnvelope): Promise<void> {
  await applyEvent(client, envelope);
  if (envelope.event.clocks) await upsertDeadlines(client, envelope.incidentId, envelope.event.clocks);
}

async function applyEvent(client: Queryable, envelope: IncidentEventEnvelope): Promise<void> {
  const { incidentId, event } = envelope;
  const rec: Recorded = { by: envelope.actor.name, at: envelope.occurredAt };
  switch (event.type) {
    case 'incident-opened':
      return;
    case 'containment-action-recorded':
      await insertContainmentAction(client, incidentId, event.id, event.action, rec);
      await markContainmentInProgress(client, incidentId);
      return advanceStage(client, incidentId, 'containment');
    case 'containment-status-changed':
      return updateContainmentStatus(client, incidentId, event.change);
    case 'finding-recorded':
      await insertFinding(client, incidentId, event.id, event.finding, rec);
      return advanceStage(client, incidentId, 'investigation');
    case 'scope-recorded':
      await insertScopeVersion(client, incidentId, event.version, event.scope, rec);
      return advanceStage(client, incidentId, 'investigation');
    case 'evidence-registered':
      await insertEvidenceItem(client, incidentId, event.id, event.item, rec);
      return advanceStage(client, incidentId, 'evidence-preservation');
    case 'evidence-content-stored':
      return markEvidenceContentStored(client, event.evidenceId, event.sha256, event.sizeBytes);
    case 'custody-event-recorded':
      return insertCustodyEvent(client, incidentId, event.evidenceId, event.id, event.custody, rec, event.result);
    case 'risk-assessed':
      await insertRiskAssessment(client, incidentId, { id: event.id, version: event.version, inputs: event.inputs, factors: event.factors, result: event.result, suggestion: event.suggestion }, rec);
      return advanceStage(client, incidentId, 'risk-assessment');
    case 'risk-assessment-signed-off':
      return signOffRiskAssessment(client, event.assessmentId, { finalOutcome: event.finalOutcome, justification: event.signOff.justification }, rec);
    case 'authority-decision-recorded':
      await upsertDecision(client, incidentId, 'supervisory-authority', event.decision, rec);
      return advanceStage(client, incidentId, 'notification');
    case 'subjects-decision-recorded':
      await upsertDecision(client, incidentId, 'data-subjects', event.decision, rec);
      return advanceStage(client, incidentId, 'notification');
    case 'authority-notice-recorded':
      await insertAuthorityNotice(client, incidentId, event.id, event.notice, event.late, rec);
      return advanceStage(client, incidentId, 'notification');
    case 'subjects-notice-recorded':
      await insertSubjectsNotice(client, incidentId, event.id, event.notice, rec);
      return advanceStage(client, incidentId, 'notification');
    case 'deadline-escalated':
      return insertEscalation(client, incidentId, event.escalation);
    case 'escalation-acknowledged':
      return acknowledgeEscalation(client, event.escalationId, event.acknowledgedBy, envelope.occurredAt, event.via ?? null);
    case 'trigger-recorded':
      return recordTrigger(client, incidentId, event.trigger.event, event.trigger.occurredAt);
    case 'owner-assigned':
      return assignOwner(client, incidentId, event.contactId);
    case 'alert-attached': {
      const { alert, ...delivery } = event.delivery;
      return insertIncidentAlert(client, {
        id: event.alertId,
        incidentId,
        sourceId: delivery.sourceId,
        webhookId: delivery.webhookId,
        format: alert.format,
        externalId: alert.externalId,
        title: alert.title,
        severity: alert.severity,
        detectedAt: alert.detectedAt,
        correlationKey: alert.correlationKey,
        assets: alert.assets,
        observables: alert.observables,
        dataCategoryHints: alert.dataCategoryHints,
        receivedAt: delivery.receivedAt,
      });
    }
    case 'regimes-set':
    case 'obligation-met':
    case 'obligation-waived':
      // Their effect is on the clocks, which every event carries and which are written below.
      return;
    case 'incident-closed':
      return closeIncident(client, incidentId, event.closure, event.closedAt);
  }
}


// Message definitions shared by the workflow and its callers (API, tests): the wire name is the const minus its suffix.
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import { z } from 'zod';
import type { IncidentLiveState, OpenIncidentRequest, WriteRequest, WriteResult } from '../domain/incident';
import { AlertAttachSchema } from '../domain/intake-source';
import {
  AuthorityDecisionSchema,
  AuthorityNoticeCreateSchema,
  ContainmentActionCreateSchema,
  ContainmentStatusUpdateSchema,
  CustodyEventCreateSchema,
  EvidenceContentSchema,
  EvidenceRegisterSchema,
  FindingCreateSchema,
  EscalationAckSchema,
  IncidentCloseSchema,
  ObligationMeetSchema,
  ObligationWaiveSchema,
  OwnerAssignSchema,
  RegimeSelectionSchema,
  TriggerRecordSchema,
  RiskAssessmentCreateSchema,
  RiskSignOffSchema,
  ScopeSchema,
  SubjectsDecisionSchema,
  SubjectsNoticeCreateSchema,
} from '../domain/lifecycle';
import { text } from '../domain/text';

/** The task queue incident workflows and their activities run on, unless TASK_QUEUE overrides it. */
export const DEFAULT_TASK_QUEUE = 'breach-response';

/** Opens the incident: persists it and starts its clocks. Idempotent: a second call returns the same state. */
export const openIncidentUpdate = defineUpdate<IncidentLiveState, [OpenIncidentRequest]>('openIncident');

/** The live state: stage, tracks, decisions, deadlines and escalations. */
export const incidentStateQuery = defineQuery<IncidentLiveState>('incidentState');

/** Input of the custody update: which item, and what happened to it. */
export const CustodyInputSchema = z.strictObject({ evidenceId: z.uuid(), custody: CustodyEventCreateSchema });
/** Input of the verify update: which item to re-hash. */
export const VerifyInputSchema = z.strictObject({ evidenceId: z.uuid(), purpose: text(2000) });
/** Input of the sign-off update: which assessment, and the DPO's sign-off. */
export const SignOffInputSchema = z.strictObject({ assessmentId: z.uuid(), signOff: RiskSignOffSchema });

/** A write update: its input schema and its definition, whose argument is that input plus the actor. */
function writeUpdate<S extends z.ZodType>(name: string, schema: S) {
  return { schema, update: defineUpdate<WriteResult, [WriteRequest<z.infer<S>>]>(name) };
}

/**
 * Every write update: its input schema (the same the API validates with, run again in the update's
 * validator) and its definition. Each returns the id of what it created and the new live state.
 */
export const writeUpdates = {
  recordContainmentAction: writeUpdate('recordContainmentAction', ContainmentActionCreateSchema),
  setContainmentStatus: writeUpdate('setContainmentStatus', ContainmentStatusUpdateSchema),
  recordFinding: writeUpdate('recordFinding', FindingCreateSchema),
  recordScope: writeUpdate('recordScope', ScopeSchema),
  registerEvidence: writeUpdate('registerEvidence', EvidenceRegisterSchema),
  attachEvidenceContent: writeUpdate('attachEvidenceContent', EvidenceContentSchema),
  recordCustodyEvent: writeUpdate('recordCustodyEvent', CustodyInputSchema),
  verifyEvidence: writeUpdate('verifyEvidence', VerifyInputSchema),
  recordRiskAssessment: writeUpdate('recordRiskAssessment', RiskAssessmentCreateSchema),
  signOffRiskAssessment: writeUpdate('signOffRiskAssessment', SignOffInputSchema),
  recordAuthorityDecision: writeUpdate('recordAuthorityDecision', AuthorityDecisionSchema),
  recordSubjectsDecision: writeUpdate('recordSubjectsDecision', SubjectsDecisionSchema),
  recordAuthorityNotice: writeUpdate('recordAuthorityNotice', AuthorityNoticeCreateSchema),
  recordSubjectsNotice: writeUpdate('recordSubjectsNotice', SubjectsNoticeCreateSchema),
  closeIncident: writeUpdate('closeIncident', IncidentCloseSchema),
  recordTrigger: writeUpdate('recordTrigger', TriggerRecordSchema),
  setRegimes: writeUpdate('setRegimes', RegimeSelectionSchema),
  meetObligation: writeUpdate('meetObligation', ObligationMeetSchema),
  waiveObligation: writeUpdate('waiveObligation', ObligationWaiveSchema),
  acknowledgeEscalation: writeUpdate('acknowledgeEscalation', EscalationAckSchema),
  assignOwner: writeUpdate('assignOwner', OwnerAssignSchema),
  attachAlert: writeUpdate('attachAlert', AlertAttachSchema),
};

/** Name of a write update. */
export type WriteUpdateName = keyof typeof writeUpdates;
/** The validated input of a write update, by name. */
export type WriteInput<N extends WriteUpdateName> = z.infer<(typeof writeUpdates)[N]['schema']>;

/** Failure type of a write PostgreSQL refused as data (a value it cannot store): the API answers 422. */
export const PERSISTENCE_REJECTED = 'PersistenceRejected';

/** ApplicationFailure types a rejected write carries, mapped by the API to 409, 404 and 422. */
export const RULE_FAILURE_TYPES = { conflict: 'IncidentConflict', 'not-found': 'IncidentNotFound', invalid: 'IncidentInvalid' } as const;

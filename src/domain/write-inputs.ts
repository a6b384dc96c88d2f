// The input schema of every write update: what the API parses a body with before it sends the update. Kept out
// of the workflow bundle (src/workflows/messages.ts names the updates only), so no workflow evaluates zod.
import { z } from 'zod';
import { AlertAttachSchema } from './intake-source';
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
} from './lifecycle';
import { text } from './text';

/** Input of the custody update: which item, and what happened to it. */
export const CustodyInputSchema = z.strictObject({ evidenceId: z.uuid(), custody: CustodyEventCreateSchema });
/** Input of the verify update: which item to re-hash. */
export const VerifyInputSchema = z.strictObject({ evidenceId: z.uuid(), purpose: text(2000) });
/** Input of the sign-off update: which assessment, and the DPO's sign-off. */
export const SignOffInputSchema = z.strictObject({ assessmentId: z.uuid(), signOff: RiskSignOffSchema });

/** Every write update's input schema, by update name. */
export const WRITE_INPUT_SCHEMAS = {
  recordContainmentAction: ContainmentActionCreateSchema,
  setContainmentStatus: ContainmentStatusUpdateSchema,
  recordFinding: FindingCreateSchema,
  recordScope: ScopeSchema,
  registerEvidence: EvidenceRegisterSchema,
  attachEvidenceContent: EvidenceContentSchema,
  recordCustodyEvent: CustodyInputSchema,
  verifyEvidence: VerifyInputSchema,
  recordRiskAssessment: RiskAssessmentCreateSchema,
  signOffRiskAssessment: SignOffInputSchema,
  recordAuthorityDecision: AuthorityDecisionSchema,
  recordSubjectsDecision: SubjectsDecisionSchema,
  recordAuthorityNotice: AuthorityNoticeCreateSchema,
  recordSubjectsNotice: SubjectsNoticeCreateSchema,
  closeIncident: IncidentCloseSchema,
  recordTrigger: TriggerRecordSchema,
  setRegimes: RegimeSelectionSchema,
  meetObligation: ObligationMeetSchema,
  waiveObligation: ObligationWaiveSchema,
  acknowledgeEscalation: EscalationAckSchema,
  assignOwner: OwnerAssignSchema,
  attachAlert: AlertAttachSchema,
};

/** Name of a write update. */
export type WriteUpdateName = keyof typeof WRITE_INPUT_SCHEMAS;
/** The validated input of a write update, by name. */
export type WriteInput<N extends WriteUpdateName> = z.infer<(typeof WRITE_INPUT_SCHEMAS)[N]>;


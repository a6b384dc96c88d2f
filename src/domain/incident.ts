import { z } from 'zod';
import { AcknowledgementChannelSchema } from './acknowledgement-channel';
import { DeadlineSchema } from './deadline-schema';
import {
  AuthorityDecisionSchema,
  ContainmentStatusSchema,
  NoticePhaseSchema,
  ScopeSchema,
  SubjectsDecisionSchema,
} from './lifecycle';
import { SeverityBandSchema, SuggestedOutcomeSchema } from './severity-schema';
import { looseText, text } from './text';
import { IsoDateTimeSchema } from './iso-date-time';

/** The lifecycle stages an incident moves through, in order. */
export const StageSchema = z.enum([
  'detected',
  'containment',
  'investigation',
  'evidence-preservation',
  'risk-assessment',
  'notification',
  'closed',
]);
export type Stage = z.infer<typeof StageSchema>;

/** Whether the incident is still being worked. */
export const IncidentStatusSchema = z.enum(['open', 'closed']);
export type IncidentStatus = z.infer<typeof IncidentStatusSchema>;

/** Body of `POST /v1/incidents`: what a responder knows when a suspected breach is opened. */
export const IncidentCreateSchema = z
  .strictObject({
    title: text(200),
    description: looseText(20_000).optional(),
    detectedAt: IsoDateTimeSchema.describe('When the incident was detected'),
    awareAt: IsoDateTimeSchema.optional().describe(
      'When the controller became aware (GDPR Art. 33(1)); the clock starts at detectedAt when omitted',
    ),
    reportedBy: text(200).optional(),
  })
  .meta({ id: 'IncidentCreate' });
export type IncidentCreate = z.infer<typeof IncidentCreateSchema>;

/** Who made a change, recorded with every write: the API key's id, name and role, or a person's name, role and OIDC subject. */
export const ActorSchema = z.strictObject({
  keyId: z.string().nullable(),
  name: z.string(),
  role: z.string(),
  subject: z.string().optional(),
});
export type Actor = z.infer<typeof ActorSchema>;

/** Argument of the workflow's open update: the validated body plus who sent it. */
export const OpenIncidentRequestSchema = z.strictObject({
  incident: IncidentCreateSchema,
  actor: ActorSchema,
});
export type OpenIncidentRequest = z.infer<typeof OpenIncidentRequestSchema>;

/** A rung of a clock's escalation ladder that fired: whom it reached and whether they acknowledged it. */
export const EscalationSchema = z
  .object({
    id: z.uuid(),
    regime: z.string(),
    obligation: z.string(),
    rung: z.string().describe('The ladder step, e.g. "reminder-2", "overdue", "overdue-repeat-1"'),
    kind: z.enum(['reminder', 'overdue', 'overdue-repeat']),
    recipients: z.array(z.enum(['owner', 'dpo', 'legal', 'leadership'])),
    dueAt: IsoDateTimeSchema,
    raisedAt: IsoDateTimeSchema,
    acknowledgedAt: IsoDateTimeSchema.nullable(),
    acknowledgedBy: z.string().nullable(),
    acknowledgedVia: AcknowledgementChannelSchema.nullable().optional(),
  })
  .meta({ id: 'Escalation' });
export type Escalation = z.infer<typeof EscalationSchema>;

/** An evidence item as the workflow tracks it: enough to gate custody and verification. */
export const EvidenceStateSchema = z.object({
  id: z.uuid(),
  sha256: z.string().nullable(),
  contentStored: z.boolean(),
  custodyEvents: z.number().int(),
  lastVerification: z.object({ at: IsoDateTimeSchema, matches: z.boolean() }).nullable(),
});
export type EvidenceState = z.infer<typeof EvidenceStateSchema>;

/** The latest risk assessment and whether the DPO signed it off. */
export const RiskAssessmentStateSchema = z.object({
  id: z.uuid(),
  version: z.number().int(),
  score: z.number(),
  band: SeverityBandSchema,
  suggestedOutcome: SuggestedOutcomeSchema,
  signedOff: z.boolean(),
  finalOutcome: SuggestedOutcomeSchema.nullable(),
});
export type RiskAssessmentState = z.infer<typeof RiskAssessmentStateSchema>;

/** The live state a workflow holds and answers to its state query: plain JSON, no Map or Date. */
export const IncidentLiveStateSchema = z
  .object({
    incidentId: z.uuid(),
    reference: z.string().nullable(),
    status: IncidentStatusSchema,
    stage: StageSchema,
    containment: z.object({ status: ContainmentStatusSchema, confirmedAt: IsoDateTimeSchema.nullable(), actions: z.number().int() }),
    findings: z.number().int(),
    scopeVersion: z.number().int(),
    // A union, not .nullable(): zod-to-openapi would mark the shared request component itself nullable.
    scope: z.union([ScopeSchema, z.null()]),
    evidence: z.array(EvidenceStateSchema),
    riskAssessment: RiskAssessmentStateSchema.nullable(),
    decisions: z.object({ supervisoryAuthority: z.union([AuthorityDecisionSchema, z.null()]), dataSubjects: z.union([SubjectsDecisionSchema, z.null()]) }),
    notices: z.object({
      supervisoryAuthority: z.array(z.object({ id: z.uuid(), phase: NoticePhaseSchema, submittedAt: IsoDateTimeSchema, late: z.boolean() })),
      dataSubjects: z.array(z.object({ id: z.uuid(), channel: z.string(), recipients: z.number().int(), sentAt: IsoDateTimeSchema })),
    }),
    closure: z.object({ kind: z.enum(['resolved', 'not-a-breach']), closedAt: IsoDateTimeSchema }).nullable(),
    deadlines: z.array(DeadlineSchema),
    escalations: z.array(EscalationSchema),
    alerts: z.number().int().describe('Security-tool alerts attached to the incident'),
  })
  .meta({ id: 'IncidentLiveState' });
export type IncidentLiveState = z.infer<typeof IncidentLiveStateSchema>;

/** What every write returns: the id of what it created (or of the event) and the incident's new live state. */
export const WriteResultSchema = z.object({ id: z.uuid(), state: IncidentLiveStateSchema }).meta({ id: 'WriteResult' });
export type WriteResult = z.infer<typeof WriteResultSchema>;

/** Argument of every write update: the validated body and who sent it. */
export function writeRequestSchema<T extends z.ZodType>(input: T) {
  return z.strictObject({ input, actor: ActorSchema });
}
/** A write update's argument for body type T. */
export interface WriteRequest<T> {
  input: T;
  actor: Actor;
}

/** Human-readable incident reference, `BR-<year>-<sequence padded to 4>`. */
export function formatReference(year: number, sequence: number): string {
  return `BR-${year}-${String(sequence).padStart(4, '0')}`;
}

/** Temporal workflow id of an incident. */
export function incidentWorkflowId(incidentId: string): string {
  return `incident-${incidentId}`;
}

/** A deadline as the API shows it: the clock plus whole seconds left (negative once past due). */
export const DeadlineReadSchema = DeadlineSchema.extend({ secondsRemaining: z.number().int().nullable() }).meta({ id: 'DeadlineRead' });
export type DeadlineRead = z.infer<typeof DeadlineReadSchema>;

/** Answer of `POST /v1/incidents`: the new incident's ids and its clocks. */
export const IncidentOpenedSchema = z
  .object({
    id: z.uuid(),
    reference: z.string(),
    workflowId: z.string(),
    status: IncidentStatusSchema,
    stage: StageSchema,
    deadlines: z.array(DeadlineSchema),
  })
  .meta({ id: 'IncidentOpened' });
export type IncidentOpened = z.infer<typeof IncidentOpenedSchema>;

/** One row of `GET /v1/incidents`. */
export const IncidentSummarySchema = z
  .object({
    id: z.uuid(),
    reference: z.string(),
    workflowId: z.string(),
    title: z.string(),
    status: IncidentStatusSchema,
    stage: StageSchema,
    detectedAt: IsoDateTimeSchema,
    awareAt: IsoDateTimeSchema.nullable(),
    createdAt: IsoDateTimeSchema,
  })
  .meta({ id: 'IncidentSummary' });
export type IncidentSummary = z.infer<typeof IncidentSummarySchema>;

/** The case file of `GET /v1/incidents/{id}`: stored facts plus the workflow's live stage, clocks and escalations. */
export const IncidentReadSchema = IncidentSummarySchema.extend({
  description: z.string().nullable(),
  reportedBy: z.string().nullable(),
  updatedAt: IsoDateTimeSchema,
  containment: z.object({ status: ContainmentStatusSchema, confirmedAt: IsoDateTimeSchema.nullable() }),
  closure: z
    .object({ kind: z.enum(['resolved', 'not-a-breach']), reason: z.string().nullable(), lessonsLearned: z.string().nullable(), closedAt: IsoDateTimeSchema })
    .nullable(),
  deadlines: z.array(DeadlineReadSchema),
  escalations: z.array(EscalationSchema),
}).meta({ id: 'IncidentRead' });
export type IncidentRead = z.infer<typeof IncidentReadSchema>;

/** Query of `GET /v1/incidents`: status, stage and text filters, page size and opaque cursor. */
export const IncidentListQuerySchema = z.strictObject({
  status: IncidentStatusSchema.optional(),
  stage: StageSchema.optional(),
  q: looseText(200).trim().optional().describe('Text the title or the reference contains, any case; surrounding whitespace is ignored'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional().describe('nextCursor of the previous page'),
});
export type IncidentListQuery = z.infer<typeof IncidentListQuerySchema>;

/** A page of incidents, newest first; `nextCursor` is null on the last page. */
export const IncidentListSchema = z
  .object({ items: z.array(IncidentSummarySchema), nextCursor: z.string().nullable() })
  .meta({ id: 'IncidentList' });
export type IncidentList = z.infer<typeof IncidentListSchema>;

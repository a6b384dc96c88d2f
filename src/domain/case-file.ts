import { z } from 'zod';
import { CLOSURE_BLOCKER_CODES } from './closure';
import { AffectedCountSchema, CustodyEventTypeSchema, NoticePhaseSchema, SpecialCategorySchema, SubjectsExemptionSchema, SubjectsNoticeCreateSchema } from './lifecycle';
import { RiskFactorsSchema, RiskSuggestionSchema } from './risk-factors-schema';
import { SeverityInputSchema, SeverityResultSchema, SuggestedOutcomeSchema } from './severity-schema';
import { IsoDateTimeSchema } from './iso-date-time';

/** One link in an evidence item's chain of custody. */
export const CustodyEventReadSchema = z
  .object({
    id: z.uuid(),
    event: CustodyEventTypeSchema,
    from: z.string().nullable(),
    to: z.string().nullable(),
    purpose: z.string(),
    occurredAt: IsoDateTimeSchema,
    result: z.object({ matches: z.boolean(), expectedSha256: z.string(), actualSha256: z.string().nullable() }).nullable(),
    recordedBy: z.string(),
    recordedAt: IsoDateTimeSchema,
  })
  .meta({ id: 'CustodyEvent' });
export type CustodyEventRead = z.infer<typeof CustodyEventReadSchema>;

/** An evidence item with its hash and its whole chain of custody, oldest link first. */
export const EvidenceItemReadSchema = z
  .object({
    id: z.uuid(),
    description: z.string(),
    source: z.string(),
    collectedBy: z.string(),
    collectedAt: IsoDateTimeSchema,
    method: z.string(),
    tool: z.string().nullable(),
    sha256: z.string().nullable(),
    sizeBytes: z.number().int().nullable(),
    contentStored: z.boolean().describe('True when the content is held in the evidence store; false when registered by hash only'),
    registeredBy: z.string(),
    registeredAt: IsoDateTimeSchema,
    custody: z.array(CustodyEventReadSchema),
  })
  .meta({ id: 'EvidenceItem' });
export type EvidenceItemRead = z.infer<typeof EvidenceItemReadSchema>;

/** One recorded version of the incident's scope. */
export const ScopeVersionReadSchema = z
  .object({
    version: z.number().int(),
    dataCategories: z.array(z.string()),
    specialCategories: z.array(SpecialCategorySchema),
    dataSubjectsApprox: z.number().int(),
    recordsApprox: z.number().int(),
    affectedSystems: z.array(z.string()),
    countries: z.array(z.string()),
    affected: z.array(AffectedCountSchema),
    cause: z.string().nullable(),
    encrypted: z.boolean(),
    unintelligible: z.boolean(),
    likelyConsequences: z.string().nullable(),
    recordedBy: z.string(),
    recordedAt: IsoDateTimeSchema,
  })
  .meta({ id: 'ScopeVersion' });
export type ScopeVersionRead = z.infer<typeof ScopeVersionReadSchema>;

/** One entry of the hash-chained audit trail. */
export const AuditEventReadSchema = z
  .object({
    seq: z.number().int(),
    occurredAt: IsoDateTimeSchema,
    actor: z.object({ keyId: z.uuid().nullable(), name: z.string(), role: z.string(), subject: z.string().nullable().describe('A person’s OIDC subject; null for API keys and the engine') }),
    eventType: z.string(),
    payload: z.record(z.string(), z.unknown()),
    prevHash: z.string(),
    hash: z.string(),
  })
  .meta({ id: 'AuditEvent' });
export type AuditEventRead = z.infer<typeof AuditEventReadSchema>;

/** A page of the timeline, oldest first; `nextAfterSeq` continues it. */
export const TimelineSchema = z.object({ items: z.array(AuditEventReadSchema), nextAfterSeq: z.number().int().nullable() }).meta({ id: 'Timeline' });
export type Timeline = z.infer<typeof TimelineSchema>;

/** Result of recomputing an incident's audit chain. */
export const AuditVerificationSchema = z
  .object({
    valid: z.boolean(),
    checked: z.number().int(),
    firstBroken: z.object({ seq: z.number().int(), id: z.string(), reason: z.enum(['hash-mismatch', 'prev-hash-mismatch', 'seq-gap']) }).nullable(),
    head: z
      .object({ seq: z.number().int(), hash: z.string(), found: z.boolean() })
      .nullable()
      .describe("The newest entry the incident's workflow recorded appending, kept outside PostgreSQL; found: false means entries were removed from the end of the chain. null when the workflow no longer holds one (closed past retention, or opened before heads were kept)"),
  })
  .meta({ id: 'AuditVerification' });
export type AuditVerification = z.infer<typeof AuditVerificationSchema>;

/** One entry of the GDPR Art. 33(5) breach register: facts, effects, remedial action, decisions and their reasons. */
export const RegisterEntrySchema = z
  .object({
    id: z.uuid(),
    reference: z.string(),
    title: z.string(),
    status: z.string(),
    detectedAt: IsoDateTimeSchema,
    awareAt: IsoDateTimeSchema.nullable(),
    facts: z.object({
      description: z.string().nullable(),
      cause: z.string().nullable(),
      dataCategories: z.array(z.string()),
      specialCategories: z.array(z.string()),
      dataSubjectsApprox: z.number().int().nullable(),
      recordsApprox: z.number().int().nullable(),
      countries: z.array(z.string()),
    }),
    effects: z.object({
      likelyConsequences: z.string().nullable(),
      severityBand: z.string().nullable(),
      riskMethod: z.enum(['enisa-only', 'enisa-and-factors']).nullable().describe('enisa-only: assessed without the EDPB factors (always so before they existed)'),
      riskReasons: z.array(z.string()).describe("Why the signed-off assessment suggested its outcome, factor by factor; empty before the EDPB factors"),
    }),
    remedialAction: z.object({ containmentStatus: z.string(), containedAt: IsoDateTimeSchema.nullable(), actions: z.array(z.string()) }),
    decisions: z.object({
      riskOutcome: z.string().nullable(),
      riskOverrideJustification: z.string().nullable(),
      supervisoryAuthority: z.string().nullable(),
      supervisoryAuthorityReason: z.string().nullable(),
      dataSubjects: z.string().nullable(),
      dataSubjectsExemption: z.string().nullable(),
      dataSubjectsReason: z.string().nullable(),
    }),
    notifications: z.object({
      authorityNotifiedAt: IsoDateTimeSchema.nullable(),
      authorityNoticeLate: z.boolean().nullable(),
      delayReasons: z.string().nullable(),
      dataSubjectsNotifiedAt: IsoDateTimeSchema.nullable(),
      dataSubjectsRecipients: z.number().int().nullable(),
    }),
    closure: z.object({ kind: z.string().nullable(), reason: z.string().nullable(), lessonsLearned: z.string().nullable(), closedAt: IsoDateTimeSchema.nullable() }),
  })
  .meta({ id: 'RegisterEntry' });
export type RegisterEntry = z.infer<typeof RegisterEntrySchema>;

/** A page of the register, oldest first. */
export const RegisterPageSchema = z.object({ items: z.array(RegisterEntrySchema), nextCursor: z.string().nullable() }).meta({ id: 'RegisterPage' });
export type RegisterPage = z.infer<typeof RegisterPageSchema>;

/** Who recorded a row (the actor's name) and when. */
const RecordedShape = { recordedBy: z.string(), recordedAt: IsoDateTimeSchema };

/** A containment action as recorded. */
export const ContainmentActionReadSchema = z
  .object({ id: z.uuid(), action: z.string(), performedBy: z.string(), performedAt: IsoDateTimeSchema, ...RecordedShape })
  .meta({ id: 'ContainmentAction' });

/** An investigation finding as recorded, with its structured facts. */
export const FindingReadSchema = z
  .object({
    id: z.uuid(),
    summary: z.string(),
    details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).nullable(),
    observedAt: IsoDateTimeSchema.nullable(),
    ...RecordedShape,
  })
  .meta({ id: 'Finding' });

/** The DPO's sign-off of an assessment: the outcome that stands, and whether it overrides the suggestion (then with its justification). */
export const RiskSignOffReadSchema = z
  .object({
    finalOutcome: SuggestedOutcomeSchema,
    overridden: z.boolean().describe('True when the final outcome differs from the suggested one'),
    justification: z.string().nullable(),
    signedOffBy: z.string(),
    signedOffAt: IsoDateTimeSchema,
  })
  .meta({ id: 'RiskSignOffRecord' });

/** The suggestion an assessment was recorded with; one recorded before the EDPB factors has no factors' outcome and no reasons. */
const RiskSuggestionReadSchema = RiskSuggestionSchema.extend({
  factorsOutcome: SuggestedOutcomeSchema.nullable().describe('What the risk factors called for; null for an assessment recorded before the EDPB factors'),
}).meta({ id: 'RiskSuggestionRecord' });

/**
 * One version of the risk assessment: the ENISA inputs and the EDPB factors with their rationales, the computed
 * score and band, the suggestion with its reasons factor by factor, and the sign-off.
 */
export const RiskAssessmentReadSchema = z
  .object({
    id: z.uuid(),
    version: z.number().int(),
    inputs: SeverityInputSchema,
    result: SeverityResultSchema.describe("The ENISA score and band; its suggestedOutcome is the band's outcome alone"),
    factors: z.union([RiskFactorsSchema, z.null()]).describe('The EDPB risk factors; null when none were recorded (always so before they existed)'),
    suggestion: RiskSuggestionReadSchema,
    assessedBy: z.string(),
    assessedAt: IsoDateTimeSchema,
    signOff: z.union([RiskSignOffReadSchema, z.null()]),
  })
  .meta({ id: 'RiskAssessment' });

/** The current decision on notifying the supervisory authority (Art. 33); earlier ones are in the timeline. */
export const AuthorityDecisionReadSchema = z
  .object({ decision: z.enum(['notify', 'not-required']), reason: z.string().nullable(), decidedBy: z.string(), decidedAt: IsoDateTimeSchema })
  .meta({ id: 'AuthorityDecisionRecord' });

/** The current decision on telling data subjects (Art. 34), with its Art. 34(3) exemption if any; earlier ones are in the timeline. */
export const SubjectsDecisionReadSchema = z
  .object({
    decision: z.enum(['notify', 'exempt']),
    exemption: SubjectsExemptionSchema.nullable(),
    reason: z.string().nullable(),
    decidedBy: z.string(),
    decidedAt: IsoDateTimeSchema,
  })
  .meta({ id: 'SubjectsDecisionRecord' });

/** A notice submitted to a supervisory authority; `late` when the initial one came after the deadline. */
export const AuthorityNoticeReadSchema = z
  .object({
    id: z.uuid(),
    authority: z.string(),
    submittedAt: IsoDateTimeSchema,
    reference: z.string().nullable(),
    phase: NoticePhaseSchema,
    late: z.boolean(),
    delayReasons: z.string().nullable(),
    ...RecordedShape,
  })
  .meta({ id: 'AuthorityNotice' });

/** A communication to data subjects. */
export const SubjectsNoticeReadSchema = z
  .object({ id: z.uuid(), channel: SubjectsNoticeCreateSchema.shape.channel, recipients: z.number().int(), sentAt: IsoDateTimeSchema, ...RecordedShape })
  .meta({ id: 'SubjectsNotice' });

/** One thing missing before the incident may close as resolved; `path` is where a refused closure's 409 names it. */
export const ClosureBlockerSchema = z
  .object({ code: z.enum(CLOSURE_BLOCKER_CODES), path: z.array(z.string()), message: z.string() })
  .meta({ id: 'ClosureBlocker' });

/** The case file's records (containment, findings, assessments, decisions, notices), oldest first, and what still blocks closing as resolved. */
export const CaseFileSchema = z
  .object({
    containmentActions: z.array(ContainmentActionReadSchema),
    findings: z.array(FindingReadSchema),
    riskAssessments: z.array(RiskAssessmentReadSchema).describe('Every version, oldest first; the last one is current'),
    decisions: z.object({
      supervisoryAuthority: z.union([AuthorityDecisionReadSchema, z.null()]),
      dataSubjects: z.union([SubjectsDecisionReadSchema, z.null()]),
    }),
    notices: z.object({ supervisoryAuthority: z.array(AuthorityNoticeReadSchema), dataSubjects: z.array(SubjectsNoticeReadSchema) }),
    closure: z.object({ blockers: z.array(ClosureBlockerSchema).describe('Empty when the incident may close as resolved') }),
  })
  .meta({ id: 'CaseFile' });
export type CaseFile = z.infer<typeof CaseFileSchema>;

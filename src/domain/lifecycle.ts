import { z } from 'zod';
import { absent } from './absent';
import { AcknowledgementChannelSchema } from './acknowledgement-channel';
import { RiskFactorsSchema } from './risk-factors-schema';
import { SeverityInputSchema, SuggestedOutcomeSchema } from './severity-schema';
import { looseText, STORABLE_TEXT_PATTERN, text } from './text';
import { IsoDateTimeSchema } from './iso-date-time';
import { DERIVED_TRIGGERS, REGIME_IDS, TRIGGER_EVENTS, type RecordableTrigger, type Regime, type TriggerEvent } from './regulations';

/** Containment track: not started, under way, or confirmed contained. */
export const ContainmentStatusSchema = z.enum(['not-started', 'in-progress', 'contained']);
export type ContainmentStatus = z.infer<typeof ContainmentStatusSchema>;

/** Body of `POST …/containment-actions`: one thing done to stop or limit the breach. */
export const ContainmentActionCreateSchema = z
  .strictObject({
    action: text(4000).describe('What was done, e.g. "Revoked the leaked access key"'),
    performedBy: text(200),
    performedAt: IsoDateTimeSchema,
  })
  .meta({ id: 'ContainmentActionCreate' });
export type ContainmentActionCreate = z.infer<typeof ContainmentActionCreateSchema>;

/** Body of `POST …/containment-status`; `confirmedAt` is given exactly when the status is "contained". */
export const ContainmentStatusUpdateSchema = z
  .discriminatedUnion('status', [
    z.strictObject({
      status: ContainmentStatusSchema.extract(['contained']),
      confirmedAt: IsoDateTimeSchema.describe('When containment was confirmed'),
      note: looseText(4000).optional(),
    }),
    z.strictObject({
      status: ContainmentStatusSchema.exclude(['contained']),
      confirmedAt: absent('Only a "contained" status has a confirmation time'),
      note: looseText(4000).optional(),
    }),
  ])
  .meta({ id: 'ContainmentStatusUpdate' });
export type ContainmentStatusUpdate = z.infer<typeof ContainmentStatusUpdateSchema>;

/** Body of `POST …/findings`: an investigation finding, free text plus structured facts. */
export const FindingCreateSchema = z
  .strictObject({
    summary: text(4000),
    details: z
      .record(looseText(100), z.union([looseText(4000), z.number(), z.boolean(), z.null()]))
      .refine((r) => Object.keys(r).length <= 50, 'At most 50 entries')
      // What the refinement and the key schema check, stated in the document (zod-to-openapi omits both).
      .meta({ maxProperties: 50, propertyNames: { type: 'string', maxLength: 100, pattern: STORABLE_TEXT_PATTERN.source } })
      .optional()
      .describe('Structured facts, e.g. { "attackVector": "phishing", "firstSeen": "…" }'),
    observedAt: IsoDateTimeSchema.optional(),
  })
  .meta({ id: 'FindingCreate' });
export type FindingCreate = z.infer<typeof FindingCreateSchema>;

/** Special categories of personal data: GDPR Art. 9(1), plus criminal convictions and offences (Art. 10). */
export const SpecialCategorySchema = z.enum([
  'racial-or-ethnic-origin',
  'political-opinions',
  'religious-or-philosophical-beliefs',
  'trade-union-membership',
  'genetic-data',
  'biometric-data',
  'health-data',
  'sex-life-or-sexual-orientation',
  'criminal-convictions-and-offences',
]);
export type SpecialCategory = z.infer<typeof SpecialCategorySchema>;

/** ISO 3166-1 alpha-2 country code, upper case. */
export const CountryCodeSchema = z.string().regex(/^[A-Z]{2}$/, 'ISO 3166-1 alpha-2 code, e.g. "DE"');

/** How many affected people live in one area: a country (ISO 3166-1 alpha-2) or a subdivision such as a US state (ISO 3166-2). */
export const AffectedCountSchema = z
  .strictObject({
    area: z.string().regex(/^[A-Z]{2}(-[A-Z0-9]{1,3})?$/, 'ISO 3166-1 alpha-2 country ("DE") or ISO 3166-2 subdivision ("US-CA")'),
    count: z.number().int().min(0).max(10_000_000_000),
  })
  .meta({ id: 'AffectedCount' });
export type AffectedCount = z.infer<typeof AffectedCountSchema>;

/** Body of `POST …/scope`: the current known scope; each post is a new version, none is overwritten. */
export const ScopeSchema = z
  .strictObject({
    dataCategories: z.array(text(200)).max(100).describe('e.g. "contact details", "bank account numbers"'),
    specialCategories: z.array(SpecialCategorySchema).max(9).default([]),
    dataSubjectsApprox: z.number().int().min(0).max(10_000_000_000).describe('Approximate number of data subjects (Art. 33(3)(a))'),
    recordsApprox: z.number().int().min(0).max(1_000_000_000_000).describe('Approximate number of personal data records (Art. 33(3)(a))'),
    affectedSystems: z.array(text(200)).max(200).default([]),
    countries: z.array(CountryCodeSchema).max(250).default([]).describe('Countries where affected data subjects live'),
    affected: z
      .array(AffectedCountSchema)
      .max(500)
      .default([])
      .describe('Affected people per country and per US state (or other subdivision), where counted: thresholds of the US state laws, HIPAA and others depend on them'),
    cause: text(4000).optional(),
    encrypted: z.boolean().describe('Data was encrypted with a key that was not compromised'),
    unintelligible: z.boolean().describe('Data was otherwise unintelligible to anyone not authorised (Art. 34(3)(a))'),
    likelyConsequences: looseText(4000).trim().optional().describe('Likely consequences for data subjects (Art. 33(3)(c))'),
  })
  .meta({ id: 'Scope' });
export type Scope = z.infer<typeof ScopeSchema>;
/** Scope as sent, before defaults fill in the optional lists. */
export type ScopeInput = z.input<typeof ScopeSchema>;

/** What happened to an evidence item in its chain of custody. */
export const CustodyEventTypeSchema = z.enum(['collected', 'transferred', 'accessed', 'verified', 'released']);
export type CustodyEventType = z.infer<typeof CustodyEventTypeSchema>;

const Sha256Schema = z.string().regex(/^[0-9a-f]{64}$/, 'SHA-256 as 64 lowercase hex characters');

const EvidenceItemShape = {
  description: text(4000),
  source: text(1000).describe('Where it came from: host, path, system, mailbox…'),
  collectedBy: text(200),
  collectedAt: IsoDateTimeSchema,
  method: text(1000).describe('How it was collected, e.g. "disk image", "log export"'),
  tool: text(200).optional().describe('Tool and version, e.g. "FTK Imager 4.7"'),
};

/** Body of `POST …/evidence`: registers an item; give sha256 (and the size) when the content lives elsewhere, a size only with its hash. */
export const EvidenceRegisterSchema = z
  .union([
    z.strictObject({
      ...EvidenceItemShape,
      sha256: Sha256Schema.describe('Hash of content kept elsewhere, or the hash the upload must match'),
      // The bound zod's int() applies anyway, stated so the OpenAPI document says it (a disk image kept elsewhere may be terabytes).
      sizeBytes: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
    }),
    z.strictObject({
      ...EvidenceItemShape,
      sha256: absent('Only an item registered with its hash has one'),
      sizeBytes: absent('A size needs the hash it belongs to'),
    }),
  ])
  .meta({ id: 'EvidenceRegister' });
export type EvidenceRegister = z.infer<typeof EvidenceRegisterSchema>;

/** Body of `POST …/evidence/{evidenceId}/custody`: one link in the chain of custody; a transfer names both from and to. */
export const CustodyEventCreateSchema = z
  .discriminatedUnion('event', [
    z.strictObject({
      event: CustodyEventTypeSchema.extract(['transferred']),
      from: text(200),
      to: text(200),
      purpose: text(2000),
      occurredAt: IsoDateTimeSchema,
    }),
    z.strictObject({
      event: CustodyEventTypeSchema.exclude(['transferred']),
      from: text(200).optional(),
      to: text(200).optional(),
      purpose: text(2000),
      occurredAt: IsoDateTimeSchema,
    }),
  ])
  .meta({ id: 'CustodyEventCreate' });
export type CustodyEventCreate = z.infer<typeof CustodyEventCreateSchema>;

/** Content the API stored for an evidence item: its hash and size. */
export const EvidenceContentSchema = z.strictObject({ evidenceId: z.uuid(), sha256: Sha256Schema, sizeBytes: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER) });
export type EvidenceContent = z.infer<typeof EvidenceContentSchema>;

/** The supervisory-authority decision (Art. 33(1)): notify, or not required because no risk is likely. */
export const AuthorityDecisionSchema = z
  .discriminatedUnion('decision', [
    z.strictObject({ decision: z.literal('notify'), reason: text(4000).optional() }),
    z.strictObject({ decision: z.literal('not-required'), reason: text(4000).describe('Why no notice is required') }),
  ])
  .meta({ id: 'AuthorityDecision' });
export type AuthorityDecision = z.infer<typeof AuthorityDecisionSchema>;

/** Exemptions from telling data subjects, GDPR Art. 34(3)(a)–(c). */
export const SubjectsExemptionSchema = z.enum(['unintelligible-data', 'subsequent-measures', 'disproportionate-effort']);
export type SubjectsExemption = z.infer<typeof SubjectsExemptionSchema>;

/** The data-subject decision (Art. 34): notify, or an Art. 34(3) exemption with its reason. */
export const SubjectsDecisionSchema = z
  .discriminatedUnion('decision', [
    z.strictObject({ decision: z.literal('notify'), exemption: SubjectsExemptionSchema.optional(), reason: text(4000).optional() }),
    z.strictObject({
      decision: z.literal('exempt'),
      exemption: SubjectsExemptionSchema.describe('The Art. 34(3) ground'),
      reason: text(4000).describe('Why the ground applies'),
    }),
  ])
  .meta({ id: 'SubjectsDecision' });
export type SubjectsDecision = z.infer<typeof SubjectsDecisionSchema>;

/** Phase of an authority notice, GDPR Art. 33(4): information may be given in phases. */
export const NoticePhaseSchema = z.enum(['initial', 'follow-up', 'final']);

/** Body of `POST …/notifications/authority`: a notice submitted to a supervisory authority. */
export const AuthorityNoticeCreateSchema = z
  .strictObject({
    authority: text(200).describe('e.g. "CNIL", "ICO", "Data Protection Commission (IE)"'),
    submittedAt: IsoDateTimeSchema,
    reference: text(200).optional().describe("The authority's case reference"),
    phase: NoticePhaseSchema,
    delayReasons: text(4000).optional().describe('Required when submitted after the deadline (Art. 33(1))'),
  })
  .meta({ id: 'AuthorityNoticeCreate' });
export type AuthorityNoticeCreate = z.infer<typeof AuthorityNoticeCreateSchema>;

/** Body of `POST …/notifications/data-subjects`: a communication to data subjects (Art. 34). */
export const SubjectsNoticeCreateSchema = z
  .strictObject({
    channel: z.enum(['email', 'letter', 'sms', 'phone', 'in-app', 'public-communication', 'other']),
    recipients: z.number().int().min(0).max(10_000_000_000),
    sentAt: IsoDateTimeSchema,
  })
  .meta({ id: 'SubjectsNoticeCreate' });
export type SubjectsNoticeCreate = z.infer<typeof SubjectsNoticeCreateSchema>;

/** Body of `POST …/close`: resolved (with lessons learned) or not a personal data breach (with the reason). */
export const IncidentCloseSchema = z
  .discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('resolved'), lessonsLearned: text(20_000), reason: text(4000).optional() }),
    z.strictObject({
      kind: z.literal('not-a-breach'),
      lessonsLearned: text(20_000).optional(),
      reason: text(4000).describe('Why it is not a personal data breach'),
    }),
  ])
  .meta({ id: 'IncidentClose' });
export type IncidentClose = z.infer<typeof IncidentCloseSchema>;

/** Body of `POST …/risk-assessments`: the ENISA inputs, each with its rationale. */
export const RiskAssessmentCreateSchema = z
  .strictObject({
    inputs: SeverityInputSchema,
    factors: RiskFactorsSchema.optional().describe(
      'The EDPB risk factors. Without them the suggestion is at least to notify the authority: register-only needs their finding that the breach is unlikely to result in a risk (Art. 33(1))',
    ),
    notes: looseText(4000).trim().optional(),
  })
  .meta({ id: 'RiskAssessmentCreate' });
export type RiskAssessmentCreate = z.infer<typeof RiskAssessmentCreateSchema>;

/** Body of `POST …/risk-assessments/{assessmentId}/sign-off`: the DPO accepts the suggestion or overrides it with a justification. */
export const RiskSignOffSchema = z
  .discriminatedUnion('outcome', [
    z.strictObject({
      outcome: SuggestedOutcomeSchema.describe('Override of the suggested outcome'),
      justification: text(4000).describe('Why the suggested outcome is overridden'),
    }),
    z.strictObject({ outcome: absent('Accepting the suggested outcome: no override'), justification: text(4000).optional() }),
  ])
  .meta({ id: 'RiskSignOff' });
export type RiskSignOff = z.infer<typeof RiskSignOffSchema>;

/** The regimes of the catalogue, for request validation. */
export const RegimeSchema = z.enum(REGIME_IDS as [Regime, ...Regime[]]);

/** Trigger events a person records (the others are derived: detection, year end). */
export const RecordableTriggerSchema = z.enum(
  (Object.keys(TRIGGER_EVENTS) as TriggerEvent[]).filter((event) => !(event in DERIVED_TRIGGERS)) as [RecordableTrigger, ...RecordableTrigger[]],
);

/** Body of `POST …/triggers`: when a clock-starting event happened, and why we say so; starts or moves its clocks. */
export const TriggerRecordSchema = z
  .strictObject({
    event: RecordableTriggerSchema,
    occurredAt: IsoDateTimeSchema,
    reason: text(4000).describe('Who established it and on what basis (EDPB Guidelines 9/2022 for awareness)'),
  })
  .meta({ id: 'TriggerRecord' });
export type TriggerRecord = z.infer<typeof TriggerRecordSchema>;

/** Body of `POST …/regimes`: the DPO rules regimes in or out, whatever the facts say, with the reason. */
export const RegimeSelectionSchema = z
  .strictObject({
    include: z.array(RegimeSchema).max(REGIME_IDS.length).default([]),
    exclude: z.array(RegimeSchema).max(REGIME_IDS.length).default([]),
    reason: text(4000),
  })
  .refine((r) => !r.include.some((x) => r.exclude.includes(x)), { path: ['exclude'], message: 'A regime cannot be both included and excluded' })
  .meta({
    id: 'RegimeSelection',
    // The refinement, stated in the document: no regime is in both lists.
    not: {
      anyOf: RegimeSchema.options.map((regime) => ({
        required: ['include', 'exclude'],
        properties: { include: { contains: { const: regime } }, exclude: { contains: { const: regime } } },
      })),
    },
  });
export type RegimeSelection = z.infer<typeof RegimeSelectionSchema>;

/** Body of `POST …/clocks/{regime}/{obligation}/meet`: the obligation's notice was sent. */
export const ObligationMeetSchema = z
  .strictObject({
    regime: RegimeSchema,
    obligation: z.string().regex(/^[a-z0-9-]{1,80}$/),
    metAt: IsoDateTimeSchema,
    reference: text(200).optional(),
    note: text(4000).optional(),
  })
  .meta({ id: 'ObligationMeet' });
export type ObligationMeet = z.infer<typeof ObligationMeetSchema>;

/** Body of `POST …/clocks/{regime}/{obligation}/waive`: the obligation does not bind, with the reason. */
export const ObligationWaiveSchema = z
  .strictObject({ regime: RegimeSchema, obligation: z.string().regex(/^[a-z0-9-]{1,80}$/), reason: text(4000) })
  .meta({ id: 'ObligationWaive' });
export type ObligationWaive = z.infer<typeof ObligationWaiveSchema>;

/** Input of the acknowledge update: which escalation, acknowledged by whom (the API resolves the recipient) and through which channel. */
export const EscalationAckSchema = z.strictObject({ escalationId: z.uuid(), acknowledgedBy: text(200), via: AcknowledgementChannelSchema.optional() });
export type EscalationAck = z.infer<typeof EscalationAckSchema>;

/** Body of `POST …/owner`: the contact who owns the incident (the ladder's first rung). */
export const OwnerAssignSchema = z.strictObject({ contactId: z.uuid() }).meta({ id: 'OwnerAssign' });
export type OwnerAssign = z.infer<typeof OwnerAssignSchema>;

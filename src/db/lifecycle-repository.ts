import type { VerificationResult } from '../domain/incident-events';
import type {
  AuthorityDecision,
  AuthorityNoticeCreate,
  ContainmentActionCreate,
  ContainmentStatusUpdate,
  CustodyEventCreate,
  EvidenceRegister,
  FindingCreate,
  IncidentClose,
  Scope,
  SubjectsDecision,
  SubjectsNoticeCreate,
} from '../domain/lifecycle';
import type { RiskFactors, RiskSuggestion } from '../domain/risk-factors';
import type { SeverityInput, SeverityResult, SuggestedOutcome } from '../domain/severity';
import type { Queryable } from './pool';

// Every insert is keyed by the workflow's event id; ON CONFLICT DO NOTHING keeps a replayed write harmless.

/** Who recorded a row and when: the actor's name and the event's instant. */
export interface Recorded {
  by: string;
  at: string;
}

export async function insertContainmentAction(client: Queryable, incidentId: string, id: string, action: ContainmentActionCreate, rec: Recorded): Promise<void> {
  await client.query(
    `INSERT INTO containment_actions (id, incident_id, action, performed_by, performed_at, recorded_by, recorded_at)
     VALUES ($1::uuid, $2::uuid, $3, $4, $5::timestamptz, $6, $7::timestamptz) ON CONFLICT (id) DO NOTHING`,
    [id, incidentId, action.action, action.performedBy, action.performedAt, rec.by, rec.at],
  );
}

export async function updateContainmentStatus(client: Queryable, incidentId: string, change: ContainmentStatusUpdate): Promise<void> {
  await client.query(
    `UPDATE incidents SET containment_status = $2, contained_at = $3::timestamptz, updated_at = now(),
       stage = CASE WHEN stage = 'detected' THEN 'containment' ELSE stage END
     WHERE id = $1::uuid`,
    [incidentId, change.status, change.confirmedAt ?? null],
  );
}

/** The first containment action puts a not-started containment track in progress. */
export async function markContainmentInProgress(client: Queryable, incidentId: string): Promise<void> {
  await client.query("UPDATE incidents SET containment_status = 'in-progress' WHERE id = $1::uuid AND containment_status = 'not-started'", [incidentId]);
}

/** Moves the incident's stored stage forward (never back), as the workflow does. */
export async function advanceStage(client: Queryable, incidentId: string, stage: string): Promise<void> {
  await client.query(
    `UPDATE incidents SET stage = $2, updated_at = now()
     WHERE id = $1::uuid
       AND array_position(ARRAY['detected','containment','investigation','evidence-preservation','risk-assessment','notification','closed'], stage)
         < array_position(ARRAY['detected','containment','investigation','evidence-preservation','risk-assessment','notification','closed'], $2::text)`,
    [incidentId, stage],
  );
}

export async function insertFinding(client: Queryable, incidentId: string, id: string, finding: FindingCreate, rec: Recorded): Promise<void> {
  await client.query(
    `INSERT INTO findings (id, incident_id, summary, details, observed_at, recorded_by, recorded_at)
     VALUES ($1::uuid, $2::uuid, $3, $4::jsonb, $5::timestamptz, $6, $7::timestamptz) ON CONFLICT (id) DO NOTHING`,
    [id, incidentId, finding.summary, finding.details ? JSON.stringify(finding.details) : null, finding.observedAt ?? null, rec.by, rec.at],
  );
}

export async function insertScopeVersion(client: Queryable, incidentId: string, version: number, scope: Scope, rec: Recorded): Promise<void> {
  await client.query(
    `INSERT INTO scope_versions (incident_id, version, data_categories, special_categories, data_subjects_approx, records_approx,
       affected_systems, countries, cause, encrypted, unintelligible, likely_consequences, recorded_by, recorded_at, affected)
     VALUES ($1::uuid, $2::int, $3::text[], $4::text[], $5::bigint, $6::bigint, $7::text[], $8::text[], $9, $10, $11, $12, $13, $14::timestamptz, $15::jsonb)
     ON CONFLICT ON CONSTRAINT scope_versions_pkey DO NOTHING`,
    [
      incidentId, version, scope.dataCategories, scope.specialCategories, scope.dataSubjectsApprox, scope.recordsApprox,
      scope.affectedSystems, scope.countries, scope.cause ?? null, scope.encrypted, scope.unintelligible, scope.likelyConsequences ?? null, rec.by, rec.at,
      JSON.stringify(scope.affected ?? []),
    ],
  );
}

export async function insertEvidenceItem(client: Queryable, incidentId: string, id: string, item: EvidenceRegister, rec: Recorded): Promise<void> {
  await client.query(
    `INSERT INTO evidence_items (id, incident_id, description, source, collected_by, collected_at, method, tool, sha256, size_bytes, registered_by, registered_at)
     VALUES ($1::uuid, $2::uuid, $3, $4, $5, $6::timestamptz, $7, $8, $9, $10::bigint, $11, $12::timestamptz) ON CONFLICT (id) DO NOTHING`,
    [id, incidentId, item.description, item.source, item.collectedBy, item.collectedAt, item.method, item.tool ?? null, item.sha256 ?? null, item.sizeBytes ?? null, rec.by, rec.at],
  );
  // Registration is the first link of the chain of custody.
  await insertCustodyEvent(client, incidentId, id, id, { event: 'collected', to: item.collectedBy, purpose: `Collected by ${item.method}`, occurredAt: item.collectedAt }, rec);
}

export async function markEvidenceContentStored(client: Queryable, evidenceId: string, sha256: string, sizeBytes: number): Promise<void> {
  await client.query(
    'UPDATE evidence_items SET sha256 = $2, size_bytes = $3::bigint, content_stored = true WHERE id = $1::uuid AND NOT content_stored',
    [evidenceId, sha256, sizeBytes],
  );
}

export async function insertCustodyEvent(
  client: Queryable,
  incidentId: string,
  evidenceId: string,
  id: string,
  custody: CustodyEventCreate,
  rec: Recorded,
  result?: VerificationResult,
): Promise<void> {
  await client.query(
    `INSERT INTO custody_events (id, evidence_id, incident_id, event, from_party, to_party, purpose, occurred_at, result, recorded_by, recorded_at)
     VALUES ($1::uuid, $2::uuid, $3::uuid, $4, $5, $6, $7, $8::timestamptz, $9::jsonb, $10, $11::timestamptz) ON CONFLICT (id) DO NOTHING`,
    [id, evidenceId, incidentId, custody.event, custody.from ?? null, custody.to ?? null, custody.purpose, custody.occurredAt, result ? JSON.stringify(result) : null, rec.by, rec.at],
  );
}

export async function insertRiskAssessment(
  client: Queryable,
  incidentId: string,
  assessment: { id: string; version: number; inputs: SeverityInput; factors?: RiskFactors; result: SeverityResult; suggestion?: RiskSuggestion },
  rec: Recorded,
): Promise<void> {
  const { id, version, inputs, factors, result, suggestion } = assessment;
  // Without a suggestion (an event from before the EDPB factors), the band's outcome was the suggestion.
  await client.query(
    `INSERT INTO risk_assessments (id, incident_id, version, inputs, dpc, ei, cb, score, band, suggested_outcome, assessed_by, assessed_at,
                                   method, factors, enisa_outcome, factors_outcome, reasons)
     VALUES ($1::uuid, $2::uuid, $3::int, $4::jsonb, $5, $6, $7, $8, $9, $10, $11, $12::timestamptz, $13, $14::jsonb, $15, $16, $17::jsonb)
     ON CONFLICT (id) DO NOTHING`,
    [
      id, incidentId, version, JSON.stringify(inputs), result.dpc, result.ei, result.cb, result.score, result.band,
      suggestion?.outcome ?? result.suggestedOutcome, rec.by, rec.at,
      suggestion?.method ?? 'enisa-only', factors ? JSON.stringify(factors) : null, result.suggestedOutcome,
      suggestion?.factorsOutcome ?? null, suggestion ? JSON.stringify(suggestion.reasons) : null,
    ],
  );
}

export async function signOffRiskAssessment(
  client: Queryable,
  assessmentId: string,
  signOff: { finalOutcome: SuggestedOutcome; justification?: string },
  rec: Recorded,
): Promise<void> {
  await client.query(
    `UPDATE risk_assessments SET final_outcome = $2, override_justification = $3, signed_off_by = $4, signed_off_at = $5::timestamptz
     WHERE id = $1::uuid AND signed_off_at IS NULL`,
    [assessmentId, signOff.finalOutcome, signOff.justification ?? null, rec.by, rec.at],
  );
}

export async function upsertDecision(
  client: Queryable,
  incidentId: string,
  audience: 'supervisory-authority' | 'data-subjects',
  decision: AuthorityDecision | SubjectsDecision,
  rec: Recorded,
): Promise<void> {
  await client.query(
    `INSERT INTO notification_decisions (incident_id, audience, decision, exemption, reason, decided_by, decided_at)
     VALUES ($1::uuid, $2, $3, $4, $5, $6, $7::timestamptz)
     ON CONFLICT ON CONSTRAINT notification_decisions_pkey DO UPDATE
       SET decision = EXCLUDED.decision, exemption = EXCLUDED.exemption, reason = EXCLUDED.reason,
           decided_by = EXCLUDED.decided_by, decided_at = EXCLUDED.decided_at`,
    [incidentId, audience, decision.decision, 'exemption' in decision ? (decision.exemption ?? null) : null, decision.reason ?? null, rec.by, rec.at],
  );
}

export async function insertAuthorityNotice(client: Queryable, incidentId: string, id: string, notice: AuthorityNoticeCreate, late: boolean, rec: Recorded): Promise<void> {
  await client.query(
    `INSERT INTO notices (id, incident_id, audience, sent_at, authority, reference, phase, delay_reasons, late, recorded_by, recorded_at)
     VALUES ($1::uuid, $2::uuid, 'supervisory-authority', $3::timestamptz, $4, $5, $6, $7, $8, $9, $10::timestamptz) ON CONFLICT (id) DO NOTHING`,
    [id, incidentId, notice.submittedAt, notice.authority, notice.reference ?? null, notice.phase, notice.delayReasons ?? null, late, rec.by, rec.at],
  );
}

export async function insertSubjectsNotice(client: Queryable, incidentId: string, id: string, notice: SubjectsNoticeCreate, rec: Recorded): Promise<void> {
  await client.query(
    `INSERT INTO notices (id, incident_id, audience, sent_at, channel, recipients, recorded_by, recorded_at)
     VALUES ($1::uuid, $2::uuid, 'data-subjects', $3::timestamptz, $4, $5::bigint, $6, $7::timestamptz) ON CONFLICT (id) DO NOTHING`,
    [id, incidentId, notice.sentAt, notice.channel, notice.recipients, rec.by, rec.at],
  );
}

export async function closeIncident(client: Queryable, incidentId: string, closure: IncidentClose, closedAt: string): Promise<void> {
  await client.query(
    `UPDATE incidents SET status = 'closed', stage = 'closed', closure_kind = $2, closure_reason = $3, lessons_learned = $4,
       closed_at = $5::timestamptz, updated_at = now()
     WHERE id = $1::uuid`,
    [incidentId, closure.kind, closure.reason ?? null, closure.lessonsLearned ?? null, closedAt],
  );
}

/** Awareness moves the incident's recorded aware_at; other triggers live on the clocks they start. */
export async function recordTrigger(client: Queryable, incidentId: string, event: string, occurredAt: string): Promise<void> {
  if (event !== 'awareness') return;
  await client.query('UPDATE incidents SET aware_at = $2::timestamptz, updated_at = now() WHERE id = $1::uuid', [incidentId, occurredAt]);
}

export async function assignOwner(client: Queryable, incidentId: string, contactId: string): Promise<void> {
  await client.query('UPDATE incidents SET owner_contact_id = $2::uuid, updated_at = now() WHERE id = $1::uuid', [incidentId, contactId]);
}

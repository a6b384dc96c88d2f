import type { RiskFactors, RiskSuggestion } from '../domain/risk-factors';
import type { SeverityInput } from '../domain/severity';
import type { Queryable } from './pool';

// Reads of the case file for the API: rows as PostgreSQL returns them (timestamptz → Date, bigint → string).

export interface EvidenceItemRow {
  id: string;
  incident_id: string;
  description: string;
  source: string;
  collected_by: string;
  collected_at: Date;
  method: string;
  tool: string | null;
  sha256: string | null;
  size_bytes: string | null;
  content_stored: boolean;
  registered_by: string;
  registered_at: Date;
}

export interface CustodyEventRow {
  id: string;
  evidence_id: string;
  event: string;
  from_party: string | null;
  to_party: string | null;
  purpose: string;
  occurred_at: Date;
  result: { matches: boolean; expectedSha256: string; actualSha256: string | null } | null;
  recorded_by: string;
  recorded_at: Date;
}

export interface ScopeVersionRow {
  version: number;
  data_categories: string[];
  special_categories: string[];
  data_subjects_approx: string;
  records_approx: string;
  affected_systems: string[];
  countries: string[];
  affected: { area: string; count: number }[];
  cause: string | null;
  encrypted: boolean;
  unintelligible: boolean;
  likely_consequences: string | null;
  recorded_by: string;
  recorded_at: Date;
}

export interface ContainmentActionRow {
  id: string;
  action: string;
  performed_by: string;
  performed_at: Date;
  recorded_by: string;
  recorded_at: Date;
}

export interface RiskAssessmentRow {
  id: string;
  version: number;
  score: string;
  band: string;
  suggested_outcome: string;
  final_outcome: string | null;
  override_justification: string | null;
  signed_off_by: string | null;
  signed_off_at: Date | null;
  /** Why the suggestion, factor by factor; null for assessments recorded before the EDPB factors. */
  reasons: RiskSuggestion['reasons'] | null;
}

/** A risk assessment with its inputs and computed factors (numeric → string). */
export interface RiskAssessmentRecordRow extends RiskAssessmentRow {
  inputs: SeverityInput;
  dpc: string;
  ei: string;
  cb: string;
  method: RiskSuggestion['method'];
  /** Null for assessments recorded before the EDPB factors, and for one recorded without them. */
  factors: RiskFactors | null;
  enisa_outcome: string;
  factors_outcome: string | null;
  assessed_by: string;
  assessed_at: Date;
}

export interface DecisionRow {
  audience: 'supervisory-authority' | 'data-subjects';
  decision: string;
  exemption: string | null;
  reason: string | null;
  decided_by: string;
  decided_at: Date;
}

export interface NoticeRow {
  id: string;
  audience: 'supervisory-authority' | 'data-subjects';
  sent_at: Date;
  authority: string | null;
  reference: string | null;
  phase: 'initial' | 'follow-up' | 'final' | null;
  delay_reasons: string | null;
  late: boolean;
  channel: string | null;
  recipients: string | null;
  recorded_by: string;
  recorded_at: Date;
}

export interface FindingRow {
  id: string;
  summary: string;
  details: Record<string, string | number | boolean | null> | null;
  observed_at: Date | null;
  recorded_by: string;
  recorded_at: Date;
}

/** Makes the caller's transaction read one snapshot, so reads that must agree with each other do. */
export async function readOneSnapshot(client: Queryable): Promise<void> {
  await client.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
}

export async function findEvidenceItem(client: Queryable, incidentId: string, evidenceId: string): Promise<EvidenceItemRow | undefined> {
  const { rows } = await client.query<EvidenceItemRow>('SELECT * FROM evidence_items WHERE id = $1::uuid AND incident_id = $2::uuid', [evidenceId, incidentId]);
  return rows[0];
}

export async function listEvidenceItems(client: Queryable, incidentId: string): Promise<EvidenceItemRow[]> {
  const { rows } = await client.query<EvidenceItemRow>('SELECT * FROM evidence_items WHERE incident_id = $1::uuid ORDER BY registered_at, id', [incidentId]);
  return rows;
}

export async function listCustodyEvents(client: Queryable, incidentId: string): Promise<CustodyEventRow[]> {
  const { rows } = await client.query<CustodyEventRow>(
    `SELECT id, evidence_id, event, from_party, to_party, purpose, occurred_at, result, recorded_by, recorded_at
     FROM custody_events WHERE incident_id = $1::uuid ORDER BY occurred_at, recorded_at, id`,
    [incidentId],
  );
  return rows;
}

export async function listScopeVersions(client: Queryable, incidentId: string): Promise<ScopeVersionRow[]> {
  const { rows } = await client.query<ScopeVersionRow>('SELECT * FROM scope_versions WHERE incident_id = $1::uuid ORDER BY version', [incidentId]);
  return rows;
}

export async function listContainmentActions(client: Queryable, incidentId: string): Promise<ContainmentActionRow[]> {
  const { rows } = await client.query<ContainmentActionRow>(
    'SELECT id, action, performed_by, performed_at, recorded_by, recorded_at FROM containment_actions WHERE incident_id = $1::uuid ORDER BY performed_at, id',
    [incidentId],
  );
  return rows;
}

export async function listFindings(client: Queryable, incidentId: string): Promise<FindingRow[]> {
  const { rows } = await client.query<FindingRow>(
    'SELECT id, summary, details, observed_at, recorded_by, recorded_at FROM findings WHERE incident_id = $1::uuid ORDER BY recorded_at, id',
    [incidentId],
  );
  return rows;
}

/** The latest signed-off risk assessment, if any. */
export async function findSignedOffAssessment(client: Queryable, incidentId: string): Promise<RiskAssessmentRow | undefined> {
  const { rows } = await client.query<RiskAssessmentRow>(
    `SELECT id, version, score, band, suggested_outcome, final_outcome, override_justification, signed_off_by, signed_off_at, reasons
     FROM risk_assessments WHERE incident_id = $1::uuid AND signed_off_at IS NOT NULL ORDER BY version DESC LIMIT 1`,
    [incidentId],
  );
  return rows[0];
}

/** Every version of the risk assessment, oldest first. */
export async function listRiskAssessments(client: Queryable, incidentId: string): Promise<RiskAssessmentRecordRow[]> {
  const { rows } = await client.query<RiskAssessmentRecordRow>(
    `SELECT id, version, inputs, dpc, ei, cb, score, band, suggested_outcome, assessed_by, assessed_at,
            final_outcome, override_justification, signed_off_by, signed_off_at,
            method, factors, enisa_outcome, factors_outcome, reasons
     FROM risk_assessments WHERE incident_id = $1::uuid ORDER BY version`,
    [incidentId],
  );
  return rows;
}

export async function listDecisions(client: Queryable, incidentId: string): Promise<DecisionRow[]> {
  const { rows } = await client.query<DecisionRow>(
    'SELECT audience, decision, exemption, reason, decided_by, decided_at FROM notification_decisions WHERE incident_id = $1::uuid',
    [incidentId],
  );
  return rows;
}

export async function listNotices(client: Queryable, incidentId: string): Promise<NoticeRow[]> {
  const { rows } = await client.query<NoticeRow>(
    `SELECT id, audience, sent_at, authority, reference, phase, delay_reasons, late, channel, recipients, recorded_by, recorded_at
     FROM notices WHERE incident_id = $1::uuid ORDER BY sent_at, id`,
    [incidentId],
  );
  return rows;
}

/** One row of the Art. 33(5) breach register: the incident with its latest scope, assessment and decisions. */
export interface RegisterRow {
  id: string;
  reference: string;
  title: string;
  description: string | null;
  status: string;
  detected_at: Date;
  aware_at: Date | null;
  containment_status: string;
  contained_at: Date | null;
  closure_kind: string | null;
  closure_reason: string | null;
  lessons_learned: string | null;
  closed_at: Date | null;
  created_at: Date;
  data_categories: string[] | null;
  special_categories: string[] | null;
  data_subjects_approx: string | null;
  records_approx: string | null;
  countries: string[] | null;
  cause: string | null;
  likely_consequences: string | null;
  band: string | null;
  risk_method: RiskSuggestion['method'] | null;
  risk_reasons: RiskSuggestion['reasons'] | null;
  final_outcome: string | null;
  override_justification: string | null;
  authority_decision: string | null;
  authority_reason: string | null;
  subjects_decision: string | null;
  subjects_exemption: string | null;
  subjects_reason: string | null;
  remedial_actions: string[] | null;
  authority_notified_at: Date | null;
  authority_notice_late: boolean | null;
  delay_reasons: string | null;
  subjects_notified_at: Date | null;
  subjects_recipients: string | null;
}

/** A page of the breach register, oldest first, after (created_at, id). */
export async function listRegister(client: Queryable, page: { after?: { createdAt: string; id: string }; limit: number }): Promise<RegisterRow[]> {
  const { rows } = await client.query<RegisterRow>(
    `SELECT i.id, i.reference, i.title, i.description, i.status, i.detected_at, i.aware_at, i.containment_status, i.contained_at,
            i.closure_kind, i.closure_reason, i.lessons_learned, i.closed_at, i.created_at,
            s.data_categories, s.special_categories, s.data_subjects_approx, s.records_approx, s.countries, s.cause, s.likely_consequences,
            r.band, r.method AS risk_method, r.reasons AS risk_reasons, r.final_outcome, r.override_justification,
            da.decision AS authority_decision, da.reason AS authority_reason,
            ds.decision AS subjects_decision, ds.exemption AS subjects_exemption, ds.reason AS subjects_reason,
            (SELECT array_agg(c.action ORDER BY c.performed_at, c.id) FROM containment_actions c WHERE c.incident_id = i.id) AS remedial_actions,
            na.sent_at AS authority_notified_at, na.late AS authority_notice_late, na.delay_reasons,
            (SELECT min(n.sent_at) FROM notices n WHERE n.incident_id = i.id AND n.audience = 'data-subjects') AS subjects_notified_at,
            (SELECT sum(n.recipients)::bigint FROM notices n WHERE n.incident_id = i.id AND n.audience = 'data-subjects') AS subjects_recipients
     FROM incidents i
     LEFT JOIN LATERAL (SELECT * FROM scope_versions sv WHERE sv.incident_id = i.id ORDER BY sv.version DESC LIMIT 1) s ON true
     LEFT JOIN LATERAL (SELECT * FROM risk_assessments ra WHERE ra.incident_id = i.id AND ra.signed_off_at IS NOT NULL ORDER BY ra.version DESC LIMIT 1) r ON true
     LEFT JOIN notification_decisions da ON da.incident_id = i.id AND da.audience = 'supervisory-authority'
     LEFT JOIN notification_decisions ds ON ds.incident_id = i.id AND ds.audience = 'data-subjects'
     LEFT JOIN LATERAL (SELECT * FROM notices n WHERE n.incident_id = i.id AND n.audience = 'supervisory-authority' AND n.phase = 'initial' ORDER BY n.sent_at LIMIT 1) na ON true
     WHERE ($1::timestamptz IS NULL OR (i.created_at, i.id) > ($1::timestamptz, $2::uuid))
     ORDER BY i.created_at, i.id
     LIMIT $3::int`,
    [page.after?.createdAt ?? null, page.after?.id ?? null, page.limit],
  );
  return rows;
}

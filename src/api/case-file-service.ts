import type { Request } from 'express';
import type pg from 'pg';
import { holdsAuditEntry, listAuditEvents, verifyAuditChain } from '../db/audit-repository';
import type { AuditHead } from '../domain/audit-head';
import {
  findEvidenceItem,
  findSignedOffAssessment,
  listContainmentActions,
  listCustodyEvents,
  listDecisions,
  listEvidenceItems,
  listFindings,
  listNotices,
  listRegister,
  listRiskAssessments,
  listScopeVersions,
  readOneSnapshot,
  type CustodyEventRow,
  type DecisionRow,
  type NoticeRow,
  type RegisterRow,
  type RiskAssessmentRecordRow,
  type ScopeVersionRow,
} from '../db/case-file-repository';
import { findDeadlines, findIncidentById, type IncidentRow } from '../db/incidents-repository';
import { withTransaction } from '../db/pool';
import type { AuditVerification, CaseFile, EvidenceItemRead, RegisterEntry, RegisterPage, ScopeVersionRead, Timeline } from '../domain/case-file';
import { closureBlockers } from '../domain/closure';
import type { Actor, WriteResult } from '../domain/incident';
import type { Scope, SpecialCategory, SubjectsDecision, SubjectsExemption } from '../domain/lifecycle';
import type { SeverityResult, SuggestedOutcome } from '../domain/severity';
import { renderAuthorityNotice, renderDataSubjectNotice, type DraftInput, type NoticeDraft, type NoticeKind } from '../domain/notice-drafts';
import type { NoticeDocument } from '../domain/notices/document';
import { findNoticeTemplate } from '../domain/notices/registry';
import { GDPR_AUTHORITY_NOTICE } from '../domain/regulations';
import { toUtcIso as iso } from '../domain/time';
import { EvidenceHashMismatchError, EvidenceTooLargeError, type EvidenceStore } from '../evidence/evidence-store';
import { decodeCursor, paginate } from './cursor';
import type { IncidentWrites } from './incident-writes';
import { ConflictError, HttpProblem, NotFoundError } from './problem';

/** Who the controller is, for the notice drafts (Art. 33(3)(b) contact point). */
export interface ControllerIdentity {
  name: string | null;
  dpoName: string | null;
  dpoEmail: string | null;
  dpoPhone: string | null;
}

const isoOrNull = (d: Date | null) => (d ? iso(d) : null);
const numOrNull = (v: string | null) => (v === null ? null : Number(v));

function toCustody(row: CustodyEventRow) {
  return {
    id: row.id,
    event: row.event as EvidenceItemRead['custody'][number]['event'],
    from: row.from_party,
    to: row.to_party,
    purpose: row.purpose,
    occurredAt: iso(row.occurred_at),
    result: row.result,
    recordedBy: row.recorded_by,
    recordedAt: iso(row.recorded_at),
  };
}

function toScope(row: ScopeVersionRow): ScopeVersionRead {
  return {
    version: row.version,
    dataCategories: row.data_categories,
    specialCategories: row.special_categories as SpecialCategory[],
    dataSubjectsApprox: Number(row.data_subjects_approx),
    recordsApprox: Number(row.records_approx),
    affectedSystems: row.affected_systems,
    countries: row.countries,
    affected: row.affected,
    cause: row.cause,
    encrypted: row.encrypted,
    unintelligible: row.unintelligible,
    likelyConsequences: row.likely_consequences,
    recordedBy: row.recorded_by,
    recordedAt: iso(row.recorded_at),
  };
}

/** The scope as the domain (and the drafts) see it. */
function toDomainScope(row: ScopeVersionRow): Scope {
  const { version: _version, recordedBy: _by, recordedAt: _at, cause, likelyConsequences, ...scope } = toScope(row);
  return { ...scope, cause: cause ?? undefined, likelyConsequences: likelyConsequences ?? undefined };
}

function toRiskAssessment(row: RiskAssessmentRecordRow): CaseFile['riskAssessments'][number] {
  const suggestedOutcome = row.suggested_outcome as SuggestedOutcome;
  const finalOutcome = row.final_outcome as SuggestedOutcome | null;
  const enisaOutcome = row.enisa_outcome as SuggestedOutcome;
  return {
    id: row.id,
    version: row.version,
    inputs: row.inputs,
    result: { dpc: Number(row.dpc), ei: Number(row.ei), cb: Number(row.cb), score: Number(row.score), band: row.band as SeverityResult['band'], suggestedOutcome: enisaOutcome },
    factors: row.factors,
    // An assessment from before the EDPB factors has no reasons: the band's outcome was its suggestion.
    suggestion: {
      outcome: suggestedOutcome,
      enisaOutcome,
      factorsOutcome: row.factors_outcome as SuggestedOutcome | null,
      method: row.method,
      reasons: row.reasons ?? [],
    },
    assessedBy: row.assessed_by,
    assessedAt: iso(row.assessed_at),
    signOff:
      finalOutcome && row.signed_off_by && row.signed_off_at
        ? { finalOutcome, overridden: finalOutcome !== suggestedOutcome, justification: row.override_justification, signedOffBy: row.signed_off_by, signedOffAt: iso(row.signed_off_at) }
        : null,
  };
}

type Decisions = CaseFile['decisions'];

function toAuthorityDecision(row: DecisionRow | undefined): Decisions['supervisoryAuthority'] {
  if (!row) return null;
  return { decision: row.decision as NonNullable<Decisions['supervisoryAuthority']>['decision'], reason: row.reason, decidedBy: row.decided_by, decidedAt: iso(row.decided_at) };
}

function toSubjectsDecision(row: DecisionRow | undefined): Decisions['dataSubjects'] {
  if (!row) return null;
  const subjects = row as DecisionRow & { decision: NonNullable<Decisions['dataSubjects']>['decision']; exemption: SubjectsExemption | null };
  return { decision: subjects.decision, exemption: subjects.exemption, reason: row.reason, decidedBy: row.decided_by, decidedAt: iso(row.decided_at) };
}

function toAuthorityNotice(row: NoticeRow): CaseFile['notices']['supervisoryAuthority'][number] {
  return {
    id: row.id,
    authority: row.authority ?? '',
    submittedAt: iso(row.sent_at),
    reference: row.reference,
    phase: row.phase ?? 'initial',
    late: row.late,
    delayReasons: row.delay_reasons,
    recordedBy: row.recorded_by,
    recordedAt: iso(row.recorded_at),
  };
}

function toSubjectsNotice(row: NoticeRow): CaseFile['notices']['dataSubjects'][number] {
  return {
    id: row.id,
    channel: row.channel as CaseFile['notices']['dataSubjects'][number]['channel'],
    recipients: Number(row.recipients),
    sentAt: iso(row.sent_at),
    recordedBy: row.recorded_by,
    recordedAt: iso(row.recorded_at),
  };
}

function toRegisterEntry(row: RegisterRow): RegisterEntry {
  return {
    id: row.id,
    reference: row.reference,
    title: row.title,
    status: row.status,
    detectedAt: iso(row.detected_at),
    awareAt: isoOrNull(row.aware_at),
    facts: {
      description: row.description,
      cause: row.cause,
      dataCategories: row.data_categories ?? [],
      specialCategories: row.special_categories ?? [],
      dataSubjectsApprox: numOrNull(row.data_subjects_approx),
      recordsApprox: numOrNull(row.records_approx),
      countries: row.countries ?? [],
    },
    effects: {
      likelyConsequences: row.likely_consequences,
      severityBand: row.band,
      riskMethod: row.risk_method,
      riskReasons: (row.risk_reasons ?? []).map((r) => r.explanation),
    },
    remedialAction: { containmentStatus: row.containment_status, containedAt: isoOrNull(row.contained_at), actions: row.remedial_actions ?? [] },
    decisions: {
      riskOutcome: row.final_outcome,
      riskOverrideJustification: row.override_justification,
      supervisoryAuthority: row.authority_decision,
      supervisoryAuthorityReason: row.authority_reason,
      dataSubjects: row.subjects_decision,
      dataSubjectsExemption: row.subjects_exemption,
      dataSubjectsReason: row.subjects_reason,
    },
    notifications: {
      authorityNotifiedAt: isoOrNull(row.authority_notified_at),
      authorityNoticeLate: row.authority_notice_late,
      delayReasons: row.delay_reasons,
      dataSubjectsNotifiedAt: isoOrNull(row.subjects_notified_at),
      dataSubjectsRecipients: numOrNull(row.subjects_recipients),
    },
    closure: { kind: row.closure_kind, reason: row.closure_reason, lessonsLearned: row.lessons_learned, closedAt: isoOrNull(row.closed_at) },
  };
}

/** The register's CSV columns: one flat row per incident, lists joined with "; ". */
const CSV_COLUMNS: [string, (e: RegisterEntry) => string | number | boolean | null][] = [
  ['reference', (e) => e.reference],
  ['title', (e) => e.title],
  ['status', (e) => e.status],
  ['detected_at', (e) => e.detectedAt],
  ['aware_at', (e) => e.awareAt],
  ['description', (e) => e.facts.description],
  ['cause', (e) => e.facts.cause],
  ['data_categories', (e) => e.facts.dataCategories.join('; ')],
  ['special_categories', (e) => e.facts.specialCategories.join('; ')],
  ['data_subjects_approx', (e) => e.facts.dataSubjectsApprox],
  ['records_approx', (e) => e.facts.recordsApprox],
  ['countries', (e) => e.facts.countries.join('; ')],
  ['likely_consequences', (e) => e.effects.likelyConsequences],
  ['severity_band', (e) => e.effects.severityBand],
  ['risk_method', (e) => e.effects.riskMethod],
  ['risk_reasons', (e) => e.effects.riskReasons.join('; ')],
  ['containment_status', (e) => e.remedialAction.containmentStatus],
  ['remedial_actions', (e) => e.remedialAction.actions.join('; ')],
  ['risk_outcome', (e) => e.decisions.riskOutcome],
  ['risk_override_justification', (e) => e.decisions.riskOverrideJustification],
  ['authority_decision', (e) => e.decisions.supervisoryAuthority],
  ['authority_decision_reason', (e) => e.decisions.supervisoryAuthorityReason],
  ['subjects_decision', (e) => e.decisions.dataSubjects],
  ['subjects_exemption', (e) => e.decisions.dataSubjectsExemption],
  ['subjects_decision_reason', (e) => e.decisions.dataSubjectsReason],
  ['authority_notified_at', (e) => e.notifications.authorityNotifiedAt],
  ['authority_notice_late', (e) => e.notifications.authorityNoticeLate],
  ['delay_reasons', (e) => e.notifications.delayReasons],
  ['subjects_notified_at', (e) => e.notifications.dataSubjectsNotifiedAt],
  ['subjects_recipients', (e) => e.notifications.dataSubjectsRecipients],
  ['closure_kind', (e) => e.closure.kind],
  ['closure_reason', (e) => e.closure.reason],
  ['lessons_learned', (e) => e.closure.lessonsLearned],
  ['closed_at', (e) => e.closure.closedAt],
];

function csvCell(value: string | number | boolean | null): string {
  if (value === null) return '';
  let text = String(value);
  // A leading =, +, - or @ would run as a formula in a spreadsheet (CSV injection).
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The case file's reads (evidence, scope, timeline, drafts, register) and the evidence upload. */
export function createCaseFileService(deps: {
  pool: pg.Pool;
  evidence: EvidenceStore;
  writes: IncidentWrites;
  controller: ControllerIdentity;
  maxEvidenceBytes: number;
  /** The audit head the incident's workflow keeps, outside PostgreSQL; undefined when it can no longer be asked. */
  auditHead: (workflowId: string) => Promise<AuditHead | null | undefined>;
}) {
  const { pool, evidence, writes } = deps;

  async function incident(id: string): Promise<IncidentRow> {
    const row = await findIncidentById(pool, id);
    if (!row) throw new NotFoundError(`No incident with id ${id}.`);
    return row;
  }

  /** The case file as the notice drafts read it: one snapshot, nothing from outside the case file but the controller's identity. */
  async function draftInput(incidentId: string, timeZone?: string): Promise<DraftInput> {
    return withTransaction(pool, async (client) => {
      await readOneSnapshot(client);
      const row = await findIncidentById(client, incidentId);
      if (!row) throw new NotFoundError(`No incident with id ${incidentId}.`);
      const scopes = await listScopeVersions(client, incidentId);
      const actions = await listContainmentActions(client, incidentId);
      const assessment = await findSignedOffAssessment(client, incidentId);
      const decisions = await listDecisions(client, incidentId);
      const notices = await listNotices(client, incidentId);
      const deadlines = await findDeadlines(client, incidentId);
      const findings = await listFindings(client, incidentId);
      const latest = scopes[scopes.length - 1];
      const subjects = decisions.find((d) => d.audience === 'data-subjects');
      const gdpr = deadlines.find((d) => d.regime === GDPR_AUTHORITY_NOTICE.regime && d.obligation === GDPR_AUTHORITY_NOTICE.obligation);
      const authorityNotices = notices.filter((n) => n.audience === 'supervisory-authority');
      return {
        incident: { reference: row.reference, title: row.title, description: row.description, detectedAt: iso(row.detected_at), awareAt: isoOrNull(row.aware_at) },
        controller: deps.controller,
        scope: latest ? toDomainScope(latest) : null,
        containmentActions: actions.map((a) => ({ action: a.action, performedAt: iso(a.performed_at) })),
        containmentStatus: row.containment_status,
        assessment: assessment?.final_outcome
          ? {
              band: assessment.band as NonNullable<DraftInput['assessment']>['band'],
              finalOutcome: assessment.final_outcome as NonNullable<DraftInput['assessment']>['finalOutcome'],
              reasons: (assessment.reasons ?? []).map((r) => r.explanation),
            }
          : null,
        authorityDeadline: gdpr?.due_at && gdpr.status !== 'awaiting-trigger' ? { dueAt: iso(gdpr.due_at), status: gdpr.status } : null,
        authorityNotices: authorityNotices.map((n) => ({ phase: n.phase ?? 'initial', submittedAt: iso(n.sent_at), authority: n.authority ?? '', reference: n.reference })),
        subjectsDecision: subjects
          ? ({ decision: subjects.decision, exemption: subjects.exemption ?? undefined, reason: subjects.reason ?? undefined } as SubjectsDecision)
          : null,
        preparedAt: new Date().toISOString(),
        delayReasons: authorityNotices.find((n) => n.delay_reasons)?.delay_reasons ?? null,
        timeZone,
        clocks: deadlines.map((d) => ({
          regime: d.regime,
          obligation: d.obligation,
          trigger: d.trigger,
          startsAt: isoOrNull(d.starts_at),
          dueAt: isoOrNull(d.due_at),
          status: d.status,
          metAt: isoOrNull(d.met_at),
        })),
        findings: findings.map((f) => ({ summary: f.summary, observedAt: isoOrNull(f.observed_at) })),
        lessonsLearned: row.lessons_learned,
      };
    });
  }

  return {
    async evidence(incidentId: string): Promise<EvidenceItemRead[]> {
      await incident(incidentId);
      const [items, custody] = await Promise.all([listEvidenceItems(pool, incidentId), listCustodyEvents(pool, incidentId)]);
      return items.map((item) => ({
        id: item.id,
        description: item.description,
        source: item.source,
        collectedBy: item.collected_by,
        collectedAt: iso(item.collected_at),
        method: item.method,
        tool: item.tool,
        sha256: item.sha256,
        sizeBytes: numOrNull(item.size_bytes),
        contentStored: item.content_stored,
        registeredBy: item.registered_by,
        registeredAt: iso(item.registered_at),
        custody: custody.filter((c) => c.evidence_id === item.id).map(toCustody),
      }));
    },

    /**
     * Streams the request body into the evidence store (write-once, content-addressed), then records it
     * through the workflow. Content that fails a check is never attached; bytes already stored are shared.
     */
    async uploadEvidence(incidentId: string, evidenceId: string, req: Request, actor: Actor): Promise<WriteResult> {
      const row = await incident(incidentId);
      if (row.status === 'closed') throw new ConflictError('The incident is closed; closed incidents stay on record unchanged.');
      const item = await findEvidenceItem(pool, incidentId, evidenceId);
      if (!item) throw new NotFoundError(`No evidence item ${evidenceId} on this incident.`);
      if (item.content_stored) throw new ConflictError('This evidence item already has content; evidence is never overwritten.');
      try {
        const stored = await evidence.put(req, { maxBytes: deps.maxEvidenceBytes, expectedSha256: item.sha256 ?? undefined });
        return await writes(incidentId, 'attachEvidenceContent', { evidenceId, sha256: stored.sha256, sizeBytes: stored.sizeBytes }, actor);
      } catch (error) {
        if (error instanceof EvidenceTooLargeError) throw new HttpProblem(413, 'Payload Too Large', `Evidence content is limited to ${error.limitBytes} bytes.`);
        if (error instanceof EvidenceHashMismatchError) {
          throw new HttpProblem(422, 'Invalid request', `The uploaded content's SHA-256 ${error.actualSha256} differs from the registered ${error.expectedSha256}.`, {
            type: 'validation-error',
            errors: [{ location: 'body', path: [], code: 'sha256_mismatch', message: 'Content does not match the registered hash' }],
          });
        }
        throw error;
      }
    },

    /**
     * Containment actions, findings, risk assessments, decisions and notices as recorded, and what still blocks a
     * resolved closure, judged by the workflow's own rule on the same rows. Every write is stored before the workflow
     * applies it, so the stored case file holds what the rule reads; one snapshot keeps the blockers in step with the rows.
     */
    async caseFile(incidentId: string): Promise<CaseFile> {
      return withTransaction(pool, async (client) => {
        await readOneSnapshot(client);
        if (!(await findIncidentById(client, incidentId))) throw new NotFoundError(`No incident with id ${incidentId}.`);
        const actions = await listContainmentActions(client, incidentId);
        const findings = await listFindings(client, incidentId);
        const assessments = await listRiskAssessments(client, incidentId);
        const decisions = await listDecisions(client, incidentId);
        const notices = await listNotices(client, incidentId);
        const deadlines = await findDeadlines(client, incidentId);
        const subjectsNotices = notices.filter((n) => n.audience === 'data-subjects');
        const subjectsDecision = toSubjectsDecision(decisions.find((d) => d.audience === 'data-subjects'));
        const blockers = closureBlockers({
          deadlines,
          latestAssessmentOutcome: (assessments[assessments.length - 1]?.final_outcome ?? null) as SuggestedOutcome | null,
          subjectsDecision: subjectsDecision?.decision ?? null,
          subjectsNoticeCount: subjectsNotices.length,
        });
        return {
          containmentActions: actions.map((a) => ({ id: a.id, action: a.action, performedBy: a.performed_by, performedAt: iso(a.performed_at), recordedBy: a.recorded_by, recordedAt: iso(a.recorded_at) })),
          findings: findings.map((f) => ({ id: f.id, summary: f.summary, details: f.details, observedAt: isoOrNull(f.observed_at), recordedBy: f.recorded_by, recordedAt: iso(f.recorded_at) })),
          riskAssessments: assessments.map(toRiskAssessment),
          decisions: { supervisoryAuthority: toAuthorityDecision(decisions.find((d) => d.audience === 'supervisory-authority')), dataSubjects: subjectsDecision },
          notices: {
            supervisoryAuthority: notices.filter((n) => n.audience === 'supervisory-authority').map(toAuthorityNotice),
            dataSubjects: subjectsNotices.map(toSubjectsNotice),
          },
          closure: { blockers },
        };
      });
    },

    async scopeVersions(incidentId: string): Promise<ScopeVersionRead[]> {
      await incident(incidentId);
      return (await listScopeVersions(pool, incidentId)).map(toScope);
    },

    async timeline(incidentId: string, page: { afterSeq?: number; limit: number }): Promise<Timeline> {
      await incident(incidentId);
      const rows = await listAuditEvents(pool, incidentId, { afterSeq: page.afterSeq, limit: page.limit + 1 });
      const items = rows.slice(0, page.limit).map(({ id: _id, incidentId: _incident, ...event }) => ({ ...event, occurredAt: iso(event.occurredAt) }));
      return { items, nextAfterSeq: rows.length > page.limit ? items[items.length - 1]!.seq : null };
    },

    async verifyAudit(incidentId: string): Promise<AuditVerification> {
      const row = await incident(incidentId);
      const [result, head] = await Promise.all([verifyAuditChain(pool, incidentId), deps.auditHead(row.workflow_id)]);
      // A chain cut at its end still links up: only the head kept outside PostgreSQL shows rows removed from the end.
      const found = head ? await holdsAuditEntry(pool, incidentId, head) : undefined;
      return {
        valid: result.valid && found !== false,
        checked: result.checked,
        firstBroken: result.firstBroken ?? null,
        head: head && found !== undefined ? { seq: head.seq, hash: head.hash, found } : null,
      };
    },

    async draft(incidentId: string, kind: NoticeKind, timeZone?: string): Promise<NoticeDraft> {
      const input = await draftInput(incidentId, timeZone);
      return kind === 'supervisory-authority' ? renderAuthorityNotice(input) : renderDataSubjectNotice(input);
    },

    /** The notice one of the incident's clocks asks for, drafted from the case file; 404 without such a clock or template. */
    async obligationDraft(incidentId: string, regime: string, obligation: string, timeZone?: string): Promise<NoticeDocument> {
      const template = findNoticeTemplate(regime, obligation);
      if (!template) throw new NotFoundError(`No notice template for ${regime} ${obligation}.`);
      const input = await draftInput(incidentId, timeZone);
      if (!input.clocks?.some((c) => c.regime === regime && c.obligation === obligation)) {
        throw new NotFoundError(`The incident has no ${regime} ${obligation} clock.`);
      }
      return template.draft(input);
    },

    async register(page: { cursor?: string; limit: number }): Promise<RegisterPage> {
      const after = page.cursor ? decodeCursor(page.cursor) : undefined;
      const rows = await listRegister(pool, { after, limit: page.limit + 1 });
      const { page: items, nextCursor } = paginate(rows, page.limit);
      return { items: items.map(toRegisterEntry), nextCursor };
    },

    /** The whole register as CSV, read page by page so a large register is never held at once. */
    async *registerCsv(): AsyncGenerator<string> {
      yield `${CSV_COLUMNS.map(([name]) => name).join(',')}\r\n`;
      let after: { createdAt: string; id: string } | undefined;
      for (;;) {
        const rows = await listRegister(pool, { after, limit: 500 });
        for (const row of rows) {
          const entry = toRegisterEntry(row);
          yield `${CSV_COLUMNS.map(([, get]) => csvCell(get(entry))).join(',')}\r\n`;
        }
        const last = rows[rows.length - 1];
        if (rows.length < 500 || !last) return;
        after = { createdAt: last.created_at.toISOString(), id: last.id };
      }
    },
  };
}

export type CaseFileService = ReturnType<typeof createCaseFileService>;

import { IANAZone } from 'luxon';
import { z } from 'zod';
import {
  AuditVerificationSchema,
  CaseFileSchema,
  EvidenceItemReadSchema,
  RegisterPageSchema,
  ScopeVersionReadSchema,
  TimelineSchema,
} from '../../domain/case-file';
import { WriteResultSchema } from '../../domain/incident';
import { RegimeSchema } from '../../domain/lifecycle';
import { NoticeDraftSchema, NoticeKindSchema } from '../../domain/notice-drafts';
import { renderHtml } from '../../domain/notices/html';
import { toObligationNoticeDraft } from '../../domain/notices/obligation-draft';
import { NoticeFormatSchema, ObligationNoticeDraftSchema } from '../../domain/notices/schema';
import { READERS, WRITERS, type Role } from '../../domain/roles';
import type { CaseFileService } from '../case-file-service';
import { defineRoute, type AnyRoute } from '../route';

const IncidentParams = z.strictObject({ id: z.uuid().describe('Incident id') });
const AUDITORS: readonly Role[] = ['admin', 'dpo', 'viewer'];
const TimeZoneQuery = z
  .string()
  .max(64)
  .refine((zone) => IANAZone.isValidZone(zone), 'An IANA time zone, e.g. "Europe/Brussels"')
  .optional()
  .describe('IANA zone for the times in the text, default UTC');

/** The case file's reads (records, evidence, scope versions, timeline, drafts, register) and the evidence upload. */
export function caseFileRoutes(caseFile: CaseFileService): AnyRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/v1/incidents/{id}/case-file',
      operationId: 'getCaseFile',
      summary: 'Containment actions, findings, risk assessments, decisions and notices as recorded (who, when), and what still blocks closing as resolved',
      tags: ['lifecycle'],
      roles: READERS,
      params: IncidentParams,
      response: { status: 200, description: 'The case file', schema: CaseFileSchema },
      problems: [404],
      handler: ({ params }) => caseFile.caseFile(params.id),
    }),
    defineRoute({
      method: 'get',
      path: '/v1/incidents/{id}/evidence',
      operationId: 'listEvidence',
      summary: 'Evidence items with their hashes and chains of custody',
      tags: ['evidence'],
      roles: READERS,
      params: IncidentParams,
      response: { status: 200, description: 'Evidence', schema: z.object({ items: z.array(EvidenceItemReadSchema) }) },
      problems: [404],
      handler: async ({ params }) => ({ items: await caseFile.evidence(params.id) }),
    }),
    defineRoute({
      method: 'put',
      path: '/v1/incidents/{id}/evidence/{evidenceId}/content',
      operationId: 'uploadEvidenceContent',
      summary: 'Upload an evidence item’s content: stored write-once and content-addressed, never overwritten',
      tags: ['evidence'],
      roles: WRITERS,
      params: z.strictObject({ id: z.uuid(), evidenceId: z.uuid() }),
      upload: { description: 'The raw bytes; must match the SHA-256 given at registration, if one was' },
      response: { status: 201, description: 'Stored; the state’s evidence entry carries the SHA-256', schema: WriteResultSchema },
      problems: [404, 409],
      handler: ({ params, req, principal }) => caseFile.uploadEvidence(params.id, params.evidenceId, req, principal),
    }),
    defineRoute({
      method: 'get',
      path: '/v1/incidents/{id}/scope',
      operationId: 'listScopeVersions',
      summary: 'Every recorded version of the scope, oldest first',
      tags: ['lifecycle'],
      roles: READERS,
      params: IncidentParams,
      response: { status: 200, description: 'Scope versions', schema: z.object({ items: z.array(ScopeVersionReadSchema) }) },
      problems: [404],
      handler: async ({ params }) => ({ items: await caseFile.scopeVersions(params.id) }),
    }),
    defineRoute({
      method: 'get',
      path: '/v1/incidents/{id}/timeline',
      operationId: 'getTimeline',
      summary: 'The audit trail: every change, who made it and when, with its chain hashes',
      tags: ['audit'],
      roles: READERS,
      params: IncidentParams,
      query: z.strictObject({
        afterSeq: z.coerce.number().int().min(0).max(2_147_483_647).optional(), // audit_events.seq is a PostgreSQL integer
        limit: z.coerce.number().int().min(1).max(500).default(100),
      }),
      response: { status: 200, description: 'A page of the timeline', schema: TimelineSchema },
      problems: [404],
      handler: ({ params, query }) => caseFile.timeline(params.id, query),
    }),
    defineRoute({
      method: 'get',
      path: '/v1/incidents/{id}/audit/verify',
      operationId: 'verifyAuditTrail',
      summary: 'Recompute the audit chain and name the first broken row',
      tags: ['audit'],
      roles: AUDITORS,
      params: IncidentParams,
      response: { status: 200, description: 'Verification result', schema: AuditVerificationSchema },
      problems: [404],
      handler: ({ params }) => caseFile.verifyAudit(params.id),
    }),
    defineRoute({
      method: 'get',
      path: '/v1/incidents/{id}/drafts/{kind}',
      operationId: 'getNoticeDraft',
      summary: 'Draft notice from the case file (Art. 33(3) for the authority, Art. 34(2) for data subjects) and its missing fields',
      tags: ['notification'],
      roles: READERS,
      params: z.strictObject({ id: z.uuid(), kind: NoticeKindSchema }),
      query: z.strictObject({ timeZone: TimeZoneQuery }),
      response: { status: 200, description: 'The draft', schema: NoticeDraftSchema },
      problems: [404],
      handler: ({ params, query }) => caseFile.draft(params.id, params.kind, query.timeZone),
    }),
    defineRoute({
      method: 'get',
      path: '/v1/incidents/{id}/clocks/{regime}/{obligation}/draft',
      operationId: 'getObligationNoticeDraft',
      summary:
        'Draft of the notice one of the incident’s clocks asks for, from the case file, with its missing mandatory fields: JSON (default), Markdown (?format=markdown, text/markdown) or a print-ready HTML document (?format=html, text/html)',
      tags: ['notification'],
      roles: READERS,
      params: z.strictObject({ id: z.uuid(), regime: RegimeSchema, obligation: z.string().regex(/^[a-z0-9-]{1,80}$/) }),
      query: z.strictObject({ format: NoticeFormatSchema.default('json'), timeZone: TimeZoneQuery }),
      response: { status: 200, description: 'The draft (the JSON shape; Markdown and HTML are the same draft rendered)', schema: ObligationNoticeDraftSchema, contentType: 'application/json' },
      problems: [404],
      handler: async ({ params, query, res }) => {
        const draft = await caseFile.obligationDraft(params.id, params.regime, params.obligation, query.timeZone);
        const body = toObligationNoticeDraft(draft);
        if (query.format === 'markdown') res.status(200).type('text/markdown; charset=utf-8').send(body.markdown);
        else if (query.format === 'html') res.status(200).type('text/html; charset=utf-8').send(renderHtml(draft));
        else res.status(200).json(ObligationNoticeDraftSchema.parse(body));
        return body;
      },
    }),
    defineRoute({
      method: 'get',
      path: '/v1/register',
      operationId: 'getRegister',
      summary: 'The GDPR Art. 33(5) breach register: every incident, notified or not, oldest first',
      tags: ['register'],
      roles: AUDITORS,
      query: z.strictObject({ cursor: z.string().max(200).optional(), limit: z.coerce.number().int().min(1).max(500).default(100) }),
      response: { status: 200, description: 'A page of the register', schema: RegisterPageSchema },
      handler: ({ query }) => caseFile.register(query),
    }),
    defineRoute({
      method: 'get',
      path: '/v1/register.csv',
      operationId: 'getRegisterCsv',
      summary: 'The whole breach register as CSV',
      tags: ['register'],
      roles: AUDITORS,
      response: { status: 200, description: 'CSV, one row per incident', schema: z.string(), contentType: 'text/csv' },
      handler: async ({ res }) => {
        res.status(200).type('text/csv; charset=utf-8').set('Content-Disposition', 'attachment; filename="breach-register.csv"');
        for await (const line of caseFile.registerCsv()) if (!res.write(line)) await new Promise((r) => res.once('drain', r));
        res.end();
        return '';
      },
    }),
  ];
}

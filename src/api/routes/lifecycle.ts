import { z } from 'zod';
import { WriteResultSchema } from '../../domain/incident';
import { WRITERS, type Role } from '../../domain/roles';
import { CustodyEventCreateSchema, RiskSignOffSchema } from '../../domain/lifecycle';
import { VerifyInputSchema, WRITE_INPUT_SCHEMAS, type WriteInput, type WriteUpdateName } from '../../domain/write-inputs';
import type { IncidentWrites } from '../incident-writes';
import { idFromKey } from '../idempotency';
import { defineRoute, type AnyRoute } from '../route';

/** Roles that sign off assessments, decide on notification and close incidents. */
const DPO: readonly Role[] = ['admin', 'dpo'];

const IncidentParams = z.strictObject({ id: z.uuid().describe('Incident id') });
const EvidenceParams = z.strictObject({ id: z.uuid(), evidenceId: z.uuid() });
const AssessmentParams = z.strictObject({ id: z.uuid(), assessmentId: z.uuid() });
const VerifyBody = z.strictObject({ purpose: VerifyInputSchema.shape.purpose.describe('Why the content is being verified') }).meta({ id: 'EvidenceVerify' });

/** A write route whose body is exactly the update's input: POST /v1/incidents/{id}/<segment>. */
function simpleWrite<N extends WriteUpdateName>(
  writes: IncidentWrites,
  name: N,
  spec: { segment: string; summary: string; roles: readonly Role[]; status?: 200 | 201; links?: AnyRoute['links'] },
): AnyRoute {
  return defineRoute({
    method: 'post',
    path: `/v1/incidents/{id}/${spec.segment}`,
    operationId: name,
    summary: spec.summary,
    tags: ['lifecycle'],
    roles: spec.roles,
    params: IncidentParams,
    // Indexing the map by a generic name widens the schema to a union; the name fixes which one it is.
    body: WRITE_INPUT_SCHEMAS[name] as unknown as z.ZodType<WriteInput<N>>,
    response: { status: spec.status ?? 201, description: 'Recorded: the id of the new record and the incident’s new live state', schema: WriteResultSchema },
    problems: [404, 409],
    ...(spec.links ? { links: spec.links } : {}),
    handler: ({ params, body, principal, idempotencyKey }) => writes(params.id, name, body, principal, idFromKey(principal, idempotencyKey, body)),
  });
}

/** The lifecycle's write endpoints: containment, investigation, evidence, risk, decisions, notices, closure. */
export function lifecycleRoutes(writes: IncidentWrites): AnyRoute[] {
  return [
    simpleWrite(writes, 'recordContainmentAction', { segment: 'containment-actions', summary: 'Record a containment action', roles: WRITERS }),
    simpleWrite(writes, 'setContainmentStatus', { segment: 'containment-status', summary: 'Set the containment status (confirmedAt when contained)', roles: WRITERS, status: 200 }),
    simpleWrite(writes, 'recordFinding', { segment: 'findings', summary: 'Record an investigation finding', roles: WRITERS }),
    simpleWrite(writes, 'recordScope', { segment: 'scope', summary: 'Record the current scope as a new version', roles: WRITERS }),
    simpleWrite(writes, 'registerEvidence', {
      segment: 'evidence',
      summary: 'Register an evidence item (upload its content next, or give its hash)',
      roles: WRITERS,
      links: {
        uploadContent: { operationId: 'uploadEvidenceContent', parameters: { id: '$request.path.id', evidenceId: '$response.body#/id' } },
        recordCustody: { operationId: 'recordCustodyEvent', parameters: { id: '$request.path.id', evidenceId: '$response.body#/id' } },
        verify: { operationId: 'verifyEvidence', parameters: { id: '$request.path.id', evidenceId: '$response.body#/id' } },
      },
    }),
    simpleWrite(writes, 'recordRiskAssessment', {
      segment: 'risk-assessments',
      summary: 'Record an ENISA severity assessment; the score and suggested outcome are computed',
      roles: WRITERS,
      links: { signOff: { operationId: 'signOffRiskAssessment', parameters: { id: '$request.path.id', assessmentId: '$response.body#/id' } } },
    }),
    simpleWrite(writes, 'recordAuthorityDecision', { segment: 'decisions/supervisory-authority', summary: 'Decide on notifying the supervisory authority (Art. 33)', roles: DPO, status: 200 }),
    simpleWrite(writes, 'recordSubjectsDecision', { segment: 'decisions/data-subjects', summary: 'Decide on telling data subjects, or record an Art. 34(3) exemption', roles: DPO, status: 200 }),
    simpleWrite(writes, 'recordAuthorityNotice', { segment: 'notifications/supervisory-authority', summary: 'Record a notice submitted to the supervisory authority (meets the GDPR clock)', roles: DPO }),
    simpleWrite(writes, 'recordSubjectsNotice', { segment: 'notifications/data-subjects', summary: 'Record a communication to data subjects', roles: DPO }),
    simpleWrite(writes, 'closeIncident', { segment: 'close', summary: 'Close the incident (resolved, or not a personal data breach)', roles: DPO, status: 200 }),
    defineRoute({
      method: 'post',
      path: '/v1/incidents/{id}/evidence/{evidenceId}/custody',
      operationId: 'recordCustodyEvent',
      summary: 'Add a link to an evidence item’s chain of custody',
      tags: ['evidence'],
      roles: WRITERS,
      params: EvidenceParams,
      body: CustodyEventCreateSchema,
      response: { status: 201, description: 'Recorded', schema: WriteResultSchema },
      problems: [404, 409],
      handler: ({ params, body, principal, idempotencyKey }) =>
        writes(params.id, 'recordCustodyEvent', { evidenceId: params.evidenceId, custody: body }, principal, idFromKey(principal, idempotencyKey, body)),
    }),
    defineRoute({
      method: 'post',
      path: '/v1/incidents/{id}/evidence/{evidenceId}/verify',
      operationId: 'verifyEvidence',
      summary: 'Re-hash stored content and record the result in the chain of custody',
      tags: ['evidence'],
      roles: WRITERS,
      params: EvidenceParams,
      body: VerifyBody,
      response: { status: 201, description: 'Verified: the state’s evidence entry shows whether the content matches', schema: WriteResultSchema },
      problems: [404, 409],
      handler: ({ params, body, principal, idempotencyKey }) =>
        writes(params.id, 'verifyEvidence', { evidenceId: params.evidenceId, purpose: body.purpose }, principal, idFromKey(principal, idempotencyKey, body)),
    }),
    defineRoute({
      method: 'post',
      path: '/v1/incidents/{id}/risk-assessments/{assessmentId}/sign-off',
      operationId: 'signOffRiskAssessment',
      summary: 'The DPO signs off the assessment, accepting or overriding (with justification) its suggested outcome',
      tags: ['lifecycle'],
      roles: DPO,
      params: AssessmentParams,
      body: RiskSignOffSchema,
      response: { status: 200, description: 'Signed off', schema: WriteResultSchema },
      problems: [404, 409],
      handler: ({ params, body, principal, idempotencyKey }) =>
        writes(params.id, 'signOffRiskAssessment', { assessmentId: params.assessmentId, signOff: body }, principal, idFromKey(principal, idempotencyKey, body)),
    }),
  ];
}

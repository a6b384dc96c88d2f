import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { RoleSchema, type Role } from '../../src/domain/roles';
import { call, keysByRole, openPool } from './http';

/**
 * Who may call each operation. A new endpoint without a row here fails the first test: every
 * operation must state its rule. Readers see everything; responders record facts; the DPO decides.
 */
const ALLOWED: Record<string, readonly Role[]> = {
  openIncident: ['admin', 'dpo', 'responder'],
  getIncident: ['admin', 'dpo', 'responder', 'viewer'],
  getCaseFile: ['admin', 'dpo', 'responder', 'viewer'],
  listIncidents: ['admin', 'dpo', 'responder', 'viewer'],
  recordContainmentAction: ['admin', 'dpo', 'responder'],
  setContainmentStatus: ['admin', 'dpo', 'responder'],
  recordFinding: ['admin', 'dpo', 'responder'],
  recordScope: ['admin', 'dpo', 'responder'],
  registerEvidence: ['admin', 'dpo', 'responder'],
  uploadEvidenceContent: ['admin', 'dpo', 'responder'],
  recordCustodyEvent: ['admin', 'dpo', 'responder'],
  verifyEvidence: ['admin', 'dpo', 'responder'],
  recordRiskAssessment: ['admin', 'dpo', 'responder'],
  signOffRiskAssessment: ['admin', 'dpo'],
  recordAuthorityDecision: ['admin', 'dpo'],
  recordSubjectsDecision: ['admin', 'dpo'],
  recordAuthorityNotice: ['admin', 'dpo'],
  recordSubjectsNotice: ['admin', 'dpo'],
  closeIncident: ['admin', 'dpo'],
  listEvidence: ['admin', 'dpo', 'responder', 'viewer'],
  listScopeVersions: ['admin', 'dpo', 'responder', 'viewer'],
  getTimeline: ['admin', 'dpo', 'responder', 'viewer'],
  verifyAuditTrail: ['admin', 'dpo', 'viewer'],
  getNoticeDraft: ['admin', 'dpo', 'responder', 'viewer'],
  getObligationNoticeDraft: ['admin', 'dpo', 'responder', 'viewer'],
  getRegister: ['admin', 'dpo', 'viewer'],
  getRegisterCsv: ['admin', 'dpo', 'viewer'],
  createContact: ['admin', 'dpo'],
  listContacts: ['admin', 'dpo'],
  updateContact: ['admin', 'dpo'],
  getOrganisation: ['admin', 'dpo', 'responder', 'viewer'],
  putOrganisation: ['admin', 'dpo'],
  recordTrigger: ['admin', 'dpo', 'responder'],
  setRegimes: ['admin', 'dpo'],
  meetObligation: ['admin', 'dpo'],
  waiveObligation: ['admin', 'dpo'],
  assignOwner: ['admin', 'dpo', 'responder'],
  listEscalations: ['admin', 'dpo', 'responder', 'viewer'],
  // Every role may reach it; the service then admits only a recipient of the escalation (tested with the ladder).
  acknowledgeEscalation: ['admin', 'dpo', 'responder', 'viewer'],
  listDeadlines: ['admin', 'dpo', 'responder', 'viewer'],
  createIntakeSource: ['admin'],
  listIntakeSources: ['admin'],
  rotateIntakeSecret: ['admin'],
  updateIntakeSource: ['admin'],
  listIncidentAlerts: ['admin', 'dpo', 'responder', 'viewer'],
  getAlertStatus: ['admin', 'dpo', 'responder', 'viewer'],
  getCoverage: ['admin', 'dpo', 'responder', 'viewer'],
  getSession: ['admin', 'dpo', 'responder', 'viewer'],
  listApiKeys: ['admin'],
  createApiKey: ['admin'],
  revokeApiKey: ['admin'],
};

/**
 * Operations authenticated otherwise than by API key: the intake endpoint verifies a Standard Webhooks signature
 * (tested in intake.e2e), the acknowledgement callbacks Slack's and PagerDuty's (acknowledgement-callbacks.e2e).
 */
const SIGNED: readonly string[] = ['receiveAlert', 'receiveSlackInteraction', 'receivePagerDutyWebhook'];

interface Operation {
  method: string;
  path: string;
  operationId: string;
  description: string;
}

let pool: pg.Pool;
let keys: Record<Role, string>;
let operations: Operation[];
let incidentId: string;

beforeAll(async () => {
  pool = openPool();
  keys = await keysByRole(pool);
  const doc = (await call('GET', '/openapi.json')).body as { paths: Record<string, Record<string, { operationId: string; description: string }>> };
  operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({ method: method.toUpperCase(), path, operationId: op.operationId, description: op.description })),
  ).filter((op) => !SIGNED.includes(op.operationId));
  const opened = await call('POST', '/v1/incidents', { key: keys.responder, json: { title: 'Authorization fixture', detectedAt: new Date().toISOString() } });
  incidentId = opened.body.id as string;
});
afterAll(async () => {
  await pool.end();
});

/** A concrete URL for an operation's path: the fixture incident and random ids for the rest. */
function urlOf(op: Operation): string {
  return op.path
    .replace('{id}', incidentId)
    .replace('{kind}', 'supervisory-authority')
    .replace('{regime}', 'NIS2')
    .replace('{obligation}', 'early-warning')
    .replace('{sourceId}', randomUUID())
    .replace(/\{\w+\}/g, () => randomUUID());
}

async function writeCounts(): Promise<{ incidents: number; audit: number; keys: number; contacts: number }> {
  const { rows } = await pool.query<{ incidents: string; audit: string; keys: string; contacts: string }>(
    'SELECT (SELECT count(*) FROM incidents) AS incidents, (SELECT count(*) FROM audit_events) AS audit, (SELECT count(*) FROM api_keys) AS keys, (SELECT count(*) FROM contacts) AS contacts',
  );
  return { incidents: Number(rows[0]!.incidents), audit: Number(rows[0]!.audit), keys: Number(rows[0]!.keys), contacts: Number(rows[0]!.contacts) };
}

describe('authorization of every operation', () => {
  it('has a rule for every operation in the OpenAPI document, and the document states it', () => {
    expect(operations.length).toBeGreaterThan(20);
    for (const op of operations) {
      expect({ op: op.operationId, ruled: op.operationId in ALLOWED }).toEqual({ op: op.operationId, ruled: true });
      expect(op.description).toBe(`Roles: ${ALLOWED[op.operationId]!.join(', ')}.`);
    }
  });

  it('refuses each role what it may not do with 403 problem+json, and nothing changes', async () => {
    const before = await writeCounts();
    let refusals = 0;
    for (const op of operations) {
      for (const role of RoleSchema.options.filter((r) => !ALLOWED[op.operationId]!.includes(r))) {
        const res = await call(op.method, urlOf(op), { key: keys[role], json: op.method === 'GET' ? undefined : {} });
        expect({ op: op.operationId, role, status: res.status }).toEqual({ op: op.operationId, role, status: 403 });
        expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
        refusals += 1;
      }
    }
    expect(refusals).toBeGreaterThanOrEqual(20);
    expect(await writeCounts()).toEqual(before);
  });

  it('refuses every operation without a key with 401, and nothing changes', async () => {
    const before = await writeCounts();
    for (const op of operations) {
      const res = await call(op.method, urlOf(op), { json: op.method === 'GET' ? undefined : {} });
      expect({ op: op.operationId, status: res.status }).toEqual({ op: op.operationId, status: 401 });
    }
    expect(await writeCounts()).toEqual(before);
  });
});

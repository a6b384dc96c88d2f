// Migration 1765238400000 (the EDPB risk factors): an assessment recorded before it still reads as it was made,
// marked enisa-only, with its band's suggestion, its sign-off and no factors or reasons: in the case file, the
// breach register and the authority notice draft. Run on a database of its own, migrated up to just before it.
import { randomBytes, randomUUID } from 'node:crypto';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import type pg from 'pg';
import { createCaseFileService } from '../../src/api/case-file-service';
import { migrate } from '../../src/db/migrate';
import { createPool } from '../../src/db/pool';
import { CaseFileSchema, RegisterPageSchema } from '../../src/domain/case-file';

const MIGRATION = '1765238400000_risk-factors.sql';
const before = readdirSync(path.join(__dirname, '..', '..', 'migrations'))
  .filter((f) => f.endsWith('.sql'))
  .sort()
  .indexOf(MIGRATION);

let admin: pg.Pool;
let pool: pg.Pool;
const database = `risk_migration_${randomBytes(4).toString('hex')}`;
let databaseUrl: string;

beforeAll(async () => {
  admin = createPool(process.env.E2E_DB_URL!, 1);
  await admin.query(`CREATE DATABASE ${database}`);
  const url = new URL(process.env.E2E_DB_URL!);
  url.pathname = `/${database}`;
  databaseUrl = url.toString();
  await migrate(databaseUrl, before);
  pool = createPool(databaseUrl, 2);
}, 60_000);

afterAll(async () => {
  await pool?.end();
  await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  await admin.end();
});

const INPUTS = {
  dataProcessingContext: { category: 'simple', adjustment: 0, rationale: 'A name and an e-mail address' },
  easeOfIdentification: { level: 'negligible', rationale: 'Not linkable' },
  circumstances: { lossOfConfidentiality: 0, lossOfIntegrity: 0, lossOfAvailability: 0, maliciousIntent: false, rationale: 'Sent to one known recipient' },
};

it('keeps an assessment recorded before it: enisa-only, its band’s suggestion and sign-off, no factors and no reasons', async () => {
  expect(before).toBeGreaterThan(0);
  const incidentId = randomUUID();
  const assessmentId = randomUUID();
  await pool.query(`INSERT INTO incidents (id, reference, workflow_id, title, detected_at) VALUES ($1::uuid, 'BR-LEGACY-1', $2, 'Mail to the wrong customer', now())`, [
    incidentId,
    `incident-${incidentId}`,
  ]);
  // The row exactly as the code before the migration wrote it.
  await pool.query(
    `INSERT INTO risk_assessments (id, incident_id, version, inputs, dpc, ei, cb, score, band, suggested_outcome, assessed_by, assessed_at,
                                   final_outcome, override_justification, signed_off_by, signed_off_at)
     VALUES ($1::uuid, $2::uuid, 1, $3::jsonb, 1, 0.25, 0, 0.25, 'low', 'register-only', 'Riley Responder', now(), 'register-only', NULL, 'Dana Privacy', now())`,
    [assessmentId, incidentId, JSON.stringify(INPUTS)],
  );

  await migrate(databaseUrl);

  const service = createCaseFileService({
    pool,
    // The case file, the register and the drafts read PostgreSQL only; nothing here stores evidence or writes.
    evidence: undefined as never,
    writes: undefined as never,
    controller: { name: 'Acme SA', dpoName: null, dpoEmail: null, dpoPhone: null },
    maxEvidenceBytes: 1,
    auditHead: async () => undefined,
  });
  const caseFile = CaseFileSchema.parse(await service.caseFile(incidentId));
  expect(caseFile.riskAssessments).toEqual([
    expect.objectContaining({
      id: assessmentId,
      inputs: INPUTS,
      result: { dpc: 1, ei: 0.25, cb: 0, score: 0.25, band: 'low', suggestedOutcome: 'register-only' },
      factors: null,
      suggestion: { outcome: 'register-only', enisaOutcome: 'register-only', factorsOutcome: null, method: 'enisa-only', reasons: [] },
      signOff: expect.objectContaining({ finalOutcome: 'register-only', overridden: false, signedOffBy: 'Dana Privacy' }),
    }),
  ]);

  const register = RegisterPageSchema.parse(await service.register({ limit: 10 }));
  expect(register.items.find((e) => e.id === incidentId)?.effects).toEqual({ likelyConsequences: null, severityBand: 'low', riskMethod: 'enisa-only', riskReasons: [] });

  const draft = await service.draft(incidentId, 'supervisory-authority');
  expect(draft.text).toContain('no notice is required (Art. 33(1))');
  expect(draft.text).not.toContain('Why the assessment suggests this outcome');
});

import { createHash } from 'node:crypto';
import { chmodSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type pg from 'pg';
import type { Role } from '../../src/domain/roles';
import { call, keysByRole, openPool, stackEnv } from './http';

let pool: pg.Pool;
let keys: Record<Role, string>;

beforeAll(async () => {
  pool = openPool();
  keys = await keysByRole(pool);
});
afterAll(async () => {
  await pool.end();
});

/** Every file under the evidence store's content tree. */
function storedFiles(): string[] {
  const root = path.join(stackEnv.dataDir, 'evidence', 'sha256');
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const full = path.join(dir, name);
      return statSync(full).isDirectory() ? walk(full) : [full];
    });
  try {
    return walk(root);
  } catch {
    return [];
  }
}

function upload(incidentId: string, evidenceId: string, bytes: Buffer, key = keys.responder) {
  return call('PUT', `/v1/incidents/${incidentId}/evidence/${evidenceId}/content`, { key, rawBody: bytes, contentType: 'application/octet-stream' });
}

// One breach walked from detection to closure, step by step, with the key of the role that does each step.
describe('a breach walked through every step over HTTP', () => {
  const now = Date.now();
  const awareAt = new Date(now - 3_600_000).toISOString();
  const evidenceBytes = Buffer.from(`firewall export ${now}\n`.repeat(2000));
  let id = '';
  let reference = '';
  let evidenceId = '';
  let assessmentId = '';

  const post = (segment: string, key: string, json: unknown) => call('POST', `/v1/incidents/${id}/${segment}`, { key, json });

  it('opens the incident (responder)', async () => {
    const res = await call('POST', '/v1/incidents', {
      key: keys.responder,
      json: { title: 'Customer database exposed through a misconfigured bucket', description: 'A storage bucket with a customer export was publicly readable for 9 days.', detectedAt: awareAt, awareAt },
    });
    expect(res.status).toBe(201);
    ({ id, reference } = res.body as { id: string; reference: string });
  });

  it('records containment actions and confirms containment (responder)', async () => {
    const action = await post('containment-actions', keys.responder, { action: 'Made the bucket private and rotated its access keys', performedBy: 'Cloud ops', performedAt: new Date().toISOString() });
    expect(action.status).toBe(201);
    expect(action.body.state).toMatchObject({ stage: 'containment', containment: { status: 'in-progress', actions: 1 } });

    const incomplete = await post('containment-status', keys.responder, { status: 'contained' });
    expect(incomplete.status).toBe(422);
    expect(incomplete.body.errors).toEqual([expect.objectContaining({ path: ['confirmedAt'] })]);

    const confirmedAt = new Date().toISOString();
    const contained = await post('containment-status', keys.responder, { status: 'contained', confirmedAt });
    expect(contained.status).toBe(200);
    expect(contained.body.state.containment).toEqual({ status: 'contained', confirmedAt, actions: 1 });
  });

  it('records findings and a versioned scope (responder)', async () => {
    const finding = await post('findings', keys.responder, { summary: 'Access logs show 14 downloads from 3 IP addresses', details: { downloads: 14, sourceIps: 3 } });
    expect(finding.status).toBe(201);
    const v1 = await post('scope', keys.responder, { dataCategories: ['contact details'], dataSubjectsApprox: 1000, recordsApprox: 1000, encrypted: false, unintelligible: false });
    expect(v1.status).toBe(201);
    const v2 = await post('scope', keys.responder, {
      dataCategories: ['contact details', 'order history'],
      specialCategories: ['health-data'],
      dataSubjectsApprox: 12500,
      recordsApprox: 48000,
      affectedSystems: ['s3://exports-prod'],
      countries: ['BE', 'FR'],
      cause: 'Bucket policy changed during a migration',
      encrypted: false,
      unintelligible: false,
      likelyConsequences: 'Phishing aimed at customers; disclosure of pharmacy orders',
    });
    expect(v2.status).toBe(201);
    expect(v2.body.state).toMatchObject({ stage: 'investigation', findings: 1, scopeVersion: 2 });

    const versions = await call('GET', `/v1/incidents/${id}/scope`, { key: keys.viewer });
    expect(versions.body.items.map((v: { version: number; dataSubjectsApprox: number }) => [v.version, v.dataSubjectsApprox])).toEqual([
      [1, 1000],
      [2, 12500],
    ]);
  });

  it('preserves evidence: uploaded content is hashed, stored once, never overwritten, and a declared hash is enforced', async () => {
    const registered = await post('evidence', keys.responder, {
      description: 'Bucket access log export',
      source: 's3://exports-prod access logs',
      collectedBy: 'Alex Responder',
      collectedAt: new Date().toISOString(),
      method: 'log export',
      tool: 'aws-cli 2.15',
    });
    expect(registered.status).toBe(201);
    evidenceId = registered.body.id as string;
    const filesBefore = storedFiles().length;

    const uploaded = await upload(id, evidenceId, evidenceBytes);
    expect(uploaded.status).toBe(201);
    const expectedSha = createHash('sha256').update(evidenceBytes).digest('hex');
    expect(uploaded.body.state.evidence).toEqual([
      { id: evidenceId, sha256: expectedSha, contentStored: true, custodyEvents: 1, lastVerification: null },
    ]);
    expect(storedFiles()).toHaveLength(filesBefore + 1);

    // The same bytes for a second item: shared storage, no second file.
    const twin = await post('evidence', keys.responder, { description: 'Copy of the log export', source: 'laptop', collectedBy: 'Alex Responder', collectedAt: new Date().toISOString(), method: 'copy' });
    expect((await upload(id, twin.body.id as string, evidenceBytes)).status).toBe(201);
    expect(storedFiles()).toHaveLength(filesBefore + 1);

    const again = await upload(id, evidenceId, Buffer.from('different bytes'));
    expect(again.status).toBe(409);

    const declared = await post('evidence', keys.responder, {
      description: 'Disk image kept by the forensics firm',
      source: 'forensics vault',
      collectedBy: 'Forensics Ltd',
      collectedAt: new Date().toISOString(),
      method: 'disk image',
      sha256: 'a'.repeat(64),
      sizeBytes: 1024,
    });
    expect(declared.status).toBe(201);
    const mismatch = await upload(id, declared.body.id as string, Buffer.from('not the declared bytes'));
    expect(mismatch.status).toBe(422);
    expect(storedFiles()).toHaveLength(filesBefore + 1);
  });

  it('keeps the chain of custody and verifies content, detecting a file changed on disk', async () => {
    const transfer = await post(`evidence/${evidenceId}/custody`, keys.responder, { event: 'transferred', from: 'Alex Responder', to: 'Forensics Ltd', purpose: 'Analysis', occurredAt: new Date().toISOString() });
    expect(transfer.status).toBe(201);
    const ok = await post(`evidence/${evidenceId}/verify`, keys.responder, { purpose: 'Before analysis' });
    expect(ok.status).toBe(201);
    expect(ok.body.state.evidence[0].lastVerification).toMatchObject({ matches: true });

    const sha = createHash('sha256').update(evidenceBytes).digest('hex');
    const file = path.join(stackEnv.dataDir, 'evidence', 'sha256', sha.slice(0, 2), sha.slice(2, 4), sha);
    chmodSync(file, 0o644);
    writeFileSync(file, 'tampered');
    const bad = await post(`evidence/${evidenceId}/verify`, keys.responder, { purpose: 'Periodic check' });
    expect(bad.status).toBe(201);
    expect(bad.body.state.evidence[0].lastVerification).toMatchObject({ matches: false });

    const evidence = await call('GET', `/v1/incidents/${id}/evidence`, { key: keys.viewer });
    const item = evidence.body.items.find((e: { id: string }) => e.id === evidenceId);
    expect(item).toMatchObject({ sha256: sha, sizeBytes: evidenceBytes.length, contentStored: true, tool: 'aws-cli 2.15' });
    expect(item.custody.map((c: { event: string; result: { matches: boolean } | null }) => [c.event, c.result?.matches ?? null])).toEqual([
      ['collected', null],
      ['transferred', null],
      ['verified', true],
      ['verified', false],
    ]);
    expect(item.custody[3].result).toEqual({ matches: false, expectedSha256: sha, actualSha256: createHash('sha256').update('tampered').digest('hex') });
  });

  it('assesses the risk with the ENISA method and has the DPO sign it off with a justified override', async () => {
    const assessed = await post('risk-assessments', keys.responder, {
      inputs: {
        dataProcessingContext: { category: 'sensitive', adjustment: -1, rationale: 'Order history reveals some health information' },
        easeOfIdentification: { level: 'maximum', rationale: 'Names and e-mail addresses' },
        circumstances: { lossOfConfidentiality: 0.5, lossOfIntegrity: 0, lossOfAvailability: 0, maliciousIntent: false, rationale: 'Downloaded by unknown parties' },
      },
    });
    expect(assessed.status).toBe(201);
    assessmentId = assessed.body.id as string;
    // SE = DPC × EI + CB = (4 − 1) × 1 + 0.5 = 3.5: high.
    expect(assessed.body.state.riskAssessment).toEqual({
      id: assessmentId,
      version: 1,
      score: 3.5,
      band: 'high',
      suggestedOutcome: 'notify-authority-and-subjects',
      signedOff: false,
      finalOutcome: null,
    });

    expect((await post(`risk-assessments/${assessmentId}/sign-off`, keys.responder, {})).status).toBe(403);
    const unjustified = await post(`risk-assessments/${assessmentId}/sign-off`, keys.dpo, { outcome: 'notify-authority' });
    expect(unjustified.status).toBe(422);
    expect(unjustified.body.errors).toEqual([expect.objectContaining({ path: ['justification'] })]);
    const signed = await post(`risk-assessments/${assessmentId}/sign-off`, keys.dpo, {});
    expect(signed.status).toBe(200);
    expect(signed.body.state.riskAssessment).toMatchObject({ signedOff: true, finalOutcome: 'notify-authority-and-subjects' });
  });

  it('renders drafts from the case file, complete once every mandatory field is known', async () => {
    const authority = await call('GET', `/v1/incidents/${id}/drafts/supervisory-authority?timeZone=Europe/Brussels`, { key: keys.dpo });
    expect(authority.status).toBe(200);
    expect(authority.body).toMatchObject({ kind: 'supervisory-authority', missing: [], complete: true });
    for (const fact of ['12,500', '48,000', 'order history', 'Dana Privacy', 'dpo@example.test', 'Made the bucket private', 'Phishing aimed at customers', reference]) {
      expect(authority.body.text).toContain(fact);
    }
    const subjects = await call('GET', `/v1/incidents/${id}/drafts/data-subjects`, { key: keys.dpo });
    expect(subjects.body).toMatchObject({ kind: 'data-subjects', missing: [], complete: true });
    expect(subjects.body.text).toContain('Dana Privacy');
  });

  it('records the decisions and the notices; the authority notice meets the GDPR clock (DPO)', async () => {
    expect((await post('decisions/supervisory-authority', keys.responder, { decision: 'notify' })).status).toBe(403);
    expect((await post('decisions/supervisory-authority', keys.dpo, { decision: 'notify' })).status).toBe(200);
    expect((await post('decisions/data-subjects', keys.dpo, { decision: 'notify' })).status).toBe(200);

    const notice = await post('notifications/supervisory-authority', keys.dpo, { authority: 'Autorité de protection des données (BE)', submittedAt: new Date().toISOString(), reference: 'APD-2026-0042', phase: 'initial' });
    expect(notice.status).toBe(201);
    expect(notice.body.state.notices.supervisoryAuthority).toEqual([expect.objectContaining({ phase: 'initial', late: false })]);
    expect(notice.body.state.deadlines).toEqual([expect.objectContaining({ regime: 'GDPR', obligation: 'notify-supervisory-authority', status: 'met' })]);

    const subjects = await post('notifications/data-subjects', keys.dpo, { channel: 'email', recipients: 12480, sentAt: new Date().toISOString() });
    expect(subjects.status).toBe(201);
    expect(subjects.body.state.stage).toBe('notification');
  });

  it('closes with lessons learned (DPO), after which the incident refuses changes with 409', async () => {
    expect((await post('close', keys.responder, { kind: 'resolved', lessonsLearned: 'x' })).status).toBe(403);
    const noLessons = await post('close', keys.dpo, { kind: 'resolved' });
    expect(noLessons.status).toBe(422);
    const closed = await post('close', keys.dpo, { kind: 'resolved', lessonsLearned: 'Bucket policies are now checked in CI.' });
    expect(closed.status).toBe(200);
    expect(closed.body.state).toMatchObject({ status: 'closed', stage: 'closed', closure: { kind: 'resolved' } });

    for (const [segment, json] of [
      ['containment-actions', { action: 'late', performedBy: 'x', performedAt: new Date().toISOString() }],
      ['notifications/supervisory-authority', { authority: 'APD', submittedAt: new Date().toISOString(), phase: 'follow-up' }],
    ] as const) {
      const res = await post(segment, keys.dpo, json);
      expect({ segment, status: res.status, detail: res.body.detail }).toEqual({ segment, status: 409, detail: 'The incident is closed; closed incidents stay on record unchanged.' });
    }
    const read = await call('GET', `/v1/incidents/${id}`, { key: keys.viewer });
    expect(read.body).toMatchObject({ status: 'closed', stage: 'closed', closure: { kind: 'resolved', lessonsLearned: 'Bucket policies are now checked in CI.' } });
    expect(read.body.deadlines[0].status).toBe('met');
  });

  it('lists the incident in the breach register with facts, effects, remedial action and decisions (JSON and CSV)', async () => {
    const register = await call('GET', '/v1/register?limit=500', { key: keys.viewer });
    expect(register.status).toBe(200);
    const entry = register.body.items.find((e: { id: string }) => e.id === id);
    expect(entry).toMatchObject({
      reference,
      status: 'closed',
      facts: { dataSubjectsApprox: 12500, recordsApprox: 48000, specialCategories: ['health-data'], countries: ['BE', 'FR'], cause: 'Bucket policy changed during a migration' },
      effects: { likelyConsequences: 'Phishing aimed at customers; disclosure of pharmacy orders', severityBand: 'high' },
      remedialAction: { containmentStatus: 'contained', actions: ['Made the bucket private and rotated its access keys'] },
      decisions: { riskOutcome: 'notify-authority-and-subjects', supervisoryAuthority: 'notify', dataSubjects: 'notify' },
      notifications: { authorityNoticeLate: false, dataSubjectsRecipients: 12480 },
      closure: { kind: 'resolved', lessonsLearned: 'Bucket policies are now checked in CI.' },
    });
    const csv = await call('GET', '/v1/register.csv', { key: keys.viewer });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = (csv.body as string).trim().split('\r\n');
    expect(lines[0]!.startsWith('reference,title,status,detected_at')).toBe(true);
    expect(lines.find((l) => l.startsWith(`${reference},`))).toContain('12500');
  });

  it('shows every change in the timeline, hash-chained, and the chain verifies', async () => {
    const timeline = await call('GET', `/v1/incidents/${id}/timeline?limit=500`, { key: keys.viewer });
    expect(timeline.status).toBe(200);
    const items = timeline.body.items as { seq: number; eventType: string; prevHash: string; hash: string; actor: { role: string } }[];
    expect(items.map((i) => i.eventType)).toEqual([
      'incident-opened',
      'containment-action-recorded',
      'containment-status-changed',
      'finding-recorded',
      'scope-recorded',
      'scope-recorded',
      'evidence-registered',
      'evidence-content-stored',
      'evidence-registered',
      'evidence-content-stored',
      'evidence-registered',
      'custody-event-recorded',
      'custody-event-recorded',
      'custody-event-recorded',
      'risk-assessed',
      'risk-assessment-signed-off',
      'authority-decision-recorded',
      'subjects-decision-recorded',
      'authority-notice-recorded',
      'subjects-notice-recorded',
      'incident-closed',
    ]);
    items.forEach((item, i) => {
      expect(item.seq).toBe(i + 1);
      if (i > 0) expect(item.prevHash).toBe(items[i - 1]!.hash);
    });
    expect(items.find((i) => i.eventType === 'risk-assessment-signed-off')!.actor.role).toBe('dpo');

    const verify = await call('GET', `/v1/incidents/${id}/audit/verify`, { key: keys.viewer });
    // The workflow's own record of the newest entry matches the chain's end.
    expect(verify.body).toEqual({ valid: true, checked: items.length, firstBroken: null, head: { seq: items.length, hash: items[items.length - 1]!.hash, found: true } });
  });

  it('names the first broken row when an audit row is changed behind the database trigger', async () => {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      // What a superuser could do: switch triggers off for the transaction and rewrite history.
      await client.query('SET LOCAL session_replication_role = replica');
      await client.query(`UPDATE audit_events SET payload = jsonb_set(payload, '{action,action}', '"nothing happened"') WHERE incident_id = $1 AND seq = 2`, [id]);
      await client.query('COMMIT');
    } finally {
      client.release();
    }
    const verify = await call('GET', `/v1/incidents/${id}/audit/verify`, { key: keys.viewer });
    expect(verify.body).toMatchObject({ valid: false, firstBroken: { seq: 2, reason: 'hash-mismatch' } });
  });

  it('detects the newest audit rows deleted by the owner, whose chain still links up, against the head the workflow keeps', async () => {
    const opened = await call('POST', '/v1/incidents', { key: keys.responder, json: { title: 'Cut from the end', detectedAt: new Date().toISOString() } });
    expect(opened.status).toBe(201);
    const incidentId = opened.body.id as string;
    for (const summary of ['First finding', 'Second finding']) {
      expect((await call('POST', `/v1/incidents/${incidentId}/findings`, { key: keys.responder, json: { summary } })).status).toBe(201);
    }
    const before = await call('GET', `/v1/incidents/${incidentId}/audit/verify`, { key: keys.viewer });
    expect(before.body).toMatchObject({ valid: true, checked: 3, head: { seq: 3, found: true } });

    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      // The owner (here a superuser) turns the triggers off and removes the two newest entries.
      await client.query('SET LOCAL session_replication_role = replica');
      const { rowCount } = await client.query('DELETE FROM audit_events WHERE incident_id = $1 AND seq > 1', [incidentId]);
      expect(rowCount).toBe(2);
      await client.query('COMMIT');
    } finally {
      client.release();
    }
    const after = await call('GET', `/v1/incidents/${incidentId}/audit/verify`, { key: keys.viewer });
    // What is left still links up, so the chain alone would pass; the workflow's head is missing from it.
    expect(after.body).toEqual({ valid: false, checked: 1, firstBroken: null, head: { seq: 3, hash: before.body.head.hash, found: false } });
  });
});

import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { createApiKey } from '../../src/api/api-keys';
import { call, eventually, openPool } from './http';

let pool: pg.Pool;
// Keys with known names: the case file names who recorded each row by the key's name.
const names = { responder: `Case file responder ${randomUUID()}`, dpo: `Case file DPO ${randomUUID()}` };
const keys = { responder: '', dpo: '', viewer: '' };

beforeAll(async () => {
  pool = openPool();
  keys.responder = (await createApiKey(pool, { name: names.responder, role: 'responder' })).key;
  keys.dpo = (await createApiKey(pool, { name: names.dpo, role: 'dpo' })).key;
  keys.viewer = (await createApiKey(pool, { name: `Case file viewer ${randomUUID()}`, role: 'viewer' })).key;
});
afterAll(async () => {
  await pool.end();
});

const UTC_INSTANT = expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
const REQUEST_ID = expect.stringMatching(/^[\w.-]+$/);
const GDPR_OPEN = (status: string) => ({
  code: 'obligation-open',
  path: ['deadlines', 'GDPR/notify-supervisory-authority'],
  message: `Obligation GDPR notify-supervisory-authority is ${status}: meet it or waive it with a reason`,
});
const SUBJECTS_DECISION_MISSING = {
  code: 'subjects-decision-missing',
  path: ['decisions', 'dataSubjects'],
  message: 'The signed-off assessment calls for telling data subjects: notify them or record an Art. 34(3) exemption',
};
const SUBJECTS_NOTICE_MISSING = { code: 'subjects-notice-missing', path: ['notices', 'dataSubjects'], message: 'The decision is to notify data subjects, but no notice is recorded' };

/** ENISA inputs scoring (4 − 1) × 1 + 0.5 = 3.5: high, so the suggestion is to tell the authority and data subjects. */
const HIGH_RISK = {
  dataProcessingContext: { category: 'sensitive', adjustment: -1, rationale: 'Order history reveals some health information' },
  easeOfIdentification: { level: 'maximum', rationale: 'Names and e-mail addresses' },
  circumstances: { lossOfConfidentiality: 0.5, lossOfIntegrity: 0, lossOfAvailability: 0, maliciousIntent: false, rationale: 'Downloaded by unknown parties' },
};
const HIGH_RESULT = { dpc: 3, ei: 1, cb: 0.5, score: 3.5, band: 'high', suggestedOutcome: 'notify-authority-and-subjects' };
/** Recorded without the EDPB factors: the band's outcome, with the floor the missing finding sets beside it. */
const HIGH_SUGGESTION = {
  outcome: 'notify-authority-and-subjects',
  enisaOutcome: 'notify-authority-and-subjects',
  factorsOutcome: 'notify-authority',
  method: 'enisa-only',
  reasons: [expect.objectContaining({ factor: 'enisa-band', outcome: 'notify-authority-and-subjects' }), expect.objectContaining({ factor: 'no-unlikely-risk-finding', outcome: 'notify-authority' })],
};

/** An instant `hoursAgo` hours ago in whole seconds, as the API writes it back (UTC, no milliseconds). */
const hoursAgo = (hours: number) => new Date(Math.floor((Date.now() - hours * 3_600_000) / 1000) * 1000).toISOString().replace('.000Z', 'Z');

describe('GET /v1/incidents/{id}/case-file', () => {
  let id = '';
  const post = async (segment: string, key: string, json: unknown, status = 201) => {
    const res = await call('POST', `/v1/incidents/${id}/${segment}`, { key, json });
    expect({ segment, status: res.status, problem: res.status >= 300 ? res.body : undefined }).toEqual({ segment, status, problem: undefined });
    return res.body as { id: string };
  };
  const caseFile = () => call('GET', `/v1/incidents/${id}/case-file`, { key: keys.viewer });

  beforeAll(async () => {
    // Aware 80 hours ago: the GDPR clock is overdue at once, so the authority notice is a late one.
    const awareAt = hoursAgo(80);
    const opened = await call('POST', '/v1/incidents', { key: keys.responder, json: { title: 'Case file fixture: exposed customer export', detectedAt: awareAt, awareAt } });
    expect(opened.status).toBe(201);
    id = opened.body.id as string;
  });

  it('shows an incident just opened with nothing recorded, and its overdue GDPR clock as what blocks closing', async () => {
    const res = await eventually(caseFile, (r) => r.body.closure?.blockers[0]?.message.endsWith('is overdue: meet it or waive it with a reason'));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      containmentActions: [],
      findings: [],
      riskAssessments: [],
      decisions: { supervisoryAuthority: null, dataSubjects: null },
      notices: { supervisoryAuthority: [], dataSubjects: [] },
      closure: { blockers: [GDPR_OPEN('overdue')] },
    });
  });

  it('shows every record with who recorded it and when, and blockers that match the 409 of a refused closure until none is left', async () => {
    const performedAt = '2026-03-28T09:15:00+01:00';
    const action = await post('containment-actions', keys.responder, { action: 'Made the bucket private', performedBy: 'Cloud ops', performedAt });
    const finding = await post('findings', keys.responder, { summary: 'Access logs show 14 downloads', details: { downloads: 14, tool: 'athena', confirmed: true, note: null }, observedAt: '2026-03-28T10:00:00Z' });
    const v1 = await post('risk-assessments', keys.responder, { inputs: HIGH_RISK, notes: 'First look' });
    await post(`risk-assessments/${v1.id}/sign-off`, keys.dpo, { outcome: 'notify-authority', justification: 'Health data is incidental; no high risk' }, 200);
    const v2 = await post('risk-assessments', keys.responder, { inputs: HIGH_RISK });
    await post(`risk-assessments/${v2.id}/sign-off`, keys.dpo, {}, 200);

    const assessed = await caseFile();
    expect(assessed.body.closure.blockers).toEqual([GDPR_OPEN('overdue'), SUBJECTS_DECISION_MISSING]);
    const refused = await call('POST', `/v1/incidents/${id}/close`, { key: keys.dpo, json: { kind: 'resolved', lessonsLearned: 'Too early' } });
    expect(refused.status).toBe(409);
    expect(refused.body.errors).toEqual(assessed.body.closure.blockers.map(({ path, message }: { path: string[]; message: string }) => ({ location: 'body', path, code: 'rule', message })));

    await post('decisions/supervisory-authority', keys.dpo, { decision: 'notify', reason: 'High risk' }, 200);
    await post('decisions/data-subjects', keys.dpo, { decision: 'notify' }, 200);
    expect((await caseFile()).body.closure.blockers).toEqual([GDPR_OPEN('overdue'), SUBJECTS_NOTICE_MISSING]);

    const [submittedAt, followedUpAt, sentAt] = [hoursAgo(2), hoursAgo(1), hoursAgo(0)];
    const authorityNotice = await post('notifications/supervisory-authority', keys.dpo, { authority: 'APD (BE)', submittedAt, reference: 'APD-2026-0042', phase: 'initial', delayReasons: 'Forensics took a week' });
    const followUp = await post('notifications/supervisory-authority', keys.dpo, { authority: 'APD (BE)', submittedAt: followedUpAt, phase: 'follow-up' });
    const subjectsNotice = await post('notifications/data-subjects', keys.dpo, { channel: 'email', recipients: 12480, sentAt });

    const res = await caseFile();
    expect(res.status).toBe(200);
    const by = (name: string) => ({ recordedBy: name, recordedAt: UTC_INSTANT });
    expect(res.body).toEqual({
      containmentActions: [{ id: action.id, action: 'Made the bucket private', performedBy: 'Cloud ops', performedAt: '2026-03-28T08:15:00Z', ...by(names.responder) }],
      findings: [
        {
          id: finding.id,
          summary: 'Access logs show 14 downloads',
          details: { downloads: 14, tool: 'athena', confirmed: true, note: null },
          observedAt: '2026-03-28T10:00:00Z',
          ...by(names.responder),
        },
      ],
      riskAssessments: [
        {
          id: v1.id,
          version: 1,
          inputs: HIGH_RISK,
          result: HIGH_RESULT,
          factors: null,
          suggestion: HIGH_SUGGESTION,
          assessedBy: names.responder,
          assessedAt: UTC_INSTANT,
          signOff: { finalOutcome: 'notify-authority', overridden: true, justification: 'Health data is incidental; no high risk', signedOffBy: names.dpo, signedOffAt: UTC_INSTANT },
        },
        {
          id: v2.id,
          version: 2,
          inputs: HIGH_RISK,
          result: HIGH_RESULT,
          factors: null,
          suggestion: HIGH_SUGGESTION,
          assessedBy: names.responder,
          assessedAt: UTC_INSTANT,
          signOff: { finalOutcome: 'notify-authority-and-subjects', overridden: false, justification: null, signedOffBy: names.dpo, signedOffAt: UTC_INSTANT },
        },
      ],
      decisions: {
        supervisoryAuthority: { decision: 'notify', reason: 'High risk', decidedBy: names.dpo, decidedAt: UTC_INSTANT },
        dataSubjects: { decision: 'notify', exemption: null, reason: null, decidedBy: names.dpo, decidedAt: UTC_INSTANT },
      },
      notices: {
        supervisoryAuthority: [
          { id: authorityNotice.id, authority: 'APD (BE)', submittedAt, reference: 'APD-2026-0042', phase: 'initial', late: true, delayReasons: 'Forensics took a week', ...by(names.dpo) },
          { id: followUp.id, authority: 'APD (BE)', submittedAt: followedUpAt, reference: null, phase: 'follow-up', late: false, delayReasons: null, ...by(names.dpo) },
        ],
        dataSubjects: [{ id: subjectsNotice.id, channel: 'email', recipients: 12480, sentAt, ...by(names.dpo) }],
      },
      closure: { blockers: [] },
    });

    await post('close', keys.dpo, { kind: 'resolved', lessonsLearned: 'Bucket policies are checked in CI now.' }, 200);
    expect((await caseFile()).body).toEqual({ ...res.body, closure: { blockers: [] } });
  });

  it('answers 404 problem+json for an unknown incident and 422 for a malformed id', async () => {
    const unknown = randomUUID();
    const res = await call('GET', `/v1/incidents/${unknown}/case-file`, { key: keys.viewer });
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(res.body).toEqual({
      type: '/problems/not-found',
      title: 'Not Found',
      status: 404,
      detail: `No incident with id ${unknown}.`,
      instance: `/v1/incidents/${unknown}/case-file`,
      requestId: REQUEST_ID,
    });
    const malformed = await call('GET', '/v1/incidents/42/case-file', { key: keys.viewer });
    expect(malformed.status).toBe(422);
    expect(malformed.body.errors).toEqual([expect.objectContaining({ location: 'params', path: ['id'] })]);
  });
});

import type pg from 'pg';
import type { Role } from '../../src/domain/roles';
import { call, keysByRole, openPool } from './http';

let pool: pg.Pool;
let keys: Record<Role, string>;

beforeAll(async () => {
  pool = openPool();
  keys = await keysByRole(pool);
});
afterAll(async () => {
  await pool.end();
});

describe('GET /v1/incidents/{id}/clocks/{regime}/{obligation}/draft', () => {
  const awareAt = new Date(Date.now() - 3_600_000).toISOString();
  let id = '';
  let reference = '';
  const draftUrl = (regime: string, obligation: string, query = '') => `/v1/incidents/${id}/clocks/${regime}/${obligation}/draft${query}`;

  beforeAll(async () => {
    const opened = await call('POST', '/v1/incidents', {
      key: keys.responder,
      json: { title: '<script>alert(1)</script> bucket exposed', description: 'A customer export was publicly readable for 9 days.', detectedAt: awareAt, awareAt },
    });
    expect(opened.status).toBe(201);
    ({ id, reference } = opened.body as { id: string; reference: string });
    const post = (segment: string, key: string, json: unknown) => call('POST', `/v1/incidents/${id}/${segment}`, { key, json });
    expect((await post('containment-actions', keys.responder, { action: 'Made the bucket private', performedBy: 'Cloud ops', performedAt: new Date().toISOString() })).status).toBe(201);
    const scope = await post('scope', keys.responder, {
      dataCategories: ['contact details', 'order history'],
      dataSubjectsApprox: 12500,
      recordsApprox: 48000,
      affectedSystems: ['s3://exports-prod'],
      countries: ['BE', 'FR'],
      encrypted: false,
      unintelligible: false,
      likelyConsequences: 'Phishing aimed at customers',
    });
    expect(scope.status).toBe(201);
  });

  it('answers the GDPR Art. 33 draft as JSON by default: fields with whether they are mandatory, nothing missing, text and Markdown', async () => {
    const res = await call('GET', draftUrl('GDPR', 'notify-supervisory-authority', '?timeZone=Europe/Brussels'), { key: keys.viewer });

    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.body).toMatchObject({
      regime: 'GDPR',
      obligation: 'notify-supervisory-authority',
      recipient: 'Supervisory authority',
      title: `Personal data breach notification to the supervisory authority (GDPR Art. 33), initial notice, ${reference}`,
      missing: [],
      complete: true,
    });
    expect(res.body.fields).toContainEqual({ name: 'dataSubjectsApprox', label: 'Approximate number of data subjects', value: 'about 12,500 people', legalBasis: 'GDPR Art. 33(3)(a)', required: true });
    expect(res.body.fields).toContainEqual(expect.objectContaining({ name: 'dpoContact', value: 'Dana Privacy (email dpo@example.test, phone +32 2 555 01 00)', required: true }));
    expect(Object.keys(res.body).sort()).toEqual(['complete', 'fields', 'markdown', 'missing', 'obligation', 'recipient', 'regime', 'text', 'title']);
    expect(res.body.text).toContain('Made the bucket private');
    expect(res.body.markdown).toContain('## 3. Nature of the breach (Art. 33(3)(a))');
  });

  it('answers text/markdown with ?format=markdown', async () => {
    const res = await call('GET', draftUrl('GDPR', 'notify-supervisory-authority', '?format=markdown'), { key: keys.viewer });

    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
    expect(res.body.startsWith(`# Personal data breach notification to the supervisory authority (GDPR Art. 33), initial notice, ${reference}\n`)).toBe(true);
    expect(res.body).toContain('Title: \\<script\\>alert(1)\\</script\\> bucket exposed');
    expect(res.body).toContain('- **Approximate number of data subjects:** about 12,500 people');
  });

  it('answers a complete, escaped HTML document with print CSS with ?format=html', async () => {
    const res = await call('GET', draftUrl('GDPR', 'notify-supervisory-authority', '?format=html'), { key: keys.viewer });

    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.body.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(res.body).toContain('@media print');
    expect(res.body).toContain('Title: &lt;script&gt;alert(1)&lt;/script&gt; bucket exposed');
    expect(res.body).not.toContain('<script>');
  });

  it('drafts a clock the DPO ruled in, listing the facts the case file does not hold as missing', async () => {
    const ruled = await call('POST', `/v1/incidents/${id}/regimes`, { key: keys.dpo, json: { include: ['LGPD'], exclude: [], reason: 'Customers in Brazil were affected' } });
    expect(ruled.status).toBe(200);
    expect(ruled.body.state.deadlines).toContainEqual(expect.objectContaining({ regime: 'LGPD', obligation: 'notify-anpd' }));

    const res = await call('GET', draftUrl('LGPD', 'notify-anpd'), { key: keys.viewer });

    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      regime: 'LGPD',
      obligation: 'notify-anpd',
      recipient: 'Autoridade Nacional de Proteção de Dados (ANPD)',
      missing: ['breachDate', 'vulnerableSubjects', 'totalSubjectsProcessed'],
      complete: false,
    });
    expect(res.body.fields).toContainEqual(expect.objectContaining({ name: 'encryption', value: 'the data were not encrypted', required: true }));
    expect(res.body.text).toContain('[missing: Date of the incident]');
  });

  it('answers 404 problem+json for an obligation with no template, an unknown obligation and a clock the incident does not have', async () => {
    for (const [regime, obligation, detail] of [
      ['GDPR', 'document-breach', 'No notice template for GDPR document-breach.'],
      ['GDPR', 'no-such-obligation', 'No notice template for GDPR no-such-obligation.'],
      ['DORA', 'initial-notification', 'The incident has no DORA initial-notification clock.'],
    ] as const) {
      const res = await call('GET', draftUrl(regime, obligation, '?format=html'), { key: keys.viewer });
      expect({ obligation, status: res.status, type: res.headers.get('content-type') }).toEqual({ obligation, status: 404, type: expect.stringMatching(/^application\/problem\+json/) });
      expect(res.body).toMatchObject({ status: 404, title: 'Not Found', detail });
    }
  });

  it('answers 404 for an unknown incident and 422 for an unknown format', async () => {
    const unknown = await call('GET', '/v1/incidents/6f1d2c3b-0000-4000-8000-000000000000/clocks/GDPR/notify-supervisory-authority/draft', { key: keys.viewer });
    expect(unknown.status).toBe(404);
    const pdf = await call('GET', draftUrl('GDPR', 'notify-supervisory-authority', '?format=pdf'), { key: keys.viewer });
    expect(pdf.status).toBe(422);
    expect(pdf.body.errors).toEqual([expect.objectContaining({ location: 'query', path: ['format'] })]);
  });
});

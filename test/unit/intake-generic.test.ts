// Fixture test/fixtures/intake/generic-alert.json: our own format (src/domain/intake/generic-alert.ts), no vendor source.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GenericAlertSchema, fromGeneric } from '../../src/domain/intake/generic-alert';
import { NormalizedAlertSchema } from '../../src/domain/intake/normalized-alert';

const sample = JSON.parse(readFileSync(join(__dirname, '../fixtures/intake/generic-alert.json'), 'utf8')) as Record<string, unknown>;
const minimal = { title: 'Suspicious login', severity: 'low', detectedAt: '2026-03-28T08:00:00Z' };

function normalize(payload: unknown) {
  return fromGeneric(GenericAlertSchema.parse(payload));
}

function issuePaths(payload: unknown) {
  return GenericAlertSchema.safeParse(payload).error?.issues.map((issue) => issue.path);
}

describe('fromGeneric', () => {
  it('maps the sample payload field for field, with the detection time in UTC', () => {
    expect(normalize(sample)).toEqual({
      format: 'generic',
      externalId: 'EDR-2026-000431',
      title: 'Ransomware note found on file server',
      severity: 'critical',
      detectedAt: '2026-03-28T08:15:00Z',
      correlationKey: 'edr:fs-01:ransomware',
      assets: ['fs-01', 'hr-share'],
      observables: [
        { type: 'sha256', value: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08' },
        { type: 'ip', value: '198.51.100.23' },
      ],
      dataCategoryHints: ['employee records', 'payroll'],
      description: 'EDR quarantined README_RESTORE.txt in three HR shares.',
    });
  });

  it('fills absent optional fields with null and empty lists', () => {
    expect(normalize(minimal)).toEqual({
      format: 'generic',
      externalId: null,
      title: 'Suspicious login',
      severity: 'low',
      detectedAt: '2026-03-28T08:00:00Z',
      correlationKey: null,
      assets: [],
      observables: [],
      dataCategoryHints: [],
      description: null,
    });
  });

  it('cuts a title over 200 characters to 200, ending in an ellipsis', () => {
    const alert = normalize({ ...minimal, title: 'A'.repeat(500) });
    expect(alert.title).toBe(`${'A'.repeat(199)}…`);
    expect(NormalizedAlertSchema.safeParse(alert).success).toBe(true);
  });

  it('drops duplicate assets and a blank description', () => {
    const alert = normalize({ ...minimal, affectedAssets: ['fs-01', 'fs-01 '], description: '   ' });
    expect([alert.assets, alert.description]).toEqual([['fs-01'], null]);
  });
});

describe('GenericAlertSchema', () => {
  it('names a missing required field in the issue path', () => {
    const { title: _title, ...withoutTitle } = minimal;
    expect(issuePaths(withoutTitle)).toEqual([['title']]);
  });

  it('refuses fields it does not define, since it is our own format', () => {
    const result = GenericAlertSchema.safeParse({ ...minimal, priority: 'P1' });
    expect(result.error?.issues.map((issue) => [issue.code, issue.path])).toEqual([['unrecognized_keys', []]]);
  });

  it('refuses a detection time without offset and an impossible date', () => {
    expect(issuePaths({ ...minimal, detectedAt: '2026-03-28T08:00:00' })).toEqual([['detectedAt']]);
    expect(issuePaths({ ...minimal, detectedAt: '2026-02-30T08:00:00Z' })).toEqual([['detectedAt']]);
  });

  it('refuses a severity outside low, medium, high, critical', () => {
    expect(issuePaths({ ...minimal, severity: 'very-high' })).toEqual([['severity']]);
  });

  it('names the index of a bad observable', () => {
    expect(issuePaths({ ...minimal, observables: [{ type: 'ip', value: '198.51.100.1' }, { type: 'ip' }] })).toEqual([['observables', 1, 'value']]);
  });
});

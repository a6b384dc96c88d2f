import { z } from 'zod';
import { reportedIssues } from '../../src/api/zod-issues';
import { ContactCreateSchema } from '../../src/domain/contacts';
import { EvidenceRegisterSchema, FindingCreateSchema } from '../../src/domain/lifecycle';

const AT = '2026-03-28T09:00:00Z';
const ITEM = { description: 'Disk image', source: 'web-01', collectedBy: 'Forensics', collectedAt: AT, method: 'disk image' };
const CONTACT = { name: 'Dana Privacy', role: 'dpo' };

function reported(schema: z.ZodType, value: unknown) {
  const result = schema.safeParse(value);
  if (result.success) throw new Error('expected a refusal');
  return reportedIssues(result.error.issues).map(({ path, code, message }) => ({ path, code, message }));
}

describe('reportedIssues', () => {
  it('names the field a body without its conditional requirement lacks, not the union', () => {
    expect(reported(EvidenceRegisterSchema, { ...ITEM, sizeBytes: 10 })).toEqual([{ path: ['sha256'], code: 'invalid_type', message: expect.any(String) }]);
    expect(reported(ContactCreateSchema, CONTACT)).toEqual([{ path: ['email'], code: 'invalid_type', message: 'Give an email address or a webhook URL' }]);
    expect(reported(ContactCreateSchema, { ...CONTACT, email: 'dpo@example.test', webhookSecret: `whsec_${'A'.repeat(32)}` })).toEqual([
      { path: ['webhookUrl'], code: 'invalid_type', message: 'An http(s) URL' },
    ]);
  });

  it('reports the branch the body chose: its other mistakes, not the other branch’s missing or refused keys', () => {
    expect(reported(EvidenceRegisterSchema, { ...ITEM, sha256: 'ab'.repeat(32), description: ' ' })).toEqual([
      { path: ['description'], code: 'invalid_format', message: expect.any(String) },
    ]);
    expect(reported(EvidenceRegisterSchema, { ...ITEM, sha256: 'ab'.repeat(32), severity: 'high' })).toEqual([
      { path: [], code: 'unrecognized_keys', message: 'Unrecognized key: "severity"' },
    ]);
    expect(reported(EvidenceRegisterSchema, { ...ITEM, sha256: 'not-a-hash' })).toEqual([
      { path: ['sha256'], code: 'invalid_format', message: 'SHA-256 as 64 lowercase hex characters' },
    ]);
    expect(reported(ContactCreateSchema, { ...CONTACT, email: 'not-an-email', webhookUrl: 'ftp://example.test' })).toEqual([
      { path: ['email'], code: 'invalid_format', message: expect.any(String) },
      { path: ['webhookUrl'], code: 'invalid_format', message: 'An http(s) URL' },
    ]);
  });

  it('reports the shared issue once when every branch refuses the value the same way', () => {
    expect(reported(EvidenceRegisterSchema, [])).toEqual([{ path: [], code: 'invalid_type', message: 'Invalid input: expected object, received array' }]);
  });

  it('keeps a union of scalars as one issue at the value, with the full path', () => {
    expect(reported(FindingCreateSchema, { summary: 'x', details: { vector: { nested: true } } })).toEqual([
      { path: ['details', 'vector'], code: 'invalid_union', message: 'Invalid input' },
    ]);
  });

  it('prefixes the issues of a nested union with the path to it', () => {
    const schema = z.strictObject({ items: z.array(EvidenceRegisterSchema) });
    expect(reported(schema, { items: [ITEM, { ...ITEM, sizeBytes: 1 }] })).toEqual([{ path: ['items', 1, 'sha256'], code: 'invalid_type', message: expect.any(String) }]);
  });
});

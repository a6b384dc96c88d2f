import type { z } from 'zod';
import {
  AuthorityDecisionSchema,
  ContainmentStatusUpdateSchema,
  CustodyEventCreateSchema,
  EvidenceRegisterSchema,
  FindingCreateSchema,
  IncidentCloseSchema,
  RiskSignOffSchema,
  ScopeSchema,
  SubjectsDecisionSchema,
} from '../../src/domain/lifecycle';

const AT = '2026-03-28T09:00:00+01:00';
const SHA256 = 'ab'.repeat(32);
const ITEM = { description: 'Disk image of the web server', source: 'web-01', collectedBy: 'Forensics', collectedAt: AT, method: 'disk image' };

/** The paths of the issues a parse reports, or 'ok'. */
function outcome(schema: z.ZodType, value: unknown): 'ok' | (PropertyKey[] | string)[] {
  const result = schema.safeParse(value);
  return result.success ? 'ok' : result.error.issues.map((i) => (i.path.length > 0 ? i.path : i.code));
}

describe('conditional requirements', () => {
  it.each<[string, z.ZodType, unknown, ReturnType<typeof outcome>]>([
    ['containment: contained with its time', ContainmentStatusUpdateSchema, { status: 'contained', confirmedAt: AT }, 'ok'],
    ['containment: contained without its time', ContainmentStatusUpdateSchema, { status: 'contained' }, [['confirmedAt']]],
    ['containment: in progress', ContainmentStatusUpdateSchema, { status: 'in-progress', note: '' }, 'ok'],
    ['containment: in progress with a confirmation time', ContainmentStatusUpdateSchema, { status: 'in-progress', confirmedAt: AT }, [['confirmedAt']]],
    ['containment: not started with a confirmation time', ContainmentStatusUpdateSchema, { status: 'not-started', confirmedAt: AT }, [['confirmedAt']]],
    ['containment: unknown status', ContainmentStatusUpdateSchema, { status: 'done' }, [['status']]],
    ['authority: notify', AuthorityDecisionSchema, { decision: 'notify' }, 'ok'],
    ['authority: notify with a reason', AuthorityDecisionSchema, { decision: 'notify', reason: 'High risk' }, 'ok'],
    ['authority: not required with the reason', AuthorityDecisionSchema, { decision: 'not-required', reason: 'Encrypted, key safe' }, 'ok'],
    ['authority: not required without a reason', AuthorityDecisionSchema, { decision: 'not-required' }, [['reason']]],
    ['authority: not required with a blank reason', AuthorityDecisionSchema, { decision: 'not-required', reason: ' \n' }, [['reason']]],
    ['subjects: notify', SubjectsDecisionSchema, { decision: 'notify' }, 'ok'],
    ['subjects: exempt with ground and reason', SubjectsDecisionSchema, { decision: 'exempt', exemption: 'unintelligible-data', reason: 'AES-256, key not compromised' }, 'ok'],
    ['subjects: exempt without a ground', SubjectsDecisionSchema, { decision: 'exempt', reason: 'Encrypted' }, [['exemption']]],
    ['subjects: exempt without a reason', SubjectsDecisionSchema, { decision: 'exempt', exemption: 'subsequent-measures' }, [['reason']]],
    ['close: resolved with lessons learned', IncidentCloseSchema, { kind: 'resolved', lessonsLearned: 'Check bucket policies in CI' }, 'ok'],
    ['close: resolved without lessons learned', IncidentCloseSchema, { kind: 'resolved', reason: 'Done' }, [['lessonsLearned']]],
    ['close: not a breach with the reason', IncidentCloseSchema, { kind: 'not-a-breach', reason: 'No personal data involved' }, 'ok'],
    ['close: not a breach without a reason', IncidentCloseSchema, { kind: 'not-a-breach', lessonsLearned: 'x' }, [['reason']]],
    ['custody: transfer naming both sides', CustodyEventCreateSchema, { event: 'transferred', from: 'Forensics', to: 'Legal', purpose: 'Review', occurredAt: AT }, 'ok'],
    ['custody: transfer without "to"', CustodyEventCreateSchema, { event: 'transferred', from: 'Forensics', purpose: 'Review', occurredAt: AT }, [['to']]],
    ['custody: transfer without "from"', CustodyEventCreateSchema, { event: 'transferred', to: 'Legal', purpose: 'Review', occurredAt: AT }, [['from']]],
    ['custody: access without either side', CustodyEventCreateSchema, { event: 'accessed', purpose: 'Review', occurredAt: AT }, 'ok'],
    ['sign-off: accept', RiskSignOffSchema, {}, 'ok'],
    ['sign-off: accept with a note', RiskSignOffSchema, { justification: 'Agreed' }, 'ok'],
    ['sign-off: override with a justification', RiskSignOffSchema, { outcome: 'notify-authority', justification: 'Competitor received it' }, 'ok'],
    ['sign-off: override without a justification', RiskSignOffSchema, { outcome: 'notify-authority' }, [['justification']]],
    ['evidence: neither hash nor size', EvidenceRegisterSchema, ITEM, 'ok'],
    ['evidence: hash alone', EvidenceRegisterSchema, { ...ITEM, sha256: SHA256 }, 'ok'],
    ['evidence: hash and size', EvidenceRegisterSchema, { ...ITEM, sha256: SHA256, sizeBytes: 1024 }, 'ok'],
  ])('%s', (_name, schema, value, expected) => {
    expect(outcome(schema, value)).toEqual(expected);
  });

  it('refuses a size without the hash it belongs to', () => {
    expect(EvidenceRegisterSchema.safeParse({ ...ITEM, sizeBytes: 1024 }).success).toBe(false);
  });

  it('refuses unknown keys on every branch', () => {
    const bodies: [z.ZodType, Record<string, unknown>][] = [
      [ContainmentStatusUpdateSchema, { status: 'contained', confirmedAt: AT }],
      [ContainmentStatusUpdateSchema, { status: 'in-progress' }],
      [IncidentCloseSchema, { kind: 'resolved', lessonsLearned: 'x' }],
      [IncidentCloseSchema, { kind: 'not-a-breach', reason: 'x' }],
      [RiskSignOffSchema, {}],
      [RiskSignOffSchema, { outcome: 'register-only', justification: 'x' }],
      [EvidenceRegisterSchema, ITEM],
      [EvidenceRegisterSchema, { ...ITEM, sha256: SHA256 }],
    ];
    for (const [schema, body] of bodies) {
      expect(schema.safeParse(body).success).toBe(true);
      expect(schema.safeParse({ ...body, severity: 'high' }).success).toBe(false);
    }
  });
});

describe('free text PostgreSQL must store', () => {
  it('refuses a NUL in a finding: summary, detail values and detail keys, at the field', () => {
    expect(outcome(FindingCreateSchema, { summary: 'Exfiltration\u0000' })).toEqual([['summary']]);
    expect(outcome(FindingCreateSchema, { summary: 'x', details: { vector: 'phish\u0000' } })).toEqual([['details', 'vector']]);
    expect(outcome(FindingCreateSchema, { summary: 'x', details: { 'vec\u0000tor': 'phishing' } })).toEqual([['details', 'vec\u0000tor']]);
    expect(outcome(FindingCreateSchema, { summary: 'x', details: { vector: '', downloads: 14, confirmed: true, note: null } })).toBe('ok');
  });

  it('refuses blank and NUL-holding entries in the scope, and a NUL in its optional prose', () => {
    const scope = { dataCategories: ['contact details'], dataSubjectsApprox: 10, recordsApprox: 10, encrypted: false, unintelligible: false };
    expect(outcome(ScopeSchema, scope)).toBe('ok');
    expect(outcome(ScopeSchema, { ...scope, dataCategories: ['contact details', '\u00a0'] })).toEqual([['dataCategories', 1]]);
    expect(outcome(ScopeSchema, { ...scope, affectedSystems: ['crm\u0000'] })).toEqual([['affectedSystems', 0]]);
    expect(outcome(ScopeSchema, { ...scope, likelyConsequences: 'Phishing\u0000' })).toEqual([['likelyConsequences']]);
    expect(ScopeSchema.parse({ ...scope, likelyConsequences: '  ' }).likelyConsequences).toBe('');
  });
});

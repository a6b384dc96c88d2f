// The workflow's cheap guards against the API's zod schemas: a guard never refuses what the schema accepts, and
// refuses the arguments whose fields the workflow's rules read are missing or of the wrong type.
import fc from 'fast-check';
import { ActorSchema, OpenIncidentRequestSchema } from '../../src/domain/incident';
import { assertActor, assertOpenRequest, assertWriteRequest, MalformedUpdateError } from '../../src/workflows/guards';

const accepts = (guard: (value: unknown) => void, value: unknown) => {
  try {
    guard(value);
    return true;
  } catch (error) {
    if (!(error instanceof MalformedUpdateError)) throw error;
    return false;
  }
};

const instant = fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString());
const actor = fc.record({ keyId: fc.option(fc.uuid(), { nil: null }), name: fc.string(), role: fc.constantFrom('admin', 'dpo', 'responder', 'intake'), subject: fc.option(fc.string(), { nil: undefined }) }, { requiredKeys: ['keyId', 'name', 'role'] });
const incident = fc.record({ title: fc.string({ minLength: 1, maxLength: 200 }), detectedAt: instant, awareAt: fc.option(instant, { nil: undefined }) }, { requiredKeys: ['title', 'detectedAt'] });

describe('workflow guards', () => {
  it('accept every actor and opening the schemas accept', () => {
    fc.assert(fc.property(actor, (a) => !ActorSchema.safeParse(a).success || accepts(assertActor, a)));
    fc.assert(fc.property(incident, actor, (i, a) => !OpenIncidentRequestSchema.safeParse({ incident: i, actor: a }).success || accepts(assertOpenRequest, { incident: i, actor: a })));
  });

  it('accept nothing the schemas refuse for a field the workflow reads', () => {
    fc.assert(fc.property(fc.anything(), (value) => !accepts(assertActor, value) || ActorSchema.safeParse(value).success || Object.keys(value as object).some((k) => !['keyId', 'name', 'role', 'subject'].includes(k))));
  });

  it('refuse arguments without the fields the workflow reads', () => {
    const someone = { keyId: null, name: 'A', role: 'admin' };
    expect(accepts(assertActor, { keyId: null, name: 'A' })).toBe(false);
    expect(accepts(assertActor, { keyId: 7, name: 'A', role: 'admin' })).toBe(false);
    expect(accepts(assertWriteRequest, { input: 'text', actor: someone })).toBe(false);
    expect(accepts(assertWriteRequest, { input: [], actor: someone })).toBe(false);
    expect(accepts(assertWriteRequest, { input: {}, actor: someone })).toBe(true);
    expect(accepts(assertOpenRequest, { incident: { title: 'T', detectedAt: 'yesterday' }, actor: someone })).toBe(false);
    expect(accepts(assertOpenRequest, { incident: { title: 'T', detectedAt: '2026-01-01T00:00:00Z', awareAt: 3 }, actor: someone })).toBe(false);
    expect(accepts(assertOpenRequest, { incident: { detectedAt: '2026-01-01T00:00:00Z' }, actor: someone })).toBe(false);
  });
});

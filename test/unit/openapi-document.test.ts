import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Client } from '@temporalio/client';
import pg from 'pg';
import pino from 'pino';
import { createApp } from '../../src/api/app';
import type { ControllerIdentity } from '../../src/api/case-file-service';
import { NON_BLANK_TEXT_PATTERN, STORABLE_TEXT_PATTERN } from '../../src/domain/text';
import type { EvidenceStore } from '../../src/evidence/evidence-store';

type Schema = Record<string, any>;

let document: { paths: Record<string, Record<string, any>>; components: { schemas: Record<string, Schema> } };

beforeAll(async () => {
  // Nothing here connects: building the app only wires routes, and serving the document reads no dependency.
  const pool = new pg.Pool();
  const app = createApp({
    pool,
    temporal: {} as Client,
    logger: pino({ level: 'silent' }),
    taskQueue: 'openapi-document-test',
    maxBodyBytes: 1_000_000,
    rpcTimeoutMs: 1_000,
    intakeTimeoutMs: 1_000,
    evidence: {} as EvidenceStore,
    maxEvidenceBytes: 1_000_000,
    controller: {} as ControllerIdentity,
    publicUrl: 'http://127.0.0.1',
    session: { idleMinutes: 30, maxHours: 12 },
    consoleDir: '/nonexistent',
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  try {
    const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/openapi.json`);
    document = (await res.json()) as typeof document;
  } finally {
    await new Promise((resolve) => server.close(resolve));
    await pool.end();
  }
});

function resolve(schema: Schema): Schema {
  const ref = schema.$ref as string | undefined;
  return ref ? document.components.schemas[ref.replace('#/components/schemas/', '')]! : schema;
}

/** The JSON request bodies: operation, and the schema as written (a $ref for named components). */
function requestBodies(): [string, Schema][] {
  return Object.entries(document.paths).flatMap(([path, operations]) =>
    Object.entries(operations).flatMap(([method, operation]) => {
      const schema = operation?.requestBody?.content?.['application/json']?.schema as Schema | undefined;
      return schema ? [[`${method.toUpperCase()} ${path}`, schema] as [string, Schema]] : [];
    }),
  );
}

/** The branches of a body: each alternative of a oneOf/anyOf, or the body itself. */
function branches(schema: Schema): Schema[] {
  const resolved = resolve(schema);
  const options = (resolved.oneOf ?? resolved.anyOf) as Schema[] | undefined;
  return options ? options.map(resolve) : [resolved];
}

function allowsNull(schema: Schema): boolean {
  const resolved = resolve(schema);
  const types = ([] as unknown[]).concat(resolved.type ?? []);
  return types.includes('null') || resolved.nullable === true || ((resolved.oneOf ?? resolved.anyOf) as Schema[] | undefined)?.some(allowsNull) === true;
}

/** Every string schema under a schema, with the path to it. */
function strings(schema: Schema, at: string, seen = new Set<Schema>()): [string, Schema][] {
  const resolved = resolve(schema);
  if (seen.has(resolved)) return [];
  seen.add(resolved);
  const here: [string, Schema][] = ([] as unknown[]).concat(resolved.type ?? []).includes('string') ? [[at, resolved]] : [];
  const nested: [string, Schema][] = [
    ...Object.entries((resolved.properties ?? {}) as Record<string, Schema>).map(([key, s]) => [`${at}.${key}`, s] as [string, Schema]),
    ...((resolved.oneOf ?? resolved.anyOf ?? []) as Schema[]).map((s, i) => [`${at}|${i}`, s] as [string, Schema]),
    ...(resolved.items ? [[`${at}[]`, resolved.items] as [string, Schema]] : []),
    ...(typeof resolved.additionalProperties === 'object' ? [[`${at}{}`, resolved.additionalProperties] as [string, Schema]] : []),
    ...(resolved.propertyNames ? [[`${at}{key}`, resolved.propertyNames] as [string, Schema]] : []),
  ];
  return [...here, ...nested.flatMap(([path, s]) => strings(s, path, seen))];
}

/** The branch whose discriminator property admits exactly `value`. */
function branchWhere(component: string, property: string, value: string): Schema {
  const matching = branches({ $ref: `#/components/schemas/${component}` }).filter((b) => (b.properties?.[property]?.enum as unknown[] | undefined)?.includes(value));
  expect({ component, property, value, matching: matching.length }).toEqual({ component, property, value, matching: 1 });
  return matching[0]!;
}

describe('the OpenAPI document', () => {
  it('has request bodies, none of which allows null', () => {
    const bodies = requestBodies();
    expect(bodies.length).toBeGreaterThan(20);
    expect(bodies.filter(([, schema]) => allowsNull(schema)).map(([operation]) => operation)).toEqual([]);
  });

  it('closes every object branch of every request body (additionalProperties: false)', () => {
    const open = requestBodies().flatMap(([operation, schema]) =>
      branches(schema)
        .filter((b) => b.type === 'object' && b.additionalProperties !== false && b.properties)
        .map(() => operation),
    );
    expect(open).toEqual([]);
  });

  it('states the text rule on required free text: non-blank by the trim character set, no NUL, with its lengths', () => {
    expect(document.components.schemas.IncidentCreate!.properties.title).toEqual({ type: 'string', minLength: 1, maxLength: 200, pattern: NON_BLANK_TEXT_PATTERN.source });
    expect(document.components.schemas.IncidentCreate!.properties.description).toEqual({ type: 'string', maxLength: 20_000, pattern: STORABLE_TEXT_PATTERN.source });
    const pattern = new RegExp(document.components.schemas.IncidentCreate!.properties.title.pattern as string);
    expect(['Leaked bucket', ' x ', '\u3000x'].every((s) => pattern.test(s))).toBe(true);
    expect([' ', '\u00a0\u2028', '\ufeff', 'x\u0000'].some((s) => pattern.test(s))).toBe(false);
  });

  it('gives every string in a request body a pattern, an enum or a format whose values hold no NUL', () => {
    const unruled = requestBodies().flatMap(([operation, schema]) =>
      strings(schema, operation)
        .filter(([, s]) => s.pattern === undefined && s.enum === undefined && !['uuid', 'email', 'date-time'].includes(s.format as string))
        .map(([path]) => path),
    );
    expect(unruled).toEqual([]);
    const patterns = new Set(requestBodies().flatMap(([operation, schema]) => strings(schema, operation).map(([, s]) => s.pattern as string | undefined)));
    for (const pattern of patterns) {
      if (pattern !== undefined) expect({ pattern, matchesNul: new RegExp(pattern).test('\u0000') || new RegExp(pattern).test('a\u0000') }).toEqual({ pattern, matchesNul: false });
    }
  });

  it('states the finding details limits: at most 50 entries, keys of at most 100 characters without NUL', () => {
    const details = document.components.schemas.FindingCreate!.properties.details as Schema;
    expect(details).toMatchObject({ type: 'object', maxProperties: 50, propertyNames: { type: 'string', maxLength: 100, pattern: STORABLE_TEXT_PATTERN.source } });
  });

  it('states each conditional requirement as branches: what each branch requires and what it does not allow', () => {
    const cases: [string, string, string, string[], string[]][] = [
      // component, discriminator, value, required in that branch, not allowed in that branch
      ['IncidentClose', 'kind', 'resolved', ['kind', 'lessonsLearned'], []],
      ['IncidentClose', 'kind', 'not-a-breach', ['kind', 'reason'], []],
      ['ContainmentStatusUpdate', 'status', 'contained', ['status', 'confirmedAt'], []],
      ['ContainmentStatusUpdate', 'status', 'in-progress', ['status'], ['confirmedAt']],
      ['ContainmentStatusUpdate', 'status', 'not-started', ['status'], ['confirmedAt']],
      ['AuthorityDecision', 'decision', 'not-required', ['decision', 'reason'], []],
      ['AuthorityDecision', 'decision', 'notify', ['decision'], []],
      ['SubjectsDecision', 'decision', 'exempt', ['decision', 'exemption', 'reason'], []],
      ['SubjectsDecision', 'decision', 'notify', ['decision'], []],
      ['CustodyEventCreate', 'event', 'transferred', ['event', 'from', 'to', 'purpose', 'occurredAt'], []],
      ['CustodyEventCreate', 'event', 'accessed', ['event', 'purpose', 'occurredAt'], []],
      ['RiskSignOff', 'outcome', 'notify-authority', ['outcome', 'justification'], []],
    ];
    for (const [component, property, value, required, notAllowed] of cases) {
      const branch = branchWhere(component, property, value);
      expect({ component, value, required: branch.required, additionalProperties: branch.additionalProperties }).toEqual({ component, value, required, additionalProperties: false });
      for (const key of notAllowed) expect({ component, value, key, schema: branch.properties[key] }).toEqual({ component, value, key, schema: expect.objectContaining({ not: {} }) });
    }
  });

  it('states the rules without a discriminator value as mutually exclusive branches: sign-off, evidence, contacts', () => {
    const signOff = branches({ $ref: '#/components/schemas/RiskSignOff' });
    expect(signOff.map((b) => b.required ?? [])).toEqual([['outcome', 'justification'], []]);
    expect(signOff[1]!.properties.outcome).toMatchObject({ not: {} });

    const evidence = branches({ $ref: '#/components/schemas/EvidenceRegister' });
    expect(evidence.map((b) => ({ sha256Required: (b.required as string[]).includes('sha256'), additionalProperties: b.additionalProperties }))).toEqual([
      { sha256Required: true, additionalProperties: false },
      { sha256Required: false, additionalProperties: false },
    ]);
    expect(evidence[1]!.properties).toMatchObject({ sha256: { not: {} }, sizeBytes: { not: {} } });

    const contacts = branches({ $ref: '#/components/schemas/ContactCreate' });
    expect(contacts.map((b) => b.required)).toEqual([
      ['name', 'role', 'email'],
      ['name', 'role', 'webhookUrl'],
      ['name', 'role'],
    ]);
    expect(contacts[0]!.properties).toMatchObject({ webhookUrl: { not: {} }, webhookSecret: { not: {} } });
    expect(contacts[2]!.properties).toMatchObject({ email: { not: {} }, webhookUrl: { not: {} }, webhookSecret: { not: {} } });
    expect(contacts[1]!.properties.webhookUrl).toMatchObject({ type: 'string', format: 'uri', pattern: STORABLE_TEXT_PATTERN.source });
  });

  it('states that no regime is both included and excluded', () => {
    const selection = document.components.schemas.RegimeSelection!;
    const clauses = selection.not.anyOf as Schema[];
    expect(clauses).toContainEqual({ required: ['include', 'exclude'], properties: { include: { contains: { const: 'GDPR' } }, exclude: { contains: { const: 'GDPR' } } } });
    expect(clauses.map((c) => c.properties.include.contains.const)).toEqual(selection.properties.include.items.enum);
  });
});

describe('the console’s copy of the document', () => {
  it('is the document the API serves, so the console’s generated client matches the API (regenerate: npm run generate -w web)', () => {
    const copy = JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'web', 'src', 'api', 'openapi.json'), 'utf8')) as unknown;
    expect(copy).toEqual(document);
  });
});

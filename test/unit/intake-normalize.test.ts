// Fixtures test/fixtures/intake/*.json; their sources are noted in intake-aws-guardduty, intake-splunk and
// intake-elastic-security tests.
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { IntakeFormatSchema, NormalizedAlertSchema, normalizeAlert, type IntakeFormat } from '../../src/domain/intake';

type Json = Record<string, any>;
const fixture = (name: string): Json => JSON.parse(readFileSync(join(__dirname, '../fixtures/intake', name), 'utf8'));
const options = { receivedAt: '2026-03-28T10:00:00Z' };
const FORMATS = IntakeFormatSchema.options;

const SAMPLES: [IntakeFormat, string][] = [
  ['generic', 'generic-alert.json'],
  ['aws-guardduty', 'aws-guardduty-s3-finding.json'],
  ['aws-guardduty', 'aws-guardduty-ec2-finding.json'],
  ['splunk', 'splunk-webhook-documented.json'],
  ['splunk', 'splunk-webhook-saved-search.json'],
  ['elastic-security', 'elastic-security-alert-mixed.json'],
  ['elastic-security', 'elastic-security-alert-nested.json'],
];

function expectValidIfOk(result: ReturnType<typeof normalizeAlert>): void {
  if (result.ok) expect(NormalizedAlertSchema.safeParse(result.alert).error).toBeUndefined();
  else expect(result.issues.length).toBeGreaterThan(0);
}

// Strings with whitespace, astral characters and lone surrogates, up to past the title limit.
const anyText = fc.oneof(fc.string({ maxLength: 300 }), fc.string({ unit: 'binary', maxLength: 300 }), fc.constantFrom('', '  ', '😀'.repeat(120)));
// Text the strict generic format accepts: not blank once trimmed, within its limit.
const nonBlank = (max: number) =>
  fc.oneof(fc.string({ minLength: 1, maxLength: max }), fc.string({ unit: 'binary', minLength: 1, maxLength: max })).filter((s) => s.trim() !== '');
const instant = fc.date({ min: new Date('0001-01-02T00:00:00Z'), max: new Date('9999-12-30T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString());
const severity = fc.constantFrom('low', 'medium', 'high', 'critical');
const textOrList = fc.oneof(anyText, fc.array(anyText, { maxLength: 5 }));

const shapedPayloads: Record<IntakeFormat, fc.Arbitrary<unknown>> = {
  generic: fc.record(
    {
      title: nonBlank(1000),
      severity,
      detectedAt: instant,
      correlationKey: nonBlank(500),
      description: anyText,
      affectedAssets: fc.array(nonBlank(500), { maxLength: 100 }),
      observables: fc.array(fc.record({ type: nonBlank(50), value: nonBlank(1000) }), { maxLength: 5 }),
      dataCategoryHints: fc.array(nonBlank(200), { maxLength: 5 }),
      externalId: nonBlank(500),
    },
    { requiredKeys: ['title', 'severity', 'detectedAt'] },
  ),
  'aws-guardduty': fc.record({
    'detail-type': fc.constant('GuardDuty Finding'),
    source: fc.constant('aws.guardduty'),
    detail: fc.record(
      {
        accountId: anyText,
        id: anyText,
        type: anyText,
        severity: fc.double({ min: 0, max: 10, noNaN: true }),
        createdAt: instant,
        title: fc.option(anyText),
        description: fc.option(anyText),
        resource: fc.record(
          {
            resourceType: fc.constantFrom('Instance', 'S3Bucket', 'AccessKey', 'Other'),
            instanceDetails: fc.record({ instanceId: anyText }),
            s3BucketDetails: fc.array(fc.record({ name: anyText }), { maxLength: 120 }),
            accessKeyDetails: fc.record({ userName: anyText, accessKeyId: anyText }),
          },
          { requiredKeys: [] },
        ),
        service: fc.record(
          {
            eventFirstSeen: instant,
            action: fc.record({ networkConnectionAction: fc.record({ remoteIpDetails: fc.record({ ipAddressV4: anyText }) }) }),
          },
          { requiredKeys: [] },
        ),
      },
      { requiredKeys: ['accountId', 'id', 'type', 'severity', 'createdAt', 'resource'] },
    ),
  }),
  splunk: fc.record({
    sid: anyText,
    search_name: fc.option(anyText),
    results_link: fc.option(anyText),
    result: fc.record(
      {
        _time: fc.oneof(instant, fc.integer({ min: 0, max: 253402300799 }).map(String)),
        urgency: textOrList,
        severity: textOrList,
        host: textOrList,
        src: textOrList,
        dest: textOrList,
        user: textOrList,
        description: textOrList,
      },
      { requiredKeys: [] },
    ),
  }),
  'elastic-security': fc.record(
    {
      '@timestamp': instant,
      'kibana.alert.rule.name': anyText.filter((s) => s.trim() !== ''),
      'kibana.alert.severity': severity,
      'kibana.alert.uuid': anyText,
      'kibana.alert.group.id': anyText,
      'kibana.alert.rule.uuid': anyText,
      'kibana.alert.reason': anyText,
      host: fc.record({ name: textOrList }),
      source: fc.record({ ip: textOrList }),
    },
    { requiredKeys: ['@timestamp', 'kibana.alert.rule.name', 'kibana.alert.severity'] },
  ),
};

describe('normalizeAlert', () => {
  it.each(SAMPLES)('normalizes the %s sample %s into a valid alert of that format', (format, name) => {
    const result = normalizeAlert(format, fixture(name), options);
    expect(result.ok && result.alert.format).toBe(format);
    expectValidIfOk(result);
  });

  it('answers issues with paths, not an exception, for a payload in another format', () => {
    const result = normalizeAlert('splunk', fixture('aws-guardduty-s3-finding.json'), options);
    expect(result.ok ? [] : result.issues.map((issue) => issue.path)).toEqual([['sid'], ['search_name'], ['result']]);
  });

  it('answers an issue at the root for a body that is not an object', () => {
    const results = FORMATS.map((format) => normalizeAlert(format, 'hello', options));
    expect(results.map((result) => (result.ok ? null : result.issues.map((issue) => issue.path)))).toEqual(FORMATS.map(() => [[]]));
  });

  it('throws RangeError for a receivedAt without offset, a caller bug rather than bad input', () => {
    expect(() => normalizeAlert('generic', fixture('generic-alert.json'), { receivedAt: '2026-03-28 10:00' })).toThrow(RangeError);
  });

  it('never throws for arbitrary JSON in any format, and every accepted result is a valid normalized alert', () => {
    fc.assert(
      fc.property(fc.constantFrom(...FORMATS), fc.jsonValue(), (format, payload) => {
        expectValidIfOk(normalizeAlert(format, payload, options));
      }),
      { numRuns: 1000 },
    );
  });

  it('never throws for arbitrary objects carrying the keys each format reads', () => {
    const readKeys = fc.constantFrom(
      ...['sid', 'search_name', 'result', 'detail', 'detail-type', 'source', 'title', 'severity', 'detectedAt'],
      ...['@timestamp', 'kibana', 'kibana.alert.rule.name', 'kibana.alert.severity', 'host'],
    );
    const anyKeys = fc.dictionary(readKeys, fc.jsonValue());
    fc.assert(
      fc.property(fc.constantFrom(...FORMATS), anyKeys, (format, payload) => {
        expectValidIfOk(normalizeAlert(format, payload, options));
      }),
      { numRuns: 1000 },
    );
  });

  it.each(FORMATS)('turns %s payloads of the right shape with arbitrary text into valid alerts', (format) => {
    let accepted = 0;
    fc.assert(
      fc.property(shapedPayloads[format], (payload) => {
        const result = normalizeAlert(format, payload, options);
        if (result.ok) accepted++;
        expectValidIfOk(result);
      }),
      { numRuns: 300 },
    );
    // Enough shaped payloads must get through, or the property above says nothing about accepted alerts.
    // (About half do for GuardDuty, whose arbitrary severities and dates are often out of range: a third is the floor.)
    expect(accepted).toBeGreaterThan(100);
  });
});

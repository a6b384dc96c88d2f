// Fixtures test/fixtures/intake/elastic-security-alert-*.json: alert documents built from the fields of Elastic
// Security docs, "Alert schema" (https://www.elastic.co/guide/en/security/current/alert-schema.html):
// `@timestamp`, `kibana.alert.original_time`, `kibana.alert.uuid`, `kibana.alert.rule.{name,uuid,rule_id}`,
// `kibana.alert.severity`, `kibana.alert.reason`, `kibana.alert.group.id` and copied ECS `host.*`, `user.*`,
// `source.*`, `destination.*`, `dns.*`. The mixed fixture follows how Kibana stores alerts (kibana.alert.* as
// dotted keys, ECS fields as nested objects); the nested fixture is the same document fully nested, as a Kibana
// Webhook connector body template may render it (Kibana docs, "Webhook connector" and "Rule action variables").
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ElasticSecurityAlertSchema, flattenDottedKeys, fromElasticSecurity } from '../../src/domain/intake/elastic-security';
import { NormalizedAlertSchema } from '../../src/domain/intake/normalized-alert';

type Json = Record<string, any>;
const fixture = (name: string): Json => JSON.parse(readFileSync(join(__dirname, '../fixtures/intake', name), 'utf8'));
const options = { receivedAt: '2026-03-28T10:00:00Z' };

function normalize(payload: unknown) {
  return fromElasticSecurity(ElasticSecurityAlertSchema.parse(payload), options);
}

function issuePaths(payload: unknown) {
  return ElasticSecurityAlertSchema.safeParse(payload).error?.issues.map((issue) => issue.path);
}

describe('fromElasticSecurity', () => {
  it('maps the mixed-form alert, keyed on rule uuid and host', () => {
    const alert = normalize(fixture('elastic-security-alert-mixed.json'));
    expect(alert).toEqual({
      format: 'elastic-security',
      externalId: '10da92e0b4351ac7b6a3460814f87d13204b7dad67818290dadffdbfff7482b1',
      title: 'Multiple Logon Failure from the same Source Address',
      severity: 'medium',
      detectedAt: '2025-06-02T07:08:52.956Z',
      correlationKey: 'elastic-security:0945c418-c530-45ea-b998-02350c260c5b:desktop-niu0ucp',
      assets: ['desktop-niu0ucp'],
      observables: [
        { type: 'ip', value: '192.168.4.101' },
        { type: 'user', value: 'denny' },
      ],
      dataCategoryHints: [],
      description:
        'authentication event with source 192.168.4.101 by denny on desktop-niu0ucp created medium alert Multiple Logon Failure from the same Source Address.',
    });
    expect(NormalizedAlertSchema.safeParse(alert).success).toBe(true);
  });

  it('maps the nested-form alert, keyed on its sequence group, with original_time in UTC', () => {
    expect(normalize(fixture('elastic-security-alert-nested.json'))).toMatchObject({
      externalId: '7c5e1f7d2b0e4f5a9d3c6b8a1e2f4d6c8b0a2e4f6d8c0b2a4e6f8d0c2b4a6e8f',
      title: 'Suspicious PowerShell Sequence',
      severity: 'high',
      detectedAt: '2025-06-02T07:09:58Z',
      correlationKey: 'elastic-security:group:b1a7a86c2f3e4d5c6b7a8f9e0d1c2b3a4f5e6d7c8b9a0f1e2d3c4b5a6f7e8d9c',
      assets: ['desktop-niu0ucp'],
      observables: [
        { type: 'ip', value: '203.0.113.50' },
        { type: 'user', value: 'denny' },
        { type: 'domain', value: 'updates.example.net' },
      ],
    });
  });

  it('reads the search API fields form, where every value is an array', () => {
    const alert = normalize({
      '@timestamp': ['2025-06-02T07:08:52.979Z'],
      'kibana.alert.rule.name': ['Multiple Logon Failure from the same Source Address'],
      'kibana.alert.rule.rule_id': ['48b6edfc-079d-4907-b43c-baffa243270d'],
      'kibana.alert.severity': ['critical'],
      'host.name': ['desktop-niu0ucp'],
    });
    expect([alert.title, alert.severity, alert.detectedAt, alert.correlationKey]).toEqual([
      'Multiple Logon Failure from the same Source Address',
      'critical',
      '2025-06-02T07:08:52.979Z',
      'elastic-security:48b6edfc-079d-4907-b43c-baffa243270d:desktop-niu0ucp',
    ]);
  });

  it('uses @timestamp when the alert has no original_time', () => {
    const { 'kibana.alert.original_time': _original, ...rest } = fixture('elastic-security-alert-mixed.json');
    expect(normalize(rest).detectedAt).toBe('2025-06-02T07:08:52.979Z');
  });

  it('keys on the rule alone when the alert names no host, and describes it by the rule without a reason', () => {
    const { host: _host, 'kibana.alert.reason': _reason, ...rest } = fixture('elastic-security-alert-mixed.json');
    const alert = normalize(rest);
    expect([alert.correlationKey, alert.assets, alert.description]).toEqual([
      'elastic-security:0945c418-c530-45ea-b998-02350c260c5b',
      [],
      'Identifies multiple consecutive logon failures from the same source address and within a short time interval.',
    ]);
  });
});

describe('ElasticSecurityAlertSchema', () => {
  it('accepts fields the alert schema does not list', () => {
    expect(ElasticSecurityAlertSchema.safeParse({ ...fixture('elastic-security-alert-mixed.json'), 'kibana.alert.new_field': { a: [1] } }).success).toBe(true);
  });

  it('names a missing rule name by its dotted field, whichever form the document used', () => {
    const { 'kibana.alert.rule.name': _name, ...mixed } = fixture('elastic-security-alert-mixed.json');
    const nested = fixture('elastic-security-alert-nested.json');
    delete nested.kibana.alert.rule.name;
    expect([issuePaths(mixed), issuePaths(nested)]).toEqual([[['kibana.alert.rule.name']], [['kibana.alert.rule.name']]]);
  });

  it('requires original_time or @timestamp', () => {
    const { '@timestamp': _ts, 'kibana.alert.original_time': _original, ...rest } = fixture('elastic-security-alert-mixed.json');
    expect(issuePaths(rest)).toEqual([['@timestamp']]);
  });

  it('refuses a severity Elastic does not define', () => {
    expect(issuePaths({ ...fixture('elastic-security-alert-mixed.json'), 'kibana.alert.severity': 'urgent' })).toEqual([['kibana.alert.severity']]);
  });

  it('refuses a payload that is not an object', () => {
    expect(issuePaths([fixture('elastic-security-alert-mixed.json')])).toEqual([[]]);
  });
});

describe('flattenDottedKeys', () => {
  it('joins nested keys with dots and keeps arrays as values', () => {
    expect(flattenDottedKeys({ host: { name: 'h', ip: ['10.0.0.1'] }, 'kibana.alert.uuid': 'u' })).toEqual({
      'host.name': 'h',
      'host.ip': ['10.0.0.1'],
      'kibana.alert.uuid': 'u',
    });
  });

  it('keeps the shallower spelling when a path is spelled twice', () => {
    expect(flattenDottedKeys({ host: { name: 'nested' }, 'host.name': 'dotted' })).toEqual({ 'host.name': 'dotted' });
  });

  it('keeps "__proto__" as data rather than a prototype', () => {
    const flat = flattenDottedKeys(JSON.parse('{"__proto__": {"polluted": true}}')) as Record<string, unknown>;
    expect([Object.getPrototypeOf(flat), flat['__proto__.polluted']]).toEqual([Object.prototype, true]);
  });

  it('stops flattening very deep nesting instead of exhausting the stack', () => {
    let deep: Record<string, unknown> = { leaf: 1 };
    for (let i = 0; i < 10_000; i++) deep = { d: deep };
    const flat = flattenDottedKeys(deep) as Record<string, unknown>;
    expect(Object.keys(flat)).toEqual([Array.from({ length: 33 }, () => 'd').join('.')]);
  });

  it('returns non-objects unchanged', () => {
    expect([flattenDottedKeys('x'), flattenDottedKeys(null), flattenDottedKeys([1])]).toEqual(['x', null, [1]]);
  });
});

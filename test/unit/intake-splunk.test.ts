// Fixtures test/fixtures/intake/splunk-webhook-*.json:
// - splunk-webhook-documented.json is the example of Splunk Enterprise Alerting Manual, "Use a webhook alert action",
//   section "Webhook data payload" (https://help.splunk.com/splunk-enterprise/alert-and-respond/alerting-manual/10.0/configure-alert-actions/use-a-webhook-alert-action),
//   verbatim: `search_name` is null there because the search was not saved;
// - splunk-webhook-saved-search.json keeps that shape for a saved search; its `result` keys are the search's own
//   output fields (Splunk default fields `_time`/`host`/`sourcetype`, CIM `src`/`dest`/`user`, Enterprise
//   Security `urgency`/`severity`), as the page says the row is "the first result row from the triggering search".
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NormalizedAlertSchema } from '../../src/domain/intake/normalized-alert';
import { SplunkWebhookAlertSchema, fromSplunk, splunkSeverity, splunkTime } from '../../src/domain/intake/splunk';

type Json = Record<string, any>;
const fixture = (name: string): Json => JSON.parse(readFileSync(join(__dirname, '../fixtures/intake', name), 'utf8'));
const options = { receivedAt: '2026-03-28T10:00:00.123+01:00' };

function normalize(payload: unknown) {
  return fromSplunk(SplunkWebhookAlertSchema.parse(payload), options);
}

function issuePaths(payload: unknown) {
  return SplunkWebhookAlertSchema.safeParse(payload).error?.issues.map((issue) => issue.path);
}

function withResult(result: Json): Json {
  return { ...fixture('splunk-webhook-saved-search.json'), result };
}

describe('fromSplunk', () => {
  it('maps the documented example of an unsaved search: sid title, medium, received time, no correlation', () => {
    expect(normalize(fixture('splunk-webhook-documented.json'))).toEqual({
      format: 'splunk',
      externalId: 'scheduler_admin_search_W2_at_14232356_132',
      title: 'Splunk alert scheduler_admin_search_W2_at_14232356_132',
      severity: 'medium',
      detectedAt: '2026-03-28T09:00:00.123Z',
      correlationKey: null,
      assets: [],
      observables: [],
      dataCategoryHints: [],
      description: 'Splunk results: http://web.example.local:8000/app/search/@go?sid=scheduler_admin_search_W2_at_14232356_132',
    });
  });

  it('maps a saved search: its name, urgency over severity, _time, and a key of name and host', () => {
    const alert = normalize(fixture('splunk-webhook-saved-search.json'));
    expect(alert).toEqual({
      format: 'splunk',
      externalId: 'scheduler__admin__search__W2_at_1427942640_178',
      title: 'Excessive Failed Logins',
      severity: 'high',
      detectedAt: '2015-04-02T02:44:00Z',
      correlationKey: 'splunk:Excessive Failed Logins:web-01',
      assets: ['web-01'],
      observables: [
        { type: 'ip', value: '203.0.113.7' },
        { type: 'user', value: 'root' },
        { type: 'user', value: 'admin' },
      ],
      dataCategoryHints: [],
      description: 'Splunk results: http://web.example.local:8000/app/search/@go?sid=scheduler__admin__search__W2_at_1427942640_178',
    });
    expect(NormalizedAlertSchema.safeParse(alert).success).toBe(true);
  });

  it('keys on result.src when the row has no host', () => {
    expect(normalize(withResult({ src: 'laptop-7' })).correlationKey).toBe('splunk:Excessive Failed Logins:laptop-7');
  });

  it('keys on the search name alone when the row has neither host nor src', () => {
    expect(normalize(withResult({ count: '3' })).correlationKey).toBe('splunk:Excessive Failed Logins');
  });

  it('types a src host name as host and a src address as ip', () => {
    expect(normalize(withResult({ src: ['laptop-7', '2001:db8::7'] })).observables).toEqual([
      { type: 'host', value: 'laptop-7' },
      { type: 'ip', value: '2001:db8::7' },
    ]);
  });

  it('titles a blank search name by the sid', () => {
    expect(normalize({ ...fixture('splunk-webhook-saved-search.json'), search_name: '  ' }).title).toBe(
      'Splunk alert scheduler__admin__search__W2_at_1427942640_178',
    );
  });
});

describe('splunkTime', () => {
  it('reads epoch seconds as text, fractional text, number and multivalue', () => {
    expect([splunkTime('1427942640'), splunkTime('1427942640.500'), splunkTime(1427942640), splunkTime(['1427942640', '1'])]).toEqual([
      '2015-04-02T02:44:00Z',
      '2015-04-02T02:44:00.500Z',
      '2015-04-02T02:44:00Z',
      '2015-04-02T02:44:00Z',
    ]);
  });

  it('reads ISO 8601 with offset, as Splunk renders _time in JSON results', () => {
    expect(splunkTime('2015-04-01T19:44:00.000-07:00')).toBe('2015-04-02T02:44:00Z');
  });

  it('returns null for text that is neither', () => {
    expect([splunkTime('yesterday'), splunkTime('2015-04-01T19:44:00'), splunkTime('-5')]).toEqual([null, null, null]);
  });
});

describe('splunkSeverity', () => {
  it.each([
    [{ urgency: 'critical' }, 'critical'],
    [{ urgency: 'HIGH', severity: 'low' }, 'high'],
    [{ severity: 'medium' }, 'medium'],
    [{ severity: ['low', 'high'] }, 'low'],
    [{ urgency: 'informational' }, 'low'],
    [{ urgency: 'unknown', severity: 'high' }, 'high'],
    [{ severity: '5' }, 'medium'],
    [{}, 'medium'],
  ])('maps %j to %s', (result, expected) => {
    expect(splunkSeverity(result)).toBe(expected);
  });
});

describe('SplunkWebhookAlertSchema', () => {
  it('accepts fields the documented payload does not list', () => {
    expect(SplunkWebhookAlertSchema.safeParse({ ...fixture('splunk-webhook-documented.json'), server_host: 'sh-01', configuration: {} }).success).toBe(true);
  });

  it('names a missing sid and result in the issue paths', () => {
    const { sid: _sid, result: _result, ...rest } = fixture('splunk-webhook-documented.json');
    expect(issuePaths(rest)).toEqual([['sid'], ['result']]);
  });

  it('requires search_name to be present, though it may be null', () => {
    const { search_name: _name, ...rest } = fixture('splunk-webhook-documented.json');
    expect(issuePaths(rest)).toEqual([['search_name']]);
  });

  it('refuses a _time that is neither epoch seconds nor ISO 8601 with offset', () => {
    expect(issuePaths(withResult({ _time: 'yesterday' }))).toEqual([['result', '_time']]);
  });

  it('refuses a read field of the wrong type, naming it', () => {
    expect(issuePaths(withResult({ host: 42 }))).toEqual([['result', 'host']]);
  });
});

describe('splunkSeverity with prototype keys', () => {
  it('reads only its own table: "__proto__" or "constructor" as a severity falls back to medium', () => {
    for (const severity of ['__proto__', 'constructor', 'toString']) {
      expect(splunkSeverity({ severity })).toBe('medium');
    }
  });
});

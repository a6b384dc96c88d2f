import {
  ALERT_LIMITS,
  NormalizedAlertSchema,
  alertTitle,
  assetList,
  clipText,
  looksLikeIp,
  observableList,
  receivedInstant,
  utcFromEpochSeconds,
  utcInstant,
  type NormalizedAlert,
} from '../../src/domain/intake/normalized-alert';

const validAlert: NormalizedAlert = {
  format: 'generic',
  externalId: null,
  title: 'Suspicious login',
  severity: 'high',
  detectedAt: '2026-03-28T08:15:00Z',
  correlationKey: null,
  assets: [],
  observables: [],
  dataCategoryHints: [],
  description: null,
};

describe('clipText', () => {
  it('trims text that fits and returns it unchanged otherwise', () => {
    expect(clipText('  Suspicious login \n', 200)).toBe('Suspicious login');
  });

  it('returns null for missing or blank text', () => {
    expect([clipText(undefined, 10), clipText(null, 10), clipText(' \t\n', 10)]).toEqual([null, null, null]);
  });

  it('cuts longer text to exactly the limit, ending in an ellipsis', () => {
    const clipped = clipText('x'.repeat(250), 200);
    expect(clipped).toHaveLength(200);
    expect(clipped).toBe(`${'x'.repeat(199)}…`);
  });

  it('never splits a surrogate pair when cutting', () => {
    const clipped = clipText('😀'.repeat(150), 200) ?? '';
    expect(clipped.length).toBeLessThanOrEqual(200);
    expect(clipped).toBe(`${'😀'.repeat(99)}…`);
  });

  it('drops whitespace left at the cut before the ellipsis', () => {
    expect(clipText(`${'a'.repeat(198)} tail`, 200)).toBe(`${'a'.repeat(198)}…`);
  });
});

describe('alertTitle', () => {
  it('takes the first non-blank candidate', () => {
    expect(alertTitle([null, '  ', ' Port probe '], 'fallback')).toBe('Port probe');
  });

  it('uses the fallback when every candidate is blank', () => {
    expect(alertTitle([undefined, ''], 'GuardDuty finding')).toBe('GuardDuty finding');
  });
});

describe('utcInstant', () => {
  it('converts an offset instant to UTC, keeping milliseconds only when non-zero', () => {
    expect(utcInstant('2026-03-28T09:15:00+01:00')).toBe('2026-03-28T08:15:00Z');
    expect(utcInstant('2022-01-13T00:00:47.437Z')).toBe('2022-01-13T00:00:47.437Z');
  });

  it('returns null for impossible dates and instants outside years 1–9999', () => {
    expect([utcInstant('2026-02-30T00:00:00Z'), utcInstant('9999-12-31T23:30:00-01:00'), utcInstant('not a date')]).toEqual([null, null, null]);
  });
});

describe('utcFromEpochSeconds', () => {
  it('converts whole and fractional epoch seconds to UTC', () => {
    expect(utcFromEpochSeconds(1427942640)).toBe('2015-04-02T02:44:00Z');
    expect(utcFromEpochSeconds(1427942640.25)).toBe('2015-04-02T02:44:00.250Z');
  });

  it('returns null for negative, non-finite and year-10000 values', () => {
    expect([utcFromEpochSeconds(-1), utcFromEpochSeconds(Number.NaN), utcFromEpochSeconds(253402300800)]).toEqual([null, null, null]);
  });
});

describe('receivedInstant', () => {
  it('returns receivedAt in UTC', () => {
    expect(receivedInstant({ receivedAt: '2026-03-28T10:00:00.500+02:00' })).toBe('2026-03-28T08:00:00.500Z');
  });

  it('throws RangeError for a receivedAt without offset, since that is a caller bug', () => {
    expect(() => receivedInstant({ receivedAt: '2026-03-28T10:00:00' })).toThrow(RangeError);
  });
});

describe('assetList', () => {
  it('trims and de-duplicates, keeping first-seen order', () => {
    expect(assetList([' web-01 ', 'db-01', 'web-01', null, ''])).toEqual(['web-01', 'db-01']);
  });

  it('drops over-long values rather than cutting an identifier', () => {
    expect(assetList(['x'.repeat(ALERT_LIMITS.asset + 1), 'ok'])).toEqual(['ok']);
  });

  it('keeps at most 100 assets', () => {
    expect(assetList(Array.from({ length: 150 }, (_, i) => `host-${i}`))).toHaveLength(ALERT_LIMITS.assets);
  });
});

describe('observableList', () => {
  it('de-duplicates by type and value and drops blank values', () => {
    expect(
      observableList([
        { type: 'ip', value: '198.51.100.7' },
        { type: 'ip', value: ' 198.51.100.7 ' },
        { type: 'host', value: '198.51.100.7' },
        { type: 'user', value: undefined },
      ]),
    ).toEqual([
      { type: 'ip', value: '198.51.100.7' },
      { type: 'host', value: '198.51.100.7' },
    ]);
  });
});

describe('looksLikeIp', () => {
  it('recognises IPv4 and IPv6 shapes and rejects host names', () => {
    expect([looksLikeIp('203.0.113.7'), looksLikeIp('fe80::1afa:fd11:68c3:3ffa'), looksLikeIp('web-01'), looksLikeIp('a:b')]).toEqual([
      true,
      true,
      false,
      false,
    ]);
  });
});

describe('NormalizedAlertSchema', () => {
  it('accepts a minimal alert', () => {
    expect(NormalizedAlertSchema.safeParse(validAlert).success).toBe(true);
  });

  it('refuses a title over 200 characters or with surrounding whitespace', () => {
    expect(NormalizedAlertSchema.safeParse({ ...validAlert, title: 'x'.repeat(201) }).success).toBe(false);
    expect(NormalizedAlertSchema.safeParse({ ...validAlert, title: ' padded' }).success).toBe(false);
  });

  it('refuses a detection time that is not UTC', () => {
    const result = NormalizedAlertSchema.safeParse({ ...validAlert, detectedAt: '2026-03-28T09:15:00+01:00' });
    expect(result.error?.issues.map((issue) => issue.path)).toEqual([['detectedAt']]);
  });

  it('refuses more than 100 assets and unknown keys', () => {
    const assets = Array.from({ length: 101 }, (_, i) => `host-${i}`);
    expect(NormalizedAlertSchema.safeParse({ ...validAlert, assets }).success).toBe(false);
    expect(NormalizedAlertSchema.safeParse({ ...validAlert, extra: true }).success).toBe(false);
  });
});

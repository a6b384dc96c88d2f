import { DateTime } from 'luxon';
import { applicableObligations, clockKey, type ApplicabilityFacts } from '../../src/domain/applicability';
import type { Obligation } from '../../src/domain/catalogue/types';
import { WORLDWIDE_OBLIGATIONS, WORLDWIDE_REGIMES } from '../../src/domain/catalogue/worldwide';
import { dueAtFor } from '../../src/domain/deadlines';

const entry = (key: string): Obligation => {
  const found = WORLDWIDE_OBLIGATIONS.find((o) => clockKey(o) === key);
  if (!found) throw new Error(`no catalogue entry ${key}`);
  return found;
};

const keys = (facts: ApplicabilityFacts) => applicableObligations(facts, WORLDWIDE_OBLIGATIONS).map(clockKey);
const ofRegime = (facts: ApplicabilityFacts, regime: string) => keys(facts).filter((k) => k.startsWith(`${regime}/`));

describe('WORLDWIDE catalogue integrity', () => {
  it('has one entry per (regime, obligation), with kebab-case obligation ids', () => {
    const ids = WORLDWIDE_OBLIGATIONS.map(clockKey);
    expect(new Set(ids).size).toBe(ids.length);
    expect(WORLDWIDE_OBLIGATIONS.filter((o) => !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(o.obligation)).map(clockKey)).toEqual([]);
  });

  it('lists every obligation’s regime in WORLDWIDE_REGIMES once, and gives every regime an obligation', () => {
    const regimeIds = WORLDWIDE_REGIMES.map((r) => r.id);
    expect(new Set(regimeIds).size).toBe(regimeIds.length);
    expect(WORLDWIDE_OBLIGATIONS.filter((o) => !regimeIds.includes(o.regime)).map(clockKey)).toEqual([]);
    expect(regimeIds.filter((id) => !WORLDWIDE_OBLIGATIONS.some((o) => o.regime === id))).toEqual([]);
  });

  it('gives every entry a source, an https source address, an ISO checked-on date, a recipient and required content', () => {
    const incomplete = WORLDWIDE_OBLIGATIONS.filter((o) => {
      const url = URL.canParse(o.sourceUrl) ? new URL(o.sourceUrl) : undefined;
      const checked = DateTime.fromFormat(o.checkedOn, 'yyyy-MM-dd', { zone: 'UTC' });
      return (
        !o.source.trim() ||
        url?.protocol !== 'https:' ||
        !/^\d{4}-\d{2}-\d{2}$/.test(o.checkedOn) ||
        !checked.isValid ||
        !o.recipient.trim() ||
        o.requiredContent.length === 0 ||
        o.requiredContent.some((c) => !c.trim())
      );
    });
    expect(incomplete.map(clockKey)).toEqual([]);
  });

  it('counts every entry in a valid IANA zone', () => {
    expect(WORLDWIDE_OBLIGATIONS.filter((o) => !DateTime.now().setZone(o.counting.zone).isValid).map(clockKey)).toEqual([]);
  });

  it('gives every fixed period a positive whole amount, and every open one the wording of its standard', () => {
    const bad = WORLDWIDE_OBLIGATIONS.filter((o) =>
      o.deadline.amount === undefined ? !o.deadline.standard.trim() : !Number.isInteger(o.deadline.amount) || o.deadline.amount <= 0,
    );
    expect(bad.map(clockKey)).toEqual([]);
  });

  it('explains what to verify on every entry marked verify, and only there', () => {
    expect(WORLDWIDE_OBLIGATIONS.filter((o) => (o.verify === true) !== Boolean(o.verifyNote?.trim())).map(clockKey)).toEqual([]);
  });

  it('chains every { after } trigger to an obligation of the same regime', () => {
    const chained = WORLDWIDE_OBLIGATIONS.filter((o) => typeof o.trigger === 'object');
    expect(chained.map(clockKey)).toEqual(['CRA/incident-final-report', 'EPRIVACY-EU/second-notification']);
    for (const o of chained) {
      const after = typeof o.trigger === 'object' ? o.trigger.after : '';
      expect(clockKey({ regime: o.regime, obligation: after })).toBe(clockKey(entry(`${o.regime}/${after}`)));
    }
  });

  it('uses ISO 3166 codes in applicability hints', () => {
    for (const o of WORLDWIDE_OBLIGATIONS) {
      for (const country of o.appliesWhen?.countries ?? []) expect(country).toMatch(/^[A-Z]{2}$/);
      for (const subdivision of o.appliesWhen?.subdivisions ?? []) expect(subdivision).toMatch(/^[A-Z]{2}-[A-Z0-9]{1,3}$/);
    }
  });

  it('dates every CRA reporting duty from 11 September 2026, when Art. 14 applies (Art. 71(2)), and no other entry but the Korean possible-leak notice', () => {
    const cra = WORLDWIDE_OBLIGATIONS.filter((o) => o.regime === 'CRA');
    expect(cra.length).toBe(8);
    expect(cra.filter((o) => o.inForceFrom !== '2026-09-11T00:00:00+02:00').map(clockKey)).toEqual([]);
    expect(WORLDWIDE_OBLIGATIONS.filter((o) => o.regime !== 'CRA' && o.inForceFrom !== undefined).map(clockKey)).toEqual([
      'PIPA-KR/notify-possible-leak',
    ]);
  });
});

// Each due instant below is worked out by hand, not by the code under test, and written as toUtcIso prints it (no
// milliseconds when they are zero). Hours are elapsed time, so a DST change
// moves the local wall-clock time of the deadline; days count the trigger's local date as day 0 and end at the local
// midnight after day N; a month ends at the local midnight after the same date a month later (or that month's last day).
const GOLDEN: readonly { key: string; startsAt: string; dueAt: string; why: string }[] = [
  {
    key: 'APPI-JP/final-report',
    startsAt: '2026-10-15T10:00:00+09:00',
    // Day 0 = Oct 15 (Tokyo); +30 days = Nov 14 (16 days to Oct 31, 14 in November); ends Nov 15 00:00 JST = Nov 14 15:00Z.
    dueAt: '2026-11-14T15:00:00Z',
    why: '30 days across the end of October',
  },
  {
    key: 'APPI-JP/final-report',
    startsAt: '2026-01-31T16:30:00.000Z',
    // 16:30Z on Jan 31 is 01:30 JST on Feb 1, so day 0 = Feb 1 (Tokyo), not Jan 31. 2026 is not a leap year:
    // Feb 1 + 27 = Feb 28, + 30 = Mar 3; ends Mar 4 00:00 JST = Mar 3 15:00Z.
    dueAt: '2026-03-03T15:00:00Z',
    why: 'the local Tokyo date is day 0, and February has 28 days',
  },
  {
    key: 'PIPA-KR/notify-data-subjects',
    startsAt: '2026-11-02T18:00:00+09:00',
    // 18:00 KST = 09:00Z on Nov 2; + 72 h = 09:00Z on Nov 5 (Korea keeps no DST).
    dueAt: '2026-11-05T09:00:00Z',
    why: '72 elapsed hours',
  },
  {
    key: 'PIPA-KR/report-pipc',
    startsAt: '2026-12-30T23:30:00+09:00',
    // 23:30 KST = 14:30Z on Dec 30; + 72 h = 14:30Z on Jan 2, 2027.
    dueAt: '2027-01-02T14:30:00Z',
    why: '72 elapsed hours across the year end',
  },
  {
    key: 'PIPA-KR/notify-possible-leak',
    startsAt: '2026-09-20T08:00:00+09:00',
    // 08:00 KST = 23:00Z on Sep 19; + 72 h = 23:00Z on Sep 22.
    dueAt: '2026-09-22T23:00:00Z',
    why: '72 elapsed hours from a local morning that is the previous UTC day',
  },
  {
    key: 'PDPL-SA/notify-sdaia',
    startsAt: '2026-06-10T22:15:00+03:00',
    // 22:15 AST = 19:15Z on Jun 10; + 72 h = 19:15Z on Jun 13.
    dueAt: '2026-06-13T19:15:00Z',
    why: '72 elapsed hours',
  },
  {
    key: 'CERT-IN/report-cyber-incident',
    startsAt: '2026-11-20T21:30:00+05:30',
    // 21:30 IST = 16:00Z on Nov 20; + 6 h = 22:00Z on Nov 20 (03:30 IST on Nov 21).
    dueAt: '2026-11-20T22:00:00Z',
    why: '6 elapsed hours across local midnight',
  },
  {
    key: 'CRA/vulnerability-early-warning',
    startsAt: '2026-10-24T09:00:00+02:00',
    // 09:00 CEST = 07:00Z on Oct 24; + 24 h = 07:00Z on Oct 25, which is 08:00 CET: Brussels left DST at 01:00Z that day.
    dueAt: '2026-10-25T07:00:00Z',
    why: '24 elapsed hours across the end of DST',
  },
  {
    key: 'CRA/vulnerability-notification',
    startsAt: '2026-10-24T09:00:00+02:00',
    // 07:00Z on Oct 24 + 72 h = 07:00Z on Oct 27 = 08:00 CET, not the 09:00 wall-clock time it started at.
    dueAt: '2026-10-27T07:00:00Z',
    why: '72 elapsed hours across the end of DST',
  },
  {
    key: 'CRA/vulnerability-final-report',
    startsAt: '2026-10-20T15:00:00+02:00',
    // Day 0 = Oct 20 (Brussels); + 14 days = Nov 3; ends Nov 4 00:00 CET (+01:00 after DST ended Oct 25) = Nov 3 23:00Z.
    dueAt: '2026-11-03T23:00:00Z',
    why: '14 calendar days, ending at a local midnight in winter time',
  },
  {
    key: 'CRA/incident-early-warning',
    startsAt: '2027-03-27T12:00:00+01:00',
    // 12:00 CET = 11:00Z on Mar 27; + 24 h = 11:00Z on Mar 28, which is 13:00 CEST: DST began at 01:00Z that day.
    dueAt: '2027-03-28T11:00:00Z',
    why: '24 elapsed hours across the start of DST',
  },
  {
    key: 'CRA/incident-notification',
    startsAt: '2026-09-11T00:00:00+02:00',
    // The first instant Art. 14 applies: 22:00Z on Sep 10; + 72 h = 22:00Z on Sep 13.
    dueAt: '2026-09-13T22:00:00Z',
    why: '72 elapsed hours from the day Art. 14 applies',
  },
  {
    key: 'CRA/incident-final-report',
    startsAt: '2027-01-31T17:00:00+01:00',
    // The incident notification was sent on Jan 31 (Brussels); one month later is Feb 31, which does not exist, so
    // Feb 28, 2027 (Reg. 1182/71 Art. 3(2)(c)); ends Mar 1 00:00 CET = Feb 28 23:00Z.
    dueAt: '2027-02-28T23:00:00Z',
    why: 'one month from the notification sent on the 31st ends on the last day of February',
  },
  {
    key: 'EPRIVACY-EU/notify-competent-authority',
    startsAt: '2026-03-28T20:00:00+01:00',
    // 20:00 CET = 19:00Z on Mar 28; + 24 h = 19:00Z on Mar 29, which is 21:00 CEST: DST began at 01:00Z that day.
    dueAt: '2026-03-29T19:00:00Z',
    why: '24 elapsed hours across the start of DST',
  },
  {
    key: 'EPRIVACY-EU/second-notification',
    startsAt: '2026-12-30T14:00:00+01:00',
    // The initial notification was sent on Dec 30 (Brussels), day 0; + 3 days = Jan 2, 2027; ends Jan 3 00:00 CET = Jan 2 23:00Z.
    dueAt: '2027-01-02T23:00:00Z',
    why: '3 calendar days after the initial notification, across the year end',
  },
  {
    key: 'PECR-UK/notify-ico',
    startsAt: '2026-10-23T16:00:00+01:00',
    // 16:00 BST = 15:00Z on Oct 23; + 72 h = 15:00Z on Oct 26, which is 15:00 GMT: the UK left DST on Oct 25.
    dueAt: '2026-10-26T15:00:00Z',
    why: '72 elapsed hours across the end of UK summer time',
  },
];

describe('WORLDWIDE catalogue due instants (dueAtFor)', () => {
  it('has a golden case for every obligation with a fixed period, and none for an open one', () => {
    const fixed = WORLDWIDE_OBLIGATIONS.filter((o) => o.deadline.amount !== undefined).map(clockKey);
    expect([...new Set(GOLDEN.map((g) => g.key))].sort()).toEqual([...fixed].sort());
  });

  it.each(GOLDEN)('$key from $startsAt is due at $dueAt ($why)', ({ key, startsAt, dueAt }) => {
    expect(dueAtFor(entry(key), startsAt)).toBe(dueAt);
  });

  it('sets no timer on an open period: Japan’s preliminary report is due "promptly", whatever the PPC guideline’s 3–5 days', () => {
    expect(dueAtFor(entry('APPI-JP/preliminary-report'), '2026-10-15T10:00:00+09:00')).toBeUndefined();
  });

  it('sets no timer for New Zealand, even across NZ’s DST start: the Act says "as soon as practicable" and the 72 h is the Commissioner’s expectation', () => {
    // NZ DST starts 2026-09-27 02:00 NZST (2026-09-26T14:00Z); a fixed 72 h from Sep 25 09:00 NZST would end
    // 2026-09-27T21:00:00.000Z = Sep 28 10:00 NZDT. The Act fixes no period, so the catalogue must not invent one.
    for (const key of ['PRIVACY-NZ/notify-commissioner', 'PRIVACY-NZ/notify-affected-individuals']) {
      expect({ key, due: dueAtFor(entry(key), '2026-09-25T09:00:00+12:00') }).toEqual({ key, due: undefined });
    }
  });
});

describe('WORLDWIDE catalogue applicability (applicableObligations)', () => {
  const base: ApplicabilityFacts = { countries: [], sectorFlags: [], actingAs: 'controller' };

  it('asks for the Korean PIPC report for every Korean breach, below 1,000 too, since its other two conditions are not recorded facts', () => {
    const korea = { ...base, countries: ['KR'] };
    expect(ofRegime({ ...korea, affectedTotal: 999 }, 'PIPA-KR')).toEqual(['PIPA-KR/notify-data-subjects', 'PIPA-KR/report-pipc', 'PIPA-KR/notify-possible-leak']);
    expect(ofRegime({ ...korea, affectedTotal: 1000 }, 'PIPA-KR')).toContain('PIPA-KR/report-pipc');
    expect(entry('PIPA-KR/report-pipc').notes?.join(' ')).toMatch(/1,000 or more.*sensitive or unique identifying information.*unlawful external access.*waive/);
  });

  it('applies the CRA only to a manufacturer flagged cra-manufacturer, in the EU', () => {
    const germany = { ...base, countries: ['DE'] };
    expect(ofRegime(germany, 'CRA')).toEqual([]);
    expect(ofRegime({ ...germany, sectorFlags: ['cra-manufacturer'] }, 'CRA')).toHaveLength(8);
    expect(ofRegime({ ...base, countries: ['JP'], sectorFlags: ['cra-manufacturer'] }, 'CRA')).toEqual([]);
  });

  it('applies PECR only to an electronic-communications provider in Great Britain, and 611/2013 to one in the EU', () => {
    const ecs = ['electronic-communications-provider'] as const;
    expect(ofRegime({ ...base, countries: ['GB'], sectorFlags: [...ecs] }, 'PECR-UK')).toEqual(['PECR-UK/notify-ico', 'PECR-UK/notify-subscribers']);
    expect(ofRegime({ ...base, countries: ['GB'] }, 'PECR-UK')).toEqual([]);
    expect(ofRegime({ ...base, countries: ['FR'], sectorFlags: [...ecs] }, 'PECR-UK')).toEqual([]);
    expect(ofRegime({ ...base, countries: ['FR'], sectorFlags: [...ecs] }, 'EPRIVACY-EU')).toHaveLength(3);
    expect(ofRegime({ ...base, countries: ['GB'], sectorFlags: [...ecs] }, 'EPRIVACY-EU')).toEqual([]);
  });

  it('applies Quebec Law 25 only when individuals in Quebec (CA-QC) are affected, not for the rest of Canada', () => {
    expect(ofRegime({ ...base, countries: ['CA'], subdivisions: ['CA-QC'] }, 'QC-LAW25')).toEqual([
      'QC-LAW25/notify-commission',
      'QC-LAW25/notify-persons-concerned',
      'QC-LAW25/keep-incident-register',
    ]);
    expect(ofRegime({ ...base, countries: ['CA'] }, 'QC-LAW25')).toEqual([]);
    expect(ofRegime({ ...base, countries: ['CA'], subdivisions: ['CA-ON'] }, 'QC-LAW25')).toEqual([]);
  });

  it('gives a processor only the processor’s notices (Switzerland, UAE)', () => {
    const processor = { ...base, actingAs: 'processor' as const, countries: ['CH', 'AE'] };
    expect(keys(processor).filter((k) => k.startsWith('FADP-CH/') || k.startsWith('PDPL-AE/'))).toEqual([
      'FADP-CH/notify-controller',
      'PDPL-AE/notify-controller',
    ]);
  });

  it('asks the Swiss controller to notify the FDPIC only for a high risk', () => {
    const swiss = { ...base, countries: ['CH'] };
    expect(ofRegime({ ...swiss, risk: 'risk' }, 'FADP-CH')).toEqual(['FADP-CH/notify-data-subjects']);
    expect(ofRegime({ ...swiss, risk: 'high-risk' }, 'FADP-CH')).toEqual(['FADP-CH/notify-fdpic', 'FADP-CH/notify-data-subjects']);
  });
});

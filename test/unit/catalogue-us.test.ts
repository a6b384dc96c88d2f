import { DateTime } from 'luxon';
import { applicableObligations, type ApplicabilityFacts } from '../../src/domain/applicability';
import { US_SECTOR_OBLIGATIONS, US_SECTOR_REGIMES } from '../../src/domain/catalogue/us-sector';
import { US_STATE_OBLIGATIONS, US_STATE_REGIMES } from '../../src/domain/catalogue/us-states';
import { TRIGGER_EVENTS, type Obligation } from '../../src/domain/catalogue/types';
import { dueAtFor } from '../../src/domain/deadlines';

const ALL = [...US_STATE_OBLIGATIONS, ...US_SECTOR_OBLIGATIONS];
const id = (o: { regime: string; obligation: string }) => `${o.regime}/${o.obligation}`;

const STATE_CODES = [
  'AL', 'AK', 'AZ', 'AR', 'CA', 'CO', 'CT', 'DE', 'FL', 'GA', 'HI', 'ID', 'IL', 'IN', 'IA', 'KS', 'KY', 'LA', 'ME', 'MD', 'MA', 'MI', 'MN', 'MS', 'MO',
  'MT', 'NE', 'NV', 'NH', 'NJ', 'NM', 'NY', 'NC', 'ND', 'OH', 'OK', 'OR', 'PA', 'RI', 'SC', 'SD', 'TN', 'TX', 'UT', 'VT', 'VA', 'WA', 'WV', 'WI', 'WY',
];

describe('US state and sector catalogue: coverage', () => {
  it('lists each of the 50 states, DC, Puerto Rico, Guam and the Virgin Islands once', () => {
    const expected = [...STATE_CODES, 'DC', 'PR', 'GU', 'VI'].map((c) => `US-${c}`);
    const ids = US_STATE_REGIMES.map((r) => r.id);
    expect(expected).toHaveLength(54);
    expect([...ids].sort()).toEqual([...expected].sort());
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('gives every jurisdiction a residents’ notice, Texas under its stored id', () => {
    const missing = US_STATE_REGIMES.filter(
      (r) => !US_STATE_OBLIGATIONS.some((o) => o.regime === r.id && o.obligation === (r.id === 'US-TX' ? 'notify-individuals' : 'notify-residents')),
    );
    expect(missing.map((r) => r.id)).toEqual([]);
  });

  it('keeps the ids stored incidents carry for California and Texas', () => {
    const of = (regime: string) => US_STATE_OBLIGATIONS.filter((o) => o.regime === regime).map((o) => o.obligation);
    expect(of('US-CA')).toEqual(expect.arrayContaining(['notify-residents', 'notify-attorney-general']));
    expect(of('US-TX')).toEqual(expect.arrayContaining(['notify-individuals', 'notify-attorney-general']));
    expect(of('US-TX')).not.toContain('notify-residents');
  });

  it('files every obligation under a listed regime, each (regime, obligation) once', () => {
    const stateIds = new Set(US_STATE_REGIMES.map((r) => r.id));
    const sectorIds = new Set(US_SECTOR_REGIMES.map((r) => r.id));
    expect(US_STATE_OBLIGATIONS.filter((o) => !stateIds.has(o.regime)).map(id)).toEqual([]);
    expect(US_SECTOR_OBLIGATIONS.filter((o) => !sectorIds.has(o.regime)).map(id)).toEqual([]);
    const ids = ALL.map(id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ALL.filter((o) => !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(o.obligation)).map(id)).toEqual([]);
  });

  it('limits every state obligation to the US and its own subdivision', () => {
    const wrong = US_STATE_OBLIGATIONS.filter(
      (o) => JSON.stringify(o.appliesWhen?.countries) !== '["US"]' || JSON.stringify(o.appliesWhen?.subdivisions) !== JSON.stringify([o.regime]),
    );
    expect(wrong.map(id)).toEqual([]);
  });

  it('chains every { after } trigger to an obligation of the same regime, and uses only known trigger events', () => {
    for (const o of ALL) {
      if (typeof o.trigger === 'string') expect({ entry: id(o), known: o.trigger in TRIGGER_EVENTS }).toEqual({ entry: id(o), known: true });
      else expect({ entry: id(o), found: ALL.some((p) => p.regime === o.regime && p.obligation === (o.trigger as { after: string }).after) }).toEqual({ entry: id(o), found: true });
    }
  });
});

describe('US state and sector catalogue: sources', () => {
  it('gives every entry a source, an https address, an ISO check date, a recipient and required content', () => {
    const incomplete = ALL.filter(
      (o) =>
        !o.source.trim() ||
        !/^https:\/\/[^\s/]+\.[^\s]+$/.test(o.sourceUrl) ||
        !/^\d{4}-\d{2}-\d{2}$/.test(o.checkedOn) ||
        !DateTime.fromISO(o.checkedOn).isValid ||
        !o.recipient.trim() ||
        o.requiredContent.length === 0,
    );
    expect(incomplete.map(id)).toEqual([]);
  });

  it('counts every entry in a valid IANA zone, business days against a named calendar', () => {
    expect(ALL.filter((o) => !DateTime.now().setZone(o.counting.zone).isValid).map(id)).toEqual([]);
    expect(ALL.filter((o) => o.deadline.unit === 'business-days' && !o.counting.calendar).map(id)).toEqual([]);
  });

  it('explains what to verify on every entry marked verify, and only there', () => {
    expect(ALL.filter((o) => (o.verify === true) !== Boolean(o.verifyNote?.trim())).map(id)).toEqual([]);
  });

  it('quotes a standard on every open period and gives every fixed one a positive whole amount', () => {
    const bad = ALL.filter((o) =>
      o.deadline.amount === undefined ? !o.deadline.standard.trim() : !(Number.isInteger(o.deadline.amount) && o.deadline.amount > 0),
    );
    expect(bad.map(id)).toEqual([]);
  });

  it('heads California’s residents’ notice with the title and headings of Civ. Code 1798.82(d)', () => {
    const notice = ALL.find((o) => id(o) === 'US-CA/notify-residents')!;
    for (const text of ['Notice of Data Breach', 'What Happened', 'What Information Was Involved', 'What We Are Doing', 'What You Can Do', 'For More Information']) {
      expect(notice.requiredContent.some((c) => c.includes(`"${text}"`))).toBe(true);
    }
  });
});

// Hand-computed due instants. Day-based clocks: the trigger's local date in the entry's zone is day 0; N days end at
// local midnight at the end of day N, written in UTC. Hour-based clocks are elapsed time. A chained { after } entry
// starts when the preceding notice was sent.
const GOLDEN: ReadonlyArray<readonly [key: string, startsAt: string, dueAt: string, arithmetic: string]> = [
  ['US-AL/notify-residents', '2026-01-10T09:00:00-06:00', '2026-02-25T06:00:00.000Z', 'Jan 10 + 45 d = Feb 24; ends Feb 25 00:00 CST (-6)'],
  ['US-AL/notify-attorney-general', '2026-02-20T23:30:00-06:00', '2026-04-07T05:00:00.000Z', 'Feb 20 + 45 d = Apr 6 (DST since Mar 8); ends Apr 7 00:00 CDT (-5)'],
  ['US-AZ/notify-residents', '2026-03-01T10:00:00-07:00', '2026-04-16T07:00:00.000Z', 'Mar 1 + 45 d = Apr 15; Phoenix keeps MST: ends Apr 16 00:00 MST (-7) across the Mar 8 DST date'],
  ['US-AZ/notify-attorney-general', '2026-10-20T16:00:00Z', '2026-12-05T07:00:00.000Z', '16:00Z = Oct 20 09:00 MST; + 45 d = Dec 4; ends Dec 5 00:00 MST (-7)'],
  ['US-AR/notify-attorney-general', '2026-06-01T12:00:00-05:00', '2026-07-17T05:00:00.000Z', 'Jun 1 + 45 d = Jul 16; ends Jul 17 00:00 CDT (-5)'],
  ['US-CA/notify-residents', '2026-03-01T15:00:00-08:00', '2026-04-01T07:00:00.000Z', 'Mar 1 + 30 d = Mar 31 (DST since Mar 8); ends Apr 1 00:00 PDT (-7)'],
  ['US-CA/notify-attorney-general', '2026-04-01T06:30:00.000Z', '2026-04-16T07:00:00.000Z', 'residents notified 06:30Z = Mar 31 23:30 PDT, day 0 Mar 31; + 15 d = Apr 15; ends Apr 16 00:00 PDT (-7)'],
  ['US-CO/notify-residents', '2026-10-15T10:00:00-06:00', '2026-11-15T07:00:00.000Z', 'Oct 15 + 30 d = Nov 14 (DST ends Nov 1); ends Nov 15 00:00 MST (-7)'],
  ['US-CO/notify-attorney-general', '2026-01-05T08:00:00-07:00', '2026-02-05T07:00:00.000Z', 'Jan 5 + 30 d = Feb 4; ends Feb 5 00:00 MST (-7)'],
  ['US-CT/notify-residents', '2026-05-10T14:00:00-04:00', '2026-07-10T04:00:00.000Z', 'May 10 + 60 d = Jul 9; ends Jul 10 00:00 EDT (-4)'],
  ['US-DE/notify-residents', '2026-09-15T09:00:00-04:00', '2026-11-15T05:00:00.000Z', 'Sep 15 + 60 d = Nov 14 (DST ends Nov 1); ends Nov 15 00:00 EST (-5)'],
  ['US-FL/notify-residents', '2026-02-10T11:00:00-05:00', '2026-03-13T04:00:00.000Z', 'Feb 10 + 30 d = Mar 12 (DST since Mar 8); ends Mar 13 00:00 EDT (-4)'],
  ['US-FL/notify-attorney-general', '2026-12-15T10:00:00-05:00', '2027-01-15T05:00:00.000Z', 'Dec 15 + 30 d = Jan 14 2027; ends Jan 15 00:00 EST (-5)'],
  ['US-IN/notify-residents', '2026-07-01T10:00:00-04:00', '2026-08-16T04:00:00.000Z', 'Jul 1 + 45 d = Aug 15; ends Aug 16 00:00 EDT (-4)'],
  ['US-IA/notify-attorney-general', '2026-11-24T10:00:00-06:00', '2026-12-03T06:00:00.000Z', 'residents notified Tue Nov 24; business days Nov 25, (Thanksgiving Nov 26 skipped) 27, 30, Dec 1, 2 = 5th; ends Dec 3 00:00 CST (-6)'],
  ['US-LA/notify-residents', '2026-04-20T08:00:00-05:00', '2026-06-20T05:00:00.000Z', 'Apr 20 + 60 d = Jun 19; ends Jun 20 00:00 CDT (-5)'],
  ['US-LA/notify-attorney-general', '2026-06-19T16:00:00-05:00', '2026-06-30T05:00:00.000Z', 'residents notified Jun 19; + 10 d = Jun 29; ends Jun 30 00:00 CDT (-5)'],
  ['US-ME/notify-residents', '2026-03-20T12:00:00-04:00', '2026-04-20T04:00:00.000Z', 'Mar 20 + 30 d = Apr 19; ends Apr 20 00:00 EDT (-4)'],
  ['US-MD/notify-residents', '2026-01-20T09:00:00-05:00', '2026-03-07T05:00:00.000Z', 'Jan 20 + 45 d = Mar 6; ends Mar 7 00:00 EST (-5), the day before DST'],
  ['US-MN/notify-consumer-reporting-agencies', '2026-03-07T10:00:00-06:00', '2026-03-09T16:00:00.000Z', '16:00Z Mar 7 + 48 h elapsed = 16:00Z Mar 9 (11:00 CDT after the Mar 8 change, not 10:00)'],
  ['US-NM/notify-residents', '2026-08-01T09:00:00-06:00', '2026-09-16T06:00:00.000Z', 'Aug 1 + 45 d = Sep 15; ends Sep 16 00:00 MDT (-6)'],
  ['US-NM/notify-attorney-general', '2026-11-20T10:00:00-07:00', '2027-01-05T07:00:00.000Z', 'Nov 20 + 45 d = Jan 4 2027; ends Jan 5 00:00 MST (-7)'],
  ['US-NM/notify-consumer-reporting-agencies', '2026-05-05T10:00:00-06:00', '2026-06-20T06:00:00.000Z', 'May 5 + 45 d = Jun 19; ends Jun 20 00:00 MDT (-6)'],
  ['US-NY/notify-residents', '2026-10-10T20:00:00-04:00', '2026-11-10T05:00:00.000Z', 'Oct 10 + 30 d = Nov 9 (DST ends Nov 1); ends Nov 10 00:00 EST (-5)'],
  ['US-OH/notify-residents', '2026-02-01T10:00:00-05:00', '2026-03-19T04:00:00.000Z', 'Feb 1 + 45 d = Mar 18 (DST since Mar 8); ends Mar 19 00:00 EDT (-4)'],
  ['US-OK/notify-attorney-general', '2026-02-02T10:00:00-06:00', '2026-04-04T05:00:00.000Z', 'residents notified Feb 2; + 60 d = Apr 3; ends Apr 4 00:00 CDT (-5)'],
  ['US-OR/notify-residents', '2026-06-15T09:00:00-07:00', '2026-07-31T07:00:00.000Z', 'Jun 15 + 45 d = Jul 30; ends Jul 31 00:00 PDT (-7)'],
  ['US-PR/notify-regulator', '2026-03-05T23:00:00-04:00', '2026-03-16T04:00:00.000Z', 'Mar 5 + 10 d = Mar 15; Puerto Rico keeps AST: ends Mar 16 00:00 AST (-4)'],
  ['US-RI/notify-residents', '2026-12-01T10:00:00-05:00', '2027-01-16T05:00:00.000Z', 'Dec 1 + 45 d = Jan 15 2027; ends Jan 16 00:00 EST (-5)'],
  ['US-SD/notify-residents', '2026-01-15T10:00:00-06:00', '2026-03-17T05:00:00.000Z', 'Jan 15 + 60 d = Mar 16 (DST since Mar 8); ends Mar 17 00:00 CDT (-5)'],
  ['US-TN/notify-residents', '2026-09-01T10:00:00-05:00', '2026-10-17T05:00:00.000Z', 'Sep 1 + 45 d = Oct 16; ends Oct 17 00:00 CDT (-5)'],
  ['US-TX/notify-individuals', '2026-03-01T15:00:00-06:00', '2026-05-01T05:00:00.000Z', 'Mar 1 + 60 d = Apr 30 (DST since Mar 8); ends May 1 00:00 CDT (-5)'],
  ['US-TX/notify-attorney-general', '2026-03-01T15:00:00-06:00', '2026-04-01T05:00:00.000Z', 'Mar 1 + 30 d = Mar 31; ends Apr 1 00:00 CDT (-5)'],
  ['US-VT/notify-residents', '2026-05-01T10:00:00-04:00', '2026-06-16T04:00:00.000Z', 'May 1 + 45 d = Jun 15; ends Jun 16 00:00 EDT (-4)'],
  ['US-VT/notify-attorney-general', '2026-06-10T10:00:00-04:00', '2026-07-02T04:00:00.000Z', 'Wed Jun 10; business days Jun 11, 12, 15–18, (Juneteenth Jun 19 skipped) 22–26, 29, 30, Jul 1 = 14th; ends Jul 2 00:00 EDT (-4)'],
  ['US-WA/notify-residents', '2026-10-25T12:00:00-07:00', '2026-11-25T08:00:00.000Z', 'Oct 25 + 30 d = Nov 24 (DST ends Nov 1); ends Nov 25 00:00 PST (-8)'],
  ['US-WA/notify-attorney-general', '2026-01-31T23:59:00-08:00', '2026-03-03T08:00:00.000Z', 'Jan 31 + 30 d = Mar 2 (February has 28 days); ends Mar 3 00:00 PST (-8)'],
  ['US-WI/notify-residents', '2026-11-01T01:30:00-05:00', '2026-12-17T06:00:00.000Z', '01:30 CDT on the fall-back day, day 0 Nov 1; + 45 d = Dec 16; ends Dec 17 00:00 CST (-6)'],
  ['NYDFS/notify-superintendent', '2026-03-06T12:00:00-05:00', '2026-03-09T17:00:00.000Z', '17:00Z Mar 6 + 72 h elapsed = 17:00Z Mar 9 (13:00 EDT)'],
  ['NYDFS/notify-extortion-payment', '2026-11-01T00:30:00-04:00', '2026-11-02T04:30:00.000Z', '04:30Z Nov 1 + 24 h elapsed = 04:30Z Nov 2 (23:30 EST Nov 1)'],
  ['NYDFS/describe-extortion-payment', '2026-11-01T00:30:00-04:00', '2026-12-02T05:00:00.000Z', 'Nov 1 + 30 d = Dec 1; ends Dec 2 00:00 EST (-5)'],
  ['FTC-SAFEGUARDS/notify-ftc', '2026-02-27T22:00:00-05:00', '2026-03-30T04:00:00.000Z', 'Feb 27 + 30 d = Mar 29 (DST since Mar 8); ends Mar 30 00:00 EDT (-4)'],
];

describe('US state and sector catalogue: due instants', () => {
  const byKey = new Map<string, Obligation>(ALL.map((o) => [id(o), o]));

  it('has a hand-computed case for every obligation with a fixed period, and none for another', () => {
    const fixed = ALL.filter((o) => o.deadline.amount !== undefined).map(id);
    expect(GOLDEN.map(([key]) => key).sort()).toEqual([...fixed].sort());
  });

  it.each(GOLDEN)('%s from %s is due %s (%s)', (key, startsAt, dueAt) => {
    const obligation = byKey.get(key);
    expect(obligation).toBeDefined();
    const due = dueAtFor(obligation!, startsAt);
    // Compared as instants: the literal is hand-written with milliseconds, whatever format the clock code emits.
    expect(due && new Date(due).toISOString()).toBe(dueAt);
  });

  it('sets no timer on an open period', () => {
    expect(dueAtFor(byKey.get('US-GA/notify-residents')!, '2026-03-01T15:00:00-05:00')).toBeUndefined();
  });
});

describe('US state and sector catalogue: applicability', () => {
  const facts = (over: Partial<ApplicabilityFacts>): ApplicabilityFacts => ({ countries: ['US'], sectorFlags: [], actingAs: 'controller', ...over });
  const applies = (f: ApplicabilityFacts) => applicableObligations(f, ALL).map(id);

  it('applies the California Attorney General notice to 600 Californians, not to 400', () => {
    expect(applies(facts({ affectedBySubdivision: { 'US-CA': 600 } }))).toEqual(
      expect.arrayContaining(['US-CA/notify-residents', 'US-CA/notify-attorney-general']),
    );
    const small = applies(facts({ affectedBySubdivision: { 'US-CA': 400 } }));
    expect(small).toContain('US-CA/notify-residents');
    expect(small).not.toContain('US-CA/notify-attorney-general');
  });

  it('applies the Texas consumer-reporting-agency notice from 10,001 Texans, not at 10,000', () => {
    expect(applies(facts({ affectedBySubdivision: { 'US-TX': 10_001 } }))).toContain('US-TX/notify-consumer-reporting-agencies');
    const atLimit = applies(facts({ affectedBySubdivision: { 'US-TX': 10_000 } }));
    expect(atLimit).not.toContain('US-TX/notify-consumer-reporting-agencies');
    expect(atLimit).toEqual(expect.arrayContaining(['US-TX/notify-individuals', 'US-TX/notify-attorney-general']));
  });

  it('counts each state’s threshold in that state only', () => {
    const applied = applies(facts({ affectedBySubdivision: { 'US-CA': 400, 'US-TX': 400 } }));
    expect(applied).not.toContain('US-CA/notify-attorney-general');
    expect(applied).toContain('US-TX/notify-attorney-general');
    expect(applied.filter((key) => key.startsWith('US-NY/'))).toEqual([]);
  });

  it('applies the NYDFS notices only to a covered entity', () => {
    const nydfs = (f: ApplicabilityFacts) => applies(f).filter((key) => key.startsWith('NYDFS/'));
    expect(nydfs(facts({ affectedBySubdivision: { 'US-NY': 10 } }))).toEqual([]);
    expect(nydfs(facts({ affectedBySubdivision: { 'US-NY': 10 }, sectorFlags: ['nydfs-covered-entity'] }))).toEqual([
      'NYDFS/notify-superintendent',
      'NYDFS/notify-extortion-payment',
      'NYDFS/describe-extortion-payment',
    ]);
  });

  it('applies the FTC notice only to a flagged financial institution with 500 or more consumers', () => {
    const ftc = (f: ApplicabilityFacts) => applies(f).includes('FTC-SAFEGUARDS/notify-ftc');
    expect(ftc(facts({ affectedTotal: 500 }))).toBe(false);
    expect(ftc(facts({ affectedTotal: 500, sectorFlags: ['ftc-financial-institution'] }))).toBe(true);
    expect(ftc(facts({ affectedTotal: 499, sectorFlags: ['ftc-financial-institution'] }))).toBe(false);
  });
});

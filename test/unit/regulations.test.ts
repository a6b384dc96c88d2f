import { DateTime } from 'luxon';
import { HOLIDAY_YEARS, holidaysFor } from '../../src/domain/holidays';
import {
  CATALOGUE,
  DEFAULT_OBLIGATIONS,
  EEA_COUNTRIES,
  EU_MEMBER_STATES,
  findObligation,
  GDPR_AUTHORITY_NOTICE,
  REGIME_IDS,
  REGIMES,
  type Obligation,
  type Regime,
} from '../../src/domain/regulations';

const id = (o: Obligation) => `${o.regime}/${o.obligation}`;

describe('CATALOGUE integrity', () => {
  it('has one entry per (regime, obligation), with kebab-case obligation ids', () => {
    const ids = CATALOGUE.map(id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(CATALOGUE.filter((o) => !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(o.obligation)).map(id)).toEqual([]);
  });

  it('gives every entry a source, a recipient and non-empty required content', () => {
    const incomplete = CATALOGUE.filter(
      (o) => !o.source.trim() || !o.recipient.trim() || o.requiredContent.length === 0 || o.requiredContent.some((c) => !c.trim()),
    );
    expect(incomplete.map(id)).toEqual([]);
  });

  it('chains every { after } trigger to an existing obligation of the same regime, without cycles', () => {
    const chained = CATALOGUE.filter((o) => typeof o.trigger === 'object');
    expect(chained.length).toBeGreaterThan(0);
    for (const o of chained) {
      const seen = new Set<string>([o.obligation]);
      let current: Obligation | undefined = o;
      while (current && typeof current.trigger === 'object') {
        const previous = findObligation(o.regime, current.trigger.after);
        expect({ from: id(current), to: previous && id(previous) }).toEqual({ from: id(current), to: `${o.regime}/${current.trigger.after}` });
        expect(seen.has(previous!.obligation)).toBe(false);
        seen.add(previous!.obligation);
        current = previous;
      }
    }
  });

  it('names a holiday calendar with data from this year through 2030 on every business-day entry', () => {
    const businessDays = CATALOGUE.filter((o) => o.deadline.unit === 'business-days');
    expect(businessDays.map(id)).toEqual(expect.arrayContaining(['SEC/file-8k', 'LGPD/notify-anpd', 'LGPD/notify-data-subjects']));
    for (const o of businessDays) {
      expect({ entry: id(o), calendar: o.counting.calendar }).toEqual({ entry: id(o), calendar: expect.any(String) });
      for (const year of [2026, 2027, 2028, 2029, 2030, ...HOLIDAY_YEARS]) {
        expect({ entry: id(o), year, data: holidaysFor(o.counting.calendar!, year) !== undefined }).toEqual({ entry: id(o), year, data: true });
      }
    }
  });

  it('names for every entry its source, an https address where the text can be read, and the day it was checked', () => {
    const today = new Date().toISOString().slice(0, 10);
    for (const o of CATALOGUE) {
      expect({ entry: id(o), source: o.source.trim().length > 0, url: /^https:\/\/[^\s]+$/.test(o.sourceUrl) }).toEqual({ entry: id(o), source: true, url: true });
      expect({ entry: id(o), checkedOn: /^\d{4}-\d{2}-\d{2}$/.test(o.checkedOn) && o.checkedOn <= today }).toEqual({ entry: id(o), checkedOn: true });
    }
  });

  it('lists every regime once, with a name and jurisdiction, and only regimes that have obligations', () => {
    expect(new Set(REGIME_IDS).size).toBe(REGIME_IDS.length);
    expect(REGIMES.filter((r) => !r.name.trim() || !r.jurisdiction.trim()).map((r) => r.id)).toEqual([]);
    expect(new Set(CATALOGUE.map((o) => o.regime))).toEqual(new Set(REGIME_IDS));
  });

  it('sets a cut-off only on day-based periods, and commencement dates as valid instants', () => {
    for (const o of CATALOGUE) {
      if (o.deadline.cutoff !== undefined) expect({ entry: id(o), unit: o.deadline.unit, cutoff: o.deadline.cutoff }).toEqual({ entry: id(o), unit: expect.stringMatching(/days|months/), cutoff: expect.stringMatching(/^([01]\d|2[0-3]):[0-5]\d$/) });
      if (o.inForceFrom !== undefined) expect({ entry: id(o), valid: !Number.isNaN(Date.parse(o.inForceFrom)) }).toEqual({ entry: id(o), valid: true });
    }
  });

  it('counts every entry in a valid IANA zone', () => {
    const invalid = CATALOGUE.filter((o) => !DateTime.now().setZone(o.counting.zone).isValid);
    expect(invalid.map(id)).toEqual([]);
  });

  it('gives every fixed period a positive whole amount, and every open one the wording of its standard', () => {
    for (const o of CATALOGUE) {
      if (o.deadline.amount === undefined) expect({ entry: id(o), standard: o.deadline.standard.length > 0 }).toEqual({ entry: id(o), standard: true });
      else expect({ entry: id(o), amount: Number.isInteger(o.deadline.amount) && o.deadline.amount > 0 }).toEqual({ entry: id(o), amount: true });
    }
  });

  it('explains what to verify on every entry marked verify, and only there', () => {
    expect(CATALOGUE.filter((o) => (o.verify === true) !== Boolean(o.verifyNote?.trim())).map(id)).toEqual([]);
  });

  it('uses ISO 3166 codes in applicability hints', () => {
    for (const o of CATALOGUE) {
      for (const country of o.appliesWhen?.countries ?? []) expect(country).toMatch(/^[A-Z]{2}$/);
      for (const subdivision of o.appliesWhen?.subdivisions ?? []) expect(subdivision).toMatch(/^[A-Z]{2}-[A-Z0-9]{1,3}$/);
    }
  });
});

describe('CATALOGUE content', () => {
  const entry = (regime: Regime, obligation: string) => {
    const found = findObligation(regime, obligation);
    if (!found) throw new Error(`${regime}/${obligation} missing`);
    return found;
  };

  it('holds the obligations of every regime REGULATIONS.md names', () => {
    expect([...new Set(CATALOGUE.map((o) => o.regime))]).toEqual(
      expect.arrayContaining(['GDPR', 'UK-GDPR', 'NIS2', 'DORA', 'HIPAA', 'SEC', 'LGPD', 'PDPA-SG', 'NDB-AU', 'DPDP-IN', 'PIPEDA-CA', 'US-CA', 'US-TX']),
    );
  });

  it('keeps GDPR_AUTHORITY_NOTICE as the catalogue entry and the only default obligation', () => {
    expect(entry('GDPR', 'notify-supervisory-authority')).toBe(GDPR_AUTHORITY_NOTICE);
    expect(DEFAULT_OBLIGATIONS).toEqual([GDPR_AUTHORITY_NOTICE]);
    expect(GDPR_AUTHORITY_NOTICE).toMatchObject({ trigger: 'awareness', deadline: { amount: 72, unit: 'hours' } });
  });

  it('gives GDPR data subjects and other "without undue delay" duties no fixed period', () => {
    expect(entry('GDPR', 'notify-data-subjects').deadline).toEqual({ standard: 'without undue delay' });
    expect(entry('DPDP-IN', 'notify-board').deadline.amount).toBeUndefined();
    expect(entry('NDB-AU', 'notify-oaic').deadline.amount).toBeUndefined();
  });

  it('chains NIS2 final report one month after the 72 h notification, and DORA intermediate and final reports', () => {
    expect(entry('NIS2', 'early-warning').deadline).toMatchObject({ amount: 24, unit: 'hours' });
    expect(entry('NIS2', 'final-report')).toMatchObject({ trigger: { after: 'incident-notification' }, deadline: { amount: 1, unit: 'months' } });
    expect(entry('DORA', 'intermediate-report')).toMatchObject({ trigger: { after: 'initial-notification' }, deadline: { amount: 72, unit: 'hours' } });
    expect(entry('DORA', 'final-report')).toMatchObject({ trigger: { after: 'intermediate-report' }, deadline: { amount: 1, unit: 'months' } });
  });

  it('caps the DORA initial notification at 24 h after awareness besides 4 h after classification', () => {
    expect(entry('DORA', 'initial-notification')).toMatchObject({
      trigger: 'classification-as-major',
      deadline: { amount: 4, unit: 'hours' },
      noLaterThan: { trigger: 'awareness', deadline: { amount: 24, unit: 'hours' } },
    });
  });

  it('counts SEC and LGPD in business days in their own zones and calendars, PDPA in calendar days in Singapore', () => {
    expect(entry('SEC', 'file-8k')).toMatchObject({
      trigger: 'materiality-determination',
      deadline: { amount: 4, unit: 'business-days', cutoff: '17:30' },
      counting: { zone: 'America/New_York', calendar: 'US-FEDERAL' },
    });
    expect(entry('LGPD', 'notify-anpd')).toMatchObject({
      deadline: { amount: 3, unit: 'business-days' },
      counting: { zone: 'America/Sao_Paulo', calendar: 'BR-NATIONAL' },
    });
    expect(entry('PDPA-SG', 'notify-pdpc')).toMatchObject({
      trigger: 'notifiability-assessment',
      deadline: { amount: 3, unit: 'calendar-days' },
      counting: { zone: 'Asia/Singapore' },
    });
  });

  it('holds the HIPAA, California and Texas thresholds as applicability data', () => {
    expect(entry('HIPAA', 'notify-media').appliesWhen).toMatchObject({ minAffected: 501, perSubdivision: true });
    expect(entry('HIPAA', 'notify-hhs').appliesWhen).toMatchObject({ minAffected: 500 });
    expect(entry('HIPAA', 'log-for-hhs').appliesWhen).toMatchObject({ maxAffected: 499 });
    expect(entry('US-CA', 'notify-attorney-general').appliesWhen).toMatchObject({ subdivisions: ['US-CA'], minAffected: 501 });
    expect(entry('US-TX', 'notify-attorney-general')).toMatchObject({
      deadline: { amount: 30, unit: 'calendar-days' },
      appliesWhen: { subdivisions: ['US-TX'], minAffected: 250 },
    });
  });

  it('marks as verify, among the regimes REGULATIONS.md names, exactly the facts not confirmed there: DPDP commencement, the LGPD supplement start, the DORA final-report paragraph', () => {
    const named = new Set(['GDPR', 'UK-GDPR', 'NIS2', 'DORA', 'HIPAA', 'SEC', 'LGPD', 'PDPA-SG', 'NDB-AU', 'DPDP-IN', 'PIPEDA-CA']);
    expect(CATALOGUE.filter((o) => o.verify && named.has(o.regime)).map(id).sort()).toEqual(
      ['DORA/final-report', 'DPDP-IN/notify-board', 'DPDP-IN/notify-data-principals', 'DPDP-IN/report-to-board', 'LGPD/supplement-anpd'].sort(),
    );
  });

  it('applies the GDPR in the EEA (EU plus IS, LI, NO) and NIS2 and DORA in the EU', () => {
    expect(EU_MEMBER_STATES).toHaveLength(27);
    expect(EEA_COUNTRIES).toHaveLength(30);
    expect(GDPR_AUTHORITY_NOTICE.appliesWhen?.countries).toEqual(EEA_COUNTRIES);
    expect(entry('NIS2', 'incident-notification').appliesWhen).toMatchObject({ countries: EU_MEMBER_STATES, sectorFlags: ['nis2-entity'] });
    expect(entry('DORA', 'initial-notification').appliesWhen).toMatchObject({ sectorFlags: ['dora-financial-entity'] });
  });

  it('finds nothing for an obligation the catalogue lacks', () => {
    expect(findObligation('GDPR', 'file-8k')).toBeUndefined();
  });
});

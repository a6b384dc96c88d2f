import { applicableObligations, clockKey, type ApplicabilityFacts } from '../../src/domain/applicability';
import { GDPR_AUTHORITY_NOTICE, type Obligation, type Regime, type SectorFlag } from '../../src/domain/regulations';

const EU_BREACH: ApplicabilityFacts = { countries: ['DE'], sectorFlags: [], actingAs: 'controller', risk: 'risk' };

const keys = (facts: ApplicabilityFacts, catalogue?: readonly Obligation[]) => applicableObligations(facts, catalogue).map(clockKey);
const regimes = (facts: ApplicabilityFacts) => [...new Set(applicableObligations(facts).map((o) => o.regime))];
const ofRegime = (facts: ApplicabilityFacts, regime: Regime) => keys(facts).filter((k) => k.startsWith(`${regime}/`));

describe('clockKey', () => {
  it('joins regime and obligation with a slash', () => {
    expect(clockKey(GDPR_AUTHORITY_NOTICE)).toBe('GDPR/notify-supervisory-authority');
  });
});

describe('applicableObligations', () => {
  describe('geography', () => {
    it('gives an EU-only breach with risk the GDPR authority notice, its supplement and the register, but not UK GDPR', () => {
      expect(keys(EU_BREACH)).toEqual(['GDPR/notify-supervisory-authority', 'GDPR/supplement-notification', 'GDPR/document-breach']);
    });

    it('adds the GDPR data-subject notice when the risk is high', () => {
      expect(keys({ ...EU_BREACH, risk: 'high-risk' })).toContain('GDPR/notify-data-subjects');
      expect(keys(EU_BREACH)).not.toContain('GDPR/notify-data-subjects');
    });

    it('gives a breach affecting the UK and Germany both GDPR and UK GDPR', () => {
      expect(regimes({ ...EU_BREACH, countries: ['GB', 'DE'] })).toEqual(['GDPR', 'UK-GDPR']);
    });

    it('applies the GDPR by EU establishment when no affected individual lives in the EEA (Art. 3(1))', () => {
      expect(regimes({ ...EU_BREACH, countries: ['US'] })).toEqual([]);
      expect(regimes({ ...EU_BREACH, countries: ['US'], establishment: ['DE'] })).toEqual(['GDPR']);
    });

    it('applies LGPD to a breach affecting Brazil', () => {
      expect(keys({ ...EU_BREACH, countries: ['BR'] })).toEqual(['LGPD/notify-anpd', 'LGPD/notify-data-subjects', 'LGPD/supplement-anpd']);
    });

    it('applies the PDPA to a breach affecting Singapore', () => {
      expect(keys({ ...EU_BREACH, countries: ['SG'] })).toEqual(['PDPA-SG/notify-pdpc', 'PDPA-SG/notify-individuals']);
    });

    it('applies a US state law only when its residents are affected', () => {
      const us: ApplicabilityFacts = { ...EU_BREACH, countries: ['US'] };
      expect(regimes({ ...us, subdivisions: ['US-CA'] })).toEqual(['US-CA']);
      expect(regimes({ ...us, affectedBySubdivision: { 'US-TX': 3 } })).toEqual(['US-TX']);
      expect(regimes(us)).toEqual([]);
    });

    it('compares country codes case-insensitively', () => {
      expect(keys({ ...EU_BREACH, countries: ['de'] })).toEqual(keys(EU_BREACH));
    });
  });

  describe('sector flags', () => {
    it.each<[SectorFlag, Regime, ApplicabilityFacts]>([
      ['nis2-entity', 'NIS2', EU_BREACH],
      ['dora-financial-entity', 'DORA', EU_BREACH],
      ['hipaa-covered-entity', 'HIPAA', { ...EU_BREACH, countries: ['US'] }],
      ['sec-registrant', 'SEC', EU_BREACH],
    ])('applies %s obligations (%s) only with that flag', (flag, regime, facts) => {
      expect(ofRegime(facts, regime)).toEqual([]);
      expect(ofRegime({ ...facts, sectorFlags: [flag] }, regime).length).toBeGreaterThan(0);
    });

    it('applies the SEC 8-K wherever the breach happened', () => {
      expect(ofRegime({ ...EU_BREACH, countries: ['SG'], sectorFlags: ['sec-registrant'] }, 'SEC')).toEqual(['SEC/file-8k', 'SEC/file-8k-amendment']);
    });

    it('applies every NIS2 report to a NIS2 entity in the EU', () => {
      expect(ofRegime({ ...EU_BREACH, sectorFlags: ['nis2-entity'] }, 'NIS2')).toEqual([
        'NIS2/early-warning',
        'NIS2/incident-notification',
        'NIS2/intermediate-report',
        'NIS2/final-report',
        'NIS2/progress-report',
        'NIS2/final-report-after-handling',
      ]);
    });
  });

  describe('role and risk', () => {
    it('drops the GDPR authority notice when the risk is assessed as none, but keeps the Art. 33(5) register', () => {
      const none = keys({ ...EU_BREACH, risk: 'none' });
      expect(none).not.toContain('GDPR/notify-supervisory-authority');
      expect(none).toContain('GDPR/document-breach');
    });

    it('applies every risk-gated GDPR notice while the risk is not yet assessed', () => {
      const { risk: _risk, ...unassessed } = EU_BREACH;
      expect(keys(unassessed)).toEqual([
        'GDPR/notify-supervisory-authority',
        'GDPR/notify-data-subjects',
        'GDPR/supplement-notification',
        'GDPR/document-breach',
      ]);
    });

    it('gives a processor the duty to tell its controller instead of the authority notice (Art. 33(2))', () => {
      expect(keys({ ...EU_BREACH, actingAs: 'processor' })).toEqual(['GDPR/notify-controller']);
    });
  });

  describe('affected counts', () => {
    const texas: ApplicabilityFacts = { ...EU_BREACH, countries: ['US'], subdivisions: ['US-TX'] };

    it('requires the Texas Attorney General notice from 250 Texans, not below', () => {
      expect(ofRegime({ ...texas, affectedBySubdivision: { 'US-TX': 250 } }, 'US-TX')).toContain('US-TX/notify-attorney-general');
      expect(ofRegime({ ...texas, affectedBySubdivision: { 'US-TX': 249 } }, 'US-TX')).toEqual(['US-TX/notify-individuals']);
      expect(ofRegime({ ...texas, affectedBySubdivision: { 'US-TX': 10 } }, 'US-TX')).toEqual(['US-TX/notify-individuals']);
    });

    it('counts Texans only, not residents of other states', () => {
      const facts = { ...texas, affectedBySubdivision: { 'US-TX': 10, 'US-CA': 5000 } };
      expect(ofRegime(facts, 'US-TX')).toEqual(['US-TX/notify-individuals']);
    });

    it('applies the Texas Attorney General notice while the number of Texans is unknown', () => {
      expect(ofRegime(texas, 'US-TX')).toContain('US-TX/notify-attorney-general');
    });

    describe('HIPAA', () => {
      const hipaa: ApplicabilityFacts = { ...EU_BREACH, countries: ['US'], sectorFlags: ['hipaa-covered-entity'] };

      it('notifies HHS from 500 affected, and logs for HHS below', () => {
        expect(ofRegime({ ...hipaa, affectedTotal: 500 }, 'HIPAA')).toEqual(['HIPAA/notify-individuals', 'HIPAA/notify-media', 'HIPAA/notify-hhs']);
        expect(ofRegime({ ...hipaa, affectedTotal: 499 }, 'HIPAA')).toEqual(['HIPAA/notify-individuals', 'HIPAA/notify-media', 'HIPAA/log-for-hhs']);
      });

      it('keeps both HHS clocks while the count is unknown', () => {
        expect(ofRegime(hipaa, 'HIPAA')).toEqual(['HIPAA/notify-individuals', 'HIPAA/notify-media', 'HIPAA/notify-hhs', 'HIPAA/log-for-hhs']);
      });

      it('notifies the media only when more than 500 residents of one state are affected', () => {
        const media = (affectedBySubdivision: Record<string, number>) =>
          ofRegime({ ...hipaa, affectedTotal: 1000, affectedBySubdivision }, 'HIPAA').includes('HIPAA/notify-media');
        expect(media({ 'US-NY': 501 })).toBe(true);
        expect(media({ 'US-NY': 500, 'US-NJ': 500 })).toBe(false);
      });
    });
  });

  describe('regimes set by the DPO', () => {
    it('includes a regime whatever the geography', () => {
      const facts = { ...EU_BREACH, regimesSetByDpo: { include: ['UK-GDPR' as const], exclude: [] } };
      expect(ofRegime(facts, 'UK-GDPR')).toEqual(['UK-GDPR/notify-supervisory-authority', 'UK-GDPR/document-breach']);
    });

    it('still drops the included regime’s obligations whose sector or risk conditions fail', () => {
      expect(ofRegime({ ...EU_BREACH, regimesSetByDpo: { include: ['NIS2'], exclude: [] } }, 'NIS2')).toEqual([]);
      // The breach log (Art. 33(5)) binds whatever the risk; the notice does not.
      expect(ofRegime({ ...EU_BREACH, risk: 'none', regimesSetByDpo: { include: ['UK-GDPR'], exclude: [] } }, 'UK-GDPR')).toEqual(['UK-GDPR/document-breach']);
    });

    it('excludes a regime the facts would apply, even when it is also included, and leaves the others', () => {
      const facts: ApplicabilityFacts = { ...EU_BREACH, countries: ['DE', 'GB'], regimesSetByDpo: { include: ['GDPR'], exclude: ['GDPR'] } };
      expect(regimes(facts)).toEqual(['UK-GDPR']);
    });
  });

  it('reads the catalogue it is given', () => {
    const only: Obligation = { ...GDPR_AUTHORITY_NOTICE, regime: 'DPDP-IN', obligation: 'custom', appliesWhen: undefined };
    expect(keys({ ...EU_BREACH, countries: [] }, [GDPR_AUTHORITY_NOTICE, only])).toEqual(['DPDP-IN/custom']);
  });
});

import fc from 'fast-check';
import {
  CONSEQUENCE_SEVERITIES,
  CONTROLLER_SECTORS,
  DATA_CATEGORIES,
  DATA_VOLUMES,
  HARMS,
  LARGE_SCALE_INDIVIDUALS,
  NOTABLE_SCALE_INDIVIDUALS,
  OUTCOME_ORDER,
  SUBJECT_CHARACTERISTICS,
  isAtLeast,
  strongerOutcome,
  suggestOutcome,
  type RiskFactors,
} from '../../src/domain/risk-factors';
import { RiskFactorsSchema, RiskSuggestionSchema } from '../../src/domain/risk-factors-schema';
import { computeSeverity, type SeverityInput, type SeverityResult, type SuggestedOutcome } from '../../src/domain/severity';

type Level = SeverityInput['easeOfIdentification']['level'];
type Mitigation = 'encryptedWithUncompromisedKey' | 'disclosedOnlyToTrustedRecipient' | 'restoredFromBackupInTime';

const rank = (outcome: SuggestedOutcome): number => OUTCOME_ORDER.indexOf(outcome);
const LEVELS: readonly Level[] = ['negligible', 'limited', 'significant', 'maximum'];
const MITIGATIONS: readonly Mitigation[] = ['encryptedWithUncompromisedKey', 'disclosedOnlyToTrustedRecipient', 'restoredFromBackupInTime'];

function enisaInput(category: SeverityInput['dataProcessingContext']['category'] = 'simple', level: Level = 'limited'): SeverityInput {
  return {
    dataProcessingContext: { category, adjustment: 0, rationale: 'Contact details.' },
    easeOfIdentification: { level, rationale: 'Names in the file.' },
    circumstances: { lossOfConfidentiality: 0, lossOfIntegrity: 0, lossOfAvailability: 0, maliciousIntent: false, rationale: 'Misdirected letter.' },
  };
}

// SE 0.5 (low) and 4 (very high): the two ends of the band's outcomes.
const LOW = computeSeverity(enisaInput('simple', 'limited'));
const HIGH = computeSeverity(enisaInput('sensitive', 'maximum'));

/** A breach with nothing that calls for a notice: one letter to the wrong customer, with a recorded finding. */
function quiet(): RiskFactors {
  return {
    breachType: { confidentiality: true, integrity: false, availability: false, rationale: 'A letter reached the wrong customer.' },
    data: { categories: ['identity-and-contact'], volume: 'limited', rationale: 'Name and address.' },
    individuals: { count: 1, characteristics: ['customers'], rationale: 'One customer.' },
    consequences: { severity: 'minimal', permanent: false, harms: [], rationale: 'The address is in the phone book.' },
    controller: { sectors: ['other'], rationale: 'A garden centre.' },
    mitigations: {
      encryptedWithUncompromisedKey: false,
      disclosedOnlyToTrustedRecipient: false,
      restoredFromBackupInTime: false,
      rationale: 'None applied.',
    },
    unlikelyToResultInRisk: { reasons: 'Name and address only, already public; the recipient returned the letter.' },
  };
}

type Patch = {
  [K in keyof RiskFactors]?: K extends 'unlikelyToResultInRisk' ? RiskFactors[K] | null : Partial<NonNullable<RiskFactors[K]>>;
};

function withFactors(patch: Patch): RiskFactors {
  const base = quiet();
  const { unlikelyToResultInRisk: finding, ...groups } = patch;
  const merged: RiskFactors = { ...base };
  for (const [key, value] of Object.entries(groups) as [Exclude<keyof RiskFactors, 'unlikelyToResultInRisk'>, object][]) {
    Object.assign(merged, { [key]: { ...base[key], ...value } });
  }
  if (finding === null) delete merged.unlikelyToResultInRisk;
  else if (finding !== undefined) merged.unlikelyToResultInRisk = finding;
  return merged;
}

const factorIds = (factors: RiskFactors | null, enisa: SeverityResult = LOW, input?: SeverityInput) =>
  suggestOutcome(enisa, factors, input).reasons.map((r) => r.factor);

describe('strongerOutcome', () => {
  it('returns the outcome with more duties, whichever order it comes in', () => {
    expect(strongerOutcome('register-only', 'notify-authority')).toBe('notify-authority');
    expect(strongerOutcome('notify-authority-and-subjects', 'notify-authority')).toBe('notify-authority-and-subjects');
    expect(strongerOutcome('register-only', 'register-only')).toBe('register-only');
  });

  it('is commutative and never below either argument', () => {
    const outcome = fc.constantFrom(...OUTCOME_ORDER);
    fc.assert(
      fc.property(outcome, outcome, (a, b) => {
        expect(strongerOutcome(a, b)).toBe(strongerOutcome(b, a));
        expect(isAtLeast(strongerOutcome(a, b), a) && isAtLeast(strongerOutcome(a, b), b)).toBe(true);
      }),
    );
  });
});

describe('suggestOutcome without recorded factors', () => {
  it('calls for at least an authority notice when the band is low, because no finding of unlikely risk was recorded', () => {
    const s = suggestOutcome(LOW, null);
    expect(s).toMatchObject({ outcome: 'notify-authority', enisaOutcome: 'register-only', factorsOutcome: 'notify-authority', method: 'enisa-only' });
    expect(s.reasons.map((r) => [r.factor, r.outcome])).toEqual([
      ['enisa-band', 'register-only'],
      ['no-unlikely-risk-finding', 'notify-authority'],
    ]);
    expect(s.reasons[1]?.explanation).toContain('Art. 33(1)');
  });

  it("keeps a high band's call to tell the data subjects", () => {
    expect(suggestOutcome(HIGH, null).outcome).toBe('notify-authority-and-subjects');
  });
});

describe('suggestOutcome: the unlikely-risk finding', () => {
  it('allows register-only when the finding is recorded and nothing calls for more', () => {
    const s = suggestOutcome(LOW, quiet());
    expect(s).toMatchObject({ outcome: 'register-only', factorsOutcome: 'register-only', method: 'enisa-and-factors' });
    expect(s.reasons.find((r) => r.factor === 'unlikely-risk-finding')?.explanation).toContain('already public');
  });

  it('calls for an authority notice when the same breach has no recorded finding', () => {
    const s = suggestOutcome(LOW, withFactors({ unlikelyToResultInRisk: null }));
    expect(s.outcome).toBe('notify-authority');
    expect(s.reasons.map((r) => r.factor)).toContain('no-unlikely-risk-finding');
  });

  it('does not outweigh a factor that calls for more', () => {
    const s = suggestOutcome(LOW, withFactors({ data: { categories: ['special-category'] } }));
    expect(s.outcome).toBe('notify-authority-and-subjects');
  });

  it('does not outweigh the ENISA band', () => {
    expect(suggestOutcome(HIGH, quiet())).toMatchObject({ outcome: 'notify-authority-and-subjects', factorsOutcome: 'register-only' });
  });
});

describe('suggestOutcome: high-risk factors (Art. 34)', () => {
  it.each<[string, Patch, string]>([
    ['special-category data disclosed', { data: { categories: ['special-category'] } }, 'sensitive-data'],
    ['criminal-offence data disclosed', { data: { categories: ['criminal-offence'] } }, 'sensitive-data'],
    [
      'health data unavailable and not restored in time',
      { breachType: { confidentiality: false, availability: true }, data: { categories: ['special-category'] } },
      'sensitive-data',
    ],
    ['identity documents disclosed', { data: { categories: ['identity-document'] } }, 'fraud-enabling-data'],
    ['credentials disclosed', { data: { categories: ['credentials'] } }, 'fraud-enabling-data'],
    [`${LARGE_SCALE_INDIVIDUALS} people affected`, { individuals: { count: LARGE_SCALE_INDIVIDUALS } }, 'number-of-individuals'],
    ['an unknown number of people affected', { individuals: { count: 'unknown' } }, 'number-of-individuals'],
    ['children affected', { individuals: { characteristics: ['children'] } }, 'vulnerable-individuals'],
    ['patients affected', { individuals: { characteristics: ['patients'] } }, 'vulnerable-individuals'],
    ['vulnerable adults affected', { individuals: { characteristics: ['vulnerable-adults'] } }, 'vulnerable-individuals'],
    ['serious consequences', { consequences: { severity: 'serious' } }, 'consequence-severity'],
    ['severe consequences', { consequences: { severity: 'severe' } }, 'consequence-severity'],
    ['limited but permanent consequences', { consequences: { severity: 'limited', permanent: true } }, 'permanent-consequences'],
    ['possible identity theft', { consequences: { harms: ['identity-theft'] } }, 'possible-harms'],
    ['possible discrimination', { consequences: { harms: ['discrimination'] } }, 'possible-harms'],
    ['possible loss of professional secrecy', { consequences: { harms: ['loss-of-professional-secrecy'] } }, 'possible-harms'],
    [
      'a hospital whose records were out and not restored in time',
      { breachType: { confidentiality: false, availability: true }, controller: { sectors: ['health'] } },
      'critical-service-unavailable',
    ],
  ])('tells the data subjects for %s, and says why', (_name, patch, factor) => {
    const s = suggestOutcome(LOW, withFactors(patch));
    expect(s.outcome).toBe('notify-authority-and-subjects');
    expect(s.reasons).toContainEqual(expect.objectContaining({ factor, outcome: 'notify-authority-and-subjects' }));
  });

  it('tells the data subjects for disclosed financial data of identifiable people, and only the authority when ENISA rates them hard to identify', () => {
    const financial = withFactors({ data: { categories: ['financial'] } });
    expect(suggestOutcome(LOW, financial, enisaInput('financial', 'maximum')).outcome).toBe('notify-authority-and-subjects');
    expect(suggestOutcome(LOW, financial).outcome).toBe('notify-authority-and-subjects');
    expect(suggestOutcome(LOW, financial, enisaInput('financial', 'negligible')).outcome).toBe('notify-authority');
  });
});

describe('suggestOutcome: factors that call for an authority notice (Art. 33)', () => {
  it.each<[string, Patch, string]>([
    [`${NOTABLE_SCALE_INDIVIDUALS} people affected`, { individuals: { count: NOTABLE_SCALE_INDIVIDUALS } }, 'number-of-individuals'],
    [`${LARGE_SCALE_INDIVIDUALS - 1} people affected`, { individuals: { count: LARGE_SCALE_INDIVIDUALS - 1 } }, 'number-of-individuals'],
    ['location data disclosed', { data: { categories: ['location'] } }, 'revealing-data'],
    ['an extensive profile disclosed', { data: { volume: 'extensive' } }, 'data-volume'],
    ['limited consequences', { consequences: { severity: 'limited' } }, 'consequence-severity'],
    ['minimal but permanent consequences', { consequences: { permanent: true } }, 'permanent-consequences'],
    ['possible unwanted contact', { consequences: { harms: ['unwanted-contact'] } }, 'possible-harms'],
    ['data lost without a timely restore', { breachType: { confidentiality: false, availability: true } }, 'unavailable-data'],
    ['data altered without a timely restore', { breachType: { confidentiality: false, integrity: true } }, 'unavailable-data'],
  ])('notifies the authority for %s despite the finding', (_name, patch, factor) => {
    const s = suggestOutcome(LOW, withFactors(patch));
    expect(s.outcome).toBe('notify-authority');
    expect(s.reasons).toContainEqual(expect.objectContaining({ factor, outcome: 'notify-authority' }));
  });

  it(`lets fewer than ${NOTABLE_SCALE_INDIVIDUALS} people stay register-only with the finding`, () => {
    expect(suggestOutcome(LOW, withFactors({ individuals: { count: NOTABLE_SCALE_INDIVIDUALS - 1 } })).outcome).toBe('register-only');
  });
});

describe('suggestOutcome: mitigations', () => {
  it('keeps encrypted special-category data from raising when only confidentiality was lost (Art. 34(3)(a))', () => {
    const factors = withFactors({
      data: { categories: ['special-category', 'credentials'] },
      individuals: { count: 'unknown', characteristics: ['patients'] },
      mitigations: { encryptedWithUncompromisedKey: true },
    });
    const s = suggestOutcome(LOW, factors);
    expect(s.outcome).toBe('register-only');
    expect(s.reasons).toContainEqual(expect.objectContaining({ factor: 'confidentiality-mitigated', outcome: 'register-only' }));
  });

  it('keeps a disclosure to a trusted recipient from raising', () => {
    const s = suggestOutcome(LOW, withFactors({ data: { categories: ['financial'] }, mitigations: { disclosedOnlyToTrustedRecipient: true } }));
    expect(s.outcome).toBe('register-only');
  });

  it('does not let encryption cover a loss of integrity', () => {
    const factors = withFactors({
      breachType: { integrity: true },
      data: { categories: ['special-category'] },
      mitigations: { encryptedWithUncompromisedKey: true },
    });
    expect(suggestOutcome(LOW, factors).outcome).toBe('notify-authority-and-subjects');
  });

  it('keeps a loss of availability restored in time from raising, even at a hospital', () => {
    const factors = withFactors({
      breachType: { confidentiality: false, availability: true, integrity: true },
      data: { categories: ['special-category'] },
      individuals: { count: 20_000, characteristics: ['patients'] },
      controller: { sectors: ['health'] },
      mitigations: { restoredFromBackupInTime: true },
    });
    const s = suggestOutcome(LOW, factors);
    expect(s.outcome).toBe('register-only');
    expect(s.reasons).toContainEqual(expect.objectContaining({ factor: 'restored-in-time', outcome: 'register-only' }));
  });

  it('does not lower what another factor calls for', () => {
    const factors = withFactors({
      data: { categories: ['special-category'] },
      consequences: { harms: ['identity-theft'] },
      mitigations: { encryptedWithUncompromisedKey: true, restoredFromBackupInTime: true },
    });
    const s = suggestOutcome(LOW, factors);
    expect(s.outcome).toBe('notify-authority-and-subjects');
    expect(s.reasons).toContainEqual(expect.objectContaining({ factor: 'possible-harms', outcome: 'notify-authority-and-subjects' }));
  });

  it('does not let a backup cover a disclosure', () => {
    const factors = withFactors({ data: { categories: ['identity-document'] }, mitigations: { restoredFromBackupInTime: true } });
    expect(suggestOutcome(LOW, factors).outcome).toBe('notify-authority-and-subjects');
  });
});

describe('suggestOutcome: reasons', () => {
  it('starts with the ENISA band and lists each contributing factor once, in a stable order', () => {
    const factors = withFactors({
      data: { categories: ['special-category', 'identity-document'] },
      individuals: { count: 'unknown', characteristics: ['children'] },
      consequences: { severity: 'severe', harms: ['discrimination'] },
      unlikelyToResultInRisk: null,
    });
    expect(factorIds(factors)).toEqual([
      'enisa-band',
      'no-unlikely-risk-finding',
      'sensitive-data',
      'fraud-enabling-data',
      'number-of-individuals',
      'vulnerable-individuals',
      'consequence-severity',
      'possible-harms',
    ]);
  });

  it('lists nothing but the band and the finding for a quiet breach', () => {
    expect(factorIds(quiet())).toEqual(['enisa-band', 'unlikely-risk-finding']);
  });
});

// Trimmed, as the schema stores them, so a parse round-trips unchanged.
const rationaleArb = fc.string({ minLength: 1, maxLength: 30 }).map((s) => s.trim()).filter((s) => s.length > 0);
const countArb = fc.oneof(fc.integer({ min: 1, max: 200_000 }), fc.constant('unknown' as const));

const factorsArb: fc.Arbitrary<RiskFactors> = fc
  .record({
    breachType: fc.record({ confidentiality: fc.boolean(), integrity: fc.boolean(), availability: fc.boolean(), rationale: rationaleArb }),
    data: fc.record({ categories: fc.subarray([...DATA_CATEGORIES]), volume: fc.constantFrom(...DATA_VOLUMES), rationale: rationaleArb }),
    individuals: fc.record({ count: countArb, characteristics: fc.subarray([...SUBJECT_CHARACTERISTICS]), rationale: rationaleArb }),
    consequences: fc.record({
      severity: fc.constantFrom(...CONSEQUENCE_SEVERITIES),
      permanent: fc.boolean(),
      harms: fc.subarray([...HARMS]),
      rationale: rationaleArb,
    }),
    controller: fc.record({ sectors: fc.subarray([...CONTROLLER_SECTORS]), rationale: rationaleArb }),
    mitigations: fc.record({
      encryptedWithUncompromisedKey: fc.boolean(),
      disclosedOnlyToTrustedRecipient: fc.boolean(),
      restoredFromBackupInTime: fc.boolean(),
      rationale: rationaleArb,
    }),
    finding: fc.option(fc.record({ reasons: rationaleArb }), { nil: undefined }),
  })
  .map(({ finding, ...groups }) => (finding === undefined ? groups : { ...groups, unlikelyToResultInRisk: finding }));

const cbArb = fc.integer({ min: 0, max: 50 }).map((h) => h / 100);
const enisaInputArb: fc.Arbitrary<SeverityInput> = fc.record({
  dataProcessingContext: fc.record({
    category: fc.constantFrom('simple' as const, 'behavioural' as const, 'financial' as const, 'sensitive' as const),
    adjustment: fc.integer({ min: -12, max: 12 }).map((q) => q / 4),
    rationale: rationaleArb,
  }),
  easeOfIdentification: fc.record({ level: fc.constantFrom(...LEVELS), rationale: rationaleArb }),
  circumstances: fc.record({
    lossOfConfidentiality: cbArb,
    lossOfIntegrity: cbArb,
    lossOfAvailability: cbArb,
    maliciousIntent: fc.boolean(),
    rationale: rationaleArb,
  }),
});

const addTo = <T>(list: readonly T[], item: T): T[] => (list.includes(item) ? [...list] : [...list, item]);
const upFrom = <T>(order: readonly T[], current: T, steps: number): T => order[Math.min(order.length - 1, order.indexOf(current) + steps)] as T;

/** One change that adds a risk factor, raises an input or removes a mitigation or the finding. */
const raiseArb: fc.Arbitrary<[string, (f: RiskFactors) => RiskFactors]> = fc.oneof(
  fc.constantFrom('confidentiality' as const, 'integrity' as const, 'availability' as const).map((k) => [`lose ${k}`, (f: RiskFactors) => ({ ...f, breachType: { ...f.breachType, [k]: true } })] as [string, (f: RiskFactors) => RiskFactors]),
  fc.constantFrom(...DATA_CATEGORIES).map((c) => [`add ${c}`, (f: RiskFactors) => ({ ...f, data: { ...f.data, categories: addTo(f.data.categories, c) } })] as [string, (f: RiskFactors) => RiskFactors]),
  fc.integer({ min: 1, max: 2 }).map((n) => [`volume +${n}`, (f: RiskFactors) => ({ ...f, data: { ...f.data, volume: upFrom(DATA_VOLUMES, f.data.volume, n) } })] as [string, (f: RiskFactors) => RiskFactors]),
  fc.oneof(fc.integer({ min: 0, max: 100_000 }), fc.constant('unknown' as const)).map(
    (step) =>
      [
        `count +${step}`,
        (f: RiskFactors) => {
          const count = f.individuals.count;
          const raised = step === 'unknown' || count === 'unknown' ? 'unknown' : count + step;
          return { ...f, individuals: { ...f.individuals, count: raised } };
        },
      ] as [string, (f: RiskFactors) => RiskFactors],
  ),
  fc.constantFrom(...SUBJECT_CHARACTERISTICS).map((c) => [`add ${c}`, (f: RiskFactors) => ({ ...f, individuals: { ...f.individuals, characteristics: addTo(f.individuals.characteristics, c) } })] as [string, (f: RiskFactors) => RiskFactors]),
  fc.integer({ min: 1, max: 3 }).map((n) => [`severity +${n}`, (f: RiskFactors) => ({ ...f, consequences: { ...f.consequences, severity: upFrom(CONSEQUENCE_SEVERITIES, f.consequences.severity, n) } })] as [string, (f: RiskFactors) => RiskFactors]),
  fc.constant(['permanent', (f: RiskFactors) => ({ ...f, consequences: { ...f.consequences, permanent: true } })] as [string, (f: RiskFactors) => RiskFactors]),
  fc.constantFrom(...HARMS).map((h) => [`add ${h}`, (f: RiskFactors) => ({ ...f, consequences: { ...f.consequences, harms: addTo(f.consequences.harms, h) } })] as [string, (f: RiskFactors) => RiskFactors]),
  fc.constantFrom(...CONTROLLER_SECTORS).map((s) => [`add ${s}`, (f: RiskFactors) => ({ ...f, controller: { ...f.controller, sectors: addTo(f.controller.sectors, s) } })] as [string, (f: RiskFactors) => RiskFactors]),
  fc.constantFrom(...MITIGATIONS).map((m) => [`remove ${m}`, (f: RiskFactors) => ({ ...f, mitigations: { ...f.mitigations, [m]: false } })] as [string, (f: RiskFactors) => RiskFactors]),
  fc.constant([
    'remove the finding',
    (f: RiskFactors) => {
      const { unlikelyToResultInRisk: _finding, ...rest } = f;
      return rest;
    },
  ] as [string, (f: RiskFactors) => RiskFactors]),
);

describe('suggestOutcome properties', () => {
  it('generates only risk factors the schema accepts, unchanged', () => {
    fc.assert(
      fc.property(factorsArb, (factors) => {
        expect(RiskFactorsSchema.parse(factors)).toEqual(factors);
      }),
    );
  });

  it('keeps every raised arbitrary valid too', () => {
    fc.assert(
      fc.property(factorsArb, fc.array(raiseArb, { maxLength: 4 }), (factors, raises) => {
        const raised = raises.reduce((f, [, raise]) => raise(f), factors);
        expect(RiskFactorsSchema.safeParse(raised).success).toBe(true);
      }),
    );
  });

  it('never lowers the suggestion when a risk factor is added, an input raised, or a mitigation or the finding removed', () => {
    fc.assert(
      fc.property(enisaInputArb, factorsArb, fc.array(raiseArb, { minLength: 1, maxLength: 4 }), (input, factors, raises) => {
        const enisa = computeSeverity(input);
        const raised = raises.reduce((f, [, raise]) => raise(f), factors);
        const before = suggestOutcome(enisa, factors, input);
        const after = suggestOutcome(enisa, raised, input);
        expect(rank(after.outcome)).toBeGreaterThanOrEqual(rank(before.outcome));
        expect(rank(after.factorsOutcome)).toBeGreaterThanOrEqual(rank(before.factorsOutcome));
      }),
    );
  });

  it('never lowers the suggestion when the ENISA band rises', () => {
    fc.assert(
      fc.property(enisaInputArb, enisaInputArb, fc.option(factorsArb, { nil: null }), (a, b, factors) => {
        const [lo, hi] = [computeSeverity(a), computeSeverity(b)].sort((x, y) => x.score - y.score);
        expect(rank(suggestOutcome(hi!, factors).outcome)).toBeGreaterThanOrEqual(rank(suggestOutcome(lo!, factors).outcome));
      }),
    );
  });

  it('never lowers the suggestion when ENISA rates the people easier to identify', () => {
    fc.assert(
      fc.property(enisaInputArb, factorsArb, fc.constantFrom(...LEVELS), (input, factors, level) => {
        const [lower, higher] = [input.easeOfIdentification.level, level].sort((x, y) => LEVELS.indexOf(x) - LEVELS.indexOf(y));
        const at = (l: Level): SeverityInput => ({ ...input, easeOfIdentification: { ...input.easeOfIdentification, level: l } });
        const enisa = computeSeverity(input);
        expect(rank(suggestOutcome(enisa, factors, at(higher!)).outcome)).toBeGreaterThanOrEqual(rank(suggestOutcome(enisa, factors, at(lower!)).outcome));
      }),
    );
  });

  it("is never weaker than the ENISA band's outcome", () => {
    fc.assert(
      fc.property(enisaInputArb, fc.option(factorsArb, { nil: null }), (input, factors) => {
        const enisa = computeSeverity(input);
        const s = suggestOutcome(enisa, factors, input);
        expect(isAtLeast(s.outcome, enisa.suggestedOutcome)).toBe(true);
        expect(s.outcome).toBe(strongerOutcome(s.enisaOutcome, s.factorsOutcome));
      }),
    );
  });

  it('never suggests register-only without the recorded finding', () => {
    fc.assert(
      fc.property(enisaInputArb, fc.option(factorsArb, { nil: null }), (input, factors) => {
        const s = suggestOutcome(computeSeverity(input), factors, input);
        if (factors?.unlikelyToResultInRisk === undefined) expect(s.outcome).not.toBe('register-only');
      }),
    );
  });

  it('explains the outcome it reaches: a reason calls for it and none calls for more', () => {
    fc.assert(
      fc.property(enisaInputArb, fc.option(factorsArb, { nil: null }), (input, factors) => {
        const s = suggestOutcome(computeSeverity(input), factors, input);
        expect(s.reasons.some((r) => r.outcome === s.outcome)).toBe(true);
        expect(s.reasons.every((r) => isAtLeast(s.outcome, r.outcome))).toBe(true);
        expect(new Set(s.reasons.map((r) => r.factor)).size).toBe(s.reasons.length);
        expect(s.method).toBe(factors === null ? 'enisa-only' : 'enisa-and-factors');
      }),
    );
  });

  it('returns a suggestion its schema accepts', () => {
    fc.assert(
      fc.property(enisaInputArb, fc.option(factorsArb, { nil: null }), (input, factors) => {
        expect(RiskSuggestionSchema.safeParse(suggestOutcome(computeSeverity(input), factors, input)).success).toBe(true);
      }),
    );
  });
});

describe('RiskFactorsSchema', () => {
  const valid = quiet();

  it('accepts a complete record unchanged and trims rationales', () => {
    expect(RiskFactorsSchema.parse(valid)).toEqual(valid);
    const padded = { ...valid, controller: { ...valid.controller, rationale: '  A garden centre.\n' } };
    expect(RiskFactorsSchema.parse(padded).controller.rationale).toBe('A garden centre.');
  });

  it('accepts a record without the finding', () => {
    expect(RiskFactorsSchema.safeParse(withFactors({ unlikelyToResultInRisk: null })).success).toBe(true);
  });

  it.each<[string, unknown]>([
    ['a count of 0', { ...valid, individuals: { ...valid.individuals, count: 0 } }],
    ['a fractional count', { ...valid, individuals: { ...valid.individuals, count: 2.5 } }],
    ['a count given as a word other than unknown', { ...valid, individuals: { ...valid.individuals, count: 'many' } }],
    ['a repeated category', { ...valid, data: { ...valid.data, categories: ['financial', 'financial'] } }],
    ['an unknown harm', { ...valid, consequences: { ...valid.consequences, harms: ['boredom'] } }],
    ['a blank rationale', { ...valid, mitigations: { ...valid.mitigations, rationale: '  ' } }],
    ['a finding without reasons', { ...valid, unlikelyToResultInRisk: {} }],
    ['ease of identification recorded twice', { ...valid, data: { ...valid.data, easeOfIdentification: 'maximum' } }],
    ['an unknown top-level field', { ...valid, notes: 'x' }],
  ])('refuses %s', (_name, candidate) => {
    expect(RiskFactorsSchema.safeParse(candidate).success).toBe(false);
  });
});

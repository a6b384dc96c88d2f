import fc from 'fast-check';
import { bandOf, computeSeverity, suggestedOutcomeOf, type SeverityBand, type SeverityInput, type SuggestedOutcome } from '../../src/domain/severity';
import { SeverityInputSchema, SeverityResultSchema } from '../../src/domain/severity-schema';

type Category = SeverityInput['dataProcessingContext']['category'];
type Level = SeverityInput['easeOfIdentification']['level'];
type CbComponent = 'lossOfConfidentiality' | 'lossOfIntegrity' | 'lossOfAvailability';

const CATEGORIES: readonly Category[] = ['simple', 'behavioural', 'financial', 'sensitive'];
const LEVELS: readonly Level[] = ['negligible', 'limited', 'significant', 'maximum'];
const CB_COMPONENTS: readonly CbComponent[] = ['lossOfConfidentiality', 'lossOfIntegrity', 'lossOfAvailability'];
const FACTORS = ['dataProcessingContext', 'easeOfIdentification', 'circumstances'] as const;
const BANDS: readonly SeverityBand[] = ['low', 'medium', 'high', 'very-high'];

// The oracle works in integers (quarters, hundredths, ten-thousandths) so it shares no float arithmetic with the code under test.
const BASE_DPC_QUARTERS: Record<Category, number> = { simple: 4, behavioural: 8, financial: 12, sensitive: 16 };
const EI_QUARTERS: Record<Level, number> = { negligible: 1, limited: 2, significant: 3, maximum: 4 };

function expectedScoreTenThousandths(input: SeverityInput): number {
  const { category, adjustment } = input.dataProcessingContext;
  const dpcQuarters = Math.min(16, Math.max(4, BASE_DPC_QUARTERS[category] + Math.round(adjustment * 4)));
  const eiQuarters = EI_QUARTERS[input.easeOfIdentification.level];
  const c = input.circumstances;
  const cbHundredths =
    Math.round(c.lossOfConfidentiality * 100) +
    Math.round(c.lossOfIntegrity * 100) +
    Math.round(c.lossOfAvailability * 100) +
    (c.maliciousIntent ? 50 : 0);
  return dpcQuarters * eiQuarters * 625 + cbHundredths * 100;
}

function expectedBand(tenThousandths: number): SeverityBand {
  if (tenThousandths < 20_000) return 'low';
  if (tenThousandths < 30_000) return 'medium';
  if (tenThousandths < 40_000) return 'high';
  return 'very-high';
}

const rank = (band: SeverityBand): number => BANDS.indexOf(band);

interface Factors {
  category?: Category;
  adjustment?: number;
  level?: Level;
  confidentiality?: number;
  integrity?: number;
  availability?: number;
  malicious?: boolean;
}

function assessment(f: Factors = {}): SeverityInput {
  return {
    dataProcessingContext: { category: f.category ?? 'simple', adjustment: f.adjustment ?? 0, rationale: 'Contact details only.' },
    easeOfIdentification: { level: f.level ?? 'maximum', rationale: 'Names are in the file.' },
    circumstances: {
      lossOfConfidentiality: f.confidentiality ?? 0,
      lossOfIntegrity: f.integrity ?? 0,
      lossOfAvailability: f.availability ?? 0,
      maliciousIntent: f.malicious ?? false,
      rationale: 'Laptop left on a train.',
    },
  };
}

const rationaleArb = fc.string({ minLength: 1, maxLength: 40 }).filter((s) => s.trim().length > 0);
const cbArb = fc.integer({ min: 0, max: 50 }).map((h) => h / 100);

const inputArb: fc.Arbitrary<SeverityInput> = fc.record({
  dataProcessingContext: fc.record({
    category: fc.constantFrom(...CATEGORIES),
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

describe('computeSeverity (ENISA 2013, SE = DPC × EI + CB)', () => {
  it.each<[string, number, SeverityBand, Factors]>([
    ['the lowest possible score', 0.25, 'low', { level: 'negligible' }],
    ['just below 2', 1.99, 'low', { confidentiality: 0.5, integrity: 0.25, availability: 0.24 }],
    ['a quarter below 2', 1.75, 'low', { category: 'behavioural', level: 'significant', confidentiality: 0.25 }],
    ['exactly 2 from DPC × EI alone', 2, 'medium', { category: 'behavioural' }],
    ['exactly 2 with circumstances', 2, 'medium', { confidentiality: 0.5, integrity: 0.5 }],
    ['just below 3', 2.99, 'medium', { category: 'behavioural', confidentiality: 0.5, availability: 0.49 }],
    ['exactly 3', 3, 'high', { category: 'financial' }],
    ['exactly 3 with malicious intent', 3, 'high', { category: 'behavioural', malicious: true, integrity: 0.5 }],
    ['just below 4', 3.99, 'high', { category: 'sensitive', level: 'significant', confidentiality: 0.5, integrity: 0.49 }],
    ['exactly 4', 4, 'very-high', { category: 'sensitive' }],
    [
      'the highest possible score',
      6,
      'very-high',
      { category: 'sensitive', adjustment: 3, confidentiality: 0.5, integrity: 0.5, availability: 0.5, malicious: true },
    ],
  ])('%s: scores %d, band %s', (_name, score, band, factors) => {
    const result = computeSeverity(assessment(factors));
    expect(result.score).toBe(score);
    expect(result.band).toBe(band);
  });

  it('returns the factors, score, band and suggested outcome of a worked example', () => {
    const result = computeSeverity(
      assessment({ category: 'financial', adjustment: -0.5, level: 'significant', confidentiality: 0.5, integrity: 0.25 }),
    );
    expect(result).toEqual({ dpc: 2.5, ei: 0.75, cb: 0.75, score: 2.625, band: 'medium', suggestedOutcome: 'notify-authority' });
    expect(SeverityResultSchema.parse(result)).toEqual(result);
  });

  it('keeps a sum that is exactly 2 on paper at 2 despite floating-point noise', () => {
    // 0.75 + 0.36 + 0.4 + 0.49 evaluates to 1.9999999999999998 in IEEE 754.
    const result = computeSeverity(assessment({ level: 'significant', confidentiality: 0.36, integrity: 0.4, availability: 0.49 }));
    expect(result.score).toBe(2);
    expect(result.band).toBe('medium');
  });

  it('reports CB without floating-point noise', () => {
    const result = computeSeverity(assessment({ level: 'negligible', confidentiality: 0.1, integrity: 0.2 }));
    expect(result.cb).toBe(0.3);
    expect(result.score).toBe(0.55);
  });

  it.each<[Category, number, number]>([
    ['simple', -3, 1],
    ['simple', -0.25, 1],
    ['behavioural', -1.5, 1],
    ['behavioural', 0.75, 2.75],
    ['financial', -1.5, 1.5],
    ['financial', 1, 4],
    ['sensitive', 0.25, 4],
    ['sensitive', 3, 4],
    ['sensitive', -3, 1],
  ])('clamps %s data adjusted by %d to a DPC of %d', (category, adjustment, dpc) => {
    const result = computeSeverity(assessment({ category, adjustment }));
    expect(result.dpc).toBe(dpc);
    expect(result.score).toBe(dpc);
  });

  it.each<[Level, number]>([
    ['negligible', 0.25],
    ['limited', 0.5],
    ['significant', 0.75],
    ['maximum', 1],
  ])('weighs %s ease of identification as %d', (level, ei) => {
    const result = computeSeverity(assessment({ category: 'sensitive', level }));
    expect(result.ei).toBe(ei);
    expect(result.score).toBe(4 * ei);
  });

  it('adds 0.5 to CB for malicious intent, which can move the band', () => {
    const honest = computeSeverity(assessment({ category: 'behavioural', level: 'significant' }));
    const malicious = computeSeverity(assessment({ category: 'behavioural', level: 'significant', malicious: true }));
    expect(honest).toMatchObject({ cb: 0, score: 1.5, band: 'low' });
    expect(malicious).toMatchObject({ cb: 0.5, score: 2, band: 'medium' });
  });

  it('computes the published formula for any valid assessment', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        expect(computeSeverity(input).score).toBe(expectedScoreTenThousandths(input) / 10_000);
      }),
    );
  });

  it('bands any valid assessment by the published thresholds', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        expect(computeSeverity(input).band).toBe(expectedBand(expectedScoreTenThousandths(input)));
      }),
    );
  });

  it('never scores below 0.25 or above 6', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const { score } = computeSeverity(input);
        expect(score).toBeGreaterThanOrEqual(0.25);
        expect(score).toBeLessThanOrEqual(6);
      }),
    );
  });

  it('never gives a higher score a lower band', () => {
    fc.assert(
      fc.property(inputArb, inputArb, (a, b) => {
        const [lo, hi] = [computeSeverity(a), computeSeverity(b)].sort((x, y) => x.score - y.score);
        expect(rank(lo!.band)).toBeLessThanOrEqual(rank(hi!.band));
      }),
    );
  });

  it('never lowers the score or band when a CB component increases', () => {
    fc.assert(
      fc.property(inputArb, fc.constantFrom(...CB_COMPONENTS), fc.integer({ min: 0, max: 50 }), (input, component, step) => {
        const raised = Math.min(0.5, (Math.round(input.circumstances[component] * 100) + step) / 100);
        const before = computeSeverity(input);
        const after = computeSeverity({ ...input, circumstances: { ...input.circumstances, [component]: raised } });
        expect(after.score).toBeGreaterThanOrEqual(before.score);
        expect(rank(after.band)).toBeGreaterThanOrEqual(rank(before.band));
      }),
    );
  });

  it('never lowers the score or band when malicious intent is found', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const before = computeSeverity({ ...input, circumstances: { ...input.circumstances, maliciousIntent: false } });
        const after = computeSeverity({ ...input, circumstances: { ...input.circumstances, maliciousIntent: true } });
        expect(after.score).toBe((Math.round(before.score * 10_000) + 5_000) / 10_000);
        expect(rank(after.band)).toBeGreaterThanOrEqual(rank(before.band));
      }),
    );
  });

  it('suggests the outcome of its band', () => {
    const outcomes: Record<SeverityBand, SuggestedOutcome> = {
      low: 'register-only',
      medium: 'notify-authority',
      high: 'notify-authority-and-subjects',
      'very-high': 'notify-authority-and-subjects',
    };
    fc.assert(
      fc.property(inputArb, (input) => {
        const result = computeSeverity(input);
        expect(result.suggestedOutcome).toBe(outcomes[result.band]);
      }),
    );
  });

  it('returns a result its schema accepts', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        expect(SeverityResultSchema.safeParse(computeSeverity(input)).success).toBe(true);
      }),
    );
  });
});

describe('bandOf', () => {
  it.each<[number, SeverityBand]>([
    [0, 'low'],
    [1.9999, 'low'],
    [2, 'medium'],
    [2.9999, 'medium'],
    [3, 'high'],
    [3.9999, 'high'],
    [4, 'very-high'],
    [6, 'very-high'],
  ])('bands %d as %s', (score, band) => {
    expect(bandOf(score)).toBe(band);
  });

  it('bands an unrounded sum that is 2 on paper as medium', () => {
    const sum = 0.75 + 0.36 + 0.4 + 0.49;
    expect(sum).not.toBe(2);
    expect(bandOf(sum)).toBe('medium');
  });

  it.each([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])('refuses %d', (score) => {
    expect(() => bandOf(score)).toThrow(RangeError);
  });

  it('matches the published thresholds on the 4-decimal grid', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 60_000 }), (n) => {
        expect(bandOf(n / 10_000)).toBe(expectedBand(n));
      }),
    );
  });

  it('is monotone in the score', () => {
    const scoreArb = fc.double({ min: 0, max: 10, noNaN: true });
    fc.assert(
      fc.property(scoreArb, scoreArb, (a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(rank(bandOf(lo))).toBeLessThanOrEqual(rank(bandOf(hi)));
      }),
    );
  });
});

describe('suggestedOutcomeOf', () => {
  it.each<[SeverityBand, SuggestedOutcome]>([
    ['low', 'register-only'],
    ['medium', 'notify-authority'],
    ['high', 'notify-authority-and-subjects'],
    ['very-high', 'notify-authority-and-subjects'],
  ])('suggests %s → %s', (band, outcome) => {
    expect(suggestedOutcomeOf(band)).toBe(outcome);
  });
});

describe('SeverityInputSchema', () => {
  const valid = assessment({ category: 'financial', adjustment: 0.25, level: 'limited', confidentiality: 0.5, malicious: true });
  const withContext = (patch: Record<string, unknown>) => ({ ...valid, dataProcessingContext: { ...valid.dataProcessingContext, ...patch } });
  const withIdentification = (patch: Record<string, unknown>) => ({
    ...valid,
    easeOfIdentification: { ...valid.easeOfIdentification, ...patch },
  });
  const withCircumstances = (patch: Record<string, unknown>) => ({ ...valid, circumstances: { ...valid.circumstances, ...patch } });

  it('accepts a complete assessment unchanged', () => {
    expect(SeverityInputSchema.parse(valid)).toEqual(valid);
  });

  it('trims each rationale', () => {
    const parsed = SeverityInputSchema.parse(withIdentification({ rationale: '  Names are in the file.\n' }));
    expect(parsed.easeOfIdentification.rationale).toBe('Names are in the file.');
  });

  it('accepts a rationale of 4000 characters and refuses 4001', () => {
    expect(SeverityInputSchema.safeParse(withContext({ rationale: 'x'.repeat(4000) })).success).toBe(true);
    expect(SeverityInputSchema.safeParse(withContext({ rationale: 'x'.repeat(4001) })).success).toBe(false);
  });

  it.each([
    ['an adjustment above 3', withContext({ adjustment: 3.25 })],
    ['an adjustment below -3', withContext({ adjustment: -3.25 })],
    ['an adjustment off the quarter grid', withContext({ adjustment: 0.1 })],
    ['an unknown category', withContext({ category: 'genetic' })],
    ['an unknown identification level', withIdentification({ level: 'total' })],
    ['a loss of confidentiality above 0.5', withCircumstances({ lossOfConfidentiality: 0.51 })],
    ['a negative loss of integrity', withCircumstances({ lossOfIntegrity: -0.01 })],
    ['a loss of availability with three decimals', withCircumstances({ lossOfAvailability: 0.125 })],
    ['a loss given as a string', withCircumstances({ lossOfAvailability: '0.5' })],
    ['a loss of NaN', withCircumstances({ lossOfConfidentiality: Number.NaN })],
    ['malicious intent given as a number', withCircumstances({ maliciousIntent: 1 })],
    ['a missing rationale', withCircumstances({ rationale: undefined })],
    ['a whitespace-only rationale', withIdentification({ rationale: ' \n\t ' })],
    ['a missing factor', { ...valid, circumstances: undefined }],
  ])('refuses %s', (_name, candidate) => {
    expect(SeverityInputSchema.safeParse(candidate).success).toBe(false);
  });

  it('accepts every valid assessment', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        expect(SeverityInputSchema.safeParse(input).success).toBe(true);
      }),
    );
  });

  it('refuses an adjustment outside [-3, 3] or off the quarter grid', () => {
    const badAdjustment = fc.oneof(
      fc.double({ min: 3, max: 1e6, minExcluded: true, noNaN: true }),
      fc.double({ min: -1e6, max: -3, maxExcluded: true, noNaN: true }),
      fc.integer({ min: -300, max: 300 }).filter((h) => h % 25 !== 0).map((h) => h / 100),
    );
    fc.assert(
      fc.property(inputArb, badAdjustment, (input, adjustment) => {
        const candidate = { ...input, dataProcessingContext: { ...input.dataProcessingContext, adjustment } };
        expect(SeverityInputSchema.safeParse(candidate).success).toBe(false);
      }),
    );
  });

  it('refuses a CB component outside [0, 0.5] or with more than 2 decimals', () => {
    const badLoss = fc.oneof(
      fc.double({ min: 0.5, max: 1e6, minExcluded: true, noNaN: true }),
      fc.double({ min: -1e6, max: -1e-9, noNaN: true }),
      fc.integer({ min: 0, max: 500 }).filter((t) => t % 10 !== 0).map((t) => t / 1000),
    );
    fc.assert(
      fc.property(inputArb, fc.constantFrom(...CB_COMPONENTS), badLoss, (input, component, loss) => {
        const candidate = { ...input, circumstances: { ...input.circumstances, [component]: loss } };
        expect(SeverityInputSchema.safeParse(candidate).success).toBe(false);
      }),
    );
  });

  it('refuses an unknown field at any level', () => {
    const known = new Set([
      'dataProcessingContext',
      'easeOfIdentification',
      'circumstances',
      'category',
      'adjustment',
      'level',
      'rationale',
      ...CB_COMPONENTS,
      'maliciousIntent',
    ]);
    const keyArb = fc.string({ minLength: 1, maxLength: 12 }).filter((k) => !known.has(k) && k !== '__proto__');
    const where = fc.constantFrom('root' as const, ...FACTORS);
    fc.assert(
      fc.property(inputArb, where, keyArb, fc.jsonValue(), (input, at, key, value) => {
        const candidate: Record<string, unknown> =
          at === 'root' ? { ...input, [key]: value } : { ...input, [at]: { ...input[at], [key]: value } };
        expect(SeverityInputSchema.safeParse(candidate).success).toBe(false);
      }),
    );
  });

  it('refuses an empty or whitespace-only rationale on any factor', () => {
    const blank = fc.constantFrom('', ' ', '\t', '\n', '  \r\n ');
    fc.assert(
      fc.property(inputArb, fc.constantFrom(...FACTORS), blank, (input, at, rationale) => {
        const candidate = { ...input, [at]: { ...input[at], rationale } };
        expect(SeverityInputSchema.safeParse(candidate).success).toBe(false);
      }),
    );
  });
});

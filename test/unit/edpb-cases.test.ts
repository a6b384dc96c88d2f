import { EDPB_CASES, edpbOutcome, type EdpbCase } from '../fixtures/edpb-01-2021-cases';
import { OUTCOME_ORDER, isAtLeast, suggestOutcome } from '../../src/domain/risk-factors';
import { RiskFactorsSchema } from '../../src/domain/risk-factors-schema';
import { computeSeverity } from '../../src/domain/severity';
import { SeverityInputSchema } from '../../src/domain/severity-schema';

// Positive when an outcome is stronger than the EDPB conclusion, negative when weaker.
const versusEdpb = (c: EdpbCase, outcome: (typeof OUTCOME_ORDER)[number]): number => OUTCOME_ORDER.indexOf(outcome) - OUTCOME_ORDER.indexOf(edpbOutcome(c));

const results = EDPB_CASES.map((c) => {
  const enisa = computeSeverity(c.enisa);
  const suggestion = suggestOutcome(enisa, c.factors, c.enisa);
  return { c, enisa, suggestion, edpb: edpbOutcome(c) };
});

// Recorded once from the run below; a change in the rule or the fixture must update these on purpose.
const EXPECTED_EXACT = 16;
const EXPECTED_OVER_CALLS = [2, 8];
const EXPECTED_ENISA_UNDER_CALLS = [2, 4, 5, 8, 11, 14, 15, 16];

describe('EDPB Guidelines 01/2021 worked cases', () => {
  it('covers cases 1 to 18 once each', () => {
    expect(EDPB_CASES.map((c) => c.number)).toEqual(Array.from({ length: 18 }, (_, i) => i + 1));
  });

  it.each(EDPB_CASES.map((c) => [c.number, c] as const))('case %d records ENISA inputs and risk factors the schemas accept unchanged', (_n, c) => {
    expect(SeverityInputSchema.parse(c.enisa)).toEqual(c.enisa);
    expect(RiskFactorsSchema.parse(c.factors)).toEqual(c.factors);
  });

  it.each(results.map((r) => [r.c.number, r.c.title, r] as const))('case %d (%s): the suggestion never under-calls the EDPB', (_n, _title, r) => {
    expect(isAtLeast(r.suggestion.outcome, r.edpb)).toBe(true);
  });

  it('matches the EDPB exactly in the recorded number of cases, and over-calls only the recorded ones', () => {
    const exact = results.filter((r) => r.suggestion.outcome === r.edpb);
    const over = results.filter((r) => versusEdpb(r.c, r.suggestion.outcome) > 0);
    const lines = results.map(
      (r) =>
        `case ${String(r.c.number).padStart(2)} [${r.c.edpb.source}] EDPB ${r.edpb}; ours ${r.suggestion.outcome}; ENISA alone ${r.enisa.suggestedOutcome} (SE ${r.enisa.score}); ` +
        `because ${r.suggestion.reasons.filter((x) => x.outcome === r.suggestion.outcome).map((x) => x.factor).join(', ')}`,
    );
    const summary = `${exact.length} of ${results.length} EDPB cases matched exactly; over-calls: ${over.map((r) => `case ${r.c.number} (${r.suggestion.outcome} for ${r.edpb})`).join(', ') || 'none'}`;
    console.log([...lines, summary].join('\n'));
    expect(exact.length).toBe(EXPECTED_EXACT);
    expect(over.map((r) => r.c.number)).toEqual(EXPECTED_OVER_CALLS);
  });

  it('shows the under-calls the ENISA band alone made', () => {
    const under = results.filter((r) => versusEdpb(r.c, r.enisa.suggestedOutcome) < 0);
    console.log(
      `ENISA band alone under-called ${under.length} of ${results.length} EDPB cases: ` +
        under.map((r) => `case ${r.c.number} (${r.enisa.suggestedOutcome} for ${r.edpb})`).join(', '),
    );
    expect(under.map((r) => r.c.number)).toEqual(EXPECTED_ENISA_UNDER_CALLS);
    for (const r of under) expect(isAtLeast(r.suggestion.outcome, r.edpb)).toBe(true);
  });
});

// Source: ENISA, "Recommendations for a methodology of the assessment of severity of personal data
// breaches" (2013). SE = DPC × EI + CB; see the "Severity" section of REGULATIONS.md.
import type { SeverityBand, SeverityInput, SeverityResult, SuggestedOutcome } from './severity-schema';

export type { SeverityBand, SeverityInput, SeverityResult, SuggestedOutcome } from './severity-schema';

const DPC_BASE = { simple: 1, behavioural: 2, financial: 3, sensitive: 4 } as const;

const EI_VALUE = { negligible: 0.25, limited: 0.5, significant: 0.75, maximum: 1 } as const;

const MALICIOUS_INTENT = 0.5;

// Every valid input makes DPC × EI a multiple of 1/16 and CB a multiple of 0.01, so the true score
// has at most 4 decimals; rounding there removes binary floating-point noise (0.1 + 0.2 style) and
// nothing else, so a score that is exactly 2, 3 or 4 on paper lands in the higher band.
const SCORE_DECIMALS = 4;
const SCORE_SCALE = 10 ** SCORE_DECIMALS;

function roundScore(value: number): number {
  return Math.round(value * SCORE_SCALE) / SCORE_SCALE;
}

/** The band of a severity score, after rounding it to 4 decimals: < 2 low, < 3 medium, < 4 high, else very high. */
export function bandOf(score: number): SeverityBand {
  if (!Number.isFinite(score)) throw new RangeError(`invalid severity score: ${score}`);
  const rounded = roundScore(score);
  if (rounded < 2) return 'low';
  if (rounded < 3) return 'medium';
  if (rounded < 4) return 'high';
  return 'very-high';
}

/** The default outcome of a band: low is registered only, medium notifies the authority, high and above the subjects too. */
export function suggestedOutcomeOf(band: SeverityBand): SuggestedOutcome {
  switch (band) {
    case 'low':
      return 'register-only';
    case 'medium':
      return 'notify-authority';
    case 'high':
    case 'very-high':
      // Art. 34(1) high risk; an Art. 34(3) exemption is recorded as a DPO override, not here.
      return 'notify-authority-and-subjects';
  }
}

/** The ENISA severity of a validated assessment: factors, score (4 decimals), band and default outcome. */
export function computeSeverity(input: SeverityInput): SeverityResult {
  const context = input.dataProcessingContext;
  const dpc = Math.min(4, Math.max(1, DPC_BASE[context.category] + context.adjustment));
  const ei = EI_VALUE[input.easeOfIdentification.level];
  const c = input.circumstances;
  const cb = roundScore(
    c.lossOfConfidentiality + c.lossOfIntegrity + c.lossOfAvailability + (c.maliciousIntent ? MALICIOUS_INTENT : 0),
  );
  const score = roundScore(dpc * ei + cb);
  const band = bandOf(score);
  return { dpc, ei, cb, score, band, suggestedOutcome: suggestedOutcomeOf(band) };
}

// Source: ENISA, "Recommendations for a methodology of the assessment of severity of personal data
// breaches" (2013). SE = DPC × EI + CB; see the "Severity" section of REGULATIONS.md.
import { z } from 'zod';
import { text } from './text';

// The assessor's written reasons are the record the DPO and the authority read later (GDPR Art. 33(5)).
const RationaleSchema = text(4000);

// Two decimals cover ENISA's 0.25 and 0.5 steps and keep the score on the 4-decimal grid roundScore relies on.
// zod-to-openapi leaves multipleOf out of the document, so it is restated here and on the adjustment.
const LossSchema = z.number().min(0).max(0.5).multipleOf(0.01).meta({ multipleOf: 0.01 }).describe('Added to CB: 0 to 0.5, at most 2 decimals');

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

/** What the assessor records for one breach: the three ENISA factors, each with a written rationale. */
export const SeverityInputSchema = z
  .strictObject({
    dataProcessingContext: z.strictObject({
      category: z
        .enum(['simple', 'behavioural', 'financial', 'sensitive'])
        .describe('Base DPC: simple 1, behavioural 2, financial 3, sensitive 4'),
      // Quarter steps keep DPC × EI exact in binary floating point and still allow ENISA's whole-level moves.
      adjustment: z
        .number()
        .min(-3)
        .max(3)
        .multipleOf(0.25)
        .meta({ multipleOf: 0.25 })
        .describe('Added to the base DPC for context, in steps of 0.25; the sum is kept within 1–4'),
      rationale: RationaleSchema,
    }),
    easeOfIdentification: z.strictObject({
      level: z
        .enum(['negligible', 'limited', 'significant', 'maximum'])
        .describe('EI: negligible 0.25, limited 0.5, significant 0.75, maximum 1'),
      rationale: RationaleSchema,
    }),
    circumstances: z.strictObject({
      lossOfConfidentiality: LossSchema,
      lossOfIntegrity: LossSchema,
      lossOfAvailability: LossSchema,
      maliciousIntent: z.boolean().describe('Adds 0.5 to CB when true'),
      rationale: RationaleSchema,
    }),
  })
  .meta({ id: 'SeverityInput' });
export type SeverityInput = z.infer<typeof SeverityInputSchema>;

/** ENISA severity band, from low (SE < 2) to very high (SE ≥ 4). */
export const SeverityBandSchema = z.enum(['low', 'medium', 'high', 'very-high']);
export type SeverityBand = z.infer<typeof SeverityBandSchema>;

/** Default course of action for a band, which the DPO may override with a recorded justification. */
export const SuggestedOutcomeSchema = z.enum(['register-only', 'notify-authority', 'notify-authority-and-subjects']);
export type SuggestedOutcome = z.infer<typeof SuggestedOutcomeSchema>;

/** The computed factors, the score SE = DPC × EI + CB (4 decimals), its band and the default outcome. */
export const SeverityResultSchema = z
  .object({
    dpc: z.number().min(1).max(4).describe('Data processing context after adjustment, within 1–4'),
    ei: z.number().min(0.25).max(1).describe('Ease of identification'),
    cb: z.number().min(0).max(2).describe('Circumstances of the breach'),
    score: z.number().min(0.25).max(6).describe('SE = DPC × EI + CB, rounded to 4 decimals'),
    band: SeverityBandSchema,
    suggestedOutcome: SuggestedOutcomeSchema,
  })
  .meta({ id: 'SeverityResult' });
export type SeverityResult = z.infer<typeof SeverityResultSchema>;

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

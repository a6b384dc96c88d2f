// The ENISA assessment as the API reads and writes it (zod); the arithmetic is in severity.ts, zod-free for the workflow bundle.
import { z } from 'zod';
import { text } from './text';

// The assessor's written reasons are the record the DPO and the authority read later (GDPR Art. 33(5)).
const RationaleSchema = text(4000);

// Two decimals cover ENISA's 0.25 and 0.5 steps and keep the score on the 4-decimal grid roundScore relies on.
// zod-to-openapi leaves multipleOf out of the document, so it is restated here and on the adjustment.
const LossSchema = z.number().min(0).max(0.5).multipleOf(0.01).meta({ multipleOf: 0.01 }).describe('Added to CB: 0 to 0.5, at most 2 decimals');

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

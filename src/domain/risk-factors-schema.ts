// The EDPB risk factors as the API reads and writes them (zod); the combination rule is in risk-factors.ts, zod-free for
// the workflow bundle. Factor groups follow Guidelines 9/2022 section IV.B; ease of identification stays ENISA's input.
import { z } from 'zod';
import {
  CONSEQUENCE_SEVERITIES,
  CONTROLLER_SECTORS,
  DATA_CATEGORIES,
  DATA_VOLUMES,
  HARMS,
  RISK_FACTOR_IDS,
  SUBJECT_CHARACTERISTICS,
} from './risk-factors';
import { SuggestedOutcomeSchema } from './severity-schema';
import { text } from './text';

// The assessor's written reasons are the record the DPO and the authority read later (GDPR Art. 33(5)).
const RationaleSchema = text(4000);

// zod-to-openapi does not publish a refinement, so uniqueItems is restated for the document.
function distinctList<T extends readonly [string, ...string[]]>(values: T, what: string) {
  return z
    .array(z.enum(values))
    .refine((items) => new Set(items).size === items.length, { message: `Each ${what} at most once` })
    .meta({ uniqueItems: true });
}

/** The EDPB risk factors recorded for one breach, each group with a written rationale. */
export const RiskFactorsSchema = z
  .strictObject({
    breachType: z
      .strictObject({
        confidentiality: z.boolean().describe('Data was disclosed or accessed without authorisation'),
        integrity: z.boolean().describe('Data was altered without authorisation'),
        availability: z.boolean().describe('Access to the data was lost, or the data destroyed'),
        rationale: RationaleSchema,
      })
      .describe('Which security properties the breach affected (Guidelines 9/2022, type of breach)'),
    data: z
      .strictObject({
        categories: distinctList(DATA_CATEGORIES, 'category').describe(
          'Kinds of data affected: special-category is Art. 9, criminal-offence Art. 10, identity-document includes national identification numbers',
        ),
        volume: z.enum(DATA_VOLUMES).describe('How much data about each person: a single item, a few, or an extensive profile'),
        rationale: RationaleSchema,
      })
      .describe('Nature, sensitivity and volume of the data'),
    individuals: z
      .strictObject({
        count: z
          .union([z.number().int().min(1), z.literal('unknown')])
          .describe("Approximate number of people affected (Art. 33(3)(a)), or 'unknown' when not even an estimate exists"),
        characteristics: distinctList(SUBJECT_CHARACTERISTICS, 'characteristic').describe('Who the people are; children, patients and vulnerable adults weigh more'),
        rationale: RationaleSchema,
      })
      .describe('Number and special characteristics of the individuals'),
    consequences: z
      .strictObject({
        severity: z.enum(CONSEQUENCE_SEVERITIES).describe('How severe the consequences can be for the people affected'),
        permanent: z.boolean().describe('Whether the consequences would last (e.g. data that cannot be changed, like a national number)'),
        harms: distinctList(HARMS, 'harm').describe('Harms the breach may cause (GDPR Recital 85)'),
        rationale: RationaleSchema,
      })
      .describe('Severity and permanence of the consequences'),
    controller: z
      .strictObject({
        sectors: distinctList(CONTROLLER_SECTORS, 'sector').describe('What the controller does; health and social care make unavailable data critical'),
        rationale: RationaleSchema,
      })
      .describe('Special characteristics of the controller'),
    mitigations: z
      .strictObject({
        encryptedWithUncompromisedKey: z
          .boolean()
          .describe('The disclosed data was encrypted or hashed to the state of the art and the key was not compromised (Art. 34(3)(a))'),
        disclosedOnlyToTrustedRecipient: z
          .boolean()
          .describe('The data reached only a known recipient bound to confidentiality who returned or deleted it'),
        restoredFromBackupInTime: z.boolean().describe('Lost or altered data was restored from a clean backup before it caused harm'),
        rationale: RationaleSchema,
      })
      .describe('Measures that kept the lost property from harming anyone'),
    unlikelyToResultInRisk: z
      .strictObject({ reasons: RationaleSchema })
      .optional()
      .describe('The recorded finding that the breach is unlikely to result in a risk (Art. 33(1)); without it no breach is register-only'),
  })
  .meta({ id: 'RiskFactors' });
export type RiskFactors = z.infer<typeof RiskFactorsSchema>;

/** One factor's contribution to a suggestion: the outcome it calls for and why. */
export const RiskReasonSchema = z
  .object({
    factor: z.enum(RISK_FACTOR_IDS).describe('Stable id of the factor'),
    outcome: SuggestedOutcomeSchema,
    explanation: z.string().describe('One sentence for the DPO'),
  })
  .meta({ id: 'RiskReason' });
export type RiskReason = z.infer<typeof RiskReasonSchema>;

/** The suggested outcome: the stronger of the ENISA band's and the risk factors', with the reasons factor by factor. */
export const RiskSuggestionSchema = z
  .object({
    outcome: SuggestedOutcomeSchema,
    enisaOutcome: SuggestedOutcomeSchema.describe("The ENISA band's outcome alone"),
    factorsOutcome: SuggestedOutcomeSchema.describe('What the risk factors call for; notify-authority when none were recorded'),
    method: z.enum(['enisa-and-factors', 'enisa-only']).describe('enisa-only when no risk factors were recorded'),
    reasons: z.array(RiskReasonSchema),
  })
  .meta({ id: 'RiskSuggestion' });
export type RiskSuggestion = z.infer<typeof RiskSuggestionSchema>;

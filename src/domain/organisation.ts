import { z } from 'zod';
import { CountryCodeSchema } from './lifecycle';
import { text } from './text';
import { IsoDateTimeSchema } from './iso-date-time';
import { SECTOR_FLAGS } from './regulations';

/** Facts about the organisation that make regimes apply (NIS2 entity, DORA financial entity, HIPAA covered entity, SEC registrant…). */
export const SectorFlagSchema = z.enum(SECTOR_FLAGS);

/** Body of `PUT /v1/organisation`: who the organisation is, for applicability of every regime. */
export const OrganisationProfileSchema = z
  .strictObject({
    name: text(200).nullable(),
    establishment: z.array(CountryCodeSchema).max(250).describe('Countries where the organisation is established'),
    sectorFlags: z.array(SectorFlagSchema).max(SECTOR_FLAGS.length),
    actingAs: z.enum(['controller', 'processor']),
    expedientTargetDays: z
      .number()
      .int()
      .min(1)
      .max(365)
      .nullable()
      .default(null)
      .describe('Target, in calendar days from the trigger, for notices the law gives no fixed period ("in the most expedient time possible"); shown on their clocks, never escalated as a legal deadline'),
  })
  .meta({ id: 'OrganisationProfile' });
export type OrganisationProfile = z.infer<typeof OrganisationProfileSchema>;

/** The profile as the API shows it. */
export const OrganisationProfileReadSchema = OrganisationProfileSchema.extend({ updatedAt: IsoDateTimeSchema }).meta({ id: 'OrganisationProfileRead' });

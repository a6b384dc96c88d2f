import { ASIA_PACIFIC_AND_AMERICAS_OBLIGATIONS, ASIA_PACIFIC_AND_AMERICAS_REGIMES } from './catalogue/asia-pacific-and-americas';
import { EUROPE_OBLIGATIONS, EUROPE_REGIMES, GDPR_AUTHORITY_NOTICE } from './catalogue/europe';
import type { Obligation, Regime, RegimeInfo } from './catalogue/types';
import { US_FEDERAL_OBLIGATIONS, US_FEDERAL_REGIMES } from './catalogue/us-federal';
import { US_SECTOR_OBLIGATIONS, US_SECTOR_REGIMES } from './catalogue/us-sector';
import { US_STATE_OBLIGATIONS, US_STATE_REGIMES } from './catalogue/us-states';
import { WORLDWIDE_OBLIGATIONS, WORLDWIDE_REGIMES } from './catalogue/worldwide';

export * from './catalogue/types';
export { EEA_COUNTRIES, EU_MEMBER_STATES } from './catalogue/countries';
export { GDPR_AUTHORITY_NOTICE };

// The catalogue is data, one module per region (src/domain/catalogue/); this module puts it together.

/** Every regime the catalogue knows, with its law's name and where it binds. */
export const REGIMES: readonly RegimeInfo[] = [
  ...EUROPE_REGIMES,
  ...US_FEDERAL_REGIMES,
  ...US_SECTOR_REGIMES,
  ...US_STATE_REGIMES,
  ...ASIA_PACIFIC_AND_AMERICAS_REGIMES,
  ...WORLDWIDE_REGIMES,
];

/** Every regime's obligations, one entry per (regime, obligation). */
export const CATALOGUE: readonly Obligation[] = [
  ...EUROPE_OBLIGATIONS,
  ...US_FEDERAL_OBLIGATIONS,
  ...US_SECTOR_OBLIGATIONS,
  ...US_STATE_OBLIGATIONS,
  ...ASIA_PACIFIC_AND_AMERICAS_OBLIGATIONS,
  ...WORLDWIDE_OBLIGATIONS,
];

/** The regime ids, in catalogue order: what request validation accepts. */
export const REGIME_IDS: readonly Regime[] = REGIMES.map((r) => r.id);

/** The obligations every incident carries from the start. */
export const DEFAULT_OBLIGATIONS: readonly Obligation[] = [GDPR_AUTHORITY_NOTICE];

const BY_KEY = new Map(CATALOGUE.map((o) => [`${o.regime}/${o.obligation}`, o]));

/** The catalogue entry for a regime's obligation, or undefined when the catalogue has none. */
export function findObligation(regime: Regime, obligation: string): Obligation | undefined {
  return BY_KEY.get(`${regime}/${obligation}`);
}

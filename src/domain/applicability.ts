import { CATALOGUE, type Applicability, type Obligation, type Regime, type SectorFlag } from './regulations';

/** What is known about an incident and the organisation that decides which catalogue obligations apply; unknown facts err toward applying. */
export interface ApplicabilityFacts {
  /** ISO 3166-1 alpha-2 codes of the countries where affected data subjects live. */
  readonly countries: readonly string[];
  /** ISO 3166-1 alpha-2 codes where the organisation is established (GDPR Art. 3(1) applies by establishment alone). */
  readonly establishment?: readonly string[];
  /** ISO 3166-2 codes (e.g. `US-TX`) where affected individuals live. */
  readonly subdivisions?: readonly string[];
  /** Affected individuals per ISO 3166-2 subdivision; a subdivision with a positive count counts as affected. */
  readonly affectedBySubdivision?: Readonly<Record<string, number>>;
  /** Affected individuals per ISO 3166-1 country, where counted; a country with a positive count counts as affected. */
  readonly affectedByCountry?: Readonly<Record<string, number>>;
  readonly sectorFlags: readonly SectorFlag[];
  readonly actingAs: 'controller' | 'processor';
  /** Risk to individuals once assessed; undefined until then, which counts as meeting every risk threshold. */
  readonly risk?: 'none' | 'risk' | 'high-risk';
  /** Affected individuals in total, all countries together. */
  readonly affectedTotal?: number;
  /** Regimes the DPO ruled in or out, whatever the facts say; the reason is recorded with the decision. */
  readonly regimesSetByDpo?: { readonly include: readonly Regime[]; readonly exclude: readonly Regime[] };
}

/** The key of an obligation's clock on an incident: `<regime>/<obligation>`. */
export function clockKey(o: { readonly regime: string; readonly obligation: string }): string {
  return `${o.regime}/${o.obligation}`;
}

const upper = (codes: readonly string[] | undefined): string[] => (codes ?? []).map((c) => c.toUpperCase());

function affectedSubdivisions(facts: ApplicabilityFacts): Set<string> {
  const counted = Object.entries(facts.affectedBySubdivision ?? {})
    .filter(([, n]) => n > 0)
    .map(([code]) => code);
  return new Set(upper([...(facts.subdivisions ?? []), ...counted]));
}

function countByCode(facts: ApplicabilityFacts): Map<string, number> {
  return new Map(Object.entries(facts.affectedBySubdivision ?? {}).map(([code, n]) => [code.toUpperCase(), n]));
}

function affectedCountries(facts: ApplicabilityFacts): string[] {
  const counted = Object.entries(facts.affectedByCountry ?? {})
    .filter(([, n]) => n > 0)
    .map(([code]) => code);
  const bySubdivision = [...affectedSubdivisions(facts)].map((code) => code.slice(0, 2));
  return upper([...facts.countries, ...counted, ...bySubdivision]);
}

function geographyHolds(when: Applicability, facts: ApplicabilityFacts): boolean {
  if (when.countries) {
    const present = new Set([...affectedCountries(facts), ...upper(facts.establishment)]);
    if (!when.countries.some((c) => present.has(c))) return false;
  }
  if (when.subdivisions) {
    const present = affectedSubdivisions(facts);
    if (!when.subdivisions.some((s) => present.has(s))) return false;
  }
  return true;
}

const RISK_RANK = { none: 0, risk: 1, 'high-risk': 2 } as const;

function organisationAndRiskHold(when: Applicability, facts: ApplicabilityFacts): boolean {
  if (when.sectorFlags && !when.sectorFlags.every((f) => facts.sectorFlags.includes(f))) return false;
  if (when.actingAs && when.actingAs !== facts.actingAs) return false;
  // GDPR Art. 33(1) / 34(1): the duty depends on the assessed risk; before the assessment, assume it is met.
  if (when.minRisk && facts.risk !== undefined && RISK_RANK[facts.risk] < RISK_RANK[when.minRisk]) return false;
  return true;
}

const within = (n: number, when: Applicability): boolean =>
  (when.minAffected === undefined || n >= when.minAffected) && (when.maxAffected === undefined || n <= when.maxAffected);

// An unknown count is treated as meeting both bounds: HIPAA notify-hhs (≥ 500) and log-for-hhs (≤ 499) then both
// apply until the count is known, so neither clock is missed; the one that stops applying is dropped then.
function countsHold(when: Applicability, facts: ApplicabilityFacts): boolean {
  if (when.minAffected === undefined && when.maxAffected === undefined) return true;
  const counts = countByCode(facts);
  if (when.perSubdivision) {
    // 45 CFR 164.406: more than 500 residents of one State, so the bounds hold in any single subdivision.
    const relevant = [...counts.entries()].filter(([code]) =>
      when.subdivisions ? when.subdivisions.includes(code) : !when.countries || when.countries.some((c) => code.startsWith(`${c}-`)),
    );
    return relevant.length === 0 || relevant.some(([, n]) => within(n, when));
  }
  if (when.subdivisions) {
    // Counted in the listed subdivisions (Tex. Bus. & Com. Code 521.053(i): 250 residents of Texas).
    const affected = affectedSubdivisions(facts);
    const relevant = when.subdivisions.filter((s) => affected.has(s));
    let total = 0;
    for (const s of relevant) {
      const n = counts.get(s);
      if (n === undefined) return true;
      total += n;
    }
    return relevant.length === 0 || within(total, when);
  }
  // Counted per country where every listed country present has a count (Korea: 1,000 data subjects).
  const byCountry = new Map(Object.entries(facts.affectedByCountry ?? {}).map(([code, n]) => [code.toUpperCase(), n]));
  if (when.countries && byCountry.size > 0) {
    const present = new Set(affectedCountries(facts));
    const relevant = when.countries.filter((c) => present.has(c));
    if (relevant.length > 0 && relevant.every((c) => byCountry.has(c))) return within(relevant.reduce((sum, c) => sum + byCountry.get(c)!, 0), when);
  }
  // The total counts everyone, so for a country-limited threshold it can only overstate: minAffected errs toward applying.
  return facts.affectedTotal === undefined || within(facts.affectedTotal, when);
}

/** The catalogue's obligations that apply to an incident, in catalogue order: every `appliesWhen` condition holds, unknown risk or counts counting as holding, as the DPO's regime choices allow. */
export function applicableObligations(facts: ApplicabilityFacts, catalogue: readonly Obligation[] = CATALOGUE): Obligation[] {
  const include = facts.regimesSetByDpo?.include ?? [];
  const exclude = facts.regimesSetByDpo?.exclude ?? [];
  return catalogue.filter((o) => {
    // The DPO's exclusion wins over everything, an inclusion among them.
    if (exclude.includes(o.regime)) return false;
    const when = o.appliesWhen ?? {};
    // An inclusion overrides geography only: sector, role and risk are facts about the organisation and the breach,
    // and counts choose between a regime's own obligations (HIPAA notify-hhs vs log-for-hhs), so both still hold.
    if (!organisationAndRiskHold(when, facts) || !countsHold(when, facts)) return false;
    // Duties without a clock (GDPR Art. 33(5) register, PIPEDA s10.3 record) stay in: the catalogue marks them only by an
    // open period, like every "without undue delay" duty, and dueAtFor gives them no timer.
    return include.includes(o.regime) || geographyHolds(when, facts);
  });
}

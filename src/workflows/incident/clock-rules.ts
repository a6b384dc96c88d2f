import { applicableObligations, clockKey, type ApplicabilityFacts } from '../../domain/applicability';
import { clockStart, refreshClocks } from '../../domain/clocks';
import type { Deadline } from '../../domain/deadlines';
import { IncidentRuleError } from '../../domain/errors';
import { MissingHolidayDataError } from '../../domain/holidays';
import type { OpenIncidentRequest } from '../../domain/incident';
import type { ObligationMeet, ObligationWaive, RegimeSelection, TriggerRecord } from '../../domain/lifecycle';
import { GDPR_AUTHORITY_NOTICE } from '../../domain/regulations';
import type { SuggestedOutcome } from '../../domain/severity';
import { toUtcIso } from '../../domain/time';
import { conflict, type IncidentContext, type IncidentData } from './incident-data';

/** Whether the clock is the GDPR Art. 33 authority notice, which the authority notice meets. */
export function isGdprAuthority(d: Deadline): boolean {
  return d.regime === GDPR_AUTHORITY_NOTICE.regime && d.obligation === GDPR_AUTHORITY_NOTICE.obligation;
}

/** The risk level the signed-off assessment implies, for applicability (GDPR Art. 33(1), 34(1)). */
function riskOf(outcome: SuggestedOutcome | null | undefined): ApplicabilityFacts['risk'] {
  if (!outcome) return undefined;
  return outcome === 'register-only' ? 'none' : outcome === 'notify-authority' ? 'risk' : 'high-risk';
}

/** The scope's per-area counts, split into countries and subdivisions (US states). */
function countsByArea(s: IncidentData): { affectedByCountry: Record<string, number>; affectedBySubdivision: Record<string, number> } {
  const affectedByCountry: Record<string, number> = {};
  const affectedBySubdivision: Record<string, number> = {};
  for (const { area, count } of s.scope?.affected ?? []) {
    if (area.includes('-')) affectedBySubdivision[area] = (affectedBySubdivision[area] ?? 0) + count;
    else affectedByCountry[area] = (affectedByCountry[area] ?? 0) + count;
  }
  return { affectedByCountry, affectedBySubdivision };
}

function facts(s: IncidentData): ApplicabilityFacts {
  const { organisation } = s.context;
  return {
    countries: s.scope?.countries ?? [],
    ...countsByArea(s),
    establishment: organisation.establishment,
    sectorFlags: organisation.sectorFlags,
    actingAs: organisation.actingAs,
    risk: riskOf(s.riskAssessment?.finalOutcome),
    affectedTotal: s.scope?.dataSubjectsApprox,
    regimesSetByDpo: s.regimes,
  };
}

/**
 * Re-times every clock from the recorded facts and triggers: clocks of newly applicable obligations
 * appear, unmet clocks follow moved triggers. GDPR Art. 33 is always tracked from the start: awareness
 * is when the controller must decide, before the facts that decide applicability are known.
 */
export function retime(s: IncidentData, nowMs: number): Deadline[] {
  const obligations = [GDPR_AUTHORITY_NOTICE, ...applicableObligations(facts(s))].filter(
    (o, i, all) => all.findIndex((x) => clockKey(x) === clockKey(o)) === i && !s.regimes.exclude.includes(o.regime),
  );
  const { clocks, changed } = refreshClocksOrRefuse(s.deadlines, obligations, s.triggers, nowMs, { targetDays: s.context.organisation.expedientTargetDays });
  s.deadlines = clocks;
  return changed;
}

/** The clocks the incident opens with: awareness (else detection, the conservative choice) and discovery at detection. */
export function openingClocks(s: IncidentData, request: OpenIncidentRequest, context: IncidentContext, nowMs: number): Deadline[] {
  s.context = context;
  s.triggers = { awareness: toUtcIso(clockStart(request.incident)), discovery: toUtcIso(request.incident.detectedAt) };
  retime(s, nowMs);
  return s.deadlines.map((d) => ({ ...d }));
}

/** Applies `update` to the clocks `match` selects; returns the clocks that actually changed. */
export function updateClocks(s: IncidentData, match: (d: Deadline) => boolean, update: (d: Deadline) => Deadline): Deadline[] {
  const changed: Deadline[] = [];
  s.deadlines = s.deadlines.map((d) => {
    if (!match(d)) return d;
    const next = update(d);
    if (JSON.stringify(next) !== JSON.stringify(d)) changed.push(next);
    return next;
  });
  return changed;
}

/** Later changes of the same clock win. */
export function mergeChanges(first: Deadline[], second: Deadline[]): Deadline[] {
  const keys = new Set(second.map(clockKey));
  return [...first.filter((d) => !keys.has(clockKey(d))), ...second];
}

function findClock(s: IncidentData, regime: string, obligation: string): Deadline {
  const clock = s.deadlines.find((d) => d.regime === regime && d.obligation === obligation);
  if (!clock) throw new IncidentRuleError('not-found', `The incident has no ${regime} ${obligation} clock.`);
  return clock;
}

/** A clock other than the GDPR authority notice (which the authority notice meets) that has not been met or waived. */
export function checkMeetOrWaive(s: IncidentData, target: { regime: string; obligation: string }): void {
  const clock = findClock(s, target.regime, target.obligation);
  if (isGdprAuthority(clock)) throw conflict('The GDPR Art. 33 clock is met by recording the authority notice, or waived by the decision that none is required.');
  if (clock.status === 'met' || clock.status === 'waived') throw conflict(`The ${clock.regime} ${clock.obligation} clock is already ${clock.status}.`);
}

/** Marks a clock met; clocks chained to it (NIS2 final report, DORA intermediate) start. Returns the changed clocks. */
export function meet(s: IncidentData, regime: string, obligation: string, metAt: string, nowMs: number): Deadline[] {
  const changed = updateClocks(s, (d) => d.regime === regime && d.obligation === obligation, (d) => ({ ...d, status: 'met', metAt: toUtcIso(metAt) }));
  return mergeChanges(changed, retime(s, nowMs));
}

export function meetObligation(s: IncidentData, obligation: ObligationMeet, nowMs: number): Deadline[] {
  return meet(s, obligation.regime, obligation.obligation, obligation.metAt, nowMs);
}

export function waiveObligation(s: IncidentData, waive: ObligationWaive): Deadline[] {
  return updateClocks(s, (d) => d.regime === waive.regime && d.obligation === waive.obligation, (d) => ({ ...d, status: 'waived', waivedReason: waive.reason }));
}

/** Records when a trigger event happened; clocks it starts begin, clocks it moves follow (possibly overdue at once). */
export function recordTrigger(s: IncidentData, trigger: TriggerRecord, nowMs: number): Deadline[] {
  s.triggers = { ...s.triggers, [trigger.event]: toUtcIso(trigger.occurredAt) };
  return retime(s, nowMs);
}

/** The DPO rules regimes in or out: included ones get their clocks, excluded ones' open clocks are waived with the reason. */
export function setRegimes(s: IncidentData, selection: RegimeSelection, nowMs: number): Deadline[] {
  s.regimes = { include: selection.include, exclude: selection.exclude };
  const waived = updateClocks(
    s,
    (d) => selection.exclude.includes(d.regime) && d.status !== 'met' && d.status !== 'waived',
    (d) => ({ ...d, status: 'waived', waivedReason: `Regime ruled out by the DPO: ${selection.reason}` }),
  );
  return mergeChanges(waived, retime(s, nowMs));
}

/**
 * refreshClocks, with a business-day count that reaches a year its holiday calendar has no data for refused
 * as an invalid write (422): the engine never guesses holidays, and an error of any other kind would fail the
 * workflow task again on every retry, leaving the incident unable to take any write.
 */
function refreshClocksOrRefuse(...args: Parameters<typeof refreshClocks>): ReturnType<typeof refreshClocks> {
  try {
    return refreshClocks(...args);
  } catch (error) {
    if (!(error instanceof MissingHolidayDataError)) throw error;
    const message = `A deadline of this incident counts business days into ${error.year}, a year the ${error.calendar} holiday calendar has no data for: it cannot be computed.`;
    throw new IncidentRuleError('invalid', message, [{ path: [], message }]);
  }
}

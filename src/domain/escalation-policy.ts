import type { EscalationPolicy, EscalationRung, RecipientRole } from './escalation-policy-schema';
import type { Deadline } from './deadlines';
import { toUtcIso } from './time';

// Repeat step ids are generated from this pattern, so no rung may take one.
export const REPEAT_ID = /^overdue-repeat-([1-9][0-9]*)$/;
const REPEAT_PREFIX = 'overdue-repeat-';
const HOUR_MS = 3_600_000;

export type { EscalationPolicy, EscalationRung, OverdueRepeat, RecipientRole } from './escalation-policy-schema';

/** The GDPR Art. 33 ladder as fractions, so a 72 h clock fires at +24, +48, +60, +68 and +72 h, then every 12 h; other clocks scale. */
export const DEFAULT_ESCALATION_POLICY: EscalationPolicy = {
  rungs: [
    // The first reminder, two days before the deadline, can wait for the owner's working hours; the later ones cannot.
    { id: 'reminder-1', atFraction: 1 / 3, recipients: ['owner'], kind: 'reminder', waitForWorkingHours: true },
    { id: 'reminder-2', atFraction: 2 / 3, recipients: ['dpo'], kind: 'reminder' },
    { id: 'reminder-3', atFraction: 5 / 6, recipients: ['dpo', 'legal'], kind: 'reminder' },
    { id: 'reminder-4', atFraction: 17 / 18, recipients: ['dpo', 'leadership'], kind: 'reminder' },
    { id: 'overdue', atFraction: 1, recipients: ['dpo', 'leadership'], kind: 'overdue' },
  ],
  repeatOverdue: { everyFraction: 1 / 6, recipients: ['dpo', 'leadership'] },
};

/** The instants a ladder is laid on: a clock's start and due time (ISO 8601 with offset). */
export type EscalationClock = { readonly startsAt: string; readonly dueAt: string };

/** One escalation to send: its id (a rung id or `overdue-repeat-<n>`), UTC ISO instant, recipients and kind; `repeat` is n for repeats, 0 for rungs. */
export interface EscalationStep {
  readonly stepId: string;
  readonly at: string;
  readonly recipients: readonly RecipientRole[];
  readonly kind: 'reminder' | 'overdue' | 'overdue-repeat';
  readonly repeat: number;
  /** A reminder that waits for each recipient's working hours (present only when true). */
  readonly waitForWorkingHours?: true;
}

/** What the next step depends on: the clock with its status, the policy, the step ids already fired, and whether the overdue notice was acknowledged. */
export interface EscalationInput {
  readonly clock: EscalationClock & Pick<Deadline, 'status'>;
  readonly policy: EscalationPolicy;
  readonly firedStepIds: readonly string[];
  /** The overdue recipients acknowledged the overdue notice: the repeats stop, unfired rungs still come. */
  readonly acknowledged: boolean;
}

interface Span {
  readonly startMs: number;
  readonly dueMs: number;
  readonly durationMs: number;
}

interface TimedStep {
  readonly step: EscalationStep;
  readonly atMs: number;
}

function parseInstant(iso: string): number {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new RangeError(`invalid instant: ${iso}`);
  return ms;
}

function spanOf(clock: EscalationClock): Span {
  const startMs = parseInstant(clock.startsAt);
  const dueMs = parseInstant(clock.dueAt);
  // A `noLaterThan` cap (DORA Art. 19(4)(a)) can put dueAt before a trigger recorded late; the ladder then collapses onto dueAt.
  const anchor = Math.min(startMs, dueMs);
  return { startMs: anchor, dueMs, durationMs: dueMs - anchor };
}

// Rounded to the microsecond first to absorb binary-fraction noise (0.7 × 90 ms computes to 62.999…),
// then floored to the millisecond so a rung never fires later than its exact fraction.
function fractionOfMs(durationMs: number, fraction: number): number {
  return Math.floor(Math.round(durationMs * fraction * 1000) / 1000);
}

function hoursMs(hours: number): number {
  return Math.round(hours * HOUR_MS);
}

function rungAtMs(rung: EscalationRung, span: Span): number {
  if (rung.atFraction !== undefined) return span.startMs + fractionOfMs(span.durationMs, rung.atFraction);
  // A fixed lead longer than the clock itself fires at the start: a reminder cannot precede its clock.
  return Math.max(span.startMs, span.dueMs - hoursMs(rung.beforeDueHours ?? 0));
}

function toStep(stepId: string, atMs: number, recipients: readonly RecipientRole[], kind: EscalationStep['kind'], repeat: number, waits = false): TimedStep {
  return { step: { stepId, at: toUtcIso(new Date(atMs)), recipients: [...recipients], kind, repeat, ...(waits ? { waitForWorkingHours: true as const } : {}) }, atMs };
}

function timedSchedule(span: Span, policy: EscalationPolicy): TimedStep[] {
  const rank = (kind: EscalationStep['kind']) => (kind === 'overdue' ? 1 : 0);
  return policy.rungs
    .map((rung, index) => ({ timed: toStep(rung.id, rungAtMs(rung, span), rung.recipients, rung.kind, 0, rung.kind === 'reminder' && rung.waitForWorkingHours === true), index }))
    .sort((a, b) => a.timed.atMs - b.timed.atMs || rank(a.timed.step.kind) - rank(b.timed.step.kind) || a.index - b.index)
    .map(({ timed }) => timed);
}

function repeatIntervalMs(span: Span, policy: EscalationPolicy): number | undefined {
  const repeat = policy.repeatOverdue;
  if (!repeat) return undefined;
  const ms = repeat.everyHours !== undefined ? hoursMs(repeat.everyHours) : fractionOfMs(span.durationMs, repeat.everyFraction ?? 0);
  // A proportional interval on a clock with no duration would be zero: no repeats rather than endless ones.
  return ms > 0 ? ms : undefined;
}

function repeatStep(span: Span, policy: EscalationPolicy, n: number): TimedStep | undefined {
  const interval = repeatIntervalMs(span, policy);
  if (interval === undefined || !policy.repeatOverdue) return undefined;
  return toStep(`${REPEAT_PREFIX}${n}`, span.dueMs + n * interval, policy.repeatOverdue.recipients, 'overdue-repeat', n);
}

function highestFiredRepeat(firedStepIds: readonly string[]): number {
  return firedStepIds.reduce((highest, id) => {
    const match = REPEAT_ID.exec(id);
    return match ? Math.max(highest, Number(match[1])) : highest;
  }, 0);
}

/** The policy's rungs (not repeats) laid on a clock, earliest first; instants in UTC ISO, fractions of dueAt − startsAt floored to the millisecond. */
export function escalationSchedule(clock: EscalationClock, policy: EscalationPolicy): EscalationStep[] {
  return timedSchedule(spanOf(clock), policy).map((t) => t.step);
}

/** The step a step id names on this clock (a rung id or `overdue-repeat-<n>`), or undefined when the policy has no such step. */
export function escalationStepAt(clock: EscalationClock, policy: EscalationPolicy, stepId: string): EscalationStep | undefined {
  const span = spanOf(clock);
  const rung = timedSchedule(span, policy).find((t) => t.step.stepId === stepId);
  if (rung) return rung.step;
  const match = REPEAT_ID.exec(stepId);
  return match ? repeatStep(span, policy, Number(match[1]))?.step : undefined;
}

/** The earliest unfired step, however long past (the caller decides whether a stale reminder is still worth sending); undefined once met or waived, or when only acknowledged repeats remain. */
export function nextEscalationStep(input: EscalationInput): EscalationStep | undefined {
  const { clock, policy, firedStepIds, acknowledged } = input;
  if (clock.status === 'met' || clock.status === 'waived') return undefined;
  const span = spanOf(clock);
  const fired = new Set(firedStepIds);
  // Never skip: when awareness moves earlier several rungs are past at once, and a caller looping
  // `while (step && Date.parse(step.at) <= nowMs)` must fire each of them, in order.
  const rung = timedSchedule(span, policy).find((t) => !fired.has(t.step.stepId));
  if (rung) return rung.step;
  if (acknowledged) return undefined;
  // After the highest repeat fired, not the lowest unfired: repeats that dueSteps coalesced are not owed later.
  return repeatStep(span, policy, highestFiredRepeat(firedStepIds) + 1)?.step;
}

/** Every unfired step due at `nowMs` (epoch ms), earliest first: all past rungs, but of the elapsed repeats only the latest above the highest fired. */
export function dueSteps(input: EscalationInput, nowMs: number): EscalationStep[] {
  const { clock, policy, firedStepIds, acknowledged } = input;
  if (clock.status === 'met' || clock.status === 'waived') return [];
  const span = spanOf(clock);
  const fired = new Set(firedStepIds);
  const steps = timedSchedule(span, policy)
    .filter((t) => !fired.has(t.step.stepId) && t.atMs <= nowMs)
    .map((t) => t.step);
  const interval = repeatIntervalMs(span, policy);
  if (acknowledged || interval === undefined) return steps;
  // A week overdue with 12 h repeats would send 14 identical messages at once; the latest carries the same news.
  const elapsed = Math.floor((nowMs - span.dueMs) / interval);
  if (elapsed > highestFiredRepeat(firedStepIds)) {
    const latest = repeatStep(span, policy, elapsed);
    if (latest) steps.push(latest.step);
  }
  return steps;
}

import { DateTime } from 'luxon';
import type { Scope } from '../lifecycle';
import { EXTRA_FACTS, type DraftClock, type DraftInput, type ExtraFact } from './draft-input';

/** One piece of content of a notice: its value as shown (null when not known), the provision asking for it, whether it is mandatory. */
export interface DraftField {
  name: string;
  label: string;
  value: string | null;
  legalBasis: string;
  required: boolean;
  /** Shown instead of the value when an optional field is empty. */
  absent?: string;
  /** The value as list items, for renderers that show lists (the value joins them as "- item" lines). */
  items?: string[];
}

/** A field; `required` ones with no value make the draft incomplete. */
export function field(name: string, label: string, value: string | null, legalBasis: string, required = false, absent?: string): DraftField {
  return { name, label, value, legalBasis, required, ...(absent === undefined ? {} : { absent }) };
}

/** A field whose value is a list: the value is the items as "- item" lines, null when there are none. */
export function listField(name: string, label: string, items: string[], legalBasis: string, required = false, absent?: string): DraftField {
  const value = items.length > 0 ? items.map((i) => `- ${i}`).join('\n') : null;
  return { ...field(name, label, value, legalBasis, required, absent), ...(items.length > 0 ? { items } : {}) };
}

/** A field read from a fact the case file does not record yet: missing (when required) until it is given. */
export function extraField(input: DraftInput, fact: ExtraFact, legalBasis: string, required = true, label: string = EXTRA_FACTS[fact]): DraftField {
  return field(fact, label, nonBlank(input.extraFacts?.[fact]), legalBasis, required);
}

// A missing mandatory value is marked so a reviewer cannot mistake the draft for a finished notice.
/** The value as shown: the value, a "[missing: …]" marker for a mandatory field, or the field's wording for an empty optional one. */
export function show(f: DraftField): string {
  if (f.value !== null) return f.value;
  return f.required ? `[missing: ${f.label}]` : (f.absent ?? 'not recorded');
}

/** The trimmed text, or null when blank. */
export function nonBlank(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

/** The non-blank items joined with ", ", or null when there are none. */
export function listOf(items: readonly string[] | undefined): string | null {
  const kept = (items ?? []).map((i) => i.trim()).filter((i) => i.length > 0);
  return kept.length > 0 ? kept.join(', ') : null;
}

/** The text with its first letter in upper case. */
export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Thousands separated with commas, independent of the host locale. */
export function grouped(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function countOf(n: number, one: string, many: string): string {
  if (n === 0) return `no ${many} identified so far`;
  if (n === 1) return `1 ${one}`;
  return `about ${grouped(n)} ${many}`;
}

// A count read from an older scope row may be absent; it must show as missing, never as "undefined".
/** "about 1,200 people" for an approximate count, null when the count is unknown. */
export function approx(n: number | undefined, one: string, many: string): string | null {
  return n !== undefined && Number.isFinite(n) ? countOf(n, one, many) : null;
}

/** The input's IANA zone ('UTC' by default); throws RangeError for an unknown one. */
export function zoneOf(input: DraftInput): string {
  const zone = input.timeZone ?? 'UTC';
  if (!DateTime.fromMillis(0, { zone }).isValid) throw new RangeError(`unknown time zone: ${zone}`);
  return zone;
}

/** The instant in the zone; throws RangeError for an invalid one. */
export function instant(iso: string, zone: string): DateTime {
  const dt = DateTime.fromISO(iso, { setZone: true });
  if (!dt.isValid) throw new RangeError(`invalid instant: ${iso}`);
  return dt.setZone(zone).setLocale('en-GB');
}

/** "2026-03-28 09:30 UTC+01:00": local time in the zone with its offset. */
export function formatTechnical(iso: string, zone: string): string {
  return instant(iso, zone).toFormat("yyyy-MM-dd HH:mm 'UTC'ZZ");
}

/** "28 March 2026 at 09:30 (UTC+01:00)": local time in the zone, for people. */
export function formatPlain(iso: string, zone: string): string {
  return instant(iso, zone).toFormat("d MMMM yyyy 'at' HH:mm '(UTC'ZZ')'");
}

/** "March 28, 2026": the local date in the zone, US style. */
export function formatUsDate(iso: string, zone: string): string {
  return instant(iso, zone).setLocale('en-US').toFormat('MMMM d, yyyy');
}

/** The clock of this regime and obligation among the input's clocks. */
export function clockOf(input: DraftInput, regime: string, obligation: string): DraftClock | undefined {
  return input.clocks?.find((c) => c.regime === regime && c.obligation === obligation);
}

/** The clock's due time and status, or null while its trigger has not happened. */
export function dueText(clock: DraftClock | undefined, zone: string): string | null {
  return clock?.dueAt ? `${formatTechnical(clock.dueAt, zone)} (${clock.status})` : null;
}

/** The DPO or contact point: a name plus an email address or a phone number, else null. */
export function dpoContact(input: DraftInput): string | null {
  const name = nonBlank(input.controller.dpoName);
  const channels = [
    ...(nonBlank(input.controller.dpoEmail) ? [`email ${nonBlank(input.controller.dpoEmail)}`] : []),
    ...(nonBlank(input.controller.dpoPhone) ? [`phone ${nonBlank(input.controller.dpoPhone)}`] : []),
  ];
  // GDPR Art. 33(3)(b): a contact point is a name someone can actually reach.
  return name && channels.length > 0 ? `${name} (${channels.join(', ')})` : null;
}

/** The contact point field (name plus email or phone), mandatory. */
export function dpoField(input: DraftInput, legalBasis: string, label = 'Data protection officer or other contact point (name plus email or phone)'): DraftField {
  return field('dpoContact', label, dpoContact(input), legalBasis, true);
}

/** The categories of personal data in the latest scope. */
export function categoriesField(scope: Scope | null, legalBasis: string, required: boolean, label = 'Categories of personal data'): DraftField {
  return field('dataCategories', label, listOf(scope?.dataCategories), legalBasis, required);
}

/** The likely consequences recorded with the scope, mandatory. */
export function consequencesField(scope: Scope | null, legalBasis: string, label = 'Likely consequences'): DraftField {
  return field('likelyConsequences', label, nonBlank(scope?.likelyConsequences), legalBasis, true);
}

/** The incident's description, mandatory. */
export function descriptionField(input: DraftInput, legalBasis: string, label = 'Nature of the breach'): DraftField {
  return field('natureOfBreach', label, nonBlank(input.incident.description), legalBasis, true);
}

/** Containment actions as "time: action" items, oldest first, mandatory. */
export function measuresField(
  input: DraftInput,
  zone: string,
  format: (iso: string, zone: string) => string,
  legalBasis: string,
  label = 'Measures taken or proposed',
): DraftField {
  // Chronological, ties in input order (stable sort), so the same case file always reads the same.
  const actions = input.containmentActions
    .map((a) => ({ action: a.action.trim(), at: a.performedAt, ms: instant(a.performedAt, zone).toMillis() }))
    .filter((a) => a.action.length > 0)
    .sort((a, b) => a.ms - b.ms);
  return listField('measures', label, actions.map((a) => `${format(a.at, zone)}: ${a.action}`), legalBasis, true);
}

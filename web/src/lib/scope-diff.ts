import type { components } from '../api/schema';
import { humanize } from './labels';

type ScopeVersion = components['schemas']['ScopeVersion'];

/** One field that changed between two scope versions: list entries added and removed, or the old and new value. */
export type ScopeChange =
  | { field: string; label: string; kind: 'list'; added: string[]; removed: string[] }
  | { field: string; label: string; kind: 'value'; from: string; to: string };

const LIST_FIELDS = [
  ['dataCategories', 'Data categories'],
  ['specialCategories', 'Special categories'],
  ['affectedSystems', 'Affected systems'],
  ['countries', 'Countries'],
] as const;

const VALUE_FIELDS = [
  ['dataSubjectsApprox', 'Data subjects (approx.)'],
  ['recordsApprox', 'Records (approx.)'],
  ['cause', 'Cause'],
  ['encrypted', 'Encrypted'],
  ['unintelligible', 'Unintelligible'],
  ['likelyConsequences', 'Likely consequences'],
] as const;

function show(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (typeof value === 'number') return new Intl.NumberFormat().format(value);
  return String(value);
}

/** What changed from `before` to `after`, field by field, in a fixed order. */
export function scopeChanges(before: ScopeVersion, after: ScopeVersion): ScopeChange[] {
  const changes: ScopeChange[] = [];
  for (const [field, label] of LIST_FIELDS) {
    // Special categories read as words ("health data"), as everywhere else in the console.
    const words = (list: string[]) => (field === 'specialCategories' ? list.map(humanize) : list);
    const old = words(before[field] as string[]);
    const now = words(after[field] as string[]);
    const added = now.filter((v) => !old.includes(v));
    const removed = old.filter((v) => !now.includes(v));
    if (added.length || removed.length) changes.push({ field, label, kind: 'list', added, removed });
  }
  for (const [field, label] of VALUE_FIELDS) {
    if (before[field] !== after[field]) changes.push({ field, label, kind: 'value', from: show(before[field]), to: show(after[field]) });
  }
  return changes;
}

/** A scope value as shown in the version's summary. */
export const showScopeValue = show;

import type { Stage } from '@domain/incident';
import { REGIMES } from '@domain/regulations';
import { WEEKDAYS, type Weekday } from '@domain/working-hours';

/** "notify-supervisory-authority" → "Notify supervisory authority": the API's kebab-case values read as words. */
export function humanize(value: string): string {
  const words = value.replace(/[-_]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Names of the regimes, as a DPO would say them. */
export const REGIME_NAMES: Record<string, string> = {
  GDPR: 'GDPR',
  'UK-GDPR': 'UK GDPR',
  NIS2: 'NIS2',
  DORA: 'DORA',
  HIPAA: 'HIPAA',
  SEC: 'SEC (8-K)',
  LGPD: 'LGPD (Brazil)',
  'PDPA-SG': 'PDPA (Singapore)',
  'NDB-AU': 'NDB (Australia)',
  'DPDP-IN': 'DPDP (India)',
  'PIPEDA-CA': 'PIPEDA (Canada)',
  'US-CA': 'California',
  'US-TX': 'Texas',
};

const JURISDICTIONS = new Map(REGIMES.map((r) => [r.id, r.jurisdiction]));

/** The display name of a regime id: its short name, or for a US state or territory its name ("Florida (US)"). */
export function regimeName(regime: string): string {
  return REGIME_NAMES[regime] ?? (regime.startsWith('US-') ? JURISDICTIONS.get(regime) : undefined) ?? regime;
}

/** Stage names for the progress bar and lists. */
export const STAGE_LABELS: Record<Stage, string> = {
  detected: 'Detected',
  containment: 'Containment',
  investigation: 'Investigation',
  'evidence-preservation': 'Evidence preservation',
  'risk-assessment': 'Risk assessment',
  notification: 'Notification',
  closed: 'Closed',
};

/** Who an escalation reaches. */
export const RECIPIENT_LABELS: Record<string, string> = {
  owner: 'Incident owner',
  dpo: 'DPO',
  legal: 'Legal',
  leadership: 'Leadership',
};

/** A whole number with the viewer's digit grouping. */
export function formatCount(n: number | null | undefined): string {
  return n === null || n === undefined ? '—' : new Intl.NumberFormat().format(n);
}

/** A byte count as "12.3 MB". */
export function formatBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined) return '—';
  const units = ['bytes', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return unit === 0 ? `${bytes} bytes` : `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

/** A clock's trigger as words: the event ("Awareness"), or "When “incident notification” is met" for a chained clock. */
export function triggerText(trigger: string): string {
  return trigger.startsWith('after:') ? `When “${humanize(trigger.slice(6)).toLowerCase()}” is met` : humanize(trigger);
}

const ACKNOWLEDGEMENT_CHANNELS: Record<string, string> = { console: 'the console', api: 'the API', slack: 'Slack', pagerduty: 'PagerDuty' };

/** " via Slack": through which channel an escalation was acknowledged; empty when it was not recorded (before channels were). */
export function viaChannel(channel: string | null | undefined): string {
  return channel ? ` via ${ACKNOWLEDGEMENT_CHANNELS[channel] ?? channel}` : '';
}

/** ISO weekday names (1 Monday … 7 Sunday), in full for form labels. */
export const WEEKDAY_NAMES: Record<Weekday, string> = { 1: 'Monday', 2: 'Tuesday', 3: 'Wednesday', 4: 'Thursday', 5: 'Friday', 6: 'Saturday', 7: 'Sunday' };

/** ISO weekday names (1 Mon … 7 Sun), short for tables. */
export const WEEKDAY_SHORT_NAMES: Record<Weekday, string> = { 1: 'Mon', 2: 'Tue', 3: 'Wed', 4: 'Thu', 5: 'Fri', 6: 'Sat', 7: 'Sun' };

/** ISO weekdays as short words, runs of three or more joined: [1,2,3,4,5] → "Mon–Fri", [1,3,6,7] → "Mon, Wed, Sat, Sun", all seven → "Every day". */
export function weekdaysText(days: readonly Weekday[]): string {
  const sorted = [...new Set(days)].sort((a, b) => a - b);
  if (sorted.length === WEEKDAYS.length) return 'Every day';
  const runs: Weekday[][] = [];
  for (const day of sorted) {
    const run = runs.at(-1);
    if (run && run.at(-1) === day - 1) run.push(day);
    else runs.push([day]);
  }
  return runs
    .flatMap((run) => (run.length >= 3 ? [`${WEEKDAY_SHORT_NAMES[run[0]!]}–${WEEKDAY_SHORT_NAMES[run.at(-1)!]}`] : run.map((day) => WEEKDAY_SHORT_NAMES[day])))
    .join(', ');
}

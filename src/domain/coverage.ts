import { CATALOGUE, REGIMES, TRIGGER_EVENTS, type Obligation, type Period, type RegimeInfo } from './regulations';

/** Said wherever the coverage is shown: the catalogue is a tool for tracking duties, not a legal opinion. */
export const COVERAGE_DISCLAIMER =
  'This table lists what the engine knows: the duties it tracks, when their clocks start and how long they run, each with its source and the day it was checked. It is not legal advice, and it is not complete: a law not listed here may still apply. Entries marked "verify" were not confirmed from the primary text. Your counsel decides which duties bind you.';

/** One obligation as the coverage page shows it. */
export interface CoverageRow {
  readonly regime: string;
  readonly law: string;
  readonly jurisdiction: string;
  readonly obligation: string;
  readonly recipient: string;
  readonly trigger: string;
  readonly deadline: string;
  readonly source: string;
  readonly sourceUrl: string;
  readonly checkedOn: string;
  /** What to check before relying on the entry, or null when it was confirmed. */
  readonly verify: string | null;
}

const UNIT_WORDS = { hours: ['hour', 'hours'], 'calendar-days': ['calendar day', 'calendar days'], 'business-days': ['business day', 'business days'], months: ['month', 'months'] } as const;

function describePeriod(period: Period, obligation: Obligation): string {
  if (period.amount === undefined) {
    const target = period.target === 'organisation' ? ' (its clock shows the target the organisation sets itself)' : '';
    return `no fixed period: ${period.standard}${target}`;
  }
  const [one, many] = UNIT_WORDS[period.unit];
  const calendar = period.unit === 'business-days' && obligation.counting.calendar ? ` (${obligation.counting.calendar} holidays)` : '';
  const cutoff = period.cutoff ? `, ending ${period.cutoff} local time on the last day` : '';
  const zone = period.unit === 'hours' ? '' : ` in ${obligation.counting.zone}`;
  return `${period.amount} ${period.amount === 1 ? one : many}${calendar}${zone}${cutoff}`;
}

function describeDeadline(o: Obligation): string {
  const own = describePeriod(o.deadline, o);
  if (!o.noLaterThan) return own;
  return `${own}, and no later than ${describePeriod(o.noLaterThan.deadline, o)} after ${o.noLaterThan.trigger} (a limit that has already passed at the start no longer binds)`;
}

function describeTrigger(o: Obligation): string {
  const start = typeof o.trigger === 'string' ? o.trigger : `once ${o.trigger.after} is met (its notice sent)`;
  return o.inForceFrom ? `${start}; only for events from ${o.inForceFrom}` : start;
}

/** The coverage table, one row per obligation in catalogue order. */
export function coverageRows(catalogue: readonly Obligation[] = CATALOGUE, regimes: readonly RegimeInfo[] = REGIMES): CoverageRow[] {
  const byId = new Map(regimes.map((r) => [r.id, r]));
  return catalogue.map((o) => {
    const regime = byId.get(o.regime);
    return {
      regime: o.regime,
      law: regime?.name ?? o.regime,
      jurisdiction: regime?.jurisdiction ?? '',
      obligation: o.obligation,
      recipient: o.recipient,
      trigger: describeTrigger(o),
      deadline: describeDeadline(o),
      source: o.source,
      sourceUrl: o.sourceUrl,
      checkedOn: o.checkedOn,
      verify: o.verify ? (o.verifyNote ?? 'not confirmed from the primary text') : null,
    };
  });
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** The coverage table as Markdown (docs/coverage.md), with the disclaimer first. */
export function coverageMarkdown(rows: readonly CoverageRow[] = coverageRows()): string {
  const regimes = new Set(rows.map((r) => r.regime)).size;
  const lines = [
    '# Coverage: the duties the engine tracks',
    '',
    '<!-- Generated from src/domain/regulations.ts by `npx tsx scripts/coverage.ts`; do not edit by hand. -->',
    '',
    `> ${COVERAGE_DISCLAIMER}`,
    '',
    `${rows.length} obligations of ${regimes} regimes. The API serves the same table at \`GET /v1/coverage\`.`,
    '',
    '| Regime | Jurisdiction | Obligation | Recipient | Clock starts | Deadline | Source | Checked on |',
    '|---|---|---|---|---|---|---|---|',
    ...rows.map((r) =>
      [
        `${cell(r.regime)} (${cell(r.law)})`,
        cell(r.jurisdiction),
        cell(r.obligation),
        cell(r.recipient),
        cell(r.trigger),
        cell(r.deadline),
        `[${cell(r.source)}](${r.sourceUrl})`,
        r.verify ? `${r.checkedOn} — **verify**: ${cell(r.verify)}` : r.checkedOn,
      ].join(' | '),
    ).map((row) => `| ${row} |`),
    '',
    '## What starts a clock',
    '',
    ...Object.entries(TRIGGER_EVENTS).map(([event, meaning]) => `- **${event}**: ${meaning}`),
    '',
  ];
  return lines.join('\n');
}

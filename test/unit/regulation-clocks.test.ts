// Regression tests for clocks a review against the primary texts found wrong or never starting. Each case is
// computed by hand in its comment; instants are UTC.
import { applicableObligations, clockKey } from '../../src/domain/applicability';
import { refreshClocks, type Triggers } from '../../src/domain/clocks';
import { dueAtFor, nextPendingDeadline, type Deadline } from '../../src/domain/deadlines';
import { findObligation, type Obligation } from '../../src/domain/regulations';

const entry = (regime: string, obligation: string): Obligation => {
  const found = findObligation(regime, obligation);
  if (!found) throw new Error(`no ${regime}/${obligation} in the catalogue`);
  return found;
};
const NOW = Date.parse('2026-01-01T00:00:00Z');
const clocksFor = (obligations: Obligation[], triggers: Triggers, existing: Deadline[] = []) => refreshClocks(existing, obligations, triggers, NOW).clocks;
const met = (clock: Deadline, at: string): Deadline => ({ ...clock, status: 'met', metAt: at });

describe('DORA initial notification (Delegated Regulation (EU) 2025/301 Art. 5(1)–(2))', () => {
  const initial = entry('DORA', 'initial-notification');
  const awareness = '2026-03-02T08:00:00Z';

  it('is due 4 h after classification when that comes first', () => {
    // Classified 2 h after awareness, 10:00: 4 h → 14:00; 24 h after awareness → 3 Mar 08:00. The earlier binds.
    expect(dueAtFor(initial, '2026-03-02T10:00:00Z', { awareness })).toBe('2026-03-02T14:00:00Z');
  });

  it('is due 24 h after awareness when that comes first, after the classification', () => {
    // Classified 22 h after awareness (3 Mar 06:00): 4 h → 10:00; 24 h after awareness → 08:00, still after the classification.
    expect(dueAtFor(initial, '2026-03-03T06:00:00Z', { awareness })).toBe('2026-03-03T08:00:00Z');
  });

  it('is due 4 h after a classification made more than 24 h after awareness, never before the classification (Art. 5(2))', () => {
    // Classified 49 h after awareness (4 Mar 09:00): the 24 h limit ended on 3 Mar 08:00, so it no longer binds → 13:00.
    expect(dueAtFor(initial, '2026-03-04T09:00:00Z', { awareness })).toBe('2026-03-04T13:00:00Z');
  });

  it('treats a classification exactly 24 h after awareness as late: 4 h, not due at the instant of classification', () => {
    expect(dueAtFor(initial, '2026-03-03T08:00:00Z', { awareness })).toBe('2026-03-03T12:00:00Z');
  });

  it('chains the intermediate report 72 h after the initial notification and the final report a month after it', () => {
    // Initial sent Sat 28 Mar 2026 23:00 CET = 22:00Z; 72 h elapsed across the DST change of 29 Mar → 31 Mar 22:00Z.
    expect(dueAtFor(entry('DORA', 'intermediate-report'), '2026-03-28T22:00:00Z')).toBe('2026-03-31T22:00:00Z');
    // Intermediate sent 31 Mar 2026 10:00 CEST: one month in Brussels → 30 Apr (no 31 Apr), ends 1 May 00:00 CEST = 30 Apr 22:00Z.
    expect(dueAtFor(entry('DORA', 'final-report'), '2026-03-31T08:00:00Z')).toBe('2026-04-30T22:00:00Z');
  });
});

describe('HIPAA annual log to HHS (45 CFR 164.408(c))', () => {
  const log = entry('HIPAA', 'log-for-hhs');

  it('starts from the end of the calendar year of discovery, which it derives: 60 days after 31 December', () => {
    // Discovered 10 Jun 2026. Day 0 = 31 Dec 2026; Jan has 31 days (day 31 = 31 Jan), Feb 28 (day 59 = 28 Feb), day 60 = 1 Mar
    // 2027; it ends at midnight Eastern (EST, UTC−5) → 2 Mar 05:00Z.
    const [clock] = clocksFor([log], { discovery: '2026-06-10T14:00:00Z' });
    expect(clock).toMatchObject({ status: 'pending', startsAt: '2026-12-31T05:00:00Z', dueAt: '2027-03-02T05:00:00Z' });
  });

  it('counts a leap February: discovered in 2027, due at the end of 29 February 2028', () => {
    // Day 0 = 31 Dec 2027; day 31 = 31 Jan; day 60 = 29 Feb 2028 → 1 Mar 00:00 EST = 05:00Z.
    const [clock] = clocksFor([log], { discovery: '2027-04-01T12:00:00Z' });
    expect(clock?.dueAt).toBe('2028-03-01T05:00:00Z');
  });

  it('takes the year of discovery in Eastern time: 1 Jan 03:00 UTC is still 31 December in New York', () => {
    const [clock] = clocksFor([log], { discovery: '2027-01-01T03:00:00Z' });
    expect(clock).toMatchObject({ startsAt: '2026-12-31T05:00:00Z', dueAt: '2027-03-02T05:00:00Z' });
  });

  it('waits while discovery is unknown', () => {
    expect(clocksFor([log], {})[0]).toMatchObject({ status: 'awaiting-trigger', dueAt: null });
  });
});

describe('India DPDP Rules 2025 r.7 (in force 18 months after the Rules were published)', () => {
  const report = entry('DPDP-IN', 'report-to-board');

  it('gives an incident before Rule 7 commences no clock', () => {
    expect(clocksFor([report], { awareness: '2026-12-01T10:00:00Z' })).toEqual([]);
  });

  it('runs the 72 h clock for an incident after it commences', () => {
    // Aware 1 Jun 2027 10:00 IST = 04:30Z; 72 h elapsed → 4 Jun 04:30Z.
    expect(clocksFor([report], { awareness: '2027-06-01T04:30:00Z' })[0]).toMatchObject({ status: 'pending', dueAt: '2027-06-04T04:30:00Z' });
  });

  it('waives a running clock, with the reason, when awareness is moved back before the commencement', () => {
    const running = clocksFor([report], { awareness: '2027-06-01T04:30:00Z' });
    const [moved] = clocksFor([report], { awareness: '2027-05-01T04:30:00Z' }, running);
    expect(moved).toMatchObject({ status: 'waived', waivedReason: expect.stringContaining('Not in force for this incident') });
  });
});

describe('Australia NDB (Privacy Act 1988 ss26WH, 26WK, 26WL)', () => {
  it('starts the assessment on suspicion, the OAIC statement on reasonable grounds to believe, and the individuals after the statement', () => {
    expect(entry('NDB-AU', 'assess-breach').trigger).toBe('suspicion');
    expect(entry('NDB-AU', 'notify-oaic').trigger).toBe('reasonable-belief');
    expect(entry('NDB-AU', 'notify-individuals').trigger).toEqual({ after: 'notify-oaic' });
  });

  it('gives the 30-day assessment its clock: suspected 20 Jan 2026 in Sydney, ends 19 Feb 24:00 AEDT', () => {
    // Day 0 = 20 Jan (local); day 30 = 19 Feb; midnight AEDT (UTC+11) → 19 Feb 13:00Z.
    expect(dueAtFor(entry('NDB-AU', 'assess-breach'), '2026-01-20T09:00:00+11:00')).toBe('2026-02-19T13:00:00Z');
  });
});

describe('NIS2 progress and final reports (Art. 23(4)(d)–(e))', () => {
  it('starts the final and the progress report a month after the incident notification, and a final report a month after handling', () => {
    const notification = clocksFor([entry('NIS2', 'incident-notification')], { awareness: '2026-05-08T12:00:00Z' });
    const sent = [met(notification[0]!, '2026-05-10T12:00:00Z')];
    const clocks = clocksFor(
      [entry('NIS2', 'incident-notification'), entry('NIS2', 'final-report'), entry('NIS2', 'progress-report'), entry('NIS2', 'final-report-after-handling')],
      { awareness: '2026-05-08T12:00:00Z', 'incident-handled': '2026-07-20T09:00:00Z' },
      sent,
    );
    const due = Object.fromEntries(clocks.map((c) => [clockKey(c), c.dueAt]));
    // Sent 10 May (Brussels); one month → 10 Jun, ends 11 Jun 00:00 CEST = 10 Jun 22:00Z.
    expect(due['NIS2/final-report']).toBe('2026-06-10T22:00:00Z');
    expect(due['NIS2/progress-report']).toBe('2026-06-10T22:00:00Z');
    // Handled 20 Jul 11:00 CEST; one month → 20 Aug, ends 21 Aug 00:00 CEST = 20 Aug 22:00Z.
    expect(due['NIS2/final-report-after-handling']).toBe('2026-08-20T22:00:00Z');
  });
});

describe('companion duties', () => {
  const base = { sectorFlags: [], actingAs: 'controller' as const, risk: 'high-risk' as const };
  const keys = (facts: Parameters<typeof applicableObligations>[0]) => applicableObligations(facts).map(clockKey);

  it('gives a UK breach of high risk the data-subject notice (UK GDPR Art. 34), and a UK processor the notice to its controller (Art. 33(2))', () => {
    expect(keys({ ...base, countries: ['GB'] })).toEqual(expect.arrayContaining(['UK-GDPR/notify-supervisory-authority', 'UK-GDPR/notify-data-subjects']));
    expect(keys({ ...base, countries: ['GB'], actingAs: 'processor' })).toEqual(['UK-GDPR/notify-controller']);
  });

  it('gives a HIPAA business associate its 60-day notice to the covered entity (45 CFR 164.410)', () => {
    expect(keys({ ...base, countries: ['US'], sectorFlags: ['hipaa-business-associate'] })).toContain('HIPAA/notify-covered-entity');
    // Discovered 15 Oct 2026 14:00 EDT: day 60 = 14 Dec, ends 15 Dec 00:00 EST = 05:00Z.
    expect(dueAtFor(entry('HIPAA', 'notify-covered-entity'), '2026-10-15T14:00:00-04:00')).toBe('2026-12-15T05:00:00Z');
  });
});

describe('US residents\' notices "in the most expedient time possible": a clock without a timer, showing the organisation\'s target', () => {
  const georgia = entry('US-GA', 'notify-residents');

  it('has no fixed period in the catalogue, and a clock target set by the organisation', () => {
    expect(georgia.deadline.amount).toBeUndefined();
    expect(georgia.deadline.target).toBe('organisation');
  });

  it('runs once discovered, with no due instant, and shows the target: 30 days in Atlanta', () => {
    // Discovered 2 Mar 2026 04:00 EST, day 0; day 30 = 1 Apr, ends 2 Apr 00:00 EDT = 04:00Z.
    const { clocks } = refreshClocks([], [georgia], { discovery: '2026-03-02T09:00:00Z' }, NOW, { targetDays: 30 });
    expect(clocks).toEqual([expect.objectContaining({ status: 'pending', startsAt: '2026-03-02T09:00:00Z', dueAt: null, targetAt: '2026-04-02T04:00:00Z' })]);
    // No legal due instant, so nothing to escalate: the ladder takes only running clocks with a due instant.
    expect(nextPendingDeadline(clocks)).toBeUndefined();
  });

  it('shows no target when the organisation sets none, and waits for discovery', () => {
    expect(refreshClocks([], [georgia], { discovery: '2026-03-02T09:00:00Z' }, NOW).clocks[0]).toMatchObject({ status: 'pending', dueAt: null, targetAt: null });
    expect(refreshClocks([], [georgia], {}, NOW, { targetDays: 30 }).clocks[0]).toMatchObject({ status: 'awaiting-trigger', targetAt: null });
  });
});

// One hand-computed due instant for every obligation with a fixed period in the European, US federal and
// Asia-Pacific/Americas modules (the US states and sector rules, and the worldwide regimes, have theirs in
// catalogue-us.test.ts and catalogue-worldwide.test.ts). Hours are elapsed time; days count the trigger's local
// date as day 0 and end at the next local midnight (or the cut-off), written as UTC.
import { ASIA_PACIFIC_AND_AMERICAS_OBLIGATIONS } from '../../src/domain/catalogue/asia-pacific-and-americas';
import { EUROPE_OBLIGATIONS } from '../../src/domain/catalogue/europe';
import { US_FEDERAL_OBLIGATIONS } from '../../src/domain/catalogue/us-federal';
import { dueAtFor } from '../../src/domain/deadlines';
import { findObligation, type TriggerEvent } from '../../src/domain/regulations';

interface Golden {
  readonly key: string;
  readonly source: string;
  readonly startsAt: string;
  readonly others?: Partial<Record<TriggerEvent, string>>;
  readonly due: string;
}

const GOLDEN: readonly Golden[] = [
  // 28 Mar 2026 09:00 CET + 72 h, across the DST change of 29 Mar: 31 Mar 08:00Z (10:00 CEST).
  { key: 'GDPR/notify-supervisory-authority', source: 'GDPR Art. 33(1)', startsAt: '2026-03-28T09:00:00+01:00', due: '2026-03-31T08:00:00Z' },
  // 23 Oct 2026 18:00 BST = 17:00Z + 72 h, across the end of BST on 25 Oct: 26 Oct 17:00Z (17:00 GMT).
  { key: 'UK-GDPR/notify-supervisory-authority', source: 'UK GDPR Art. 33(1)', startsAt: '2026-10-23T18:00:00+01:00', due: '2026-10-26T17:00:00Z' },
  { key: 'NIS2/early-warning', source: 'NIS2 Art. 23(4)(a)', startsAt: '2026-06-12T22:30:00Z', due: '2026-06-13T22:30:00Z' },
  { key: 'NIS2/incident-notification', source: 'NIS2 Art. 23(4)(b)', startsAt: '2026-06-12T22:30:00Z', due: '2026-06-15T22:30:00Z' },
  // Notification sent 31 Jan 2026 11:00 CET; one month → 28 Feb (no 31 Feb, Reg. 1182/71 Art. 3(2)(c)), ends 1 Mar 00:00 CET.
  { key: 'NIS2/final-report', source: 'NIS2 Art. 23(4)(d)', startsAt: '2026-01-31T10:00:00Z', due: '2026-02-28T23:00:00Z' },
  { key: 'NIS2/progress-report', source: 'NIS2 Art. 23(4)(e)', startsAt: '2026-01-31T10:00:00Z', due: '2026-02-28T23:00:00Z' },
  // Handled 20 Jul 2026 11:00 CEST; one month → 20 Aug, ends 21 Aug 00:00 CEST = 20 Aug 22:00Z.
  { key: 'NIS2/final-report-after-handling', source: 'NIS2 Art. 23(4)(e)', startsAt: '2026-07-20T09:00:00Z', due: '2026-08-20T22:00:00Z' },
  // Classified 2 h after awareness: 4 h after classification comes before 24 h after awareness.
  { key: 'DORA/initial-notification', source: 'Delegated Regulation (EU) 2025/301 Art. 5(1)', startsAt: '2026-03-02T10:00:00Z', others: { awareness: '2026-03-02T08:00:00Z' }, due: '2026-03-02T14:00:00Z' },
  { key: 'DORA/intermediate-report', source: 'Delegated Regulation (EU) 2025/301 Art. 5', startsAt: '2026-03-28T22:00:00Z', due: '2026-03-31T22:00:00Z' },
  // 31 Mar 2026 10:00 CEST; one month → 30 Apr, ends 1 May 00:00 CEST.
  { key: 'DORA/final-report', source: 'Delegated Regulation (EU) 2025/301 Art. 5', startsAt: '2026-03-31T08:00:00Z', due: '2026-04-30T22:00:00Z' },
  // 15 Oct 2026 (day 0) + 60 → 14 Dec, ends 15 Dec 00:00 EST.
  { key: 'HIPAA/notify-individuals', source: '45 CFR 164.404(b)', startsAt: '2026-10-15T14:00:00-04:00', due: '2026-12-15T05:00:00Z' },
  // 1 Feb 2026 23:30 EST (day 0); 1 Mar = day 28, 31 Mar = day 58, 2 Apr = day 60; ends 3 Apr 00:00 EDT.
  { key: 'HIPAA/notify-media', source: '45 CFR 164.406(b)', startsAt: '2026-02-01T23:30:00-05:00', due: '2026-04-03T04:00:00Z' },
  { key: 'HIPAA/notify-hhs', source: '45 CFR 164.408(b)', startsAt: '2026-02-01T23:30:00-05:00', due: '2026-04-03T04:00:00Z' },
  // The derived year end, 31 Dec 2026 00:00 EST (day 0); 1 Mar 2027 = day 60; ends 2 Mar 00:00 EST.
  { key: 'HIPAA/log-for-hhs', source: '45 CFR 164.408(c)', startsAt: '2026-12-31T05:00:00Z', due: '2027-03-02T05:00:00Z' },
  { key: 'HIPAA/notify-covered-entity', source: '45 CFR 164.410(b)', startsAt: '2026-10-15T14:00:00-04:00', due: '2026-12-15T05:00:00Z' },
  // Thu 2 Jul 2026 (day 0); Fri 3 Jul is Independence Day observed; Mon 6, Tue 7, Wed 8, Thu 9 → 17:30 EDT.
  { key: 'SEC/file-8k', source: 'Form 8-K General Instruction B.1; 17 CFR 232.13(a)(2)', startsAt: '2026-07-02T15:00:00-04:00', due: '2026-07-09T21:30:00Z' },
  // Fri 30 Oct 2026 (day 0); Mon 2, Tue 3, Wed 4, Thu 5 Nov → 17:30 EST (DST ended 1 Nov).
  { key: 'SEC/file-8k-amendment', source: 'Form 8-K Item 1.05 Instruction 2', startsAt: '2026-10-30T16:00:00-04:00', due: '2026-11-05T22:30:00Z' },
  // Thu 2 Apr 2026 (day 0); Fri 3 Apr Good Friday; Mon 6, Tue 7, Wed 8 → ends 9 Apr 00:00 BRT.
  { key: 'LGPD/notify-anpd', source: 'ANPD Resolution 15/2024 Art. 6', startsAt: '2026-04-02T10:00:00-03:00', due: '2026-04-09T03:00:00Z' },
  // Wed 23 Dec 2026 (day 0); Thu 24 (1), Fri 25 Natal, Mon 28 (2), Tue 29 (3) → ends 30 Dec 00:00 BRT.
  { key: 'LGPD/notify-data-subjects', source: 'ANPD Resolution 15/2024 Art. 9', startsAt: '2026-12-23T10:00:00-03:00', due: '2026-12-30T03:00:00Z' },
  // Tue 10 Nov 2026 (day 0); 20 business days skipping Fri 20 Nov (Consciência Negra): Wed 9 Dec is the 20th.
  { key: 'LGPD/supplement-anpd', source: 'ANPD Resolution 15/2024 Art. 6', startsAt: '2026-11-10T12:00:00-03:00', due: '2026-12-10T03:00:00Z' },
  // 30 Dec 2026 20:00 SGT (day 0) + 3 → 2 Jan 2027, ends 3 Jan 00:00 SGT.
  { key: 'PDPA-SG/notify-pdpc', source: 'PDPA s26D(1)', startsAt: '2026-12-30T20:00:00+08:00', due: '2027-01-02T16:00:00Z' },
  // 20 Jan 2026 (day 0) + 30 → 19 Feb, ends 20 Feb 00:00 AEDT.
  { key: 'NDB-AU/assess-breach', source: 'Privacy Act 1988 s26WH(2)', startsAt: '2026-01-20T09:00:00+11:00', due: '2026-02-19T13:00:00Z' },
  { key: 'DPDP-IN/report-to-board', source: 'DPDP Rules 2025 r.7(2)(b)', startsAt: '2027-06-01T10:00:00+05:30', due: '2027-06-04T04:30:00Z' },
];

describe('hand-computed due instants', () => {
  it.each(GOLDEN.map((g) => [g.key, g.source, g] as const))('%s (%s)', (key, _source, golden) => {
    const [regime, obligation] = key.split('/') as [string, string];
    const entry = findObligation(regime, obligation)!;
    expect(entry).toBeDefined();
    expect(dueAtFor(entry, golden.startsAt, golden.others)).toBe(golden.due);
  });

  it('covers every obligation with a fixed period in these modules', () => {
    const fixed = [...EUROPE_OBLIGATIONS, ...US_FEDERAL_OBLIGATIONS, ...ASIA_PACIFIC_AND_AMERICAS_OBLIGATIONS]
      .filter((o) => o.deadline.amount !== undefined)
      .map((o) => `${o.regime}/${o.obligation}`);
    expect(GOLDEN.map((g) => g.key).sort()).toEqual(fixed.sort());
  });
});

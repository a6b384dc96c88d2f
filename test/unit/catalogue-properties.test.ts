// Properties every clock of the catalogue must have, whatever the instants: no clock falls due before its trigger,
// and moving a trigger later never makes a deadline earlier (one exception, which the DORA RTS itself makes).
import fc from 'fast-check';
import { refreshClocks, type Triggers } from '../../src/domain/clocks';
import { dueAtFor } from '../../src/domain/deadlines';
import { CATALOGUE, TRIGGER_EVENTS, type Obligation, type TriggerEvent } from '../../src/domain/regulations';

const FIXED = CATALOGUE.filter((o) => o.deadline.amount !== undefined);
const id = (o: Obligation) => `${o.regime}/${o.obligation}`;

// Instants from 2026 to late 2030, the years every business-day calendar holds.
const instant = fc.date({ min: new Date('2026-01-01T00:00:00Z'), max: new Date('2030-11-30T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString());
const shift = fc.integer({ min: 0, max: 90 * 24 * 60 }).map((minutes) => minutes * 60_000);
const later = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString();
const obligation = fc.constantFrom(...FIXED);

/** Due instant of `o` from `start`, with the cap's trigger (if any) at `capAt`. */
const due = (o: Obligation, start: string, capAt: string) => Date.parse(dueAtFor(o, start, o.noLaterThan ? { [o.noLaterThan.trigger]: capAt } : {})!);

describe('every fixed clock of the catalogue', () => {
  it('has fixed entries to check, across every unit', () => {
    expect(new Set(FIXED.map((o) => o.deadline.unit))).toEqual(new Set(['hours', 'calendar-days', 'business-days', 'months']));
  });

  it('is never due before (or at) its trigger', () => {
    fc.assert(
      fc.property(obligation, instant, instant, (o, start, capAt) => {
        expect({ entry: id(o), after: due(o, start, capAt) > Date.parse(start) }).toEqual({ entry: id(o), after: true });
      }),
      { numRuns: 3000 },
    );
  });

  it('never falls due earlier when its own trigger moves later', () => {
    fc.assert(
      fc.property(obligation, instant, shift, instant, (o, start, by, capAt) => {
        expect({ entry: id(o), monotone: due(o, later(start, by), capAt) >= due(o, start, capAt) }).toEqual({ entry: id(o), monotone: true });
      }),
      { numRuns: 3000 },
    );
  });

  it('never falls due earlier when a capping trigger moves later, unless that brings a late classification back within the cap (DORA)', () => {
    const capped = FIXED.filter((o) => o.noLaterThan);
    expect(capped.map(id)).toEqual(['DORA/initial-notification']);
    fc.assert(
      fc.property(fc.constantFrom(...capped), instant, instant, shift, (o, start, capAt, by) => {
        const capEnds = (at: string) => dueAtFor({ ...o, deadline: o.noLaterThan!.deadline, noLaterThan: undefined }, at)!;
        const crossesBack = Date.parse(capEnds(capAt)) <= Date.parse(start) && Date.parse(capEnds(later(capAt, by))) > Date.parse(start);
        if (!crossesBack) expect(due(o, start, later(capAt, by))).toBeGreaterThanOrEqual(due(o, start, capAt));
      }),
      { numRuns: 3000 },
    );
  });

  it('shows that exception as the Regulation writes it: awareness recorded 2 h later makes the initial notice due 3 h sooner', () => {
    const initial = CATALOGUE.find((o) => id(o) === 'DORA/initial-notification')!;
    // Classified 25 h after awareness: Art. 5(2), 4 h after classification. Awareness 2 h later: classification is
    // 23 h after it, so Art. 5(1)'s 24 h limit binds, 1 h after classification.
    expect(dueAtFor(initial, '2026-03-03T09:00:00Z', { awareness: '2026-03-02T08:00:00Z' })).toBe('2026-03-03T13:00:00Z');
    expect(dueAtFor(initial, '2026-03-03T09:00:00Z', { awareness: '2026-03-02T10:00:00Z' })).toBe('2026-03-03T10:00:00Z');
  });
});

describe('an incident carrying every fixed clock at once', () => {
  const events = Object.keys(TRIGGER_EVENTS) as TriggerEvent[];
  const triggers = fc.record(Object.fromEntries(events.map((e) => [e, instant])) as Record<TriggerEvent, fc.Arbitrary<string>>);
  const NOW = Date.parse('2026-01-01T00:00:00Z');

  it('starts every clock it can and none is due before it starts', () => {
    fc.assert(
      fc.property(triggers, (recorded: Triggers) => {
        const { clocks } = refreshClocks([], FIXED, recorded, NOW);
        for (const clock of clocks.filter((c) => c.dueAt !== null)) {
          expect({ clock: `${clock.regime}/${clock.obligation}`, after: Date.parse(clock.dueAt!) > Date.parse(clock.startsAt!) }).toEqual({
            clock: `${clock.regime}/${clock.obligation}`,
            after: true,
          });
        }
      }),
      { numRuns: 100 },
    );
  });

  it('moves no clock earlier when one trigger is recorded later (awareness, which caps DORA, aside)', () => {
    fc.assert(
      fc.property(triggers, fc.constantFrom(...events.filter((e) => e !== 'awareness')), shift, (recorded: Triggers, event, by) => {
        const before = refreshClocks([], FIXED, recorded, NOW).clocks;
        const moved = refreshClocks(before, FIXED, { ...recorded, [event]: later(recorded[event]!, by) }, NOW).clocks;
        for (const clock of moved) {
          const was = before.find((c) => c.regime === clock.regime && c.obligation === clock.obligation);
          if (was?.dueAt && clock.dueAt) expect({ clock: `${clock.regime}/${clock.obligation}`, event, later: Date.parse(clock.dueAt) >= Date.parse(was.dueAt) }).toEqual({ clock: `${clock.regime}/${clock.obligation}`, event, later: true });
        }
      }),
      { numRuns: 100 },
    );
  });
});

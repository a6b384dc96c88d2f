import fc from 'fast-check';
import { WorkingHoursSchema } from '../../src/domain/working-hours-schema';
import { escalationSendAt, isWithinWorkingHours, nextWorkingInstant, WEEKDAYS, type Weekday, type WorkingHours } from '../../src/domain/working-hours';

const berlinOffice: WorkingHours = { zone: 'Europe/Berlin', days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' };
const aucklandOffice: WorkingHours = { ...berlinOffice, zone: 'Pacific/Auckland' };
const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();

describe('nextWorkingInstant', () => {
  it('moves Saturday 22:00 in Berlin to Monday 09:00 in Berlin', () => {
    expect(iso(nextWorkingInstant(at('2026-03-07T22:00:00+01:00'), berlinOffice))).toBe('2026-03-09T08:00:00.000Z');
  });

  it.each([
    ['mid-morning', '2026-03-11T10:30:00+01:00'],
    ['the start itself', '2026-03-11T09:00:00+01:00'],
    ['a minute before the end', '2026-03-11T16:59:59.999+01:00'],
  ])('leaves an instant inside the hours unchanged: %s', (_label, instant) => {
    expect(nextWorkingInstant(at(instant), berlinOffice)).toBe(at(instant));
    expect(nextWorkingInstant(new Date(instant), berlinOffice)).toBe(at(instant));
  });

  it.each([
    ['at the end (exclusive)', '2026-03-11T17:00:00+01:00', '2026-03-12T08:00:00.000Z'],
    ['before the start', '2026-03-11T06:15:00+01:00', '2026-03-11T08:00:00.000Z'],
    ['on Friday evening', '2026-03-13T18:00:00+01:00', '2026-03-16T08:00:00.000Z'],
  ])('moves an instant %s to the next start', (_label, instant, expected) => {
    expect(iso(nextWorkingInstant(at(instant), berlinOffice))).toBe(expected);
  });

  it('keeps 09:00 local across the spring-forward weekend (CET to CEST)', () => {
    expect(iso(nextWorkingInstant(at('2026-03-28T12:00:00+01:00'), berlinOffice))).toBe('2026-03-30T07:00:00.000Z');
  });

  it('keeps 09:00 local across the fall-back weekend (CEST to CET)', () => {
    expect(iso(nextWorkingInstant(at('2026-10-24T12:00:00+02:00'), berlinOffice))).toBe('2026-10-26T08:00:00.000Z');
  });

  it('starts a window whose start falls in the spring-forward gap at the first valid time after it', () => {
    const sundayNight: WorkingHours = { zone: 'Europe/Berlin', days: [7], start: '02:30', end: '04:00' };

    const next = nextWorkingInstant(at('2026-03-29T00:30:00+01:00'), sundayNight);

    expect(iso(next)).toBe('2026-03-29T01:30:00.000Z');
    expect(isWithinWorkingHours(next, sundayNight)).toBe(true);
  });

  it('works in Pacific/Auckland, where Monday morning is still Sunday in UTC', () => {
    expect(iso(nextWorkingInstant(at('2026-01-16T04:00:00Z'), aucklandOffice))).toBe('2026-01-18T20:00:00.000Z');
    expect(nextWorkingInstant(at('2026-01-18T21:00:00Z'), aucklandOffice)).toBe(at('2026-01-18T21:00:00Z'));
  });

  it('keeps 09:00 local in Auckland across the end of daylight saving (NZDT to NZST)', () => {
    expect(iso(nextWorkingInstant(at('2026-04-04T12:00:00+13:00'), aucklandOffice))).toBe('2026-04-05T21:00:00.000Z');
  });

  it('waits a whole week for a single working day that has just ended', () => {
    const wednesdays: WorkingHours = { ...berlinOffice, days: [3] };

    expect(iso(nextWorkingInstant(at('2026-03-11T18:00:00+01:00'), wednesdays))).toBe('2026-03-18T08:00:00.000Z');
  });

  it.each([
    ['an unknown zone', { ...berlinOffice, zone: 'Mars/Olympus' }],
    ['a start after the end', { ...berlinOffice, start: '18:00' }],
    ['no days', { ...berlinOffice, days: [] }],
    ['a time that is not HH:mm', { ...berlinOffice, end: '5pm' }],
  ])('throws RangeError for %s', (_label, hours) => {
    expect(() => nextWorkingInstant(at('2026-03-11T10:00:00Z'), hours)).toThrow(RangeError);
  });
});

describe('escalationSendAt', () => {
  const saturdayNight = at('2026-03-07T22:00:00+01:00');

  it('sends overdue notices and their repeats at once, even outside working hours', () => {
    expect(escalationSendAt(saturdayNight, { kind: 'overdue', waitForWorkingHours: true }, berlinOffice)).toBe(saturdayNight);
    expect(escalationSendAt(saturdayNight, { kind: 'overdue-repeat', waitForWorkingHours: true }, berlinOffice)).toBe(saturdayNight);
  });

  it('holds a reminder whose rung waits until the recipient’s next working instant', () => {
    expect(iso(escalationSendAt(saturdayNight, { kind: 'reminder', waitForWorkingHours: true }, berlinOffice))).toBe('2026-03-09T08:00:00.000Z');
  });

  it('sends a reminder at once when its rung does not wait or the recipient has no hours', () => {
    expect(escalationSendAt(saturdayNight, { kind: 'reminder', waitForWorkingHours: false }, berlinOffice)).toBe(saturdayNight);
    expect(escalationSendAt(saturdayNight, { kind: 'reminder', waitForWorkingHours: true }, undefined)).toBe(saturdayNight);
  });
});

/** The local weekday and 'HH:mm' of `ms` in `zone`, by Intl rather than luxon, as an independent oracle. */
const formats = new Map<string, Intl.DateTimeFormat>();
function localClock(ms: number, zone: string): { weekday: Weekday; time: string } {
  let format = formats.get(zone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-GB', { timeZone: zone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    formats.set(zone, format);
  }
  const parts = format.formatToParts(ms);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const weekday = (['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(part('weekday')) + 1) as Weekday;
  return { weekday, time: `${part('hour')}:${part('minute')}` };
}

function oracleWorking(ms: number, hours: WorkingHours): boolean {
  const { weekday, time } = localClock(ms, hours.zone);
  return hours.days.includes(weekday) && hours.start <= time && time < hours.end;
}

describe('nextWorkingInstant (properties)', () => {
  const ZONES = ['Europe/Berlin', 'America/New_York', 'Pacific/Auckland', 'Asia/Kathmandu', 'Australia/Lord_Howe', 'Pacific/Kiritimati', 'Pacific/Pago_Pago', 'UTC'];
  const quarterHour = fc.integer({ min: 0, max: 95 }).map((q) => `${String(Math.floor(q / 4)).padStart(2, '0')}:${String((q % 4) * 15).padStart(2, '0')}`);
  const hoursArb = fc
    .record({
      zone: fc.constantFrom(...ZONES),
      days: fc.uniqueArray(fc.constantFrom(...WEEKDAYS), { minLength: 1, maxLength: 7 }),
      a: quarterHour,
      b: quarterHour,
    })
    .filter(({ a, b }) => a !== b)
    .map(({ zone, days, a, b }): WorkingHours => ({ zone, days, start: a < b ? a : b, end: a < b ? b : a }));
  // 2026 and 2027 cover both DST changes of every zone above.
  const instantArb = fc.integer({ min: at('2026-01-01T00:00:00Z'), max: at('2027-12-31T00:00:00Z') });
  const QUARTER = 15 * 60 * 1000;

  it('returns an instant at or after `at`, inside the hours, with no working instant between them', () => {
    fc.assert(
      fc.property(hoursArb, instantArb, (hours, instant) => {
        const next = nextWorkingInstant(instant, hours);
        expect(next).toBeGreaterThanOrEqual(instant);
        expect(oracleWorking(next, hours)).toBe(true);
        expect(isWithinWorkingHours(next, hours)).toBe(true);
        // Every offset in use is a multiple of 15 minutes, so every window starts on a UTC quarter hour: checking
        // `at` and each quarter hour before the result finds any working instant in between.
        if (next > instant) expect(oracleWorking(instant, hours)).toBe(false);
        for (let t = Math.ceil(instant / QUARTER) * QUARTER; t < next; t += QUARTER) expect(oracleWorking(t, hours)).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('agrees with isWithinWorkingHours: an instant is unchanged exactly when it is inside the hours', () => {
    fc.assert(
      fc.property(hoursArb, instantArb, (hours, instant) => {
        expect(nextWorkingInstant(instant, hours) === instant).toBe(isWithinWorkingHours(instant, hours));
      }),
      { numRuns: 300 },
    );
  });
});

describe('WorkingHoursSchema', () => {
  it('accepts a zone, days and a same-day window', () => {
    expect(WorkingHoursSchema.parse({ zone: 'Pacific/Auckland', days: [1, 2, 3, 4, 5], start: '08:30', end: '17:00' })).toEqual({
      zone: 'Pacific/Auckland',
      days: [1, 2, 3, 4, 5],
      start: '08:30',
      end: '17:00',
    });
  });

  it.each([
    ['an unknown zone', { zone: 'Europe/Atlantis' }, ['zone']],
    ['a start after the end', { start: '18:00' }, ['end']],
    ['an empty window', { start: '17:00' }, ['end']],
    ['no days', { days: [] }, ['days']],
    ['a repeated day', { days: [1, 1] }, ['days']],
    ['day 0', { days: [0] }, ['days', 0]],
    ['24:00', { end: '24:00' }, ['end']],
    ['an unknown key', { overnight: true }, []],
  ])('refuses %s', (_label, overrides, path) => {
    const result = WorkingHoursSchema.safeParse({ zone: 'Europe/Berlin', days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00', ...overrides });

    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path)).toContainEqual(path);
  });
});

import fc from 'fast-check';
import { DateTime } from 'luxon';
import { toUtcIso } from '../../src/domain/time';
import { IsoDateTimeSchema } from '../../src/domain/iso-date-time';

/** The rule as luxon states it: a real date, an offset within ±14:00, in the years 1–9999 once in UTC. */
function luxonAccepts(iso: string): boolean {
  const dt = DateTime.fromISO(iso, { setZone: true });
  return dt.isValid && Math.abs(dt.offset) <= 14 * 60 && dt.toUTC().year >= 1 && dt.toUTC().year <= 9999;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** ISO instants in the pattern's shape, with days past the month's end, leap days, the edge years and offsets. */
const instant = fc
  .record({
    year: fc.oneof(fc.integer({ min: 1, max: 9999 }), fc.constantFrom(1, 2, 1900, 2000, 2024, 2100, 9998, 9999)),
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.oneof(fc.integer({ min: 1, max: 31 }), fc.constantFrom(28, 29, 30, 31)),
    hour: fc.integer({ min: 0, max: 23 }),
    minute: fc.integer({ min: 0, max: 59 }),
    fraction: fc.constantFrom('', '.5', '.123', '.1234567'),
    offset: fc.oneof(fc.constant('Z'), fc.tuple(fc.constantFrom('+', '-'), fc.integer({ min: 0, max: 14 }), fc.constantFrom(0, 30, 45)).map(([sign, h, m]) => `${sign}${pad(h)}:${pad(h === 14 ? 0 : m)}`)),
  })
  .map((t) => `${pad(t.year, 4)}-${pad(t.month)}-${pad(t.day)}T${pad(t.hour)}:${pad(t.minute)}:07${t.fraction}${t.offset}`);

describe('IsoDateTimeSchema', () => {
  it('accepts exactly the instants luxon finds real, within ±14:00 and in the years 1–9999 in UTC', () => {
    fc.assert(
      fc.property(instant, (iso) => {
        expect({ iso, accepted: IsoDateTimeSchema.safeParse(iso).success }).toEqual({ iso, accepted: luxonAccepts(iso) });
      }),
      { numRuns: 5000 },
    );
  });

  it.each([
    ['2026-02-29T00:00:00Z', false],
    ['2028-02-29T00:00:00Z', true],
    ['2100-02-29T00:00:00Z', false],
    ['2000-02-29T00:00:00Z', true],
    ['2026-04-31T00:00:00Z', false],
    ['0001-01-01T00:30:00+01:00', false],
    ['0001-01-01T01:00:00+01:00', true],
    ['9999-12-31T23:30:00-01:00', false],
    ['9999-12-31T22:30:00-01:00', true],
  ])('%s: %s', (iso, accepted) => {
    expect(IsoDateTimeSchema.safeParse(iso).success).toBe(accepted);
  });
});

describe('toUtcIso', () => {
  it('writes a Date as luxon does: UTC, milliseconds only when not zero, in every year', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date(Date.UTC(-300, 0, 1)), max: new Date(Date.UTC(12000, 0, 1)), noInvalidDate: true }), fc.boolean(), (date, whole) => {
        const at = whole ? new Date(Math.floor(date.getTime() / 1000) * 1000) : date;
        expect(toUtcIso(at)).toBe(DateTime.fromJSDate(at).toUTC().toISO({ suppressMilliseconds: true }));
      }),
      { numRuns: 5000 },
    );
  });

  it('refuses an invalid Date', () => {
    expect(() => toUtcIso(new Date(Number.NaN))).toThrow(RangeError);
  });
});

// Regenerates src/domain/holiday-data.ts from the pinned date-holidays library and src/domain/holiday-overrides.ts:
// `npx tsx scripts/generate-holidays.ts`. Writes nothing when the result no longer reproduces the hand-checked
// 2026 and 2027 calendars: add an override (or correct the hand-checked list) first.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { computeCalendars, FIRST_YEAR, handCheckedDifferences, LAST_YEAR, renderHolidayData } from './holiday-calendars';

const calendars = computeCalendars();
const differences = handCheckedDifferences(calendars);
if (differences.length > 0) {
  console.error(`The generated holidays differ from the hand-checked ones:\n${differences.join('\n')}`);
  process.exit(1);
}
const out = join(__dirname, '..', 'src', 'domain', 'holiday-data.ts');
writeFileSync(out, renderHolidayData(calendars));
console.log(`wrote ${out} (${FIRST_YEAR}–${LAST_YEAR})`);

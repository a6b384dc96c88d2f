import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { COVERAGE_DISCLAIMER, coverageMarkdown, coverageRows } from '../../src/domain/coverage';
import { CATALOGUE } from '../../src/domain/regulations';

describe('the coverage table', () => {
  const rows = coverageRows();

  it('has one row per catalogue entry, each with its source address and checked-on day', () => {
    expect(rows).toHaveLength(CATALOGUE.length);
    expect(rows.filter((r) => !r.sourceUrl.startsWith('https://') || !/^\d{4}-\d{2}-\d{2}$/.test(r.checkedOn)).map((r) => `${r.regime}/${r.obligation}`)).toEqual([]);
  });

  it('states each deadline as the law counts it: SEC to 17:30 on the 4th business day, DORA with its cap, HIPAA log from the year end', () => {
    const row = (regime: string, obligation: string) => rows.find((r) => r.regime === regime && r.obligation === obligation)!;
    expect(row('SEC', 'file-8k').deadline).toBe('4 business days (US-FEDERAL holidays) in America/New_York, ending 17:30 local time on the last day');
    expect(row('DORA', 'initial-notification').deadline).toMatch(/^4 hours, and no later than 24 hours after awareness/);
    expect(row('HIPAA', 'log-for-hhs').trigger).toBe('calendar-year-end');
    expect(row('DPDP-IN', 'report-to-board').trigger).toBe('awareness; only for events from 2027-05-13T00:00:00+05:30');
    expect(row('GDPR', 'notify-data-subjects').deadline).toBe('no fixed period: without undue delay');
  });

  it('is in docs/coverage.md as generated (regenerate: npx tsx scripts/coverage.ts), with the plain statement that it is not legal advice', () => {
    const doc = readFileSync(join(__dirname, '..', '..', 'docs', 'coverage.md'), 'utf8');
    expect(doc).toBe(coverageMarkdown(rows));
    expect(doc).toContain(COVERAGE_DISCLAIMER);
    expect(COVERAGE_DISCLAIMER).toContain('It is not legal advice');
  });
});

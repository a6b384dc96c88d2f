// Writes docs/coverage.md from the catalogue: `npx tsx scripts/coverage.ts` (a unit test fails while it is stale).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { coverageMarkdown } from '../src/domain/coverage';

const path = join(__dirname, '..', 'docs', 'coverage.md');
writeFileSync(path, coverageMarkdown());
console.log(`wrote ${path}`);

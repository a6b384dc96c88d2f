import { z } from 'zod';
import { COVERAGE_DISCLAIMER, coverageRows } from '../../domain/coverage';
import { TRIGGER_EVENTS } from '../../domain/regulations';
import { READERS } from '../../domain/roles';
import { defineRoute, type AnyRoute } from '../route';

const CoverageRowSchema = z
  .object({
    regime: z.string(),
    law: z.string(),
    jurisdiction: z.string(),
    obligation: z.string(),
    recipient: z.string(),
    trigger: z.string().describe('The event that starts the clock, or the obligation it follows'),
    deadline: z.string().describe('How long the clock runs, or the wording of a duty without a fixed period'),
    source: z.string(),
    sourceUrl: z.string().describe('Where the text can be read'),
    checkedOn: z.string().describe('Day the entry was last checked against its source'),
    verify: z.string().nullable().describe('What to check before relying on the entry; null when confirmed'),
  })
  .meta({ id: 'CoverageRow' });

const CoverageSchema = z
  .object({
    disclaimer: z.string(),
    rows: z.array(CoverageRowSchema),
    triggers: z.record(z.string(), z.string()).describe('What each clock-starting event means'),
  })
  .meta({ id: 'Coverage' });

/** What the engine knows: the catalogue as a table, so a DPO sees what is tracked and what is not. */
export function coverageRoutes(): AnyRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/v1/coverage',
      operationId: 'getCoverage',
      summary: 'The duties the engine tracks: regime, obligation, trigger, deadline, source and the day it was checked (not legal advice)',
      tags: ['clocks'],
      roles: READERS,
      response: { status: 200, description: 'The coverage table', schema: CoverageSchema },
      handler: () => Promise.resolve({ disclaimer: COVERAGE_DISCLAIMER, rows: coverageRows(), triggers: { ...TRIGGER_EVENTS } }),
    }),
  ];
}

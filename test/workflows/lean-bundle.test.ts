// Every new workflow evaluates every module of the bundle (the SDK keeps module state per workflow): a schema
// library there cost each open ~16 ms of CPU and each cached incident ~2 MiB (bench/workflow-cost.ts).
import { bundleWorkflows } from '../helpers/time-skipping';

describe('the workflow bundle', () => {
  it('holds no zod, no holiday library and no module that parses input or renders notices', async () => {
    const { code } = await bundleWorkflows();
    const modules = [...code.matchAll(/^\/\*\*\*\/ "([^"]+)"$/gm)].map((m) => m[1]!);
    expect(modules.length).toBeGreaterThan(20);
    expect(modules.filter((m) => m.includes('node_modules/zod/'))).toEqual([]);
    // Holidays are generated ahead of time (scripts/generate-holidays.ts): the library itself never reaches a workflow.
    expect(modules.filter((m) => /node_modules\/date-holidays|holiday-overrides/.test(m))).toEqual([]);
    expect(modules.filter((m) => /src\/domain\/((lifecycle|incident|notice-drafts|write-inputs|coverage|.*-schema)\.ts$|notices\/)/.test(m))).toEqual([]);
  });
});

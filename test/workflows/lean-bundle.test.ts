// Every new workflow evaluates every module of the bundle (the SDK keeps module state per workflow): a schema
// library there cost each open ~16 ms of CPU and each cached incident ~2 MiB (bench/workflow-cost.ts).
import { bundleWorkflows } from '../helpers/time-skipping';

describe('the workflow bundle', () => {
  it('holds no zod and no module that parses input or renders notices', async () => {
    const { code } = await bundleWorkflows();
    const modules = [...code.matchAll(/^\/\*\*\*\/ "([^"]+)"$/gm)].map((m) => m[1]!);
    expect(modules.length).toBeGreaterThan(20);
    expect(modules.filter((m) => m.includes('node_modules/zod/'))).toEqual([]);
    expect(modules.filter((m) => /src\/domain\/(lifecycle|incident|notice-drafts|write-inputs|.*-schema)\.ts$/.test(m))).toEqual([]);
  });
});

import { defaultMaxCachedWorkflows } from '../../src/workers';

describe('defaultMaxCachedWorkflows', () => {
  it('budgets 0.5 MiB a cached incident workflow beside 200 MiB for the rest of the heap', () => {
    expect(defaultMaxCachedWorkflows(1024)).toBe(1648);
    expect(defaultMaxCachedWorkflows(4144)).toBe(7888);
  });

  it('keeps at least 10 however small the heap', () => {
    expect(defaultMaxCachedWorkflows(128)).toBe(10);
  });
});

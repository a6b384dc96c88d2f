import { ServiceError } from '@temporalio/client';
import { isDependencyUnavailable, TemporalTimeoutError, withinTemporalTimeout } from '../../src/api/unavailable';

describe('isDependencyUnavailable', () => {
  it('recognises PostgreSQL down, restarting or unreachable', () => {
    expect(isDependencyUnavailable(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5433'), { code: 'ECONNREFUSED' }))).toBe(true);
    expect(isDependencyUnavailable(Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }))).toBe(true);
    expect(isDependencyUnavailable(new Error('timeout exceeded when trying to connect'))).toBe(true);
  });

  it('recognises Temporal unreachable through the error cause chain', () => {
    const grpc = Object.assign(new Error('14 UNAVAILABLE: No connection established'), { code: 14, details: '', metadata: {} });
    expect(isDependencyUnavailable(new ServiceError('Failed to start workflow', { cause: grpc }))).toBe(true);
  });

  it('recognises Temporal saying "not now": too many in-flight updates, a workflow whose task is failing', () => {
    const exhausted = Object.assign(new Error('8 RESOURCE_EXHAUSTED: limit on number of concurrent in-flight updates has been reached (10)'), { code: 8, details: '', metadata: {} });
    const notReady = Object.assign(new Error('9 FAILED_PRECONDITION: Workflow state is not ready to handle the request.'), { code: 9, details: '', metadata: {} });
    expect(isDependencyUnavailable(exhausted)).toBe(true);
    expect(isDependencyUnavailable(new ServiceError('Update failed', { cause: notReady }))).toBe(true);
  });

  it('does not treat request errors or bugs as outages', () => {
    expect(isDependencyUnavailable(Object.assign(new Error('duplicate key'), { code: '23505' }))).toBe(false);
    expect(isDependencyUnavailable(new TypeError('x is undefined'))).toBe(false);
    expect(isDependencyUnavailable(Object.assign(new Error('3 INVALID_ARGUMENT: bad search attribute'), { code: 3, details: '', metadata: {} }))).toBe(false);
    expect(isDependencyUnavailable(undefined)).toBe(false);
  });
});

describe('withinTemporalTimeout', () => {
  const connection = {
    deadlines: [] as number[],
    withDeadline<R>(deadline: number, fn: () => Promise<R>): Promise<R> {
      this.deadlines.push(deadline);
      return fn();
    },
  };

  it('runs the calls under a deadline the timeout from now and answers what they answer', async () => {
    const before = Date.now();
    await expect(withinTemporalTimeout(connection, 2_000, async () => 'ok')).resolves.toBe('ok');
    expect(connection.deadlines.at(-1)).toBeGreaterThanOrEqual(before + 2_000);
    expect(connection.deadlines.at(-1)).toBeLessThanOrEqual(Date.now() + 2_000);
  });

  it('gives up at the timeout although the call, retrying an unreachable frontend, is still pending; that is an outage', async () => {
    let settle: (value: string) => void = () => undefined;
    const pending = new Promise<string>((resolve) => {
      settle = resolve;
    });
    const started = Date.now();
    const error: unknown = await withinTemporalTimeout(connection, 50, () => pending).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TemporalTimeoutError);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(isDependencyUnavailable(error)).toBe(true);
    settle('too late');
  });

  it('passes a failure of the call on', async () => {
    await expect(withinTemporalTimeout(connection, 1_000, () => Promise.reject(new TypeError('bug')))).rejects.toThrow(TypeError);
  });
});

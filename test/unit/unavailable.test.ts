import { ServiceError } from '@temporalio/client';
import { isDependencyUnavailable } from '../../src/api/unavailable';

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

  it('does not treat request errors or bugs as outages', () => {
    expect(isDependencyUnavailable(Object.assign(new Error('duplicate key'), { code: '23505' }))).toBe(false);
    expect(isDependencyUnavailable(new TypeError('x is undefined'))).toBe(false);
    expect(isDependencyUnavailable(undefined)).toBe(false);
  });
});

import { ConfigError, loadConfig } from '../../src/config';

describe('loadConfig', () => {
  it('defaults to the embedded stack', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      HOST: '127.0.0.1',
      PORT: 3000,
      TEMPORAL_ADDRESS: '127.0.0.1:7233',
      TEMPORAL_NAMESPACE: 'default',
      TASK_QUEUE: 'breach-response',
      DATABASE_URL: 'postgres://postgres:postgres@127.0.0.1:5433/breach',
      LOG_LEVEL: 'info',
    });
  });

  it('reads and coerces what is set', () => {
    const config = loadConfig({ PORT: '8080', DATABASE_URL: 'postgresql://u:p@db:5432/x', TEMPORAL_ADDRESS: 'temporal:7233' });
    expect(config).toMatchObject({ PORT: 8080, DATABASE_URL: 'postgresql://u:p@db:5432/x', TEMPORAL_ADDRESS: 'temporal:7233' });
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ PORT: '' }).PORT).toBe(3000);
  });

  it('stops with a message naming every bad variable and what is wrong', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'http', DATABASE_URL: 'mysql://x', TEMPORAL_ADDRESS: 'localhost', LOG_LEVEL: 'loud' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toMatch(/^Invalid configuration:/);
    expect(message).toMatch(/PORT: .+/);
    expect(message).toContain('DATABASE_URL: must be a postgres:// or postgresql:// URL');
    expect(message).toContain('TEMPORAL_ADDRESS: must be host:port');
    expect(message).toMatch(/LOG_LEVEL: .+/);
  });
});

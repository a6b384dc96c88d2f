import { readFileSync } from 'node:fs';
import type { TLSConfig } from '@temporalio/client';
import { temporalUsesTls, type Config } from './config';

/** What both `Connection.connect` (client) and `NativeConnection.connect` (worker) take to reach Temporal. */
export interface TemporalConnectionOptions {
  address: string;
  tls: TLSConfig | undefined;
  apiKey: string | undefined;
}

type TemporalSettings = Pick<
  Config,
  'TEMPORAL_ADDRESS' | 'TEMPORAL_TLS' | 'TEMPORAL_TLS_CA_FILE' | 'TEMPORAL_TLS_CERT_FILE' | 'TEMPORAL_TLS_KEY_FILE' | 'TEMPORAL_TLS_SERVER_NAME' | 'TEMPORAL_API_KEY'
>;

/** The Temporal address, TLS (CA, client certificate pair, server name; the files read now) and API key from the config. */
export function temporalConnectionOptions(config: TemporalSettings): TemporalConnectionOptions {
  const tls: TLSConfig | undefined = temporalUsesTls(config)
    ? {
        ...(config.TEMPORAL_TLS_CA_FILE ? { serverRootCACertificate: readFileSync(config.TEMPORAL_TLS_CA_FILE) } : {}),
        ...(config.TEMPORAL_TLS_CERT_FILE && config.TEMPORAL_TLS_KEY_FILE
          ? { clientCertPair: { crt: readFileSync(config.TEMPORAL_TLS_CERT_FILE), key: readFileSync(config.TEMPORAL_TLS_KEY_FILE) } }
          : {}),
        ...(config.TEMPORAL_TLS_SERVER_NAME ? { serverNameOverride: config.TEMPORAL_TLS_SERVER_NAME } : {}),
      }
    : undefined;
  return { address: config.TEMPORAL_ADDRESS, tls, apiKey: config.TEMPORAL_API_KEY };
}

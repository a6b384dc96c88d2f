import { Connection } from '@temporalio/client';
import { spawnManaged, retryUntil, type ManagedProcess } from './child-process';
import { INCIDENT_SEARCH_ATTRIBUTES } from '../workflows/search-attributes';
import { MissingBinaryError, findTemporalCli } from './temporal-binaries';

// The CLI spells the SDK's attribute types in its own words.
const SEARCH_ATTRIBUTE_CLI_TYPES: Record<string, string> = { KEYWORD: 'Keyword', DATETIME: 'Datetime', BOOL: 'Bool', TEXT: 'Text', INT: 'Int', DOUBLE: 'Double', KEYWORD_LIST: 'KeywordList' };

/** Starts `temporal server start-dev` on an SQLite file (kept across runs) and waits until its frontend answers. */
export async function startTemporalDevServer(options: {
  dbFile: string;
  port: number;
  uiPort: number;
  namespace: string;
  echo?: boolean;
}): Promise<ManagedProcess> {
  const cli = findTemporalCli();
  if (!cli) throw new MissingBinaryError('No Temporal CLI: run `make tools` (or set TEMPORAL_CLI_PATH).');
  const server = spawnManaged(
    'temporal',
    cli,
    [
      'server', 'start-dev',
      '--ip', '127.0.0.1',
      '--port', String(options.port),
      '--ui-port', String(options.uiPort),
      '--db-filename', options.dbFile,
      '--namespace', options.namespace,
      '--log-level', 'warn',
      ...INCIDENT_SEARCH_ATTRIBUTES.flatMap((key) => ['--search-attribute', `${key.name}=${SEARCH_ATTRIBUTE_CLI_TYPES[key.type]}`]),
    ],
    { echo: options.echo },
  );
  const address = `127.0.0.1:${options.port}`;
  try {
    await retryUntil(async () => {
      if (server.child.exitCode !== null) throw new Error(`temporal dev server exited with code ${server.child.exitCode}`);
      const connection = await Connection.connect({ address, connectTimeout: 1_000 });
      try {
        await connection.workflowService.describeNamespace({ namespace: options.namespace });
      } finally {
        await connection.close();
      }
    }, 60_000, 250);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return server;
}

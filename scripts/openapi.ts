// Writes the OpenAPI document the API serves (built from the route schemas, no server started) to the path
// given, for the console's typed client: `node --import tsx scripts/openapi.ts web/src/api/openapi.json`.
import { writeFileSync } from 'node:fs';
import { Client, Connection } from '@temporalio/client';
import pino from 'pino';
import { createApp } from '../src/api/app';
import { createPool } from '../src/db/pool';
import type { FilesystemEvidenceStore } from '../src/evidence/filesystem-evidence-store';

const out = process.argv[2];
if (!out) {
  console.error('usage: scripts/openapi.ts <output.json>');
  process.exit(2);
}
// Neither the pool nor the lazy Temporal connection connects until a request needs it; none is made here.
const pool = createPool('postgres://unused@127.0.0.1:1/unused', 1);
const app = createApp({
  pool,
  temporal: new Client({ connection: Connection.lazy({ address: '127.0.0.1:1' }) }),
  logger: pino({ level: 'silent' }),
  taskQueue: 'unused',
  maxBodyBytes: 1,
  rpcTimeoutMs: 1,
  intakeTimeoutMs: 1,
  evidence: {} as FilesystemEvidenceStore,
  maxEvidenceBytes: 1,
  controller: { name: null, dpoName: null, dpoEmail: null, dpoPhone: null },
  publicUrl: 'http://127.0.0.1',
  session: { idleMinutes: 30, maxHours: 12 },
  consoleDir: '/nonexistent',
});
writeFileSync(out, `${JSON.stringify(app.locals.openApiDocument, null, 2)}\n`);
void pool.end();

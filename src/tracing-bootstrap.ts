// Imported first by src/server.ts and src/worker.ts. Under tsx (CommonJS here: package.json has no "type") each
// `import` becomes a `require` in source order, so this module runs, and the SDK hooks `require`, before express,
// pg or http are loaded by the imports below it; a call in the entry's body would come after them and patch nothing.
import path from 'node:path';
import { startTracing } from './tracing';

const entry = path.basename(require.main?.filename ?? '', path.extname(require.main?.filename ?? ''));
const DEFAULT_SERVICE_NAMES: Record<string, string> = { server: 'breach-api', worker: 'breach-worker' };

/** The running tracing, or undefined when OTEL_EXPORTER_OTLP_ENDPOINT is unset (nothing loaded). */
export const tracing = startTracing({ serviceName: process.env.OTEL_SERVICE_NAME ?? DEFAULT_SERVICE_NAMES[entry] ?? 'breach-response-engine' });

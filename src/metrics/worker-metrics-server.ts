import { createServer, type Server } from 'node:http';
import { createServer as createTcpServer } from 'node:net';
import type { Registry } from 'prom-client';

/** A port on 127.0.0.1 free at the moment of asking, for the Temporal SDK's own Prometheus exporter. */
export function freeLocalPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createTcpServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Fetches the SDK exporter's text, or undefined when it does not answer within a second. */
async function sdkMetricsText(url: string): Promise<string | undefined> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(1_000) });
    return res.ok ? await res.text() : undefined;
  } catch {
    return undefined;
  }
}

export interface WorkerMetricsServerOptions {
  host: string;
  port: number;
  registry: Registry;
  /** The Temporal SDK's Prometheus exporter (`http://127.0.0.1:<port>/metrics`), appended to `/metrics`. */
  sdkMetricsUrl?: string;
  /** Whether the workers are running, for `/healthz`. */
  healthy: () => boolean;
}

/**
 * The worker's HTTP port: `/healthz` (200 while the workers run, else 503) and `/metrics` (this process's
 * registry followed by the SDK's own metrics, `temporal_…`). Resolves once listening; rejects when it cannot
 * listen (the port is taken).
 */
export async function startWorkerMetricsServer(options: WorkerMetricsServerOptions): Promise<{ server: Server; port: number; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0];
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain' }).end('Method Not Allowed\n');
    } else if (path === '/healthz') {
      const ok = options.healthy();
      res.writeHead(ok ? 200 : 503, { 'Content-Type': 'application/json' }).end(JSON.stringify({ status: ok ? 'ok' : 'stopped' }));
    } else if (path === '/metrics') {
      void Promise.all([options.registry.metrics(), options.sdkMetricsUrl ? sdkMetricsText(options.sdkMetricsUrl) : undefined]).then(
        ([own, sdk]) => {
          const up = `# HELP breach_worker_sdk_metrics_up Whether the Temporal SDK's metrics were read for this scrape (1) or not (0)\n# TYPE breach_worker_sdk_metrics_up gauge\nbreach_worker_sdk_metrics_up ${sdk === undefined ? 0 : 1}\n`;
          res.writeHead(200, { 'Content-Type': options.registry.contentType }).end(`${own}\n${up}${sdk ? `\n${sdk.trimEnd()}\n` : ''}`);
        },
        () => res.writeHead(500, { 'Content-Type': 'text/plain' }).end('metrics unavailable\n'),
      );
    } else {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not Found\n');
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  return {
    server,
    port: typeof address === 'object' && address ? address.port : options.port,
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}

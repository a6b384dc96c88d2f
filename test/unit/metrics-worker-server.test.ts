import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Registry } from 'prom-client';
import { startWorkerMetricsServer } from '../../src/metrics/worker-metrics-server';

async function listening(server: Server): Promise<string> {
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('startWorkerMetricsServer', () => {
  it('serves /healthz from the workers’ state and /metrics as its registry followed by the SDK’s text', async () => {
    const sdk = createServer((_req, res) => res.end('# TYPE temporal_worker_task_slots_available gauge\ntemporal_worker_task_slots_available{worker_type="WorkflowWorker"} 100\n'));
    const sdkUrl = await listening(sdk);
    const registry = new Registry();
    let running = true;
    const started = await startWorkerMetricsServer({ host: '127.0.0.1', port: 0, registry, sdkMetricsUrl: `${sdkUrl}/metrics`, healthy: () => running });
    const base = `http://127.0.0.1:${started.port}`;
    try {
      expect(await (await fetch(`${base}/healthz`)).json()).toEqual({ status: 'ok' });
      const metrics = await fetch(`${base}/metrics`);
      expect(metrics.headers.get('content-type')).toContain('text/plain');
      const text = await metrics.text();
      expect(text).toContain('breach_worker_sdk_metrics_up 1');
      expect(text).toContain('temporal_worker_task_slots_available{worker_type="WorkflowWorker"} 100');
      expect((await fetch(`${base}/other`)).status).toBe(404);
      running = false;
      expect((await fetch(`${base}/healthz`)).status).toBe(503);
      await new Promise((resolve) => sdk.close(resolve));
      expect(await (await fetch(`${base}/metrics`)).text()).toContain('breach_worker_sdk_metrics_up 0');
    } finally {
      await started.close();
      if (sdk.listening) await new Promise((resolve) => sdk.close(resolve));
    }
  });

  it('rejects when its port is taken, so the worker can run on without it', async () => {
    const taken = createServer();
    const url = await listening(taken);
    try {
      await expect(startWorkerMetricsServer({ host: '127.0.0.1', port: Number(new URL(url).port), registry: new Registry(), healthy: () => true })).rejects.toThrow(/EADDRINUSE/);
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  });
});

import { readFileSync } from 'node:fs';
import path from 'node:path';
import type pg from 'pg';
import { Registry } from 'prom-client';
import { registerBusinessMetrics } from '../../src/metrics/business-metrics';
import { httpMetrics } from '../../src/metrics/http-metrics';
import { createWorkerMetrics } from '../../src/metrics/worker-metrics';

interface Panel {
  type: string;
  datasource?: { uid: string };
  targets?: { expr: string }[];
}

const dashboard = JSON.parse(readFileSync(path.join(__dirname, '../../docs/grafana/breach-engine.json'), 'utf8')) as {
  templating: { list: { name: string; type: string }[] };
  panels: Panel[];
};

describe('docs/grafana/breach-engine.json', () => {
  it('takes its Prometheus data source from a variable, on every panel', () => {
    expect(dashboard.templating.list).toContainEqual(expect.objectContaining({ name: 'datasource', type: 'datasource' }));
    const queried = dashboard.panels.filter((p) => p.type !== 'row');
    expect(queried.length).toBeGreaterThan(10);
    expect(queried.filter((p) => p.datasource?.uid !== '${datasource}')).toEqual([]);
  });

  it('queries only series the API and the worker register (besides the SDK’s temporal_… and the process metrics)', () => {
    // Building the registries reads nothing: the business gauges query PostgreSQL only when scraped.
    const api = new Registry();
    httpMetrics(api, () => []);
    registerBusinessMetrics(api, { pool: {} as pg.Pool });
    const worker = createWorkerMetrics({ pool: {} as pg.Pool, policies: {} }).registry;
    const registered = new Set([...api.getMetricsAsArray(), ...worker.getMetricsAsArray()].map((m) => m.name));
    registered.add('breach_worker_sdk_metrics_up');
    const exprs = dashboard.panels.flatMap((p) => p.targets ?? []).map((t) => t.expr);
    const named = new Set(exprs.flatMap((e) => [...e.matchAll(/\b((?:breach|http)_\w+?)(?:_bucket|_sum|_count)?\b(?=[{[(\s)]|$)/g)].map((m) => m[1]!)));
    expect(named.size).toBeGreaterThan(10);
    expect([...named].filter((n) => !registered.has(n))).toEqual([]);
  });
});

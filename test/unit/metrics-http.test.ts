import type { AddressInfo } from 'node:net';
import express from 'express';
import { Registry } from 'prom-client';
import { httpMetrics, intakeRefusalReason } from '../../src/metrics/http-metrics';

const ID = '3f0c2a4e-9b1d-4c8e-a6f2-1d2e3f4a5b6c';

describe('httpMetrics', () => {
  it('counts and times requests by method, route template and status, and intake refusals by reason', async () => {
    const registry = new Registry();
    const app = express();
    app.use(httpMetrics(registry, () => ['/v1/incidents/{id}', '/v1/intake/{sourceId}']));
    app.get('/v1/incidents/:id', (_req, res) => void res.json({}));
    app.post('/v1/intake/:sourceId', (req, res) => void res.status(req.query.refuse === 'signature' ? 401 : 202).json({}));
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      await fetch(`${base}/v1/incidents/${ID}`);
      await fetch(`${base}/v1/incidents/${ID}?x=1`);
      await fetch(`${base}/v1/intake/${ID}?refuse=signature`, { method: 'POST' });
      await fetch(`${base}/v1/intake/${ID}`, { method: 'POST' });
      await fetch(`${base}/incidents/${ID}`);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    const text = await registry.metrics();
    expect(text).toContain('http_requests_total{method="GET",route="/v1/incidents/{id}",status="200"} 2');
    expect(text).toContain('http_requests_total{method="POST",route="/v1/intake/{sourceId}",status="401"} 1');
    expect(text).toContain('http_requests_total{method="POST",route="/v1/intake/{sourceId}",status="202"} 1');
    expect(text).toContain('http_requests_total{method="GET",route="unmatched",status="404"} 1');
    expect(text).toContain('http_request_duration_seconds_count{method="GET",route="/v1/incidents/{id}",status="200"} 2');
    expect(text).toContain('breach_intake_alerts_refused_total{reason="signature"} 1');
    expect(text).not.toContain(ID);
  });
});

describe('intakeRefusalReason', () => {
  it('names each documented refusal of the intake and nothing for an accepted delivery', () => {
    expect([202, 401, 404, 413, 422, 429, 503, 500].map(intakeRefusalReason)).toEqual([undefined, 'signature', 'unknown-source', 'too-large', 'invalid-alert', 'rate-limited', 'unavailable', 'error']);
  });
});

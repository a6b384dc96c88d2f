import type { AddressInfo } from 'node:net';
import type { Client } from '@temporalio/client';
import pg from 'pg';
import pino from 'pino';
import { createApp } from '../../src/api/app';
import type { ControllerIdentity } from '../../src/api/case-file-service';
import type { EvidenceStore } from '../../src/evidence/evidence-store';
import { methodLabel, routeMatcher, UNMATCHED_ROUTE } from '../../src/metrics/route-label';

const ID = '3f0c2a4e-9b1d-4c8e-a6f2-1d2e3f4a5b6c';

describe('routeMatcher', () => {
  const match = routeMatcher(['/v1/incidents', '/v1/incidents/{id}', '/v1/incidents/{id}/drafts/{kind}', '/v1/incidents/{id}/drafts/data-subjects', '/v1/register.csv', '/v1/register']);

  it('labels a path by the template it matches, never by its ids or query', () => {
    expect(match(`/v1/incidents/${ID}`)).toBe('/v1/incidents/{id}');
    expect(match(`/v1/incidents/${ID}?limit=5&q=laptop`)).toBe('/v1/incidents/{id}');
    expect(match(`/v1/incidents/${ID}/`)).toBe('/v1/incidents/{id}');
    expect(match('/v1/incidents?status=open')).toBe('/v1/incidents');
  });

  it('prefers the template with more literal segments', () => {
    expect(match(`/v1/incidents/${ID}/drafts/data-subjects`)).toBe('/v1/incidents/{id}/drafts/data-subjects');
    expect(match(`/v1/incidents/${ID}/drafts/supervisory-authority`)).toBe('/v1/incidents/{id}/drafts/{kind}');
  });

  it('matches literal dots literally', () => {
    expect(match('/v1/register.csv')).toBe('/v1/register.csv');
    expect(match('/v1/registerXcsv')).toBe(UNMATCHED_ROUTE);
  });

  it('gives the service paths their own labels, everything under /docs one, and every other path one label', () => {
    expect(match('/healthz')).toBe('/healthz');
    expect(match('/metrics')).toBe('/metrics');
    expect(match('/openapi.json')).toBe('/openapi.json');
    expect(match('/docs/swagger-ui.css')).toBe('/docs');
    expect(match('/auth/callback?code=secret&state=x')).toBe('/auth/callback');
    expect(match(`/incidents/${ID}`)).toBe(UNMATCHED_ROUTE);
    expect(match('/assets/index-abc123.js')).toBe(UNMATCHED_ROUTE);
    expect(match(`/v1/incidents/${ID}/nothing-here`)).toBe(UNMATCHED_ROUTE);
    expect(match('/')).toBe(UNMATCHED_ROUTE);
  });

  it('maps every path of the served OpenAPI document, its parameters filled with ids, back to its template', async () => {
    // Nothing here connects: building the app only wires routes, and serving the document reads no dependency.
    const app = createApp({
      pool: new pg.Pool(),
      temporal: {} as Client,
      logger: pino({ level: 'silent' }),
      taskQueue: 'metrics-route-label-test',
      maxBodyBytes: 1_000_000,
      rpcTimeoutMs: 1_000,
      intakeTimeoutMs: 1_000,
      evidence: {} as EvidenceStore,
      maxEvidenceBytes: 1_000_000,
      controller: {} as ControllerIdentity,
      publicUrl: 'http://127.0.0.1',
      session: { idleMinutes: 30, maxHours: 12 },
      consoleDir: '/nonexistent',
    });
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    let paths: string[];
    try {
      const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/openapi.json`);
      paths = Object.keys(((await res.json()) as { paths: Record<string, unknown> }).paths);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    expect(paths.length).toBeGreaterThan(40);
    const served = routeMatcher(paths);
    const filled = (template: string) => template.replace(/\{\w+\}/g, ID);
    expect(paths.filter((p) => served(filled(p)) !== p)).toEqual([]);
  });
});

describe('methodLabel', () => {
  it('keeps the HTTP methods and folds anything else into OTHER', () => {
    expect(['get', 'POST', 'Patch', 'DELETE', 'HEAD', 'OPTIONS', 'PUT'].map(methodLabel)).toEqual(['GET', 'POST', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'PUT']);
    expect(methodLabel('PROPFIND')).toBe('OTHER');
  });
});

import { call } from './http';

const page = (path: string) => call('GET', path, { headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' } });

describe('GET / and the console’s pages', () => {
  it('serves the console’s index for every page path a browser asks for, under a Content-Security-Policy', async () => {
    for (const path of ['/', '/incidents', '/incidents/0b5b8c2e-8e0a-4c55-9a3b-5e4f1a2b3c4d/escalations/1f2e3d4c-8e0a-4c55-9a3b-5e4f1a2b3c4d', '/settings/contacts']) {
      const res = await page(path);
      expect({ path, status: res.status, type: res.headers.get('content-type') }).toEqual({ path, status: 200, type: 'text/html; charset=utf-8' });
      expect(res.body).toMatch(/<div id="root">/);
      expect(res.headers.get('content-security-policy')).toMatch(/default-src 'self'; script-src 'self'/);
      expect(res.headers.get('cache-control')).toBe('no-cache');
    }
  });

  it('serves the hashed bundle it references, cached for a year, and no script from another origin', async () => {
    const index = (await page('/')).body as string;
    const scripts = [...index.matchAll(/<script[^>]*src="([^"]+)"/g)].map((m) => m[1]!);
    expect(scripts.length).toBeGreaterThan(0);
    for (const src of scripts) {
      expect(src).toMatch(/^\/assets\//);
      const res = await call('GET', src);
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toMatch(/max-age=31536000, immutable/);
    }
    expect((await call('GET', '/assets/missing-0000.js')).status).toBe(404);
  });

  it('leaves the API’s answers alone: unknown API paths and clients that do not ask for HTML get the 404 problem', async () => {
    for (const [path, accept] of [['/v1/nothing-here', 'text/html'], ['/nothing-here', '*/*'], ['/auth/nothing', 'text/html']] as const) {
      const res = await call('GET', path, { headers: { accept } });
      expect({ path, status: res.status, type: res.headers.get('content-type') }).toEqual({ path, status: 404, type: 'application/problem+json; charset=utf-8' });
    }
  });
});

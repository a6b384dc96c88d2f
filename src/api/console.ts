import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { Router, type Request } from 'express';
import { NotFoundError } from './problem';

/** Paths the API owns; everything else that asks for HTML is a console page. */
const API_PATHS = /^\/(v1|auth|docs|openapi\.json|healthz|readyz)(\/|$)/;

// The console loads only its own bundle: no inline script, no third-party origin, never framed.
const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; " +
  "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

/** A browser asking for a page names text/html; an API client that accepts anything gets the API's 404 instead. */
function wantsPage(req: Request): boolean {
  return (req.method === 'GET' || req.method === 'HEAD') && !API_PATHS.test(req.path) && (req.get('accept') ?? '').includes('text/html');
}

/**
 * Serves the built console (web/dist) at `/`: hashed assets cached for a year, and index.html for every page path,
 * so a link to /incidents/… opens the right page. Without a build, a page says how to make one.
 */
export function consoleRouter(distDir: string): Router {
  const router = Router();
  const index = path.join(distDir, 'index.html');
  router.use((req, res, next) => {
    if (!API_PATHS.test(req.path)) {
      res.set({ 'Content-Security-Policy': CONTENT_SECURITY_POLICY, 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'same-origin' });
    }
    next();
  });
  router.use('/assets', express.static(path.join(distDir, 'assets'), { immutable: true, maxAge: '365d' }));
  router.use('/assets', (req) => {
    throw new NotFoundError(`No asset ${req.path} in this build of the console.`);
  });
  router.use(express.static(distDir, { index: false }));
  router.use((req, res, next) => {
    if (!wantsPage(req)) return next();
    if (!existsSync(index)) {
      res.status(503).type('text').send('The console is not built: run `make dev` (or `npm run build -w web`).');
      return;
    }
    res.set('Cache-Control', 'no-cache').sendFile(index);
  });
  return router;
}

import type { RequestHandler } from 'express';
import { HttpProblem } from './problem';

// OpenAPI's order of the operations of a path item, which `Allow` lists them in.
const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/**
 * Answers 405 with `Allow` (RFC 9110 §15.5.6) when the path is one the OpenAPI document describes but the
 * method is not; the document is the one list of what the API serves, so this cannot drift from the routes.
 */
export function methodNotAllowed(paths: Record<string, object | undefined>): RequestHandler {
  const templates = Object.entries(paths).map(([template, item]) => ({
    pattern: new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{\w+\}/g, '[^/]+')}$`),
    allow: HTTP_METHODS.filter((method) => method in (item ?? {})).map((method) => method.toUpperCase()),
  }));
  return (req, _res, next) => {
    const match = templates.find((t) => t.pattern.test(req.path));
    if (!match) return next();
    next(new HttpProblem(405, 'Method Not Allowed', `${req.method} is not allowed on ${req.path}; use ${match.allow.join(', ')}.`, { headers: { Allow: match.allow.join(', ') } }));
  };
}

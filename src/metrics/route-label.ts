/** The label of every request no route template matches (console pages, static files, unknown paths). */
export const UNMATCHED_ROUTE = 'unmatched';

/** Paths the API serves outside the OpenAPI document, each its own label. */
export const SERVICE_PATHS = ['/healthz', '/readyz', '/metrics', '/openapi.json', '/docs', '/auth/login', '/auth/callback', '/auth/logout'] as const;

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

interface CompiledTemplate {
  template: string;
  pattern: RegExp;
  literals: number;
}

function compile(template: string): CompiledTemplate {
  const segments = template.split('/').filter(Boolean);
  const source = segments.map((s) => (/^\{\w+\}$/.test(s) ? '[^/]+' : s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('/');
  return { template, pattern: new RegExp(`^/${source}$`, 'i'), literals: segments.filter((s) => !s.startsWith('{')).length };
}

/**
 * A function from a request path (query string allowed) to the route template it was served by, e.g.
 * `/v1/incidents/3f0c…` → `/v1/incidents/{id}`, never the raw path: ids would make one series per incident.
 * `templates` are OpenAPI paths (parameters in braces); the most literal template wins (`…/drafts/{kind}` loses
 * to a literal `…/drafts/data-subjects`). `/docs/…` is `/docs`; anything else is {@link UNMATCHED_ROUTE}.
 */
export function routeMatcher(templates: readonly string[]): (path: string) => string {
  const compiled = [...new Set([...templates, ...SERVICE_PATHS])].map(compile).sort((a, b) => b.literals - a.literals);
  return (rawPath) => {
    let path = rawPath.split('?')[0] ?? '';
    if (path.length > 1 && path.endsWith('/')) path = path.slice(0, -1);
    if (/^\/docs(\/|$)/i.test(path)) return '/docs';
    return compiled.find((c) => c.pattern.test(path))?.template ?? UNMATCHED_ROUTE;
  };
}

/** The request method as a label: one of the HTTP methods the API knows, or `OTHER` (bounded cardinality). */
export function methodLabel(method: string): string {
  const upper = method.toUpperCase();
  return METHODS.has(upper) ? upper : 'OTHER';
}

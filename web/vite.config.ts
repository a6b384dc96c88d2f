import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const OPENAPI_DOCUMENT = fileURLToPath(new URL('./src/api/openapi.json', import.meta.url));
const ROLES_MODULE = 'virtual:operation-roles';
const METHODS = ['get', 'put', 'post', 'patch', 'delete'] as const;

/**
 * `virtual:operation-roles`: the roles each operation of the OpenAPI document admits ("Roles: a, b." in its
 * description), keyed "METHOD /path". The console hides what a role may not use from the same document the
 * server enforces, without shipping the whole document.
 */
function operationRoles(): Plugin {
  const resolved = `\0${ROLES_MODULE}`;
  return {
    name: 'operation-roles',
    resolveId: (id) => (id === ROLES_MODULE ? resolved : undefined),
    load(id) {
      if (id !== resolved) return undefined;
      this.addWatchFile(OPENAPI_DOCUMENT);
      const document = JSON.parse(readFileSync(OPENAPI_DOCUMENT, 'utf8')) as {
        paths: Record<string, Partial<Record<(typeof METHODS)[number], { description?: string }>>>;
      };
      const roles: Record<string, string[]> = {};
      for (const [path, item] of Object.entries(document.paths)) {
        for (const method of METHODS) {
          const listed = item[method]?.description?.match(/Roles:\s*([a-z, -]+)\./)?.[1];
          if (listed) roles[`${method.toUpperCase()} ${path}`] = listed.split(',').map((role) => role.trim());
        }
      }
      return `export default ${JSON.stringify(roles)};`;
    },
  };
}

// Where `npm run dev` sends API calls; `make dev` serves the API on :3000.
const apiTarget = process.env.API_URL ?? 'http://127.0.0.1:3000';

export default defineConfig({
  plugins: [react(), operationRoles()],
  resolve: {
    // The forms validate with the zod schemas the API validates with.
    alias: { '@domain': fileURLToPath(new URL('../src/domain', import.meta.url)) },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    // Libraries in chunks of their own: they change less often than the console, so browsers keep them cached.
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|react-router|scheduler)[\\/]/ },
            { name: 'schemas', test: /node_modules[\\/](zod|luxon)[\\/]/ },
            { name: 'vendor', test: /node_modules[\\/]/ },
          ],
        },
      },
    },
  },
  server: {
    proxy: Object.fromEntries(['/v1', '/auth', '/readyz', '/healthz'].map((prefix) => [prefix, { target: apiTarget }])),
  },
  preview: {
    proxy: Object.fromEntries(['/v1', '/auth', '/readyz', '/healthz'].map((prefix) => [prefix, { target: apiTarget }])),
  },
});

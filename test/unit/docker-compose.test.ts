// No Docker engine runs on CI, so this test is what keeps docker-compose.yml and the Dockerfile wired right.
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { loadConfig } from '../../src/config';

const root = path.resolve(__dirname, '..', '..');
const composeFile = path.join(root, 'docker-compose.yml');

type Env = Record<string, string | undefined>;

/** Resolves `$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR-default}`, `${VAR:?error}` and `$$` as Compose does. */
function interpolate(text: string, env: Env): string {
  const pattern = /\$(?:(\$)|\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g;
  return text.replace(pattern, (_match, dollar?: string, braced?: string, op?: string, arg?: string, bare?: string) => {
    if (dollar) return '$';
    const name = (braced ?? bare)!;
    const value = env[name];
    // With a colon, an empty value counts as unset.
    const isSet = op?.startsWith(':') ? Boolean(value) : value !== undefined;
    switch (op?.replace(':', '')) {
      case '-':
        return isSet ? value! : arg!;
      case '?':
        if (!isSet) throw new Error(`${name} is required: ${arg}`);
        return value!;
      case '+':
        return isSet ? arg! : '';
      default:
        return value ?? '';
    }
  });
}

function interpolateDeep(value: unknown, env: Env): unknown {
  if (typeof value === 'string') return interpolate(value, env);
  if (Array.isArray(value)) return value.map((item) => interpolateDeep(item, env));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, interpolateDeep(item, env)]));
  }
  return value;
}

const Scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);
const Condition = z.enum(['service_started', 'service_healthy', 'service_completed_successfully']);
const ServiceSchema = z.object({
  image: z.string().optional(),
  build: z.union([z.string(), z.object({ context: z.string().default('.'), dockerfile: z.string().optional() })]).optional(),
  command: z.union([z.string(), z.array(z.string())]).optional(),
  environment: z.union([z.record(z.string(), Scalar), z.array(z.string())]).optional(),
  depends_on: z
    .union([z.array(z.string()), z.record(z.string(), z.object({ condition: Condition.default('service_started') }))])
    .optional(),
  ports: z
    .array(z.union([z.string(), z.number(), z.object({ target: z.coerce.number(), published: Scalar.optional() })]))
    .optional(),
  expose: z.array(z.union([z.string(), z.number()])).optional(),
  healthcheck: z.object({ test: z.union([z.string(), z.array(z.string())]).optional(), disable: z.boolean().optional() }).optional(),
});
const ComposeSchema = z.object({ services: z.record(z.string(), ServiceSchema) });
type Service = z.infer<typeof ServiceSchema>;
type Compose = z.infer<typeof ComposeSchema>;

/** The compose file as Compose would see it with the given shell environment. */
function loadCompose(env: Env): Compose {
  const raw: unknown = parse(fs.readFileSync(composeFile, 'utf8'), { merge: true });
  return ComposeSchema.parse(interpolateDeep(raw, env));
}

function service(compose: Compose, name: string): Service {
  const found = compose.services[name];
  if (!found) throw new Error(`docker-compose.yml has no service ${name}`);
  return found;
}

function environmentOf(svc: Service): Record<string, string> {
  const env = svc.environment ?? {};
  if (Array.isArray(env)) {
    return Object.fromEntries(env.map((entry) => [entry.split('=')[0]!, entry.split('=').slice(1).join('=')]));
  }
  return Object.fromEntries(Object.entries(env).map(([key, value]) => [key, value === null ? '' : String(value)]));
}

function dependenciesOf(svc: Service): Record<string, z.infer<typeof Condition>> {
  const deps = svc.depends_on ?? [];
  if (Array.isArray(deps)) return Object.fromEntries(deps.map((name) => [name, 'service_started' as const]));
  return Object.fromEntries(Object.entries(deps).map(([name, dep]) => [name, dep.condition]));
}

/** Ports as `{ published, target }`, from the short (`[ip:]host:container[/proto]`) or long syntax. */
function portsOf(svc: Service): { published?: number; target: number }[] {
  return (svc.ports ?? []).map((port) => {
    if (typeof port === 'object') return { target: port.target, published: port.published == null ? undefined : Number(port.published) };
    const parts = String(port).replace(/\/(tcp|udp)$/, '').split(':');
    const target = Number(parts.at(-1));
    return { target, published: parts.length > 1 ? Number(parts.at(-2)) : undefined };
  });
}

/** Ports the service listens on inside the Compose network. */
function containerPortsOf(svc: Service): number[] {
  return [...portsOf(svc).map((port) => port.target), ...(svc.expose ?? []).map((port) => Number(String(port).split('/')[0]))];
}

function commandOf(svc: Service): string[] {
  if (svc.command === undefined) return [];
  return Array.isArray(svc.command) ? svc.command : svc.command.split(/\s+/).filter(Boolean);
}

function dockerfileOf(svc: Service): string | undefined {
  if (svc.build === undefined) return undefined;
  const build = typeof svc.build === 'string' ? { context: svc.build, dockerfile: undefined } : svc.build;
  return path.resolve(root, build.context, build.dockerfile ?? 'Dockerfile');
}

/** The instructions of the Dockerfile's last stage (the image Compose runs), continuations joined, comments dropped. */
function finalStage(dockerfile: string): { keyword: string; args: string }[] {
  const lines = fs
    .readFileSync(dockerfile, 'utf8')
    .split('\n')
    .filter((line) => !/^\s*#/.test(line));
  const instructions = lines
    .join('\n')
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const [, keyword = '', args = ''] = /^(\S+)\s*(.*)$/.exec(line) ?? [];
      return { keyword: keyword.toUpperCase(), args };
    });
  const lastFrom = instructions.map((i) => i.keyword).lastIndexOf('FROM');
  return instructions.slice(lastFrom);
}

/** `postgres://user:password@host:port/db` split into its parts. */
function parseDatabaseUrl(url: string) {
  const parsed = new URL(url);
  return {
    user: decodeURIComponent(parsed.username),
    password: decodeURIComponent(parsed.password),
    host: parsed.hostname,
    port: Number(parsed.port || 5432),
    database: parsed.pathname.replace(/^\//, ''),
  };
}

const SHARED_KEYS = ['DATABASE_URL', 'TEMPORAL_ADDRESS', 'TEMPORAL_NAMESPACE', 'TASK_QUEUE'] as const;
// The second case catches credentials hard-coded in DATABASE_URL that only match the defaults.
const SHELL_ENVS: [string, Env, { user: string; password: string }][] = [
  ['with the defaults', {}, { user: 'breach', password: 'breach' }],
  ['with POSTGRES_USER and POSTGRES_PASSWORD set', { POSTGRES_USER: 'ops', POSTGRES_PASSWORD: 'n0t-the-default' }, { user: 'ops', password: 'n0t-the-default' }],
];

describe('docker-compose.yml', () => {
  const compose = loadCompose({});
  const dockerfile = path.join(root, 'Dockerfile');

  it('interpolates variables as Compose does (helper check)', () => {
    expect(interpolate('${A:-x}/${B-y}/${C}/$$D/$E', { A: '', B: '', C: 'c', E: 'e' })).toBe('x//c/$D/e');
    expect(() => interpolate('${A:?needed}', {})).toThrow('needed');
  });

  it('defines the six services of the production-like stack', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['api', 'migrate', 'postgresql', 'temporal', 'temporal-ui', 'worker']);
  });

  it('names only defined services in every depends_on', () => {
    const undefinedDependencies = Object.entries(compose.services).flatMap(([name, svc]) =>
      Object.keys(dependenciesOf(svc))
        .filter((dependency) => !(dependency in compose.services))
        .map((dependency) => `${name} -> ${dependency}`),
    );
    expect(undefinedDependencies).toEqual([]);
    expect(Object.values(compose.services).some((svc) => Object.keys(dependenciesOf(svc)).length > 0)).toBe(true);
  });

  it('gives every service_healthy dependency an enabled healthcheck', () => {
    const awaitedHealthy = Object.values(compose.services).flatMap((svc) =>
      Object.entries(dependenciesOf(svc))
        .filter(([, condition]) => condition === 'service_healthy')
        .map(([name]) => name),
    );
    expect(awaitedHealthy).toContain('postgresql');
    for (const name of new Set(awaitedHealthy)) {
      const healthcheck = service(compose, name).healthcheck;
      expect(healthcheck?.test).toBeDefined();
      expect(healthcheck?.disable).not.toBe(true);
    }
    expect(service(compose, 'postgresql').healthcheck?.test).toEqual(expect.arrayContaining([expect.stringContaining('pg_isready')]));
  });

  it('builds the api, worker and migrate services from a Dockerfile that exists', () => {
    const built = Object.entries(compose.services).filter(([, svc]) => svc.build !== undefined);
    expect(built.map(([name]) => name).sort()).toEqual(['api', 'migrate', 'worker']);
    for (const [, svc] of built) expect(fs.existsSync(dockerfileOf(svc)!)).toBe(true);
  });

  it('starts Temporal and the migration only once PostgreSQL is healthy', () => {
    expect(dependenciesOf(service(compose, 'temporal'))).toEqual({ postgresql: 'service_healthy' });
    expect(dependenciesOf(service(compose, 'migrate'))).toEqual({ postgresql: 'service_healthy' });
  });

  it('starts the worker and the API only after Temporal started and the migration completed successfully', () => {
    for (const name of ['worker', 'api']) {
      expect(dependenciesOf(service(compose, name))).toEqual({
        temporal: 'service_started',
        migrate: 'service_completed_successfully',
      });
    }
  });

  it('runs the migrate script once in the migrate service', () => {
    const pkg = z.object({ scripts: z.record(z.string(), z.string()) }).parse(JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')));
    expect(commandOf(service(compose, 'migrate'))).toEqual(['npm', 'run', 'migrate']);
    expect(pkg.scripts.migrate).toMatch(/node-pg-migrate up .*--migrations-dir migrations/);
    expect(environmentOf(service(compose, 'migrate')).DATABASE_URL).toBe(environmentOf(service(compose, 'api')).DATABASE_URL);
  });

  it('gives the API and the worker the same database, Temporal address, namespace and task queue', () => {
    const worker = environmentOf(service(compose, 'worker'));
    const api = environmentOf(service(compose, 'api'));
    for (const key of SHARED_KEYS) {
      expect({ key, value: worker[key] }).toEqual({ key, value: expect.any(String) });
      expect({ key, value: api[key] }).toEqual({ key, value: worker[key] });
    }
  });

  it('gives the API and the worker an environment the config loader accepts', () => {
    for (const name of ['worker', 'api']) {
      const config = loadConfig(environmentOf(service(compose, name)));
      expect(config.TASK_QUEUE).toBe(environmentOf(service(compose, name)).TASK_QUEUE);
    }
  });

  it('points TEMPORAL_ADDRESS (worker, API and Web UI) at a port the temporal service listens on', () => {
    const temporalPorts = containerPortsOf(service(compose, 'temporal'));
    for (const name of ['worker', 'api', 'temporal-ui']) {
      const [host, port] = (environmentOf(service(compose, name)).TEMPORAL_ADDRESS ?? '').split(':');
      expect({ service: name, host }).toEqual({ service: name, host: 'temporal' });
      expect(temporalPorts).toContain(Number(port));
    }
  });

  it("runs Temporal on the postgresql service with that service's credentials", () => {
    const temporal = environmentOf(service(compose, 'temporal'));
    const postgres = environmentOf(service(compose, 'postgresql'));
    expect(temporal.POSTGRES_SEEDS?.split(',').map((seed) => seed.trim())).toEqual(['postgresql']);
    expect(temporal.DB).toBe('postgres12');
    expect(temporal.POSTGRES_USER).toBe(postgres.POSTGRES_USER);
    expect(temporal.POSTGRES_PWD).toBe(postgres.POSTGRES_PASSWORD);
  });

  it.each(SHELL_ENVS)("points DATABASE_URL at the postgresql service's user, password and database %s", (_label, env, credentials) => {
    const resolved = loadCompose(env);
    const postgres = environmentOf(service(resolved, 'postgresql'));
    expect(postgres).toMatchObject({ POSTGRES_USER: credentials.user, POSTGRES_PASSWORD: credentials.password, POSTGRES_DB: 'breach' });
    for (const name of ['migrate', 'worker', 'api']) {
      const url = parseDatabaseUrl(environmentOf(service(resolved, name)).DATABASE_URL ?? '');
      expect({ service: name, ...url }).toEqual({
        service: name,
        user: postgres.POSTGRES_USER ?? 'postgres',
        password: postgres.POSTGRES_PASSWORD,
        host: 'postgresql',
        port: 5432,
        database: postgres.POSTGRES_DB,
      });
    }
  });

  it('publishes the port the API listens on (PORT), on all interfaces', () => {
    const api = service(compose, 'api');
    const env = environmentOf(api);
    expect(env.HOST).toBe('0.0.0.0');
    expect(portsOf(api)).toContainEqual({ published: 3000, target: Number(env.PORT) });
  });

  it("runs the API by the Dockerfile's default command and the worker by the worker's command", () => {
    const stage = finalStage(dockerfile);
    const cmd: unknown = JSON.parse(stage.filter((i) => i.keyword === 'CMD').at(-1)?.args ?? 'null');
    // Exec form with node first: SIGTERM reaches node, not a shell.
    expect(cmd).toEqual(['node', '--import', 'tsx', 'src/server.ts']);
    // An ENTRYPOINT would turn the worker's command into arguments.
    expect(stage.some((i) => i.keyword === 'ENTRYPOINT')).toBe(false);
    const worker = commandOf(service(compose, 'worker'));
    expect(worker).toEqual(['node', '--import', 'tsx', 'src/worker.ts']);
    expect(commandOf(service(compose, 'api'))).toEqual([]);
    for (const entry of ['src/server.ts', 'src/worker.ts']) expect(fs.existsSync(path.join(root, entry))).toBe(true);
  });

  it('runs the image as the non-root node user and disables the HTTP healthcheck where no HTTP server runs', () => {
    const stage = finalStage(dockerfile);
    expect(stage.filter((i) => i.keyword === 'USER').at(-1)?.args).toBe('node');
    expect(stage.find((i) => i.keyword === 'HEALTHCHECK')?.args).toContain('/healthz');
    for (const name of ['worker', 'migrate']) expect(service(compose, name).healthcheck?.disable).toBe(true);
  });
});

import { accessSync, constants, readFileSync, statSync } from 'node:fs';
import { isIP } from 'node:net';
import { z } from 'zod';
import { EscalationPolicySchema } from './domain/escalation-policy-schema';
import type { OidcSettings } from './api/oidc-sign-in';
import type { PostgresSsl } from './db/pool';
import { RoleSchema } from './domain/roles';
import { DEFAULT_TASK_QUEUE } from './workflows/messages';

/** Port the embedded PostgreSQL of `make dev` listens on; the default DATABASE_URL points at it. */
export const EMBEDDED_POSTGRES_PORT = 5433;
const EMBEDDED_DATABASE_URL = `postgres://postgres:postgres@127.0.0.1:${EMBEDDED_POSTGRES_PORT}/breach`;

/** Claim values (e.g. group names) that grant each role by default; OIDC_ROLE_MAP replaces the whole map. */
export const DEFAULT_ROLE_MAP = { 'breach-admin': 'admin', 'breach-dpo': 'dpo', 'breach-responder': 'responder', 'breach-viewer': 'viewer' } as const;

/** A variable holding JSON (its default when unset), parsed; a parse error is an issue saying what it must be. */
function jsonVariable(fallback: string, mustBe: string) {
  return z
    .string()
    .default(fallback)
    .transform((v, ctx) => {
      try {
        return JSON.parse(v) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: mustBe });
        return z.NEVER;
      }
    });
}

const port = z.coerce.number().int().min(1).max(65_535);

/** A path to a PEM file this process can read now, so a missing certificate stops the start rather than the first connection. */
const pemFile = z.string().superRefine((file, ctx) => {
  try {
    accessSync(file, constants.R_OK);
    if (!statSync(file).isFile()) throw new Error('not a file');
    if (!readFileSync(file, 'utf8').includes('-----BEGIN ')) ctx.addIssue({ code: 'custom', message: `${file} is not PEM (no -----BEGIN line)` });
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: `cannot read ${file}: ${(error as Error).message}` });
  }
});

/** PostgreSQL TLS modes, as libpq names them: encrypt or not, and how much of the server's certificate to check. */
export const DATABASE_SSL_MODES = ['disable', 'require', 'verify-ca', 'verify-full'] as const;

/** Express's names for address ranges a trusted proxy may sit in. */
const PROXY_RANGES = ['loopback', 'linklocal', 'uniquelocal'];

function isAddressOrSubnet(entry: string): boolean {
  if (PROXY_RANGES.includes(entry)) return true;
  const [address = '', bits, ...rest] = entry.split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return false;
  return bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (version === 4 ? 32 : 128));
}

/**
 * Express `trust proxy`: false (the peer is the client), a hop count, or the proxies' addresses. Never true:
 * trusting every hop lets any client name its own address in X-Forwarded-For and slip the per-address limit.
 */
const trustProxy = z
  .string()
  .default('false')
  .transform((v, ctx): false | number | string[] => {
    const value = v.trim();
    if (value === 'false') return false;
    if (/^\d{1,2}$/.test(value)) return Number(value);
    const entries = value.split(',').map((x) => x.trim()).filter(Boolean);
    if (entries.length > 0 && entries.every(isAddressOrSubnet)) return entries;
    ctx.addIssue({ code: 'custom', message: 'must be false, a hop count, or comma-separated proxy addresses, CIDRs or loopback / linklocal / uniquelocal (not true: any client could then choose its address)' });
    return z.NEVER;
  });

const ConfigSchema = z.object({
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: port.default(3000),
  DATABASE_URL: z
    .url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// or postgresql:// URL' })
    .default(EMBEDDED_DATABASE_URL),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  TEMPORAL_ADDRESS: z
    .string()
    .regex(/^[^\s:]+:\d{1,5}$/, 'must be host:port')
    .default('127.0.0.1:7233'),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_TLS: z.stringbool({ error: 'must be true or false' }).optional().describe('TLS to Temporal; implied by any other TEMPORAL_TLS_* or TEMPORAL_API_KEY'),
  TEMPORAL_TLS_CA_FILE: pemFile.optional().describe("CA bundle the Temporal server's certificate must chain to; the system roots when unset"),
  TEMPORAL_TLS_CERT_FILE: pemFile.optional().describe('client certificate for mTLS, with TEMPORAL_TLS_KEY_FILE'),
  TEMPORAL_TLS_KEY_FILE: pemFile.optional().describe('client private key for mTLS, with TEMPORAL_TLS_CERT_FILE'),
  TEMPORAL_TLS_SERVER_NAME: z.string().min(1).optional().describe("name the server's certificate is checked against (SNI) instead of TEMPORAL_ADDRESS's host"),
  TEMPORAL_API_KEY: z.string().min(1).optional().describe('Temporal Cloud API key, sent as authorization: Bearer'),
  DATABASE_SSL_MODE: z.enum(DATABASE_SSL_MODES, { error: `must be one of ${DATABASE_SSL_MODES.join(', ')}` }).optional(),
  DATABASE_SSL_CA_FILE: pemFile.optional().describe("CA bundle PostgreSQL's certificate must chain to, for verify-ca and verify-full"),
  TASK_QUEUE: z.string().min(1).default(DEFAULT_TASK_QUEUE),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATA_DIR: z.string().min(1).default('.data'),
  ADMIN_API_KEY: z.string().min(32, 'must be at least 32 characters').optional(),
  MAX_BODY_BYTES: z.coerce.number().int().min(1024).max(50 * 1024 * 1024).default(1024 * 1024),
  EVIDENCE_DIR: z.string().min(1).optional().describe('defaults to <DATA_DIR>/evidence'),
  EVIDENCE_MAX_BYTES: z.coerce.number().int().min(1).max(100 * 1024 * 1024 * 1024).default(512 * 1024 * 1024),
  CONTROLLER_NAME: z.string().min(1).optional(),
  DPO_NAME: z.string().min(1).optional(),
  DPO_EMAIL: z.email().optional(),
  DPO_PHONE: z.string().min(3).optional(),
  SMTP_URL: z.url({ protocol: /^smtps?$/, error: 'must be an smtp:// or smtps:// URL' }).default('smtp://127.0.0.1:2525'),
  MAIL_FROM: z.string().min(3).default('Breach response engine <breach-response@localhost>'),
  WEBHOOK_ALLOWLIST: z
    .string()
    .default('')
    .transform((v) => v.split(',').map((x) => x.trim()).filter(Boolean))
    .describe('CIDRs or host names outbound webhooks may reach although private, loopback or link-local'),
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  SLACK_BOT_TOKEN: z.string().regex(/^xox[a-z]-[A-Za-z0-9-]+$/, 'must be a Slack token (xoxb-…)').optional().describe("the Slack app's bot token; contacts' Slack channels get no escalations without it"),
  SLACK_API_URL: z.url({ protocol: /^https?$/ }).default('https://slack.com/api/').describe("Slack's Web API base URL (tests point it at a local receiver)"),
  PAGERDUTY_EVENTS_URL: z.url({ protocol: /^https?$/ }).default('https://events.pagerduty.com/v2/enqueue').describe("PagerDuty's Events API v2 endpoint"),
  ESCALATION_POLICIES: jsonVariable('{}', 'must be JSON: { "REGIME/obligation": <escalation policy> }').pipe(z.record(z.string().regex(/^[A-Z0-9-]+\/[a-z0-9-]+$/, 'keys are "REGIME/obligation"'), EscalationPolicySchema)),
  PUBLIC_URL: z.url().optional().describe('Base URL of the API in messages; defaults to http://HOST:PORT'),
  SLACK_SIGNING_SECRET: z.string().min(1).optional().describe("the Slack app's signing secret; POST /v1/callbacks/slack/interactions answers 404 without it"),
  PAGERDUTY_WEBHOOK_SECRET: z
    .string()
    .optional()
    .transform((v) => (v ?? '').split(',').map((x) => x.trim()).filter(Boolean))
    .describe('secrets of the PagerDuty webhook subscription, comma-separated while one is rotated; POST /v1/callbacks/pagerduty answers 404 without one'),
  INTAKE_TIMEOUT_MS: z.coerce.number().int().min(100).max(300_000).default(30_000).describe('how long an alert may wait for its correlation group before 503'),
  TEMPORAL_RPC_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  OIDC_ISSUER: z.url().optional().describe('OpenID provider people sign in with; the console has no sign-in without it'),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  OIDC_SCOPES: z.string().min(1).default('openid profile email'),
  OIDC_ROLE_CLAIM: z.string().min(1).default('groups').describe('the ID token or userinfo claim whose values map to roles'),
  OIDC_ROLE_MAP: jsonVariable(JSON.stringify(DEFAULT_ROLE_MAP), 'must be JSON: { "<claim value>": "admin" | "dpo" | "responder" | "viewer" }').pipe(
    z.record(z.string().min(1), RoleSchema),
  ),
  CONSOLE_DIR: z.string().min(1).optional().describe('the built console the API serves at /; defaults to web/dist'),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(30),
  SESSION_MAX_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(12),
  TRUST_PROXY: trustProxy.describe('which proxies in front of the API may say, in X-Forwarded-For, who the client is'),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(1200).describe('requests one API key or console session may make to /v1 in a minute'),
  FAILED_AUTH_LIMIT: z.coerce.number().int().min(1).max(1_000_000).default(10).describe('failed authentications one client address may make to /v1 in the window before it is refused'),
  FAILED_AUTH_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86_400).default(900),
  WORKER_MAX_CACHED_WORKFLOWS: z.coerce
    .number()
    .int()
    .min(2)
    .max(1_000_000)
    .optional()
    .describe('incident workflows a worker keeps in memory between tasks; defaults to (heap limit − 200 MiB) / 4 MiB'),
  WORKER_MAX_CONCURRENT_DELIVERIES: z.coerce
    .number()
    .int()
    .min(1)
    .max(10_000)
    .optional()
    .describe('escalation emails and webhooks a worker sends at once; defaults to the Temporal SDK limit (100)'),
  WORKER_METRICS_PORT: z.coerce
    .number()
    .int()
    .min(0)
    .max(65_535)
    .default(9464)
    .describe('where a worker serves /healthz and /metrics (on HOST); 0 turns that server off'),
});

/** The process configuration, validated from the environment. */
export type Config = z.infer<typeof ConfigSchema>;

const OIDC_VARIABLES = ['OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET'] as const;

const TEMPORAL_TLS_IMPLIED_BY = ['TEMPORAL_TLS_CA_FILE', 'TEMPORAL_TLS_CERT_FILE', 'TEMPORAL_TLS_KEY_FILE', 'TEMPORAL_TLS_SERVER_NAME', 'TEMPORAL_API_KEY'] as const;

/** The URL's own `sslmode`, when it names one. */
function urlSslMode(databaseUrl: string): string | undefined {
  try {
    return new URL(databaseUrl).searchParams.get('sslmode') ?? undefined;
  } catch {
    return undefined;
  }
}

function refuseBrokenTls(config: Config, ctx: z.RefinementCtx): void {
  const implying = TEMPORAL_TLS_IMPLIED_BY.filter((name) => config[name] !== undefined);
  if (config.TEMPORAL_TLS === false && implying.length > 0) {
    ctx.addIssue({ code: 'custom', path: ['TEMPORAL_TLS'], message: `cannot be false with ${implying.join(', ')} set (they need TLS)` });
  }
  // A certificate without its key (or the reverse) cannot authenticate; failing at the handshake would say less.
  if ((config.TEMPORAL_TLS_CERT_FILE === undefined) !== (config.TEMPORAL_TLS_KEY_FILE === undefined)) {
    const missing = config.TEMPORAL_TLS_CERT_FILE === undefined ? 'TEMPORAL_TLS_CERT_FILE' : 'TEMPORAL_TLS_KEY_FILE';
    const set = missing === 'TEMPORAL_TLS_CERT_FILE' ? 'TEMPORAL_TLS_KEY_FILE' : 'TEMPORAL_TLS_CERT_FILE';
    ctx.addIssue({ code: 'custom', path: [missing], message: `must be set with ${set} (mTLS needs both the client certificate and its key)` });
  }
  const mode = config.DATABASE_SSL_MODE;
  const fromUrl = urlSslMode(config.DATABASE_URL);
  if (mode !== undefined && fromUrl !== undefined) {
    ctx.addIssue({ code: 'custom', path: ['DATABASE_SSL_MODE'], message: `conflicts with sslmode=${fromUrl} in DATABASE_URL: set one of them` });
  }
  if ((mode === 'verify-ca' || mode === 'verify-full') && config.DATABASE_SSL_CA_FILE === undefined) {
    ctx.addIssue({ code: 'custom', path: ['DATABASE_SSL_CA_FILE'], message: `must be set with DATABASE_SSL_MODE=${mode} (the CA the server's certificate is checked against)` });
  }
  if (config.DATABASE_SSL_CA_FILE !== undefined && mode !== 'verify-ca' && mode !== 'verify-full') {
    ctx.addIssue({ code: 'custom', path: ['DATABASE_SSL_CA_FILE'], message: `is only used with DATABASE_SSL_MODE=verify-ca or verify-full (it is ${mode ?? 'unset'})` });
  }
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** Parses the environment; throws a ConfigError naming each bad variable and what is wrong with it. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable means "not set", as in most shells' `VAR= cmd`.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = ConfigSchema.superRefine((config, ctx) => {
    // Sign-in needs all three; a half-configured provider would fail only when the first person signs in.
    const set = OIDC_VARIABLES.filter((name) => config[name] !== undefined);
    if (set.length > 0 && set.length < OIDC_VARIABLES.length) {
      for (const name of OIDC_VARIABLES.filter((n) => config[n] === undefined)) {
        ctx.addIssue({ code: 'custom', path: [name], message: `must be set with ${set.join(', ')}` });
      }
    }
    refuseBrokenTls(config, ctx);
  }).safeParse(present);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
  throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
}

/** Loads the configuration or exits the process with the message; for entry points only. */
export function loadConfigOrExit(env: NodeJS.ProcessEnv = process.env): Config {
  try {
    return loadConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}


/** Where the filesystem evidence store keeps content: EVIDENCE_DIR, else <DATA_DIR>/evidence. */
export function evidenceDir(config: Config): string {
  return config.EVIDENCE_DIR ?? `${config.DATA_DIR}/evidence`;
}

/** The OpenID provider settings, when sign-in for people is configured. */
export function oidcSettings(config: Config): OidcSettings | undefined {
  if (!config.OIDC_ISSUER || !config.OIDC_CLIENT_ID || !config.OIDC_CLIENT_SECRET) return undefined;
  return {
    issuer: config.OIDC_ISSUER,
    clientId: config.OIDC_CLIENT_ID,
    clientSecret: config.OIDC_CLIENT_SECRET,
    scopes: config.OIDC_SCOPES,
    roleClaim: config.OIDC_ROLE_CLAIM,
    roleMap: config.OIDC_ROLE_MAP,
  };
}

/** Base URL of the API as recipients should see it. */
export function publicUrl(config: Config): string {
  return config.PUBLIC_URL ?? `http://${config.HOST}:${config.PORT}`;
}

/** Whether the process connects to Temporal over TLS: TEMPORAL_TLS, or implied by a TLS file, server name or API key. */
export function temporalUsesTls(config: Pick<Config, 'TEMPORAL_TLS' | (typeof TEMPORAL_TLS_IMPLIED_BY)[number]>): boolean {
  return config.TEMPORAL_TLS ?? TEMPORAL_TLS_IMPLIED_BY.some((name) => config[name] !== undefined);
}

/** PostgreSQL TLS from DATABASE_SSL_MODE and its CA's PEM text; undefined leaves it to DATABASE_URL's sslmode (or PGSSLMODE). */
export function databaseSsl(config: Config): PostgresSsl | undefined {
  if (config.DATABASE_SSL_MODE === undefined) return undefined;
  return { mode: config.DATABASE_SSL_MODE, ...(config.DATABASE_SSL_CA_FILE ? { ca: readFileSync(config.DATABASE_SSL_CA_FILE, 'utf8') } : {}) };
}

// A stack of its own for each chaos test file, with handles to break it: SIGKILL the worker, stop and restart
// PostgreSQL, the Temporal dev server (same SQLite file and port) and the API; start more workers and APIs and
// SIGKILL any one of them. The stack runs in a controller
// process (stack-process.ts) built from the same src/stack functions `make dev` and the e2e global setup use.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import pg from 'pg';
import { createApiKey } from '../../src/api/api-keys';
import type { Role } from '../../src/domain/roles';
import { startSmtpSink, type SmtpSink } from '../../src/stack/smtp-sink';
import { projectRoot } from '../../src/stack/temporal-binaries';
import { call, type ApiResponse } from '../e2e/http';
import { startWebhookReceiver } from '../e2e/services';
import type { ApiStatus, ChaosCommand, ChaosIndexedOp, ChaosOp, ChaosReply, ChaosStackInfo, ProcessList, ProcessStatus, StackProcessMessage } from './stack-protocol';

const HOUR_MS = 3_600_000;
/** The GDPR Art. 33 clock: 72 h from awareness. */
export const GDPR_CLOCK_MS = 72 * HOUR_MS;
/** No chaos request may take longer than this: past it, the API hangs. */
export const REQUEST_TIMEOUT_MS = 15_000;

/**
 * The GDPR authority clock escalates once, to the DPO, when it falls due: every test knows exactly which
 * deliveries to expect (the default ladder would fire four past reminders at once on a clock opened 72 h late).
 */
export const OVERDUE_ONLY_POLICY = JSON.stringify({
  'GDPR/notify-supervisory-authority': { rungs: [{ id: 'overdue', atFraction: 1, recipients: ['dpo'], kind: 'overdue' }], repeatOverdue: null },
});

/** The running chaos stack: where it is, fresh keys of each role, a pool for checks, and the handles that break it. */
export interface ChaosStack {
  apiUrl: string;
  databaseUrl: string;
  temporalAddress: string;
  dataDir: string;
  keys: Record<Role, string>;
  /** The SMTP server the worker sends escalations to. */
  sink: SmtpSink;
  /** For checks of what PostgreSQL holds; idle-client errors during an outage are ignored. */
  pool: pg.Pool;
  /** The worker and the API started last, and whether they still run. */
  processes(): Promise<{ worker: ProcessStatus; api: ProcessStatus }>;
  /** SIGKILLs the running worker, as a crash would, and waits until it is gone. */
  killWorker(): Promise<void>;
  startWorker(): Promise<void>;
  stopPostgres(): Promise<void>;
  /** Starts PostgreSQL again on its data directory and port. */
  startPostgres(): Promise<void>;
  stopTemporal(): Promise<void>;
  /** Starts the Temporal dev server again on the same SQLite file and port; resolves once its frontend answers. */
  startTemporal(): Promise<void>;
  stopApi(): Promise<void>;
  startApi(): Promise<void>;
  /** Starts one more worker on the same task queue (it polls once it has connected). */
  startExtraWorker(): Promise<ProcessStatus>;
  /** Starts one more API on a port of its own; resolves with its URL once it answers /healthz. */
  startExtraApi(): Promise<ApiStatus>;
  /** Every worker and API started, in start order (index 0: the stack's first), killed ones included. */
  listProcesses(): Promise<ProcessList>;
  /** SIGKILLs the worker at `index` in start order and waits until it is gone. */
  killWorkerAt(index: number): Promise<void>;
  /** SIGKILLs the API at `index` in start order and waits until it is gone. */
  killApiAt(index: number): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts the controller process with `env` on top of the controller identity and a webhook allowlist for
 * loopback receivers, and an SMTP sink here, where the test reads what arrived; resolves once the API answers.
 */
export async function startChaosStack(name: string, env: Record<string, string> = {}): Promise<ChaosStack> {
  const echo = process.env.CHAOS_ECHO === '1';
  const sink = await startSmtpSink();
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'stack-process.ts'), name, sink.url], {
    cwd: projectRoot,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    env: {
      ...process.env,
      WEBHOOK_ALLOWLIST: '127.0.0.1/32',
      CONTROLLER_NAME: 'Example Retail SA',
      DPO_NAME: 'Dana Privacy',
      DPO_EMAIL: 'dpo@example.test',
      DPO_PHONE: '+32 2 555 01 00',
      ...env,
    },
  });
  const output: string[] = [];
  for (const stream of [child.stdout, child.stderr]) {
    stream?.on('data', (chunk: Buffer) => {
      output.push(chunk.toString('utf8'));
      if (output.length > 200) output.shift();
      if (echo) process.stderr.write(chunk);
    });
  }
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  let nextId = 1;
  const info = await new Promise<ChaosStackInfo>((resolve, reject) => {
    child.on('message', (message: StackProcessMessage) => {
      if ('ready' in message) resolve(message.ready);
      else if ('failed' in message) reject(new Error(`the chaos stack did not start:\n${message.failed}`));
      else {
        const reply: ChaosReply = message;
        const waiter = pending.get(reply.id);
        pending.delete(reply.id);
        if (reply.ok) waiter?.resolve(reply.value);
        else waiter?.reject(new Error(reply.error));
      }
    });
    child.once('exit', (code) => {
      const error = new Error(`the chaos stack process exited with code ${code}:\n${output.join('')}`);
      reject(error);
      for (const waiter of pending.values()) waiter.reject(error);
      pending.clear();
    });
  }).catch(async (error: unknown) => {
    child.kill('SIGTERM');
    await sink.stop();
    throw error;
  });

  const send = <T>(message: { op: ChaosOp } | { op: ChaosIndexedOp; index: number }): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      child.send({ ...message, id } satisfies ChaosCommand);
    });
  const command = <T = void>(op: ChaosOp): Promise<T> => send<T>({ op });

  const pool = new pg.Pool({ connectionString: info.databaseUrl, max: 4 });
  pool.on('error', () => undefined);
  const make = async (role: Role) => (await createApiKey(pool, { name: `chaos ${role} ${randomUUID()}`, role })).key;
  const keys: Record<Role, string> = { admin: info.adminKey, dpo: await make('dpo'), responder: await make('responder'), viewer: await make('viewer') };

  return {
    apiUrl: info.apiUrl,
    databaseUrl: info.databaseUrl,
    temporalAddress: info.temporalAddress,
    dataDir: info.dataDir,
    keys,
    sink,
    pool,
    processes: () => command('processes'),
    killWorker: () => command('killWorker'),
    startWorker: () => command('startWorker'),
    stopPostgres: () => command('stopPostgres'),
    startPostgres: () => command('startPostgres'),
    stopTemporal: () => command('stopTemporal'),
    startTemporal: () => command('startTemporal'),
    stopApi: () => command('stopApi'),
    startApi: () => command('startApi'),
    startExtraWorker: () => command('startExtraWorker'),
    startExtraApi: () => command('startExtraApi'),
    listProcesses: () => command('listProcesses'),
    killWorkerAt: (index) => send({ op: 'killWorkerAt', index }),
    killApiAt: (index) => send({ op: 'killApiAt', index }),
    async stop() {
      await command('stop').catch(() => undefined);
      // A client a failed test left checked out would hold pool.end() forever.
      await Promise.race([pool.end().catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 2_000).unref())]);
      child.disconnect();
      await exited;
      await sink.stop();
    },
  };
}

/** A request's outcome: its answer, or `timedOut` when it took longer than REQUEST_TIMEOUT_MS; `ms` is how long it took. */
export type Bounded<T = any> = { ms: number } & ({ timedOut: false; response: ApiResponse<T> } | { timedOut: true; response?: undefined });

/** One request to the stack's API that gives up after REQUEST_TIMEOUT_MS and says so instead of throwing. */
export async function bounded<T = any>(
  stack: Pick<ChaosStack, 'apiUrl'>,
  method: string,
  urlPath: string,
  options: Omit<Parameters<typeof call>[2] & object, 'baseUrl' | 'signal'> = {},
): Promise<Bounded<T>> {
  const started = Date.now();
  try {
    const response = await call<T>(method, urlPath, { ...options, baseUrl: stack.apiUrl, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    return { ms: Date.now() - started, timedOut: false, response };
  } catch (error) {
    if (error instanceof DOMException && error.name === 'TimeoutError') return { ms: Date.now() - started, timedOut: true };
    throw error;
  }
}

/** Whether an answer says "not now, retry": 503 while a dependency is down, or 409 while the same Idempotency-Key is still running. */
export function isRetryLater(response: ApiResponse): boolean {
  return response.status === 503 || (response.status === 409 && response.body?.type === '/problems/idempotency-key-in-progress');
}

/**
 * Sends a write with an Idempotency-Key and resends it, with the same key, while the answer is "retry later"
 * (as a client honouring Retry-After would), until another answer or `timeoutMs`. Every answer is returned.
 */
export async function writeUntilAnswered(
  stack: Pick<ChaosStack, 'apiUrl'>,
  urlPath: string,
  options: { key: string; json: unknown; idempotencyKey?: string; timeoutMs?: number },
): Promise<{ final: ApiResponse; answers: Bounded[] }> {
  const idempotencyKey = options.idempotencyKey ?? randomUUID();
  const deadline = Date.now() + (options.timeoutMs ?? 120_000);
  const answers: Bounded[] = [];
  for (;;) {
    const answer = await bounded(stack, 'POST', urlPath, { key: options.key, json: options.json, headers: { 'idempotency-key': idempotencyKey } });
    answers.push(answer);
    if (answer.timedOut) throw new Error(`POST ${urlPath} took longer than ${REQUEST_TIMEOUT_MS} ms`);
    if (!isRetryLater(answer.response) || Date.now() > deadline) return { final: answer.response, answers };
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** `awareAt` for an incident whose GDPR 72 h clock falls due `inMs` from now (negative: already overdue). */
export function awareAtDueIn(inMs: number): string {
  return new Date(Date.now() - GDPR_CLOCK_MS + inMs).toISOString();
}

/** Opens one incident per title, each a minute past its 72 h deadline, so its overdue rung fires at once. */
export async function openOverdueIncidents(stack: ChaosStack, titles: string[]): Promise<{ id: string; reference: string; workflowId: string }[]> {
  return Promise.all(
    titles.map(async (title) => {
      const awareAt = awareAtDueIn(-60_000);
      const { final } = await writeUntilAnswered(stack, '/v1/incidents', { key: stack.keys.responder, json: { title, detectedAt: awareAt, awareAt } });
      if (final.status !== 201) throw new Error(`the incident was not opened: ${final.status} ${JSON.stringify(final.body)}`);
      return final.body as { id: string; reference: string; workflowId: string };
    }),
  );
}

/** Rows of `table` belonging to one incident. */
export async function countIncidentRows(pool: pg.Pool, table: 'audit_events' | 'findings' | 'containment_actions' | 'scope_versions' | 'evidence_items' | 'custody_events' | 'risk_assessments' | 'notification_decisions' | 'notices' | 'escalations' | 'escalation_deliveries', incidentId: string): Promise<number> {
  const { rows } = await pool.query<{ n: string }>(`SELECT count(*) AS n FROM ${table} WHERE incident_id = $1::uuid`, [incidentId]);
  return Number(rows[0]!.n);
}

/**
 * Resolves once none of the workflows has an activity pending (no delivery still to retry), so counts taken
 * afterwards are final; rejects after `timeoutMs`.
 */
export async function waitUntilSettled(stack: Pick<ChaosStack, 'temporalAddress'>, workflowIds: string[], timeoutMs = 60_000): Promise<void> {
  const connection = await Connection.connect({ address: stack.temporalAddress });
  try {
    const client = new Client({ connection, namespace: 'default' });
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const pending = await Promise.all(workflowIds.map(async (id) => (await client.workflow.getHandle(id).describe()).raw.pendingActivities?.length ?? 0));
      if (pending.every((n) => n === 0)) return;
      if (Date.now() > deadline) throw new Error(`activities still pending after ${timeoutMs} ms: ${pending.join(', ')}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  } finally {
    await connection.close();
  }
}

/** Polls `fn` until `accept` holds for its result and returns it; fails naming `what` and the last result after `timeoutMs`. */
export async function waitFor<T>(what: string, fn: () => Promise<T>, accept: (value: T) => boolean, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (accept(value)) return value;
    if (Date.now() > deadline) throw new Error(`Not within ${timeoutMs} ms: ${what}; last seen ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A receiver of the DPO's webhooks, verifying signatures with the `standardwebhooks` library. */
export type WebhookReceiver = Awaited<ReturnType<typeof startWebhookReceiver>>;

/**
 * A chaos stack whose GDPR clock escalates once, to a DPO reached by email (the stack's sink) and by a
 * signed webhook (the returned receiver): every test that breaks deliveries knows exactly what to expect.
 */
export async function startChaosStackWithDpo(name: string, env: Record<string, string> = {}): Promise<{ stack: ChaosStack; receiver: WebhookReceiver }> {
  const secret = `whsec_${randomBytes(32).toString('base64')}`;
  const stack = await startChaosStack(name, { ESCALATION_POLICIES: OVERDUE_ONLY_POLICY, ...env });
  const receiver = await startWebhookReceiver(secret);
  const contact = await bounded(stack, 'POST', '/v1/contacts', {
    key: stack.keys.admin,
    json: { name: 'Dana Privacy', role: 'dpo', email: 'dpo@example.test', webhookUrl: receiver.url, webhookSecret: secret },
  });
  if (contact.response?.status !== 201) throw new Error(`the DPO contact was not created: ${JSON.stringify(contact.response?.body ?? 'timed out')}`);
  return { stack, receiver };
}

/** Picks the mail of one incident: escalation subjects start with its reference in brackets. */
export const forReference = (reference: string) => (mail: { subject: string | undefined }) => mail.subject?.startsWith(`[${reference}]`) ?? false;

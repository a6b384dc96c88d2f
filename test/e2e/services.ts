import { createServer as createHttpServer, type IncomingMessage, type Server } from 'node:http';
import path from 'node:path';
import { Webhook } from 'standardwebhooks';
import { freePort, retryUntil, spawnManaged, type ManagedProcess } from '../../src/stack/child-process';
import { projectRoot } from '../../src/stack/temporal-binaries';
import { stackEnv } from './http';


/**
 * A worker and an API of their own (own task queue, own SMTP server) on the shared PostgreSQL and Temporal,
 * for tests that must control the worker (kill it) or where its mail goes.
 */
export async function startServices(env: Record<string, string>) {
  const port = await freePort();
  const taskQueue = `e2e-${Math.random().toString(36).slice(2)}`;
  const base: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: stackEnv.databaseUrl,
    TEMPORAL_ADDRESS: stackEnv.temporalAddress,
    TASK_QUEUE: taskQueue,
    DATA_DIR: stackEnv.dataDir,
    HOST: '127.0.0.1',
    PORT: String(port),
    LOG_LEVEL: 'warn',
    WEBHOOK_ALLOWLIST: '127.0.0.1/32',
    ...env,
  };
  const spawn = (entry: string) =>
    spawnManaged(entry, process.execPath, ['--import', 'tsx', path.join(projectRoot, 'src', entry)], { env: base, cwd: projectRoot, echo: process.env.E2E_ECHO === '1' });
  const workers: ManagedProcess[] = [spawn('worker.ts')];
  const api = spawn('server.ts');
  const apiUrl = `http://127.0.0.1:${port}`;
  await retryUntil(() => fetch(`${apiUrl}/healthz`).then((r) => (r.ok ? undefined : Promise.reject(new Error(String(r.status))))), 60_000);
  return {
    apiUrl,
    taskQueue,
    worker: () => workers[workers.length - 1]!,
    /** SIGKILLs the running worker, as a crash would. */
    async killWorker() {
      const worker = workers[workers.length - 1]!;
      worker.child.kill('SIGKILL');
      await worker.exited;
    },
    startWorker() {
      workers.push(spawn('worker.ts'));
    },
    async stop() {
      await api.stop();
      await Promise.all(workers.map((w) => w.stop()));
    },
  };
}

/** A delivery the webhook receiver accepted: its verified payload and the Standard Webhooks id. */
export interface ReceivedWebhook {
  id: string;
  payload: { type: string; data: Record<string, unknown> };
}

/**
 * A local webhook receiver that verifies every request with the `standardwebhooks` library (not our own
 * signer) and deduplicates on webhook-id, as the spec asks receivers to.
 */
export async function startWebhookReceiver(secret: string, options: { delayMs?: number } = {}) {
  const verifier = new Webhook(secret);
  const processed = new Map<string, ReceivedWebhook>();
  let requests = 0;
  let refused = 0;
  let delayMs = options.delayMs ?? 0;
  // Answers held back by the delay; stop() drops them, so no timer outlives the receiver.
  const held = new Set<NodeJS.Timeout>();
  const read = (req: IncomingMessage) => new Promise<string>((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
  const server: Server = createHttpServer((req, res) => {
    void (async () => {
      requests += 1;
      const body = await read(req);
      try {
        const payload = verifier.verify(body, req.headers as Record<string, string>) as ReceivedWebhook['payload'];
        const id = req.headers['webhook-id'] as string;
        if (!processed.has(id)) processed.set(id, { id, payload });
      } catch {
        refused += 1;
        res.writeHead(401).end();
        return;
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          held.delete(timer);
          resolve();
        }, delayMs);
        held.add(timer);
      });
      res.writeHead(204).end();
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}/hooks/breach`,
    processed: () => [...processed.values()],
    requests: () => requests,
    refused: () => refused,
    setDelay(ms: number) {
      delayMs = ms;
    },
    stop: () => new Promise<void>((resolve) => {
      for (const timer of held) clearTimeout(timer);
      held.clear();
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

// What every benchmark shares: the stack it runs against, the machine it ran on, and how figures print.
import os from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { Connection } from '@temporalio/client';
import { startScratchStack, type Stack } from '../src/stack/stack';

/**
 * The embedded stack (PostgreSQL, Temporal dev server, SMTP sink, worker, API) on free ports and a fresh
 * folder in /tmp, or the external Temporal / PostgreSQL named by TEMPORAL_ADDRESS / DATABASE_URL.
 */
export async function startBenchStack(options: { name: string; env?: Record<string, string> }): Promise<Stack> {
  Object.assign(process.env, { WEBHOOK_ALLOWLIST: '127.0.0.1/32' }, options.env);
  const { stack } = await startScratchStack({
    name: `bench-${options.name}`,
    databaseUrl: process.env.DATABASE_URL,
    temporalAddress: process.env.TEMPORAL_ADDRESS,
    namespace: process.env.TEMPORAL_NAMESPACE,
    echo: process.env.BENCH_ECHO === '1',
  });
  return stack;
}

/** Resolves once the worker polls its task queue: until then it is bundling workflows, which takes the CPU the reads are timed on. */
export async function workerReady(stack: Stack): Promise<void> {
  const connection = await Connection.connect({ address: stack.temporalAddress });
  try {
    const namespace = process.env.TEMPORAL_NAMESPACE ?? 'default';
    while ((await connection.workflowService.describeTaskQueue({ namespace, taskQueue: { name: stack.env.TASK_QUEUE! } })).pollers.length === 0) await sleep(200);
  } finally {
    await connection.close();
  }
}

/** The machine and the servers a figure came from, printed above every benchmark's figures. */
export function describeMachine(stack?: Stack): string {
  const cpus = os.cpus();
  const lines = [
    `date:     ${new Date().toISOString()}`,
    `machine:  ${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ${os.platform()} ${os.release()}`,
    `node:     ${process.version}`,
  ];
  if (stack) {
    lines.push(`temporal: ${process.env.TEMPORAL_ADDRESS ? `external ${stack.temporalAddress}` : `embedded dev server (SQLite) ${stack.temporalAddress}`}`);
    lines.push(`postgres: ${process.env.DATABASE_URL ? 'external' : 'embedded'} ${stack.databaseUrl.replace(/\/\/[^@]*@/, '//')}`);
  }
  return lines.join('\n');
}

export interface Distribution {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** Nearest-rank percentiles (no interpolation: every figure is one that was measured). */
export function distribution(values: number[]): Distribution {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p: number) => sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
  return { count: sorted.length, p50: rank(50), p95: rank(95), p99: rank(99), max: sorted[sorted.length - 1] ?? Number.NaN };
}

export const ms = (value: number) => `${value.toFixed(1)} ms`;

/** One figure, its target and whether it was met, aligned so a run reads as a table. */
export function figure(name: string, value: string, target?: { text: string; met: boolean }): string {
  const verdict = target ? `  (target ${target.text}: ${target.met ? 'met' : 'NOT met'})` : '';
  return `  ${name.padEnd(40)} ${value}${verdict}`;
}

/** A benchmark's entry point: runs it, prints a failure plainly, and sets the exit code. */
export function runBenchmark(main: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}

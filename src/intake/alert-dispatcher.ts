// Hands stored alerts to their correlation groups, in the order received. Runs in every worker process: the
// groups' advisory locks keep two dispatchers off one group, so a group's alerts are signalled by one
// dispatcher at a time, oldest first; an alert is marked dispatched in the transaction that held the lock,
// so one signalled by a dispatcher that died before committing is signalled again (the workflow ignores it).
import type { Client } from '@temporalio/client';
import type pg from 'pg';
import type { Logger } from 'pino';
import { lockDispatchGroups, markAlertsDispatched, undispatchedAlerts, type DispatchableAlertRow } from '../db/intake-alerts-repository';
import { withTransaction } from '../db/pool';
import { withinTemporalTimeout } from '../api/unavailable';
import type { alertCorrelationWorkflow } from '../workflows/alert-correlation-workflow';
import { alertReceivedSignal } from '../workflows/alert-messages';

export interface AlertDispatcherOptions {
  pool: pg.Pool;
  temporal: Client;
  /** The task queue of the correlation workflows (the workflows' queue). */
  taskQueue: string;
  logger: Pick<Logger, 'warn' | 'debug'>;
  /** How long one signal may take before the batch stops and is retried. */
  rpcTimeoutMs: number;
  /** Groups locked per batch, alerts per batch, groups signalled at once. */
  groupsPerBatch?: number;
  alertsPerBatch?: number;
  concurrency?: number;
  /** Wait between polls when nothing was waiting, and after a failure (doubling up to 8 times this). */
  idleMs?: number;
}

/** One batch: locks groups with undispatched alerts, signals each group's alerts in order, marks those signalled. Returns how many. */
export async function dispatchAlerts(options: AlertDispatcherOptions): Promise<number> {
  const { pool, temporal, taskQueue, rpcTimeoutMs, groupsPerBatch = 64, alertsPerBatch = 512, concurrency = 16 } = options;
  return withTransaction(pool, async (client) => {
    const groups = await lockDispatchGroups(client, groupsPerBatch);
    if (groups.length === 0) return 0;
    const byGroup = new Map<string, DispatchableAlertRow[]>();
    for (const alert of await undispatchedAlerts(client, groups, alertsPerBatch)) {
      byGroup.set(alert.group_id, [...(byGroup.get(alert.group_id) ?? []), alert]);
    }
    const signalled: string[] = [];
    const failures: Error[] = [];
    const queue = [...byGroup.values()];
    const signalGroup = async (alerts: DispatchableAlertRow[]) => {
      for (const alert of alerts) {
        try {
          await withinTemporalTimeout(temporal.connection, rpcTimeoutMs, () =>
            temporal.workflow.signalWithStart<typeof alertCorrelationWorkflow, [{ alertId: string }]>('alertCorrelationWorkflow', {
              workflowId: alert.group_id,
              taskQueue,
              args: [{ sourceId: alert.source_id, windowHours: alert.correlation_window_hours }],
              signal: alertReceivedSignal,
              signalArgs: [{ alertId: alert.id }],
            }),
          );
        } catch (error) {
          // The group's later alerts must not overtake this one: they wait for the next batch with it.
          failures.push(error instanceof Error ? error : new Error(String(error)));
          return;
        }
        signalled.push(alert.id);
      }
    };
    await Promise.all(
      Array.from({ length: Math.min(concurrency, queue.length) }, async () => {
        for (let group = queue.shift(); group; group = queue.shift()) await signalGroup(group);
      }),
    );
    if (signalled.length > 0) await markAlertsDispatched(client, signalled);
    if (signalled.length === 0 && failures[0]) throw failures[0];
    return signalled.length;
  });
}

/** Runs batches until stopped: back to back while alerts wait, every `idleMs` otherwise, backing off while PostgreSQL or Temporal fails. */
export function startAlertDispatcher(options: AlertDispatcherOptions): { stop(): Promise<void> } {
  const idleMs = options.idleMs ?? 100;
  let stopping = false;
  let wake: () => void = () => undefined;
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  const run = async () => {
    let failures = 0;
    while (!stopping) {
      try {
        const dispatched = await dispatchAlerts(options);
        failures = 0;
        if (dispatched > 0) options.logger.debug({ dispatched }, 'alerts dispatched');
        else await pause(idleMs);
      } catch (error) {
        failures += 1;
        options.logger.warn({ err: error, failures }, 'alert dispatch failed; retrying');
        await pause(idleMs * 2 ** Math.min(failures, 3));
      }
    }
  };
  const running = run();
  return {
    async stop() {
      stopping = true;
      wake();
      await running;
    },
  };
}

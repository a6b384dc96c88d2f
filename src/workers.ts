// The Temporal workers one worker process runs: the incident task queue with the workflows and their own
// activities, and one worker for each other activity queue (src/workflows/task-queues.ts says why).
import v8 from 'node:v8';
import { Worker, type NativeConnection, type WorkerOptions } from '@temporalio/worker';
import type { Activities } from './activities';
import { ACTIVITY_QUEUE_NAMES, ACTIVITY_QUEUES, activityTaskQueue } from './workflows/task-queues';

export interface IncidentWorkersOptions {
  connection: NativeConnection;
  namespace?: string;
  /** The task queue of the workflows; the other queues are named after it. */
  taskQueue: string;
  activities: Activities;
  /** How the workflow code is loaded, and the other settings of the worker that runs it. */
  workflows: Pick<WorkerOptions, 'workflowsPath' | 'workflowBundle' | 'maxCachedWorkflows' | 'workflowFailureErrorTypes'>;
  /** Deliveries in flight at once (each may hold its slot for its whole send timeout); the SDK default when absent. */
  maxConcurrentDeliveries?: number;
  /** Tracing interceptors and the workflow span sink (src/tracing.ts); absent while tracing is off. */
  tracing?: Pick<WorkerOptions, 'interceptors' | 'sinks'>;
}

/** The SDK warns when a worker polls no workflow tasks: for the activity-only workers here, that is the design. */
export function isActivityOnlyWorkerNotice(message: string): boolean {
  return message === 'No workflows registered, not polling for workflow tasks';
}

/**
 * Incident workflows to keep cached for a heap of `heapLimitMiB`. A cached incident workflow holds about 0.25 MiB
 * of heap (bench/workflow-cost.ts; 2.1 MiB while the bundle evaluated zod, when the SDK's own default of ~1.7 MiB
 * a workflow ran the worker out of heap). This budgets 0.5 MiB a workflow, room for the state a long incident
 * gathers, beside 200 MiB for the rest, as the SDK does.
 */
export function defaultMaxCachedWorkflows(heapLimitMiB = v8.getHeapStatistics().heap_size_limit / 2 ** 20): number {
  return Math.max(10, Math.floor((heapLimitMiB - 200) / 0.5));
}

/** One worker per queue on the same connection, each given only the activities of its queue. */
export async function createIncidentWorkers(options: IncidentWorkersOptions): Promise<Worker[]> {
  const { connection, namespace, taskQueue, activities, workflows, maxConcurrentDeliveries, tracing } = options;
  const workers: Worker[] = [];
  for (const queue of ACTIVITY_QUEUE_NAMES) {
    workers.push(
      await Worker.create({
        connection,
        namespace,
        taskQueue: activityTaskQueue(taskQueue, queue),
        activities: Object.fromEntries(Object.entries(activities).filter(([name]) => ACTIVITY_QUEUES[name as keyof Activities] === queue)),
        ...(queue === 'incident' ? workflows : {}),
        ...(queue === 'deliveries' && maxConcurrentDeliveries ? { maxConcurrentActivityTaskExecutions: maxConcurrentDeliveries } : {}),
        ...tracing,
      }),
    );
  }
  return workers;
}

/** Runs the workers until they stop (SIGINT/SIGTERM stops them all); when one fails, stops the others and throws. */
export async function runIncidentWorkers(workers: Worker[]): Promise<void> {
  const runs = workers.map((worker) => worker.run());
  try {
    await Promise.all(runs);
  } catch (error) {
    for (const worker of workers) if (worker.getState() === 'RUNNING') worker.shutdown();
    await Promise.allSettled(runs);
    throw error;
  }
}

/** Runs the workers while `fn` runs, then stops them (tests). */
export function runIncidentWorkersUntil<T>(workers: Worker[], fn: () => Promise<T>): Promise<T> {
  return workers.reduceRight<() => Promise<T>>((inner, worker) => () => worker.runUntil(inner), fn)();
}

// Messages between a chaos test and its stack controller (stack-process.ts), over the child's IPC channel.

/** What the controller can do to its stack; without an index, an op acts on the worker or API started last. */
export type ChaosOp =
  | 'killWorker'
  | 'startWorker'
  | 'stopPostgres'
  | 'startPostgres'
  | 'stopTemporal'
  | 'startTemporal'
  | 'stopApi'
  | 'startApi'
  | 'processes'
  | 'startExtraWorker'
  | 'startExtraApi'
  | 'listProcesses'
  | 'stop';

/** Ops on one process, picked by its index in start order (0: the one the stack started with). */
export type ChaosIndexedOp = 'killWorkerAt' | 'killApiAt';

export type ChaosCommand = { id: number; op: ChaosOp } | { id: number; op: ChaosIndexedOp; index: number };

export type ChaosReply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: string };

/** Where the started stack is. */
export interface ChaosStackInfo {
  apiUrl: string;
  databaseUrl: string;
  temporalAddress: string;
  adminKey: string;
  dataDir: string;
}

/** A child process of the stack: null codes mean it is still running. */
export interface ProcessStatus {
  pid: number | null;
  exitCode: number | null;
  signalCode: string | null;
}

/** An API process and where it listens. */
export interface ApiStatus extends ProcessStatus {
  url: string;
}

/** Every worker and API the controller started, in start order (killed ones included). */
export interface ProcessList {
  workers: ProcessStatus[];
  apis: ApiStatus[];
}

export type StackProcessMessage = ChaosReply | { ready: ChaosStackInfo } | { failed: string };

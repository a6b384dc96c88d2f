// Messages between a chaos test and its stack controller (stack-process.ts), over the child's IPC channel.

/** What the controller can do to its stack. */
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
  | 'stop';

export interface ChaosCommand {
  id: number;
  op: ChaosOp;
}

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

export type StackProcessMessage = ChaosReply | { ready: ChaosStackInfo } | { failed: string };

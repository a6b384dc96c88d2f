// What the stack's processes use: CPU time per process during a phase, how much the rest of the machine
// took meanwhile, and resident memory. Linux only (reads /proc); elsewhere the figures are empty. A process
// counts with its reaped children, so a PostgreSQL backend whose connection closed mid-phase stays in the
// figures (as its postmaster's).
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import type { Stack } from '../src/stack/stack';

// USER_HZ: the unit of /proc times, 100 on every Linux architecture Node.js runs on.
const TICK_MS = 10;

interface ProcStat {
  pid: number;
  ppid: number;
  comm: string;
  cpuMs: number;
}

function readStat(pid: string): ProcStat | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // comm is in parentheses and may hold spaces; the fields after it are space-separated.
    const close = text.lastIndexOf(')');
    const fields = text.slice(close + 2).split(' ');
    // utime, stime, then cutime and cstime: the process itself and its children that have exited and been waited for.
    const ticks = Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
    return { pid: Number(pid), ppid: Number(fields[1]), comm: text.slice(text.indexOf('(') + 1, close), cpuMs: ticks * TICK_MS };
  } catch {
    return undefined;
  }
}

/** Busy CPU time of the whole machine so far, in ms summed over cores. */
function machineBusyMs(): number {
  const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  // Everything but idle and iowait.
  return (cpu.reduce((a, b) => a + b, 0) - (cpu[3] ?? 0) - (cpu[4] ?? 0)) * TICK_MS;
}

/** CPU ms so far of this process and its descendants (the embedded servers among them), grouped by the name `label` gives each. */
function snapshot(label: (p: ProcStat) => string): Map<string, number> {
  const all = readdirSync('/proc').filter((name) => /^\d+$/.test(name)).map(readStat).filter((p) => p !== undefined);
  const children = new Map<number, ProcStat[]>();
  for (const p of all) children.set(p.ppid, [...(children.get(p.ppid) ?? []), p]);
  const totals = new Map<string, number>();
  const visit = (p: ProcStat) => {
    totals.set(label(p), (totals.get(label(p)) ?? 0) + p.cpuMs);
    for (const child of children.get(p.pid) ?? []) visit(child);
  };
  const self = all.find((p) => p.pid === process.pid);
  if (self) visit(self);
  return totals;
}

export interface CpuUsage {
  /** CPU ms per process group: the benchmark itself, api, worker, temporal, postgres, other. */
  byGroup: Map<string, number>;
  /** Busy ms of every other process on the machine (other users, other stacks), summed over cores. */
  others: number;
  wallMs: number;
}

/** Starts measuring the stack's processes; the returned function gives the CPU they used since. */
export function measureCpu(stack: Stack): () => CpuUsage {
  if (os.platform() !== 'linux') return () => ({ byGroup: new Map(), others: Number.NaN, wallMs: Number.NaN });
  const label = ({ pid, comm }: ProcStat) =>
    pid === process.pid ? 'bench' : pid === stack.api.child.pid ? 'api' : pid === stack.worker.child.pid ? 'worker' : comm.startsWith('temporal') ? 'temporal' : comm.startsWith('postgres') ? 'postgres' : 'other';
  const before = snapshot(label);
  const machineBefore = machineBusyMs();
  const startedAt = performance.now();
  return () => {
    const after = snapshot(label);
    const machineAfter = machineBusyMs();
    const byGroup = new Map([...after].map(([name, ms]) => [name, ms - (before.get(name) ?? 0)]));
    const ours = [...byGroup.values()].reduce((a, b) => a + b, 0);
    return { byGroup, others: Math.max(0, machineAfter - machineBefore - ours), wallMs: performance.now() - startedAt };
  };
}

/** "api 7.2, worker 61.8, …": CPU ms per request of each group that used any. */
export function perRequest({ byGroup }: CpuUsage, requests: number): string {
  return [...byGroup].filter(([, cpu]) => cpu > 0).map(([name, cpu]) => `${name} ${(cpu / requests).toFixed(1)}`).join(', ');
}

/** "worker 95 %, temporal 41 %, …": each group's share of one core over the phase. */
export function coreShares({ byGroup, wallMs }: CpuUsage): string {
  return [...byGroup].filter(([, cpu]) => cpu > 0).map(([name, cpu]) => `${name} ${((cpu * 100) / wallMs).toFixed(0)} %`).join(', ');
}

/** How many cores the rest of the machine kept busy meanwhile, of how many. */
export function othersBusy({ others, wallMs }: CpuUsage): string {
  return `${(others / wallMs).toFixed(2)} of ${os.cpus().length} cores`;
}

/** Resident memory of a process in MiB (NaN when it is gone or /proc is not there). */
export function rssMiB(pid: number | undefined): number {
  try {
    const kib = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kib ? Number(kib) / 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

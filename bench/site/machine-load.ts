// How busy the machine is around a timed step (Linux /proc): the bench waits for an idle machine before each step,
// and records how much CPU processes other than the measured ones used while it ran, so a figure from a loaded
// machine says so.
import { readFileSync } from 'node:fs';

/** CPU time in clock ticks: the whole machine's busy and total time, and this process's own and its reaped children's. */
interface CpuSample {
  busy: number;
  total: number;
  ours: number;
}

function sample(): CpuSample | undefined {
  try {
    const [cpu] = readFileSync('/proc/stat', 'utf8').split('\n');
    const [user, nice, system, idle, iowait, irq, softirq, steal] = cpu!.trim().split(/\s+/).slice(1).map(Number) as number[];
    const busy = user! + nice! + system! + irq! + softirq! + steal!;
    const self = readFileSync('/proc/self/stat', 'utf8');
    // utime, stime, cutime, cstime: fields 14–17, counted after the command name.
    const fields = self.slice(self.lastIndexOf(')') + 2).split(' ').map(Number);
    const ours = fields[11]! + fields[12]! + fields[13]! + fields[14]!;
    return { busy, total: busy + idle! + iowait!, ours };
  } catch {
    return undefined;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** What the machine did during a step. */
export interface LoadFigures {
  /** Waited this long for the machine to be idle before the step. */
  waitedMs: number;
  /** The machine was this busy (0–1, all cores) in the second before the step started. */
  busyBefore: number;
  /** CPU used by processes other than the bench and what it ran, in core-seconds, and as a share of all cores. */
  othersCoreSeconds: number;
  othersShare: number;
}

/**
 * Waits until the machine is idle — less than `threshold` of all cores busy over one second — or `maxWaitMs`
 * passed; returns how long it waited and how busy the last second was.
 */
export async function waitForIdle(threshold = Number(process.env.BENCH_IDLE_THRESHOLD ?? 0.15), maxWaitMs = Number(process.env.BENCH_IDLE_WAIT_S ?? 120) * 1000): Promise<{ waitedMs: number; busyBefore: number }> {
  const started = performance.now();
  for (;;) {
    const before = sample();
    await sleep(1000);
    const after = sample();
    if (!before || !after) return { waitedMs: 0, busyBefore: Number.NaN };
    const busy = (after.busy - before.busy) / Math.max(1, after.total - before.total);
    const waitedMs = performance.now() - started;
    if (busy < threshold || waitedMs >= maxWaitMs) return { waitedMs: Math.round(waitedMs), busyBefore: busy };
  }
}

/** Starts counting CPU; the returned function, called once the measured child has exited, gives the others' share. */
export function startLoadCount(): () => { othersCoreSeconds: number; othersShare: number } {
  const before = sample();
  return () => {
    const after = sample();
    if (!before || !after) return { othersCoreSeconds: Number.NaN, othersShare: Number.NaN };
    // /proc/stat and /proc/self/stat both count in USER_HZ ticks (100 per second on Linux).
    const others = Math.max(0, after.busy - before.busy - (after.ours - before.ours));
    return { othersCoreSeconds: others / 100, othersShare: others / Math.max(1, after.total - before.total) };
  }
}

// CPU time of the build's process tree so far: this process's own, plus what its ended children used (the kernel
// adds a child's time to its parent's once the child is waited for). On a shared machine the wall time of a step
// says little; its CPU time says what the step costs.
import { readFileSync } from 'node:fs';

/** Clock ticks per second of /proc's times (USER_HZ: 100 on every Linux the build runs on). */
const TICKS = 100;

/** CPU seconds (user + system) used so far by this process and its ended children; children count 0 without /proc. */
export function treeCpuSeconds(): number {
  const own = process.cpuUsage();
  let children = 0;
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    // Fields after the command name: state is the 3rd field, cutime and cstime the 16th and 17th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    children = (Number(fields[13]) + Number(fields[14])) / TICKS;
  } catch {
    // No /proc (not Linux): this process's own time only.
  }
  return (own.user + own.system) / 1e6 + children;
}

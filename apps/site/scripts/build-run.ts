// Who a build is: its pid and the kernel's start time of that pid, so a recycled pid is not taken for a live build.
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';

/** The start time of a process in clock ticks since boot (Linux /proc), or undefined where there is no /proc. */
export function processStartTicks(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 22 (starttime), counted after the command name, which may itself contain spaces and parentheses.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

/** Whether the process that had `pid` and started at `startTicks` is still running. */
export function isProcessAlive(pid: number, startTicks: string | undefined): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const now = processStartTicks(pid);
  return startTicks === undefined || now === undefined || now === startTicks;
}

/** A name unique to this build run, `<pid>-<start ticks>-<random>`: staging folders carry it, so a dead run's are recognisable. */
export function newRunId(): string {
  return `${process.pid}-${processStartTicks(process.pid) ?? '0'}-${randomBytes(4).toString('hex')}`;
}

/** Whether the run that named a folder `runId` ({@link newRunId}) is still alive; names of another shape are not runs. */
export function isRunAlive(runId: string): boolean {
  const match = /^(\d+)-(\d+)-[0-9a-f]{8}$/.exec(runId);
  if (!match) return false;
  return isProcessAlive(Number(match[1]), match[2] === '0' ? undefined : match[2]);
}

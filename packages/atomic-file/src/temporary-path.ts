import { randomBytes } from 'node:crypto';
import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { processAlive } from './process-alive.ts';

/**
 * A fresh temporary path beside `file`, `.<name>.<pid>.<hex>.tmp`, after removing those that killed writers left
 * there: a process that is killed cannot clean up, and its half-written file would otherwise stay forever. The
 * target itself is never touched, nor is the temporary file of a process that still runs.
 */
export async function temporaryPathBeside(file: string): Promise<string> {
  const dir = path.dirname(file);
  const base = path.basename(file);
  const stale = new RegExp(`^\\.${base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.(\\d+)\\.[0-9a-f]+\\.tmp$`);
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    const pid = stale.exec(name)?.[1];
    if (pid !== undefined && !processAlive(Number(pid))) await rm(path.join(dir, name), { force: true }).catch(() => undefined);
  }
  return path.join(dir, `.${base}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

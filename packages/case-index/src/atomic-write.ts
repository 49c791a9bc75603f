import { randomBytes } from 'node:crypto';
import { open, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';

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

/** Whether a process with this id runs on this machine (one we may not signal runs too). */
function processAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Writes a file so readers see the old content or the new one, never half of it: the data goes to a temporary file
 * in the same folder, is flushed to disk, and is renamed over the target.
 */
export async function writeFileAtomic(file: string, data: string | Uint8Array | Iterable<string>): Promise<void> {
  const temporary = await temporaryPathBeside(file);
  const handle = await open(temporary, 'w');
  try {
    if (typeof data === 'string' || data instanceof Uint8Array) {
      await handle.writeFile(data);
    } else {
      // Large outputs arrive in chunks (a ledger line per case) so they never have to fit in one string.
      let buffered = '';
      for (const chunk of data) {
        buffered += chunk;
        if (buffered.length >= 1 << 20) {
          await handle.write(buffered);
          buffered = '';
        }
      }
      if (buffered) await handle.write(buffered);
    }
    await handle.sync();
  } catch (error) {
    await handle.close().catch(() => undefined);
    await rm(temporary, { force: true });
    throw error;
  }
  await handle.close();
  try {
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

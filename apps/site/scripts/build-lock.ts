// One build at a time per output folder. The lock file is created complete (written aside, then hard-linked into
// place, which fails if a lock exists), holds the pid and start time of its holder, and is taken over only when
// that process is gone: a killed build never blocks the next one.
import { link, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { isProcessAlive, processStartTicks } from './build-run.ts';

/** What a lock file records about its holder. */
interface Holder {
  pid: number;
  startTicks?: string;
  host: string;
  started: string;
  command: string;
}

/** Raised when the lock stays held longer than the caller is willing to wait. */
export class LockBusyError extends Error {}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function readHolder(file: string): Promise<Holder | undefined> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as Holder;
  } catch {
    return undefined;
  }
}

const describe = (holder: Holder, file: string) => `pid ${holder.pid} on ${holder.host}, started ${holder.started} (${file})`;

/** Whether the holder still runs; a lock from another host is never judged dead from here. */
const holderAlive = (holder: Holder) => holder.host !== hostname() || isProcessAlive(holder.pid, holder.startTicks);

/**
 * Takes the lock `file`, waiting up to `waitMs` for a live holder to finish (telling the user once who holds it).
 * Resolves with a function that releases it. Throws {@link LockBusyError} naming the holder when the wait runs out.
 */
export async function acquireLock(file: string, waitMs: number, log: (line: string) => void): Promise<() => Promise<void>> {
  const me: Holder = { pid: process.pid, startTicks: processStartTicks(process.pid), host: hostname(), started: new Date().toISOString(), command: process.argv.slice(1).join(' ') };
  const mine = `${file}.${process.pid}`;
  await writeFile(mine, `${JSON.stringify(me)}\n`);
  const deadline = Date.now() + waitMs;
  let told = false;
  try {
    for (;;) {
      try {
        await link(mine, file);
        break;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const holder = await readHolder(file);
      if (holder === undefined || !holderAlive(holder)) {
        await breakStaleLock(file, holder, log);
        continue;
      }
      if (Date.now() >= deadline) throw new LockBusyError(`Another build holds the lock: ${describe(holder, file)}. Wait for it to finish, or stop it (kill ${holder.pid}).`);
      if (!told) log(`Waiting for another build to finish: ${describe(holder, file)}`);
      told = true;
      await sleep(250);
    }
  } finally {
    await rm(mine, { force: true });
  }
  return async () => {
    const holder = await readHolder(file);
    if (holder?.pid === me.pid && holder.startTicks === me.startTicks) await rm(file, { force: true });
  };
}

/**
 * Removes a lock whose holder is gone. Two builds may judge the same lock stale at once: each moves it aside first
 * (only one move succeeds), and puts it back if what it moved turns out to be a live build's fresh lock.
 */
async function breakStaleLock(file: string, judged: Holder | undefined, log: (line: string) => void): Promise<void> {
  const aside = `${file}.stale.${process.pid}`;
  try {
    await rename(file, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  const moved = await readHolder(aside);
  if (moved && holderAlive(moved) && moved.pid !== judged?.pid) {
    await link(aside, file).catch(() => undefined);
  } else if (judged) {
    log(`Took over the lock of a build that is no longer running (pid ${judged.pid}, started ${judged.started}).`);
  }
  await rm(aside, { force: true });
}

// Indexes one site with Pagefind in a Node process of its own, so the two sites can index at once: a Pagefind service
// keeps about one core busy, and a Node process has one service (closing it ends every index of that process).
// Options and result travel over the IPC channel; Pagefind's own output stays on stderr.
import { fork } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { indexSite, type IndexOptions, type IndexResult } from './pagefind-index.ts';

type Reply = { result: IndexResult } | { error: string };

/** {@link indexSite} of `dir` in a child process; rejects with the child's message when it fails or dies. */
export function indexSiteInChild(dir: string, options: IndexOptions): Promise<IndexResult> {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(import.meta.url), [dir], { stdio: ['ignore', 'inherit', 'pipe', 'ipc'] });
    let stderr = '';
    let reply: Reply | undefined;
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk));
    child.on('message', (message: Reply) => (reply = message));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (reply && 'result' in reply && code === 0) return resolve(reply.result);
      const reason = reply && 'error' in reply ? reply.error : `Pagefind of ${dir} stopped (${signal ?? `exit code ${code}`})`;
      reject(new Error(stderr.trim() ? `${reason}\n${stderr.trim()}` : reason));
    });
    child.send(options);
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.once('message', async (options: IndexOptions) => {
    let reply: Reply;
    try {
      reply = { result: await indexSite(process.argv[2]!, options) };
    } catch (error) {
      reply = { error: error instanceof Error ? error.message : String(error) };
    }
    await childrenEnded(5000);
    process.send!(reply, () => process.exit('result' in reply ? 0 : 1));
  });
}

/**
 * Waits (at most `ms`) until this process has no child left. Pagefind's service binary is killed when the index
 * closes but not waited for: exiting at once left it to end as an orphan, so its CPU time (most of this step's) was
 * counted to no process of the build, and the bench showed it as other processes' load.
 */
async function childrenEnded(ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (hasChildren() && Date.now() < deadline) await sleep(10);
}

function hasChildren(): boolean {
  try {
    return readdirSync(`/proc/${process.pid}/task`).some((task) => readFileSync(`/proc/${process.pid}/task/${task}/children`, 'utf8').trim() !== '');
  } catch {
    return false; // No /proc (not Linux): nothing to wait for that could be counted.
  }
}

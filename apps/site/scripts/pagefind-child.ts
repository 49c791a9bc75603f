// Indexes one site with Pagefind in a Node process of its own, so the two sites can index at once: a Pagefind service
// keeps about one core busy, and a Node process has one service (closing it ends every index of that process).
// Options and result travel over the IPC channel; Pagefind's own output stays on stderr.
import { fork } from 'node:child_process';
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
    process.send!(reply, () => process.exit('result' in reply ? 0 : 1));
  });
}

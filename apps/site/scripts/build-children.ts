// The processes of a build: every child (validation, the two Astro processes, Pagefind) is found through /proc and
// stopped with the build, Node children end themselves when the build dies without a chance to stop them
// (SIGKILL), and the build stops itself when `npm run build` or turbo above it is killed.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

/** NODE_OPTIONS for the build's Node children: they exit as soon as the build process is gone. */
export function nodeOptionsForChildren(): string {
  const flag = `--import=${pathToFileURL(path.join(here, 'exit-with-parent.ts')).href}`;
  return [process.env.NODE_OPTIONS, flag].filter(Boolean).join(' ');
}

/** A process's parent and command name; undefined once it is gone (a zombie counts as gone). */
function parentOf(pid: number): { ppid: number; comm: string } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (state === 'Z' || state === 'X') return undefined;
    return { ppid: Number(ppid), comm };
  } catch {
    return undefined;
  }
}

/** Every live descendant of this process, children first. */
export function descendants(root = process.pid): number[] {
  const children = new Map<number, number[]>();
  let names: string[] = [];
  try {
    names = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return [];
  }
  for (const name of names) {
    const info = parentOf(Number(name));
    if (info) children.set(info.ppid, [...(children.get(info.ppid) ?? []), Number(name)]);
  }
  const found: number[] = [];
  const queue = [root];
  while (queue.length > 0) {
    for (const child of children.get(queue.shift()!) ?? []) {
      found.push(child);
      queue.push(child);
    }
  }
  return found;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function signal(pid: number, name: NodeJS.Signals | 0): boolean {
  try {
    process.kill(pid, name);
    return true;
  } catch {
    return false;
  }
}

/** Stops every descendant: SIGTERM, then SIGKILL for what still runs after `graceMs`. */
export async function stopDescendants(graceMs = 2000): Promise<void> {
  const pids = descendants();
  for (const pid of pids) signal(pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline && pids.some((pid) => parentOf(pid) !== undefined)) await sleep(50);
  for (const pid of descendants()) signal(pid, 'SIGKILL');
  for (const pid of pids) signal(pid, 'SIGKILL');
}

// The processes of `npm run build` above this one: npm, the shell it runs scripts in, turbo and its Node launcher,
// or a test runner. The user's own shell and what runs it are not watched.
const LAUNCHER = /^(?:npm|npx|node|sh|turbo|MainThread|vitest)/;

/** The pids of the launchers above this process ({@link LAUNCHER}), nearest first. */
function launchers(): Array<{ pid: number; comm: string }> {
  const found: Array<{ pid: number; comm: string }> = [];
  let pid = process.ppid;
  while (pid > 1) {
    const info = parentOf(pid);
    if (!info || !LAUNCHER.test(info.comm)) break;
    found.push({ pid, comm: info.comm });
    pid = info.ppid;
  }
  return found;
}

/**
 * Calls `onGone` once when a launcher above this build dies (say `npm run build` got SIGKILL and left turbo and this
 * build running): a build nobody waits for must not publish later.
 */
export function watchLaunchers(onGone: (comm: string, pid: number) => void): void {
  const watched = launchers();
  const timer = setInterval(() => {
    const gone = watched.find(({ pid }) => parentOf(pid) === undefined);
    if (gone) {
      clearInterval(timer);
      onGone(gone.comm, gone.pid);
    }
  }, 200);
  timer.unref();
}

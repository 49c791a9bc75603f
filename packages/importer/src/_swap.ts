// Replacing a folder so that readers (and a later run) see the old folder or the new one, never half of one.
//
// The new folder is written to a staging sibling, `<dest>.importing.<pid>.<hex>`, and swapped in with two renames:
// `<dest>` → `<dest>.replaced.<pid>.<hex>`, staging → `<dest>`. A process that is killed cannot clean up after itself,
// so every run first looks for the siblings of processes that are gone: a staging folder is deleted (the old `<dest>`
// is still in place), and a `.replaced` folder goes back to `<dest>` when a kill between the two renames left no
// `<dest>` (else it is deleted: the swap had finished). Siblings of a process that still runs are left alone.

import { randomBytes } from 'node:crypto';
import { readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { processAlive } from '@nimbus/atomic-file';

/** `importing` or `replaced`, then the writer's process id; without them, a sibling of an older version of the importer. */
const SIBLING = /^(importing|replaced)(?:\.(\d+)\.[0-9a-f]+)?$/;

const isFolder = (file: string) => stat(file).then((info) => info.isDirectory(), () => false);
const exists = (file: string) => stat(file).then(() => true, () => false);

/** Puts back what a killed run left beside `target` (see the top of this file). Never throws for a folder it cannot read. */
export async function recoverInterrupted(target: string): Promise<void> {
  const parent = path.dirname(target);
  const prefix = `${path.basename(target)}.`;
  const names = await readdir(parent).catch(() => [] as string[]);
  const stale = names
    .filter((name) => name.startsWith(prefix))
    .map((name) => ({ file: path.join(parent, name), match: SIBLING.exec(name.slice(prefix.length)) }))
    .filter(({ match }) => match && (match[2] === undefined || !processAlive(Number(match[2]))))
    .sort((a, b) => (a.file < b.file ? -1 : 1));
  // The previous output first: it is the only copy of it.
  for (const { file, match } of stale) {
    if (match![1] !== 'replaced') continue;
    if (!(await exists(target))) await rename(file, target);
    else if (await isFolder(target)) await rm(file, { recursive: true, force: true });
  }
  for (const { file, match } of stale) if (match![1] === 'importing') await rm(file, { recursive: true, force: true });
}

/** A fresh staging folder name beside `target`, owned by this process. */
export function stagingFolder(target: string): string {
  return `${target}.importing.${process.pid}.${randomBytes(4).toString('hex')}`;
}

/**
 * Replaces `target` (if it exists) by the complete folder `staging`. Between the two renames a kill leaves
 * `<target>.replaced.…`, which {@link recoverInterrupted} puts back; a failure here puts it back at once.
 */
export async function swapIn(staging: string, target: string): Promise<void> {
  const old = `${target}.replaced.${process.pid}.${randomBytes(4).toString('hex')}`;
  const existed = await rename(target, old).then(
    () => true,
    (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return false;
      throw error;
    },
  );
  try {
    await rename(staging, target);
  } catch (error) {
    if (existed) await rename(old, target).catch(() => undefined);
    throw error;
  }
  // The swap is done; an old folder that cannot be deleted now is deleted by the next run.
  if (existed) await rm(old, { recursive: true, force: true }).catch(() => undefined);
}

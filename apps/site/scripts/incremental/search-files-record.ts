// Writes a site's search-index files and keeps a record of them (name → hash and size, and the folder they went to)
// beside the token cache, so the next build hard-links every file whose bytes it would write again from the folder
// the last build wrote them to, instead of writing it: after a one-article edit about 92% of the files are the same
// bytes, and creating a file costs far more than linking one (about 0.25 ms against 0.015 ms of system time here).
// Builds in the store are never written after they are complete (site-output.ts), and the record is saved only after
// every file was written, so a file still at a recorded path holds the recorded bytes. A file that is gone (a pruned
// build), of another size, or that cannot be linked is written instead; an unreadable record or one of another build
// fingerprint links nothing. The record keeps the last two builds that wrote files, newest first: a build killed after
// this step (its folder removed) does not hide the published build's files from the next one.
import { createHash } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomicSync } from '@nimbus/atomic-file';

/** What a build wrote: the folder of its files, and each file's hash and size by name. */
interface WrittenBuild {
  dir: string;
  files: Record<string, [hash: string, size: number]>;
}

interface StoredRecord {
  key: string;
  /** Newest first. */
  builds: WrittenBuild[];
}

/** Builds the record keeps. */
const KEPT = 2;

const hashOf = (body: Uint8Array | string) => createHash('sha256').update(body).digest('base64url');

/** Reads the record of the last build when it is whole and belongs to `key` (the build fingerprint). */
export function readRecord(file: string, key: string): StoredRecord | undefined {
  try {
    const stored = JSON.parse(readFileSync(file, 'utf8')) as Partial<StoredRecord> | null;
    if (stored?.key !== key || !Array.isArray(stored.builds)) return undefined;
    const whole = (build: Partial<WrittenBuild> | null) => typeof build?.dir === 'string' && typeof build.files === 'object' && build.files !== null;
    return stored.builds.every(whole) ? (stored as StoredRecord) : undefined;
  } catch {
    return undefined;
  }
}

/** How {@link writeFiles} placed the files: written, or linked from the last build. */
export interface FilesWritten {
  written: number;
  linked: number;
}

/**
 * Writes `files` into `dir` (which must not hold them yet), linking those the last build (`previous`) wrote with the
 * same bytes; then saves the record of this build in `recordFile`, atomically. Synchronous: thousands of small files
 * cost less without a promise each.
 */
export function writeFiles(dir: string, files: ReadonlyMap<string, Uint8Array | string>, recordFile: string, key: string, previous = readRecord(recordFile, key)): FilesWritten {
  mkdirSync(dir, { recursive: true });
  const written: WrittenBuild = { dir, files: {} };
  const earlier = (previous?.builds ?? []).filter((build) => build.dir !== dir && existsSync(build.dir));
  const counts: FilesWritten = { written: 0, linked: 0 };
  for (const [name, body] of files) {
    const hash = hashOf(body);
    const size = typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength;
    const target = path.join(dir, name);
    written.files[name] = [hash, size];
    const source = earlier.find((build) => Object.hasOwn(build.files, name) && build.files[name]![0] === hash && build.files[name]![1] === size && linkFrom(path.join(build.dir, name), target, size));
    if (source) {
      counts.linked++;
      continue;
    }
    writeFileSync(target, body);
    counts.written++;
  }
  saveRecord(recordFile, { key, builds: [written, ...earlier].slice(0, KEPT) });
  return counts;
}

/** Links `from` to `to` when `from` is there with `size` bytes; false (nothing made) otherwise. */
function linkFrom(from: string, to: string, size: number): boolean {
  try {
    if (statSync(from).size !== size) return false;
    linkSync(from, to);
    return true;
  } catch {
    return false;
  }
}

function saveRecord(file: string, record: StoredRecord): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileAtomicSync(file, JSON.stringify(record));
}

// Writes a site's search-index files and keeps a record of them (name → hash and size, and the folder they went to)
// beside the token cache, so the next build hard-links every file whose bytes it would write again from the folder
// the last build wrote them to, instead of writing it: after a one-article edit about 92% of the files are the same
// bytes, and creating a file costs far more than linking one (about 0.25 ms against 0.015 ms of system time here).
// Builds in the store are never written after they are complete (site-output.ts), and the record is saved only after
// every file was written, so a file still at a recorded path holds the recorded bytes. A file that is gone (a pruned
// build), of another size, or that cannot be linked is written instead; an unreadable record or one of another build
// fingerprint links nothing. The record keeps the last two builds that wrote files, newest first: a build killed after
// this step (its folder removed) does not hide the published build's files from the next one.
// Each build is recorded with the hash of what its index was built from and its manifest: a build whose inputs are
// those of a recorded build (an edit the search index does not read, such as a related-links section) links all of
// that build's files and builds nothing (reuseIndex).
import { createHash } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomicSync } from '@nimbus/atomic-file';

/** What a build wrote: the folder of its files, and each file's hash and size by name. */
interface WrittenBuild {
  dir: string;
  files: Record<string, [hash: string, size: number]>;
  /** What its index was built from (a hash), and its manifest.json, when the build gave them. */
  inputs?: string;
  manifest?: string;
}

/** What a build's index was built from, and its manifest.json: recorded so a build of the same inputs reuses it. */
export interface IndexIdentity {
  inputs: string;
  manifest: string;
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
 * Writes `files` into `dir` (which must not hold them yet), linking those the last recorded build wrote with the
 * same bytes; then saves the record of this build in `recordFile`, atomically. Synchronous: thousands of small files
 * cost less without a promise each.
 */
export function writeFiles(dir: string, files: ReadonlyMap<string, Uint8Array | string>, recordFile: string, key: string, identity?: IndexIdentity): FilesWritten {
  const writer = new IndexFilesWriter(dir, { file: recordFile, key });
  for (const [name, body] of files) writer.add(name, body);
  return writer.finish(dir, identity);
}

/** Where {@link IndexFilesWriter} keeps its record: the file, and the build fingerprint it belongs to. */
export interface RecordPlace {
  file: string;
  key: string;
}

/**
 * Writes an index's files one at a time as they are made, into a folder whose final name (the index's content hash)
 * is known only once all are: `dir` while writing, then {@link finish} renames it. With a record, each file whose
 * bytes the last build wrote is linked from there instead, and the record of this build is saved when it finishes.
 */
export class IndexFilesWriter {
  private readonly dir: string;
  private readonly record: RecordPlace | undefined;
  private readonly earlier: WrittenBuild[];
  private readonly files: WrittenBuild['files'] = {};
  private readonly counts: FilesWritten = { written: 0, linked: 0 };

  constructor(dir: string, record?: RecordPlace) {
    this.dir = dir;
    this.record = record;
    const previous = record && readRecord(record.file, record.key);
    this.earlier = (previous?.builds ?? []).filter((build) => build.dir !== dir && existsSync(build.dir));
    mkdirSync(dir, { recursive: true });
  }

  /** Writes (or links) the file `name` with `body`. */
  add(name: string, body: Uint8Array | string): void {
    const target = path.join(this.dir, name);
    if (this.record) {
      const hash = hashOf(body);
      const size = typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength;
      this.files[name] = [hash, size];
      const source = this.earlier.find((build) => Object.hasOwn(build.files, name) && build.files[name]![0] === hash && build.files[name]![1] === size && linkFrom(path.join(build.dir, name), target, size));
      if (source) {
        this.counts.linked++;
        return;
      }
    }
    writeFileSync(target, body);
    this.counts.written++;
  }

  /** Moves the files to `finalDir` (which must not exist yet, unless it is where they were written) and saves the record. */
  finish(finalDir: string, identity?: IndexIdentity): FilesWritten {
    if (finalDir !== this.dir) renameSync(this.dir, finalDir);
    if (this.record) {
      const written: WrittenBuild = { dir: finalDir, files: this.files, ...identity };
      saveRecord(this.record.file, { key: this.record.key, builds: [written, ...this.earlier.filter((build) => build.dir !== finalDir)].slice(0, KEPT) });
    }
    return { ...this.counts };
  }

  /** Removes what was written (a build that failed on the way). */
  discard(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/**
 * When a recorded build's index was built from `inputs`, links every one of its files into `root/<its base folder>`
 * (which must not hold them yet), records this build as the newest and returns that build's manifest.json and its
 * count of files; when none was, or one of its files is gone or not the recorded size, returns undefined and leaves
 * nothing in `root` (the caller builds the index).
 */
export function reuseIndex(root: string, recordFile: string, key: string, inputs: string, previous = readRecord(recordFile, key)): { manifest: string; files: number } | undefined {
  const same = previous?.builds.find((build) => build.inputs === inputs && build.manifest !== undefined && existsSync(build.dir));
  if (!same) return undefined;
  // The folder's name is the index's content hash (manifest.base): the same files, the same name.
  const dir = path.join(root, path.basename(same.dir));
  if (dir === same.dir) return undefined;
  mkdirSync(dir, { recursive: true });
  const names = Object.keys(same.files);
  if (!names.every((name) => linkFrom(path.join(same.dir, name), path.join(dir, name), same.files[name]![1]))) {
    rmSync(dir, { recursive: true, force: true });
    return undefined;
  }
  const earlier = previous!.builds.filter((build) => build.dir !== dir && existsSync(build.dir));
  saveRecord(recordFile, { key, builds: [{ ...same, dir }, ...earlier].slice(0, KEPT) });
  return { manifest: same.manifest!, files: names.length };
}

/**
 * A site reused whole is linked into a new build folder and the published one is pruned, taking with it the files
 * the record points at: the record's newest build is carried to where its files now are (`from`, the published
 * build's folder → `to`, this build's), so the next edit still links them. The published build stays second in the
 * record, for when this build does not publish.
 */
export function carryRecord(recordFile: string, key: string, from: string, to: string, previous = readRecord(recordFile, key)): boolean {
  const newest = previous?.builds[0];
  const relative = newest && path.relative(from, newest.dir);
  if (!newest || !relative || relative.startsWith('..') || path.isAbsolute(relative)) return false;
  saveRecord(recordFile, { key, builds: [{ ...newest, dir: path.join(to, relative) }, ...previous!.builds].slice(0, KEPT) });
  return true;
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

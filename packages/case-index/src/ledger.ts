import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { temporaryPathBeside } from './atomic-write.ts';
import type { LedgerEntry } from './link.ts';

/** A file written line by line that appears at its path only when complete (temporary file + rename). */
export interface AtomicLineWriter {
  /** Appends one line (the newline is added). */
  write(line: string): Promise<void>;
  /** Flushes, and renames the temporary file over the target. */
  commit(): Promise<void>;
  /** Deletes the temporary file; the target keeps its old content. */
  abort(): Promise<void>;
}

/** Opens an {@link AtomicLineWriter}: memory stays bounded however many lines are written. */
export async function openAtomicLineWriter(file: string): Promise<AtomicLineWriter> {
  const target = path.resolve(file);
  await mkdir(path.dirname(target), { recursive: true });
  const temporary = await temporaryPathBeside(target);
  const stream: WriteStream = createWriteStream(temporary, { flags: 'wx' });
  await once(stream, 'open');
  let failure: Error | undefined;
  stream.on('error', (error) => {
    failure = error;
  });
  let done = false;
  return {
    async write(line) {
      if (failure) throw failure;
      if (!stream.write(`${line}\n`)) await once(stream, 'drain');
    },
    async commit() {
      if (done) return;
      done = true;
      await new Promise<void>((resolve, reject) => {
        stream.end(() => (failure ? reject(failure) : resolve()));
      });
      try {
        await rename(temporary, target);
      } catch (error) {
        await rm(temporary, { force: true });
        throw error;
      }
    },
    async abort() {
      if (done) return;
      done = true;
      stream.destroy();
      await rm(temporary, { force: true });
    },
  };
}

/** Writes a whole ledger atomically: one JSON line per case, in the order given. */
export async function writeLedger(file: string, entries: Iterable<LedgerEntry> | AsyncIterable<LedgerEntry>): Promise<void> {
  const writer = await openAtomicLineWriter(file);
  try {
    for await (const entry of entries) await writer.write(JSON.stringify(entry));
    await writer.commit();
  } catch (error) {
    await writer.abort();
    throw error;
  }
}

/** Reads a ledger written by {@link writeLedger}. */
export async function readLedger(file: string): Promise<LedgerEntry[]> {
  const text = await readFile(file, 'utf8');
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as LedgerEntry);
}

import { readFile } from 'node:fs/promises';
import { openAtomicFile } from '@nimbus/atomic-file';
import type { LedgerEntry } from './link.ts';

/** A file written line by line that appears at its path only when complete (temporary file, fsync, rename). */
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
  const atomic = await openAtomicFile(file);
  return { write: (line) => atomic.write(`${line}\n`), commit: () => atomic.commit(), abort: () => atomic.abort() };
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

import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { temporaryPathBeside } from './temporary-path.ts';

/** A file written piece by piece that appears at its path only when complete (temporary file, fsync, rename). */
export interface AtomicFile {
  /** The temporary file's stream, for writers that take a stream; prefer `write`, which waits when it is full. */
  readonly stream: WriteStream;
  /** Appends `text`, waiting while the stream's buffer is full so memory stays bounded. */
  write(text: string): Promise<void>;
  /** Flushes to disk and renames the temporary file over the target; a second call does nothing. */
  commit(): Promise<void>;
  /** Deletes the temporary file; the target keeps its old content. */
  abort(): Promise<void>;
}

/** Opens an {@link AtomicFile} at `file`, creating its folder; stale temporary files of killed writers are removed. */
export async function openAtomicFile(file: string): Promise<AtomicFile> {
  const target = path.resolve(file);
  await mkdir(path.dirname(target), { recursive: true });
  const temporary = await temporaryPathBeside(target);
  // `flush`: the data is on disk before the rename makes it visible, so a crash cannot leave an empty file there.
  const stream = createWriteStream(temporary, { flags: 'wx', flush: true });
  await once(stream, 'open');
  let failure: Error | undefined;
  stream.on('error', (error) => {
    failure = error;
  });
  let done = false;
  return {
    stream,
    async write(text) {
      if (failure) throw failure;
      if (!stream.write(text)) await once(stream, 'drain');
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

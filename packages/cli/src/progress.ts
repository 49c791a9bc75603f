// Progress of long work on standard error, only on a terminal: a pipe or a log file gets the summary line alone.
import type { KbIO } from './io.ts';

/** A one-line progress display; every method does nothing when stderr is not a terminal. */
export interface Progress {
  /** Shows `done` (of `total`, when known). */
  update(done: number, total?: number): void;
  /** Clears the line, before the summary is printed. */
  end(): void;
}

/** Progress for `label` ("Converting articles"), redrawn at most every 100 ms. */
export function createProgress(io: KbIO, label: string): Progress {
  if (!io.stderr.isTTY) return { update() {}, end() {} };
  let last = 0;
  let shown = false;
  return {
    update(done, total) {
      const now = performance.now();
      if (now - last < 100 && done !== total) return;
      last = now;
      shown = true;
      io.stderr.write(`\r\u001b[K${label}: ${done.toLocaleString('en-US')}${total === undefined ? '' : ` of ${total.toLocaleString('en-US')}`}`);
    },
    end() {
      if (shown) io.stderr.write('\r\u001b[K');
      shown = false;
    },
  };
}

/** The same io, with every write to stderr clearing the progress line first, so messages never run into it. */
export function aboveProgress(io: KbIO, progress: Progress): KbIO {
  if (!io.stderr.isTTY) return io;
  // A proxy, not a new stream: writes stay synchronous and in order, and the stream keeps its own properties.
  const stderr = new Proxy(io.stderr, {
    get(target, property) {
      if (property === 'write') {
        return (...args: Parameters<KbIO['stderr']['write']>) => {
          progress.end();
          return target.write(...args);
        };
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { ...io, stderr };
}

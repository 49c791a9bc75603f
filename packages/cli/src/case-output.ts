// Output shared by `kb link`, `kb suggest` and `kb report`.
import type { RankedResult } from '@nimbus/case-index';
import type { KbWritable } from './io.ts';

/** Buffered standard output that stops quietly when the reader goes away (`kb link … | head -2`). */
export function createOutput(stream: KbWritable) {
  let buffer = '';
  let closed = false;
  // Set while the stream holds more than it wants (a slow reader of a pipe): the writer waits instead of queueing the
  // rest of a million cases' output in memory.
  let backedUp: Promise<void> | undefined;
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    closed = true;
  });
  const flush = () => {
    if (buffer && !closed && !stream.write(buffer)) {
      backedUp ??= new Promise((resolve) => {
        const done = () => {
          for (const event of ['drain', 'close', 'error']) stream.off(event, done);
          backedUp = undefined;
          resolve();
        };
        for (const event of ['drain', 'close', 'error']) stream.once(event, done);
      });
    }
    buffer = '';
  };
  return {
    get closed() {
      return closed;
    },
    write(text: string) {
      if (closed) return;
      buffer += text;
      if (buffer.length >= 1 << 16) flush();
    },
    flush,
    /** Resolves once the stream has taken what was written (at once unless it is backed up). */
    drained(): Promise<void> {
      return backedUp ?? Promise.resolve();
    },
  };
}

/** `text` on one line, cut to `length` characters with an ellipsis. */
export const clip = (text: string, length: number) => {
  const single = text.replace(/\s+/g, ' ').trim();
  return single.length > length ? `${single.slice(0, length - 1)}…` : single;
};

/** The evidence of a result in one line. */
export function evidenceText(result: RankedResult): string {
  const signatures = result.evidence.signatures.map((signature) => signature.text);
  const parts: string[] = [];
  if (signatures.length > 0) parts.push(`signatures: ${signatures.slice(0, 3).join(', ')}`);
  if (result.evidence.terms.length > 0) parts.push(`terms: ${result.evidence.terms.slice(0, 5).join(', ')}`);
  return parts.join('; ') || 'no shared terms';
}

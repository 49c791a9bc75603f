// What a command may touch of the outside world. Only `bin/kb.js` hands in the real process; tests hand in buffers.
import type { Readable, Writable } from 'node:stream';
import { stripVTControlCharacters } from 'node:util';
import type { CommandContext } from 'citty';

/** A stream that may be a terminal. */
export type KbWritable = Writable & { isTTY?: boolean; columns?: number };

/** The standard streams, environment and working folder of one `kb` run. */
export interface KbIO {
  stdin: Readable & { isTTY?: boolean };
  stdout: KbWritable;
  stderr: KbWritable;
  env: Readonly<Record<string, string | undefined>>;
  /** Folder relative paths are resolved against. */
  cwd: string;
}

/** The io of a command's context (`run()` passes it as citty's `data`). */
export function ioOf(context: Pick<CommandContext, 'data'>): KbIO {
  const io = context.data as KbIO | undefined;
  if (!io) throw new Error('kb command run without io: call it through run(argv, io)');
  return io;
}

/** Whether `stream` may get colour: a terminal, and `NO_COLOR` unset (https://no-color.org). */
export function colorEnabled(io: KbIO, stream: KbWritable): boolean {
  return Boolean(stream.isTTY) && !io.env.NO_COLOR && io.env.TERM !== 'dumb';
}

/** Writes `text` plus a newline, without colour codes unless the stream takes them. */
export function writeLine(io: KbIO, stream: KbWritable, text: string): void {
  stream.write(`${colorEnabled(io, stream) ? text : stripVTControlCharacters(text)}\n`);
}

/** One line on standard output. */
export const out = (io: KbIO, text: string) => writeLine(io, io.stdout, text);
/** One line on standard error. */
export const err = (io: KbIO, text: string) => writeLine(io, io.stderr, text);

// Runs `kb` in this process through run(argv, io): buffers for the streams, an explicit folder and environment.
import { Readable, Writable } from 'node:stream';
import { run } from '../src/main.ts';

/** What one run left: its exit code and everything it wrote. */
export interface KbResult {
  status: number;
  stdout: string;
  stderr: string;
}

/** Options of one in-process run. */
export interface KbOptions {
  cwd: string;
  /** The whole environment the command sees (default: none, so the tester's variables never leak in). */
  env?: Record<string, string | undefined>;
  /** Standard input (default: empty, not a terminal). */
  input?: string;
  /** Whether standard error claims to be a terminal (default: no). */
  stderrTTY?: boolean;
}

function collector(): { stream: Writable; text: () => string } {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
      callback();
    },
  });
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}

/** Runs one `kb` command line in-process. */
export async function kb(argv: readonly string[], options: KbOptions): Promise<KbResult> {
  const stdout = collector();
  const stderr = collector();
  if (options.stderrTTY) Object.assign(stderr.stream, { isTTY: true });
  const stdin = Readable.from(options.input === undefined ? [] : [Buffer.from(options.input)]);
  const status = await run(argv, { stdin, stdout: stdout.stream, stderr: stderr.stream, env: options.env ?? {}, cwd: options.cwd });
  return { status, stdout: stdout.text(), stderr: stderr.text() };
}

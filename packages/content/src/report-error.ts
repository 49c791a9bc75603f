import type { Point } from 'unist';
import type { VFile } from 'vfile';

/** Adds an error (a fatal message) to the file. */
export function reportError(file: VFile, reason: string, place: Point | undefined, ruleId: string): void {
  const message = file.message(reason, { place, ruleId, source: 'kb' });
  message.fatal = true;
}

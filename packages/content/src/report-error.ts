import type { Point } from 'unist';
import type { VFile } from 'vfile';
import { VFileMessage } from 'vfile-message';

/**
 * Adds an error (a fatal message) to the file. `cause` is a second location, as remark-lint gives one (the first
 * use of a duplicated id, say): a message of its own with its file and place, not words in the reason.
 */
export function reportError(file: VFile, reason: string, place: Point | undefined, ruleId: string, cause?: VFileMessage): void {
  const message = file.message(reason, { place, ruleId, source: 'kb', ...(cause ? { cause } : {}) });
  message.fatal = true;
}

/** A second location for a message's `cause`: `reason` at `place` of the file at `filePath`. */
export function secondLocation(filePath: string, reason: string, place: Point, ruleId: string): VFileMessage {
  const message = new VFileMessage(reason, { place, ruleId, source: 'kb' });
  message.file = filePath;
  return message;
}

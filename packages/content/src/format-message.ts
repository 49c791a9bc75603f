import type { VFileMessage } from 'vfile-message';

/** One problem as `path:line:col: error|warning: reason (rule-id)`, the format editors and CI annotations read. */
/** `filePath` replaces the message's own path, e.g. to make it relative to the working directory. */
export function formatMessage(message: VFileMessage, filePath: string = message.file ?? ''): string {
  const line = message.line ?? 1;
  const column = message.column ?? 1;
  const severity = message.fatal ? 'error' : 'warning';
  return `${filePath}:${line}:${column}: ${severity}: ${message.reason}${message.ruleId ? ` (${message.ruleId})` : ''}`;
}

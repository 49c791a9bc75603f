import type { VFileMessage } from 'vfile-message';
import { formatMessage } from '@nimbus/content';

export type ProblemFormat = 'text' | 'json' | 'github';

/** A message and the path to show for it. */
export interface LocatedMessage {
  message: VFileMessage;
  file: string;
}

// GitHub workflow commands need `%`, CR and LF escaped in data, plus `:` and `,` in properties.
const escapeData = (value: string) => value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (value: string) => escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C');

/** Renders problems as text lines, one JSON array, or GitHub workflow annotations. */
export function formatProblems(messages: readonly LocatedMessage[], format: ProblemFormat): string {
  if (format === 'json') {
    return JSON.stringify(
      messages.map(({ message, file }) => ({
        file,
        line: message.line ?? 1,
        column: message.column ?? 1,
        severity: message.fatal ? 'error' : 'warning',
        message: message.reason,
        ruleId: message.ruleId ?? null,
      })),
      null,
      2,
    );
  }
  if (format === 'github') {
    return messages
      .map(({ message, file }) => {
        const level = message.fatal ? 'error' : 'warning';
        return `::${level} file=${escapeProperty(file)},line=${message.line ?? 1},col=${message.column ?? 1},title=${escapeProperty(message.ruleId ?? 'kb')}::${escapeData(message.reason)}`;
      })
      .join('\n');
  }
  return messages.map(({ message, file }) => formatMessage(message, file)).join('\n');
}

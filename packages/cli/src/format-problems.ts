import { VFileMessage } from 'vfile-message';
import { formatMessage } from '@nimbus/content';
import { ruleUrlOf } from './check-rules.ts';

export type ProblemFormat = 'text' | 'json' | 'github';

/** A message and the path to show for it. */
export interface LocatedMessage {
  message: VFileMessage;
  file: string;
  /** The path to show for the file of the message's second location (`cause`), when it has one. */
  causeFile?: string;
}

/** The second location of a message (remark-lint's `cause`), for the JSON output. */
function causeOf(message: VFileMessage, file: string | undefined) {
  const cause = message.cause;
  if (!(cause instanceof VFileMessage)) return undefined;
  return { file: file ?? cause.file ?? null, line: cause.line ?? 1, column: cause.column ?? 1, message: cause.reason };
}

// GitHub workflow commands need `%`, CR and LF escaped in data, plus `:` and `,` in properties.
const escapeData = (value: string) => value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (value: string) => escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C');

/** Renders problems as text lines, one JSON array (with each rule's `url`), or GitHub workflow annotations. */
export function formatProblems(messages: readonly LocatedMessage[], format: ProblemFormat): string {
  if (format === 'json') {
    return JSON.stringify(
      messages.map(({ message, file, causeFile }) => {
        const cause = causeOf(message, causeFile);
        return {
        file,
        line: message.line ?? 1,
        column: message.column ?? 1,
        severity: message.fatal ? 'error' : 'warning',
        message: message.reason,
        ruleId: message.ruleId ?? null,
        // As remark-lint: the rule's documentation (its entry in CONTRIBUTING.md).
        url: message.url ?? ruleUrlOf(message.ruleId) ?? null,
        ...(cause ? { cause } : {}),
        };
      }),
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

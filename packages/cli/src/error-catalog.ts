// The named errors of `kb`, in the shape of Astro's AstroErrorData: a stable `name` (what `run` and tests go by, never
// the English of a message), a `title` for documentation, a `message` where one wording serves every use, a `hint`
// printed on the line after the message, and the exit code. Errors the packages throw (the importer, the runbook
// walker, the index and shard readers) are listed under their class names, so an error that reaches `run` uncaught
// still leaves with its own code and not as an internal error.

/** One named error of the catalog. */
export interface KbErrorData {
  /** Stable identifier; for a package's error, its class name. */
  readonly name: string;
  /** What went wrong in a few words, for documentation (`kb --help` never prints it). */
  readonly title: string;
  /** The wording, where one fits every use. */
  readonly message?: (...args: never[]) => string;
  /** A second line after `kb: message`: what to do next. `command` is the command line's verbs (`kb link`). */
  readonly hint?: (command: string | undefined) => string | undefined;
  /** The exit code `kb` leaves with. */
  readonly exitCode: number;
}

/** Every named error of `kb` and of the packages it runs, by name. */
export const kbErrors = {
  UnknownCommand: { name: 'UnknownCommand', title: 'The command line names a verb kb does not have', exitCode: 1 },
  UnknownOption: { name: 'UnknownOption', title: 'The command line has a flag the verb does not take', exitCode: 1 },
  // citty's own argument errors carry its class name `CLIError`.
  CLIError: {
    name: 'CLIError',
    title: 'A required argument or option is missing',
    hint: (command) => (command ? `Run \`${command} --help\` for its arguments and options.` : undefined),
    exitCode: 1,
  },
  InvalidOption: { name: 'InvalidOption', title: 'An option has a value it does not take', message: (flag: string, value: string, expected: string) => `Unknown --${flag} \`${value}\`, expected ${expected}`, exitCode: 1 },
  InvalidDay: { name: 'InvalidDay', title: 'A day option is not written YYYY-MM-DD', message: (flag: string, value: string) => `Unexpected --${flag} \`${value}\`, expected YYYY-MM-DD`, exitCode: 1 },
  ConflictingOptions: { name: 'ConflictingOptions', title: 'Two options that exclude each other, or one that needs another', exitCode: 1 },
  MissingInput: { name: 'MissingInput', title: 'An input is missing: no argument, and no terminal to ask on', exitCode: 1 },
  NotFound: { name: 'NotFound', title: 'A file or folder given does not exist, or holds nothing to work on', exitCode: 1 },
  UnreadableCases: { name: 'UnreadableCases', title: 'The case export cannot be read', message: (file: string, code: string) => `Cannot read cases from ${file} (${code})`, exitCode: 1 },
  Unreadable: { name: 'Unreadable', title: 'A file or folder given cannot be read', exitCode: 1 },
  InvalidFile: { name: 'InvalidFile', title: 'A file given has content the command cannot use', exitCode: 1 },
  UnknownName: { name: 'UnknownName', title: 'An id or name (runbook, product, area, severity, parameter, gap) is not known', exitCode: 1 },
  InvalidContent: { name: 'InvalidContent', title: 'Content read or about to be written does not pass validation', exitCode: 1 },
  TargetExists: { name: 'TargetExists', title: 'The file to create exists already', exitCode: 1 },
  OutOfDate: { name: 'OutOfDate', title: 'A generated file differs from what its sources give (--check)', exitCode: 1 },
  ShardMismatch: { name: 'ShardMismatch', title: 'The shards of `kb link --merge` do not belong together', exitCode: 1 },
  Cancelled: { name: 'Cancelled', title: 'The user cancelled at a prompt; nothing was written', exitCode: 130 },
  ImportSourceError: { name: 'ImportSourceError', title: 'A source file of `kb import` cannot be imported as it is', exitCode: 1 },
  ImportTargetError: { name: 'ImportTargetError', title: 'The destination of `kb import` cannot be written', exitCode: 1 },
  ImportOwnerError: { name: 'ImportOwnerError', title: 'Source authors that no owner mapping covers', message: (reason: string) => `${reason}: map them with --owner-map FILE (author: "@org/team" per line), or give --owner TEAM for the rest`, exitCode: 1 },
  AnswersError: { name: 'AnswersError', title: 'An answers file of `kb runbook --answers` has a problem', exitCode: 1 },
  WalkError: { name: 'WalkError', title: 'A runbook walk cannot go on (a branch that does not exist, a loop)', exitCode: 1 },
  IndexFormatError: {
    name: 'IndexFormatError',
    title: 'A cached index is not an index of this version',
    hint: () => 'Delete the cache folder (node_modules/.cache/kb) or pass --index-cache off.',
    exitCode: 1,
  },
  InternalError: { name: 'InternalError', title: 'A bug in kb: anything the catalog does not name', exitCode: 70 },
} as const satisfies Record<string, KbErrorData>;

/** A name of the catalog. */
export type KbErrorName = keyof typeof kbErrors;

/** An error of the catalog, thrown by a command: printed as `kb: message` (and the hint), never with a stack trace. */
export class KbError extends Error {
  override readonly name: KbErrorName;
  /** The exit code of its catalog entry. */
  readonly exitCode: number;
  constructor(data: { readonly name: KbErrorName; readonly exitCode: number }, message: string) {
    super(message);
    this.name = data.name;
    this.exitCode = data.exitCode;
  }
}

/** The catalog entry of an error, by its name; `undefined` for an error the catalog does not know (a bug). */
export function errorData(error: unknown): KbErrorData | undefined {
  if (!(error instanceof Error) || !Object.hasOwn(kbErrors, error.name)) return undefined;
  const data = kbErrors[error.name as KbErrorName];
  return data.name === 'InternalError' ? undefined : data;
}

/** Entries of the catalog with a wording of their own. */
type Worded = { [K in KbErrorName]: (typeof kbErrors)[K] extends { message: (...args: infer A) => string } ? K : never }[KbErrorName];

/** An error of the catalog, worded by the entry's own `message`. */
export function kbError<K extends Worded>(data: (typeof kbErrors)[K], ...args: Parameters<(typeof kbErrors)[K]['message']>): KbError {
  const message = data.message as (...words: unknown[]) => string;
  return new KbError(data, message(...args));
}

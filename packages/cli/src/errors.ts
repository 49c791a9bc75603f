/** A problem the user can fix (bad input, unknown id): printed as one line, never with a stack trace. */
export class UserError extends Error {
  override name = 'UserError';
  /** Exit code to leave with. */
  readonly exitCode: number;
  constructor(message: string, exitCode = 1) {
    super(message);
    this.exitCode = exitCode;
  }
}

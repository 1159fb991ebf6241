/**
 * An error whose message is written for the operator: what happened, to what, and what
 * to do, in one line. Hosts print `message` and no stack; anything that is not an
 * OperatorError (or a known system error, see `describeStartupFailure`) is a bug.
 */
export class OperatorError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

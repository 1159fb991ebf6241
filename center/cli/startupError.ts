import { ConfigError } from '../config/loadCenterConfig';
import { CredentialInputError } from '../credentials/credentialService';
import { CenterStoreError, DuplicateIdError } from '../store/errors';

/** A reason the center cannot start or a command cannot run, already phrased for the operator. */
export class StartupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StartupError';
  }
}

/** The one line an operator sees for an error, and whether it is a known cause (else a bug: the stack goes to the log with MCV_LOG=debug). */
export function describeFailure(error: unknown): { line: string; known: boolean } {
  if (
    error instanceof StartupError ||
    error instanceof ConfigError ||
    error instanceof CenterStoreError ||
    error instanceof DuplicateIdError ||
    error instanceof CredentialInputError
  ) {
    return { line: error.message, known: true };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { line: `Unexpected error: ${message.split('\n')[0]}`, known: false };
}

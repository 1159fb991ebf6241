import type { SyncProblemCode } from '../../protocol/api/syncProblems';

/** A failed desk call: the center's error code (translated by the UI), or `unreachable`/`bad-answer`; the message is detail. */
export class DeskApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: SyncProblemCode,
    message: string,
  ) {
    super(message);
    this.name = 'DeskApiError';
  }
}

import type { CenterErrorCode } from '../../protocol/sync/centerErrors';

/** The codes an upload can be refused with (a subset of the center's catalog). */
export type UploadErrorCode = Extract<
  CenterErrorCode,
  'too-large' | 'not-found' | 'offset-mismatch' | 'beyond-length' | 'malformed' | 'checksum-mismatch' | 'conflict'
>;

/**
 * Why the upload domain refused a step (create, append, finish), with a code from the
 * center's catalog; the HTTP layer answers it with the code's status. `offset` is where
 * the center stands, for `offset-mismatch`.
 */
export class UploadError extends Error {
  constructor(
    readonly code: UploadErrorCode,
    message: string,
    readonly offset?: number,
  ) {
    super(message);
    this.name = 'UploadError';
  }
}

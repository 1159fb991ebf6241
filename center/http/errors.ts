import { CENTER_ERRORS, type CenterErrorCode } from '../../protocol/sync/centerErrors';

/**
 * An answer other than success, raised in a route handler and sent by the server as a
 * JSON `CenterError`; its status comes from the catalog (protocol/sync/centerErrors.ts).
 * Domain code (uploads, ingest) throws its own errors with catalog codes; the server
 * turns them into this.
 */
export class CenterHttpError extends Error {
  readonly status: number;
  readonly code: CenterErrorCode;
  /** Extra headers (e.g. `WWW-Authenticate`, `Allow`). */
  readonly headers: Readonly<Record<string, string>>;
  /** With `offset-mismatch`: the center's offset. */
  readonly offset: number | undefined;

  constructor(code: CenterErrorCode, message: string, options: { headers?: Record<string, string>; offset?: number } = {}) {
    super(message);
    this.name = 'CenterHttpError';
    this.code = code;
    this.status = CENTER_ERRORS[code].status;
    this.headers = options.headers ?? {};
    this.offset = options.offset;
  }
}

export const unauthorized = () =>
  new CenterHttpError('unauthorized', 'a valid bearer token is required', { headers: { 'www-authenticate': 'Bearer realm="mcv-center"' } });

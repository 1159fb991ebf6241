/**
 * The center's error catalog: every 4xx/5xx answer is a JSON `CenterError` with one of
 * these stable codes. Grep a code to find where it is raised; docs/center.md lists them.
 */
export const ERRORS = {
  malformed: 400,
  'beyond-length': 400,
  unauthorized: 401,
  forbidden: 403,
  'not-found': 404,
  'unknown-vehicle': 404,
  'method-not-allowed': 405,
  conflict: 409,
  'offset-mismatch': 409,
  'vehicle-revoked': 409,
  'down-mismatch': 409,
  'too-large': 413,
  'unsupported-media-type': 415,
  'checksum-mismatch': 422,
  internal: 500,
  'media-unavailable': 503,
  'store-full': 507,
} as const satisfies Record<string, number>;

export type ErrorCode = keyof typeof ERRORS;

/** An answer other than success, raised anywhere in a handler and sent by the server. */
export class CenterHttpError extends Error {
  readonly status: number;
  readonly code: ErrorCode;
  /** Extra headers (e.g. `WWW-Authenticate`, `Allow`). */
  readonly headers: Readonly<Record<string, string>>;
  /** With `offset-mismatch`: the center's offset. */
  readonly offset: number | undefined;

  constructor(code: ErrorCode, message: string, options: { headers?: Record<string, string>; offset?: number } = {}) {
    super(message);
    this.name = 'CenterHttpError';
    this.code = code;
    this.status = ERRORS[code];
    this.headers = options.headers ?? {};
    this.offset = options.offset;
  }
}

export const unauthorized = () =>
  new CenterHttpError('unauthorized', 'a valid bearer token is required', { headers: { 'www-authenticate': 'Bearer realm="mcv-center"' } });

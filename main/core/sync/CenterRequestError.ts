/**
 * Why a request to the center failed, sorted by what the sync engine should do about it:
 * `transient` (network, timeout, 5xx, and any answer that is not the center speaking
 * about this request — a proxy's 404, a captive portal's redirect: back off and retry),
 * `auth` (401/403, unknown vehicle: the token is wrong or revoked; retry slowly and tell
 * the operator), `center-full` (507), `refused` (the center's own error code saying this
 * request will never succeed as it is).
 */
export type FailureKind = 'transient' | 'auth' | 'center-full' | 'refused';

/** The center's codes (center/http/errors.ts) that refuse the content of a request, not the route to it. */
const REFUSAL_CODES: ReadonlySet<string> = new Set(['malformed', 'too-large', 'unsupported-media-type', 'conflict', 'beyond-length', 'checksum-mismatch', 'offset-mismatch', 'local-file']);

export class CenterRequestError extends Error {
  readonly kind: FailureKind;
  readonly status: number | undefined;
  /** The center's error code (`CenterError.code`), when it answered. */
  readonly code: string | undefined;
  /** The center's upload offset, with `offset-mismatch`. */
  readonly offset: number | undefined;

  constructor(kind: FailureKind, message: string, details: { status?: number; code?: string; offset?: number } = {}) {
    super(message);
    this.name = 'CenterRequestError';
    this.kind = kind;
    this.status = details.status;
    this.code = details.code;
    this.offset = details.offset;
  }

  static fromStatus(status: number, code: string | undefined, message: string, offset?: number): CenterRequestError {
    const kind: FailureKind =
      status === 401 || status === 403 || code === 'unknown-vehicle'
        ? 'auth'
        : status === 507
          ? 'center-full'
          : code !== undefined && REFUSAL_CODES.has(code)
            ? 'refused'
            : 'transient';
    return new CenterRequestError(kind, `center answered ${status}${code ? ` ${code}` : ''}: ${message}`, { status, ...(code ? { code } : {}), ...(offset !== undefined ? { offset } : {}) });
  }
}

import type { SyncProblemCode } from '../../../protocol/api/syncProblems';
import { CENTER_ERRORS, CenterErrorCode, type CenterErrorAction } from '../../../protocol/sync/centerErrors';

/**
 * Why a request to the center failed, sorted by what the sync engine should do about it
 * (the catalog's action, protocol/sync/centerErrors.ts): `transient` (network, timeout,
 * 5xx, and any answer that is not the center speaking about this request — a proxy's
 * 404, a captive portal's redirect: back off and retry), `auth` (the token is wrong or
 * revoked: retry slowly and tell the operator), `center-full`, `refused` (the center's
 * own code saying this request will never succeed as it is, or a file here that is gone).
 */
export type FailureKind = CenterErrorAction;

export class CenterRequestError extends Error {
  readonly kind: FailureKind;
  readonly status: number | undefined;
  /** The center's error code when it answered with one, else this side's (`unreachable`, `timeout`, …): what the UI translates. */
  readonly code: SyncProblemCode;
  /** The center's upload offset, with `offset-mismatch`. */
  readonly offset: number | undefined;

  constructor(kind: FailureKind, code: SyncProblemCode, message: string, details: { status?: number; offset?: number } = {}) {
    super(message);
    this.name = 'CenterRequestError';
    this.kind = kind;
    this.code = code;
    this.status = details.status;
    this.offset = details.offset;
  }

  /**
   * An answer that is not 2xx: the center's code (if its error body came with one of
   * the catalog's) decides; else the status — 401/403 and 507 mean what they say, and
   * anything else is not the center speaking about this request (`bad-answer`: a proxy,
   * a sign-in page), to try again later.
   */
  static fromStatus(status: number, code: string | undefined, message: string, offset?: number): CenterRequestError {
    const known = CenterErrorCode.safeParse(code);
    const [kind, shown]: [FailureKind, SyncProblemCode] = known.success
      ? [CENTER_ERRORS[known.data].action, known.data]
      : status === 401
        ? ['auth', 'unauthorized']
        : status === 403
          ? ['auth', 'forbidden']
          : status === 507
            ? ['center-full', 'store-full']
            : ['transient', 'bad-answer'];
    return new CenterRequestError(kind, shown, `center answered ${status}${code ? ` ${code}` : ''}: ${message}`, {
      status,
      ...(offset !== undefined ? { offset } : {}),
    });
  }
}

import { describe, expect, it } from 'vitest';
import { CenterRequestError } from '../../../../../main/core/sync/CenterRequestError';
import { CENTER_ERRORS, type CenterErrorCode } from '../../../../../protocol/sync/centerErrors';

const kind = (status: number, code?: string) => CenterRequestError.fromStatus(status, code, 'x').kind;

describe('CenterRequestError.fromStatus', () => {
  it('refuses for good only when the center itself names a problem with the request', () => {
    for (const code of ['malformed', 'too-large', 'unsupported-media-type', 'conflict', 'checksum-mismatch'])
      expect(kind(code === 'too-large' ? 413 : 400, code), code).toBe('refused');
  });

  it('takes anything that is not the center speaking about this request as passing trouble', () => {
    // A captive portal's redirect, a proxy's 404 or 405, a 4xx without the center's error body.
    expect(kind(302)).toBe('transient');
    expect(kind(404)).toBe('transient');
    expect(kind(404, 'not-found')).toBe('transient');
    expect(kind(405, 'method-not-allowed')).toBe('transient');
    expect(kind(400)).toBe('transient');
    expect(kind(413)).toBe('transient');
    expect(kind(502)).toBe('transient');
    expect(kind(429)).toBe('transient');
  });

  it('sorts token and disk troubles apart', () => {
    expect(kind(401, 'unauthorized')).toBe('auth');
    expect(kind(403)).toBe('auth');
    expect(kind(404, 'unknown-vehicle')).toBe('auth');
    expect(kind(507, 'store-full')).toBe('center-full');
    expect(CenterRequestError.fromStatus(409, 'offset-mismatch', 'moved', 4096)).toMatchObject({
      kind: 'refused',
      code: 'offset-mismatch',
      offset: 4096,
      status: 409,
    });
  });

  it("takes each of the center's codes as the catalog says, at the catalog's status", () => {
    for (const [code, { status, action }] of Object.entries(CENTER_ERRORS) as Array<
      [CenterErrorCode, (typeof CENTER_ERRORS)[CenterErrorCode]]
    >) {
      expect(CenterRequestError.fromStatus(status, code, 'x'), code).toMatchObject({ kind: action, code, status });
    }
  });

  it("does not take a code the catalog lacks (a proxy, a newer center) as the center's", () => {
    expect(CenterRequestError.fromStatus(400, 'no-such-code', 'x')).toMatchObject({ kind: 'transient', code: 'bad-answer' });
    expect(CenterRequestError.fromStatus(401, undefined, 'x')).toMatchObject({ kind: 'auth', code: 'unauthorized' });
  });
});

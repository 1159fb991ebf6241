import { z } from 'zod';

/**
 * What a sync client does about a center error: `refused` — this request will never
 * succeed as it is (the console parks the item and shows why); `auth` — the token is
 * wrong, unknown or revoked (retry rarely, tell the operator); `center-full` — the
 * center's disk is full (pause everything); `transient` — try again later.
 */
export const CenterErrorAction = z.enum(['refused', 'auth', 'center-full', 'transient']);
export type CenterErrorAction = z.infer<typeof CenterErrorAction>;

/**
 * The center's error catalog: every 4xx/5xx answer is a JSON `CenterError` with one of
 * these stable codes, its HTTP status, and what a sync client should do about it. The
 * center raises them (center/http/errors.ts), the console sorts its failures by them
 * (main/core/sync/CenterRequestError.ts), the renderer translates them
 * (`errors.center.<code>`), docs/center.md lists them.
 */
export const CENTER_ERRORS = {
  malformed: { status: 400, action: 'refused' },
  'beyond-length': { status: 400, action: 'refused' },
  'deadline-past': { status: 400, action: 'refused' },
  unauthorized: { status: 401, action: 'auth' },
  forbidden: { status: 403, action: 'auth' },
  /** A desk staff member asked for a vehicle outside their groups (or one that does not exist: the answer is the same). */
  'vehicle-not-in-your-groups': { status: 403, action: 'auth' },
  'not-found': { status: 404, action: 'transient' },
  'unknown-vehicle': { status: 404, action: 'auth' },
  'unknown-order': { status: 404, action: 'refused' },
  /** Desk: no such incident, or none the staff member may see. */
  'unknown-incident': { status: 404, action: 'refused' },
  'unknown-report': { status: 404, action: 'refused' },
  'method-not-allowed': { status: 405, action: 'transient' },
  /** The headers did not all arrive in time, or a body trickled in below the center's minimum rate. */
  'too-slow': { status: 408, action: 'transient' },
  conflict: { status: 409, action: 'refused' },
  'offset-mismatch': { status: 409, action: 'refused' },
  'vehicle-revoked': { status: 409, action: 'auth' },
  'down-mismatch': { status: 409, action: 'transient' },
  /** Desk: a follow-up request for an incident opened at the center that no vehicle has reported on. */
  'incident-without-vehicle': { status: 409, action: 'refused' },
  'too-large': { status: 413, action: 'refused' },
  'unsupported-media-type': { status: 415, action: 'refused' },
  'checksum-mismatch': { status: 422, action: 'refused' },
  internal: { status: 500, action: 'transient' },
  'media-unavailable': { status: 503, action: 'transient' },
  'store-full': { status: 507, action: 'center-full' },
} as const satisfies Record<string, { status: number; action: CenterErrorAction }>;

export type CenterErrorCode = keyof typeof CENTER_ERRORS;
export const CenterErrorCode = z.enum(Object.keys(CENTER_ERRORS) as [CenterErrorCode, ...CenterErrorCode[]]);

/**
 * Error body of every 4xx/5xx answer; `offset` comes with `offset-mismatch`. A code this
 * side does not know (a newer center) fails the parse: the client then goes by the HTTP
 * status alone.
 */
export const CenterError = z
  .object({ code: CenterErrorCode, message: z.string().max(1000), offset: z.number().int().min(0).optional() })
  .strict();
export type CenterError = z.infer<typeof CenterError>;

import { z } from 'zod';

/**
 * Error codes that cross the API. Stable strings: the renderer translates them
 * (`error.<code>`) and tests match on them.
 */
export const ApiErrorCode = z.enum([
  'BAD_REQUEST',
  'UNKNOWN_METHOD',
  'NOT_FOUND',
  'CONFLICT',
  'FORBIDDEN',
  'STORE_UNAVAILABLE',
  'UNAVAILABLE',
  'INTERNAL',
]);
export type ApiErrorCode = z.infer<typeof ApiErrorCode>;

export const ApiError = z.object({
  code: ApiErrorCode,
  message: z.string().max(2000),
  /** A finer code within `code`, for the UI's text: a map file's MapFileProblem (protocol/api/mapProblems.ts). */
  problem: z.string().max(64).optional(),
});
export type ApiError = z.infer<typeof ApiError>;

/** Result envelope used by every bridge: `{ok, value}` or `{ok: false, error}`. */
export const ApiResult = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: ApiError }),
]);
export type ApiResult = z.infer<typeof ApiResult>;

/** Thrown by API clients when the core answered with an error envelope. */
export class CoreApiError extends Error {
  readonly code: ApiErrorCode;
  readonly problem: string | undefined;
  constructor(error: ApiError) {
    super(error.message);
    this.name = 'CoreApiError';
    this.code = error.code;
    this.problem = error.problem;
  }
}

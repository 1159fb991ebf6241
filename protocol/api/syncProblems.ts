import { z } from 'zod';
import { CenterErrorCode } from '../sync/centerErrors';
import { DeferCode, RejectCode } from '../sync/items';

/**
 * Why a sync request failed on this side, with no code of the center's: the center
 * could not be reached, did not answer in time, the link stalled, the try was stopped
 * for a more urgent one, the answer was not the center's protocol, the file to upload
 * is gone here, the item cannot be encoded, this console's database failed, or anything else (a bug).
 */
export const LocalSyncFailure = z.enum([
  'unreachable',
  'timeout',
  'stalled',
  'cancelled',
  'bad-answer',
  'local-file',
  'unencodable',
  'store',
  'unexpected',
]);
export type LocalSyncFailure = z.infer<typeof LocalSyncFailure>;

/**
 * Every reason the console can show for a failed try or a parked item: the center's
 * error codes, its refusals and deferrals of single items, and this side's own. The
 * renderer translates each (`errors.sync.<code>`); the message beside it is detail only.
 */
export const SyncProblemCode = z.union([CenterErrorCode, RejectCode, DeferCode, LocalSyncFailure]);
export type SyncProblemCode = z.infer<typeof SyncProblemCode>;

/** A failed try as the outbox keeps it beside the item: `<code>: <message>`. */
export function storedProblem(code: SyncProblemCode, message: string): string {
  return `${code}: ${message}`;
}

/** A code kept on its own (the outbox's `last_error_code`), if this release still knows it. */
export function knownProblemCode(code: string | null): SyncProblemCode | null {
  const parsed = SyncProblemCode.safeParse(code);
  return parsed.success ? parsed.data : null;
}

/** The code at the start of a stored failure, when it is one of ours (rows from before the codes hold the message alone). */
export function storedProblemCode(stored: string | null): SyncProblemCode | null {
  const colon = stored?.indexOf(': ') ?? -1;
  if (stored === null || colon <= 0) return null;
  const parsed = SyncProblemCode.safeParse(stored.slice(0, colon));
  return parsed.success ? parsed.data : null;
}

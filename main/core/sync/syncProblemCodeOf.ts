import type { SyncProblemCode } from '../../../protocol/api/syncProblems';
import { DatabaseError } from '../../../platform/sqlite/DatabaseError';
import { CenterRequestError } from './CenterRequestError';

/** The code a failed sync try is shown by: the center's or the path's own, this console's store, or a bug. */
export function syncProblemCodeOf(error: unknown): SyncProblemCode {
  return error instanceof CenterRequestError ? error.code : error instanceof DatabaseError ? 'store' : 'unexpected';
}

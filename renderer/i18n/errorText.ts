import { ApiErrorCode, CoreApiError } from '../../protocol/api/errors';
import { MapFileProblem } from '../../protocol/api/mapProblems';
import { SyncProblemCode } from '../../protocol/api/syncProblems';

/**
 * An error as the UI shows it: a translation key chosen by the error's code (the core's
 * `errors.api.*`, a map file's `errors.map.*`, the center's and the sync path's `errors.center.*`), and the original
 * message — English, from the core, the center or the browser — as detail only.
 */
export interface ShownError {
  key: string;
  detail: string;
}

/** An error that carries a code of the center's catalog or of the sync path (the desk's calls). */
export interface CodedError {
  readonly code: SyncProblemCode;
}

/** The key for a sync problem code (a parked item's, a failed try's). */
export function syncProblemKey(code: string): string | undefined {
  return SyncProblemCode.safeParse(code).success ? `errors.center.${code}` : undefined;
}

/** What to show for any error; `fallbackKey` names what failed when the error has no known code. */
export function shownError(error: unknown, fallbackKey = 'errors.unexpected'): ShownError {
  const detail = error instanceof Error ? error.message : String(error);
  if (error instanceof CoreApiError && MapFileProblem.safeParse(error.problem).success)
    return { key: `errors.map.${error.problem}`, detail };
  if (error instanceof CoreApiError && ApiErrorCode.safeParse(error.code).success) return { key: `errors.api.${error.code}`, detail };
  const code = (error as Partial<CodedError> | null)?.code;
  const key = typeof code === 'string' ? syncProblemKey(code) : undefined;
  return { key: key ?? fallbackKey, detail };
}

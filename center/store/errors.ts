export type StoreProblem = 'locked' | 'in-use' | 'corrupt' | 'read-only' | 'full' | 'cannot-open' | 'too-new' | 'io';

const ADVICE: Record<StoreProblem, string> = {
  locked: 'the database is locked by another program; close it and start again',
  'in-use': 'another MCV center is already running on this data directory; stop it, or use another --data-dir',
  corrupt: 'the file is damaged or is not an MCV center database; move it aside (keep it for recovery) to start with an empty one',
  'read-only': 'the file or its folder cannot be written; check permissions and that the disk is not mounted read-only',
  full: 'the disk is full; free space on it',
  'cannot-open': 'the file cannot be opened; check that its folder exists and is writable',
  'too-new': 'the database was written by a newer MCV center; update the center to open it',
  io: 'the disk reported an input/output error; check the disk',
};

/**
 * A storage problem described for the operator: what happened, to which file, and what
 * to do, in one line. Startup prints `message`; no stack reaches the operator.
 */
export class CenterStoreError extends Error {
  readonly problem: StoreProblem;
  readonly location: string;
  override readonly cause: unknown;

  constructor(problem: StoreProblem, location: string, cause?: unknown) {
    const detail = cause instanceof Error && cause.message ? ` (${cause.message})` : '';
    super(`Database ${location}: ${ADVICE[problem]}${detail}`);
    this.name = 'CenterStoreError';
    this.problem = problem;
    this.location = location;
    this.cause = cause;
  }

  /** Classifies an error thrown by better-sqlite3 or the file system. */
  static from(error: unknown, location: string): CenterStoreError {
    if (error instanceof CenterStoreError) return error;
    const problem = classify(errorCode(error));
    return problem === 'full' ? new StoreFullError(location, error) : new CenterStoreError(problem, location, error);
  }
}

/** The disk under the store (database or attachment files) is full; nothing was half-written. HTTP 507. */
export class StoreFullError extends CenterStoreError {
  constructor(location: string, cause?: unknown) {
    super('full', location, cause);
    this.name = 'StoreFullError';
  }
}

/** A credential id that is already taken. */
export class DuplicateIdError extends Error {
  constructor(readonly role: string, readonly id: string) {
    super(`a ${role} with id "${id}" already exists (ids are never reused, even after revoking); choose another with --id`);
    this.name = 'DuplicateIdError';
  }
}

export function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : '';
}

/** True for a disk-full error from SQLite or the file system. */
export function isDiskFull(error: unknown): boolean {
  return classify(errorCode(error)) === 'full';
}

function classify(code: string): StoreProblem {
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return 'locked';
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') return 'corrupt';
  if (code.startsWith('SQLITE_READONLY') || code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return 'read-only';
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT') return 'full';
  if (code.startsWith('SQLITE_CANTOPEN') || code === 'ENOENT' || code === 'ENOTDIR') return 'cannot-open';
  return 'io';
}

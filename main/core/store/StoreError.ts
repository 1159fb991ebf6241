export type StoreProblem = 'locked' | 'corrupt' | 'read-only' | 'full' | 'cannot-open' | 'too-new' | 'io';

const ADVICE: Record<StoreProblem, string> = {
  locked: 'the database is in use by another MCV Console process; close it (or use another --data-dir) and start again',
  corrupt: 'the file is damaged or is not an MCV Console database; move it aside to start with an empty one, and keep it for recovery',
  'read-only': 'the file or its folder cannot be written; check permissions and that the disk is not mounted read-only',
  full: 'the disk is full; free space on it and the console will continue',
  'cannot-open': 'the file cannot be opened; check that its folder exists and is writable',
  'too-new': 'the database was written by a newer MCV Console; update the console to open it',
  io: 'the disk reported an input/output error; check the disk',
};

/**
 * A database problem described for the operator: what happened, to which file, and
 * what to do. Hosts print `message` in one line; no stack trace reaches the operator.
 */
export class StoreError extends Error {
  readonly problem: StoreProblem;
  readonly file: string;
  override readonly cause: unknown;

  constructor(problem: StoreProblem, file: string, cause?: unknown) {
    const detail = cause instanceof Error ? ` (${cause.message})` : '';
    super(`Database ${file}: ${ADVICE[problem]}${detail}`);
    this.name = 'StoreError';
    this.problem = problem;
    this.file = file;
    this.cause = cause;
  }

  /** Classifies an error thrown by better-sqlite3 or the file system. */
  static from(error: unknown, file: string): StoreError {
    if (error instanceof StoreError) return error;
    const code = (error as { code?: unknown } | null)?.code;
    return new StoreError(classify(typeof code === 'string' ? code : ''), file, error);
  }
}

function classify(code: string): StoreProblem {
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return 'locked';
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') return 'corrupt';
  if (code.startsWith('SQLITE_READONLY') || code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return 'read-only';
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT') return 'full';
  if (code.startsWith('SQLITE_CANTOPEN') || code === 'ENOENT' || code === 'ENOTDIR') return 'cannot-open';
  return 'io';
}

import { OperatorError } from '../OperatorError';

export type DatabaseProblem = 'locked' | 'in-use' | 'corrupt' | 'read-only' | 'full' | 'cannot-open' | 'too-new' | 'io';

/** What to do about each problem; `product` names the program ("MCV Console", "MCV center"). */
function advice(problem: DatabaseProblem, product: string): string {
  switch (problem) {
    case 'locked':
      return `the database is in use by another ${product} process; close it (or use another --data-dir) and start again`;
    case 'in-use':
      return `another ${product} is already running on this data directory; stop it, or use another --data-dir`;
    case 'corrupt':
      return `the file is damaged or is not an ${product} database; move it aside (keep it for recovery) to start with an empty one`;
    case 'read-only':
      return 'the file or its folder cannot be written; check permissions and that the disk is not mounted read-only';
    case 'full':
      return 'the disk is full; free space on it';
    case 'cannot-open':
      return 'the file cannot be opened; check that its folder exists and is writable';
    case 'too-new':
      return `the database was written by a newer ${product}; update this ${product} to open it`;
    case 'io':
      return 'the disk reported an input/output error; check the disk';
  }
}

/**
 * A database problem described for the operator: what happened, to which file, and
 * what to do, in one line. Hosts print `message`; no stack trace reaches the operator.
 */
export class DatabaseError extends OperatorError {
  readonly problem: DatabaseProblem;
  /** The database file (or the folder of files) concerned. */
  readonly file: string;

  constructor(problem: DatabaseProblem, file: string, product: string, cause?: unknown) {
    const detail = cause instanceof Error && cause.message ? ` (${cause.message})` : '';
    super(`Database ${file}: ${advice(problem, product)}${detail}`, { cause });
    this.problem = problem;
    this.file = file;
  }

  /** Classifies an error thrown by better-sqlite3 or the file system; a DatabaseError passes through. */
  static from(error: unknown, file: string, product: string): DatabaseError {
    if (error instanceof DatabaseError) return error;
    return new DatabaseError(classifyDatabaseError(error), file, product, error);
  }
}

/** The `code` of an error from SQLite or the file system, or ''. */
export function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : '';
}

/** True for a disk-full error from SQLite or the file system. */
export function isDiskFull(error: unknown): boolean {
  return classifyDatabaseError(error) === 'full' || (error instanceof DatabaseError && error.problem === 'full');
}

export function classifyDatabaseError(error: unknown): DatabaseProblem {
  if (error instanceof DatabaseError) return error.problem;
  const code = errorCode(error);
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return 'locked';
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') return 'corrupt';
  if (code.startsWith('SQLITE_READONLY') || code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return 'read-only';
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT') return 'full';
  if (code.startsWith('SQLITE_CANTOPEN') || code === 'ENOENT' || code === 'ENOTDIR') return 'cannot-open';
  return 'io';
}

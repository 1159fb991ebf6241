import { accessSync, constants, existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import DatabaseConstructor, { type Database } from 'better-sqlite3';
import { DatabaseError } from './DatabaseError';
import { migrate, SchemaTooNewError, type Migration } from './migrations';

export interface OpenDatabaseOptions {
  /** Path of the SQLite file; created with its folder if missing. */
  file: string;
  /** Who owns the file, for messages: "MCV Console", "MCV center". */
  product: string;
  migrations: readonly Migration[];
  /** How long a statement waits for a lock another connection holds. */
  busyTimeoutMs: number;
  /**
   * Hold SQLite's lock for the life of the connection (`locking_mode=EXCLUSIVE`): a
   * second process on the same file fails at once with "in use" instead of two writers
   * interleaving, and no other process can read the file meanwhile.
   */
  exclusive?: boolean;
}

/**
 * Opens a database the way every store here wants it: WAL with `synchronous=FULL` (a
 * vehicle loses power; better-sqlite3 defaults WAL to NORMAL), foreign keys, a bounded
 * WAL file, a `quick_check`, and the migrations applied. Throws DatabaseError with a
 * message for the operator naming the file.
 */
export function openDatabase(options: OpenDatabaseOptions): { db: Database; schemaVersion: number } {
  const { file, product } = options;
  let db: Database | undefined;
  try {
    mkdirSync(dirname(file), { recursive: true });
    // SQLite quietly falls back to read-only and then fails with an unhelpful I/O error
    // on the WAL, so ask the file system first. The WAL file needs a writable folder.
    accessSync(dirname(file), constants.W_OK);
    if (existsSync(file)) accessSync(file, constants.R_OK | constants.W_OK);
    db = new DatabaseConstructor(file, { timeout: options.busyTimeoutMs });
    if (options.exclusive) db.pragma('locking_mode = EXCLUSIVE');
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('journal_size_limit = 67108864');
    const quick = db.pragma('quick_check', { simple: true });
    if (quick !== 'ok') throw Object.assign(new Error(`quick_check: ${String(quick)}`), { code: 'SQLITE_CORRUPT' });
    return { db, schemaVersion: migrate(db, options.migrations) };
  } catch (error) {
    db?.close();
    if (error instanceof SchemaTooNewError) throw new DatabaseError('too-new', file, product, error);
    throw DatabaseError.from(error, file, product);
  }
}

/** Checkpoints the WAL into the main file and closes. A failed checkpoint loses nothing: the WAL is replayed at the next open. */
export function closeDatabase(db: Database): void {
  try {
    db.pragma('wal_checkpoint(TRUNCATE)');
  } catch {
    // see above
  }
  db.close();
}

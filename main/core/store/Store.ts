import { accessSync, constants, existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import DatabaseConstructor, { type Database } from 'better-sqlite3';
import { SchemaTooNewError, migrate } from './migrations/index';
import { StoreError } from './StoreError';

export interface StoreOptions {
  /** Path of the SQLite file; created with its folder if missing. */
  file: string;
  /** How long to wait for a lock held by a process that is just exiting. Default 2000 ms. */
  busyTimeoutMs?: number;
  /** better-sqlite3's compiled addon, when the host's ABI differs from Node's (Electron). */
  nativeBinding?: string;
}

/**
 * The console's SQLite database: WAL, `synchronous=FULL` (the vehicle loses power;
 * better-sqlite3 defaults WAL to NORMAL), one writer. The exclusive lock makes a second
 * console on the same data directory fail with a clear "in use" message instead of
 * two writers interleaving.
 */
export class Store {
  readonly file: string;
  readonly db: Database;
  readonly schemaVersion: number;
  #closed = false;

  private constructor(file: string, db: Database, schemaVersion: number) {
    this.file = file;
    this.db = db;
    this.schemaVersion = schemaVersion;
  }

  /** Opens (and migrates) the database. Throws StoreError with an operator-readable message. */
  static open(options: StoreOptions): Store {
    const { file, busyTimeoutMs = 2000, nativeBinding } = options;
    let db: Database | undefined;
    try {
      mkdirSync(dirname(file), { recursive: true });
      // SQLite quietly falls back to read-only and then fails with an unhelpful I/O error
      // on the WAL, so ask the file system first. The WAL file needs a writable folder.
      accessSync(dirname(file), constants.W_OK);
      if (existsSync(file)) accessSync(file, constants.R_OK | constants.W_OK);
      db = new DatabaseConstructor(file, { timeout: busyTimeoutMs, ...(nativeBinding ? { nativeBinding } : {}) });
      db.pragma('locking_mode = EXCLUSIVE');
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
      db.pragma('foreign_keys = ON');
      db.pragma('journal_size_limit = 67108864');
      const quick = db.pragma('quick_check', { simple: true });
      if (quick !== 'ok') throw Object.assign(new Error(`quick_check: ${String(quick)}`), { code: 'SQLITE_CORRUPT' });
      const version = migrate(db);
      return new Store(file, db, version);
    } catch (error) {
      db?.close();
      if (error instanceof SchemaTooNewError) throw new StoreError('too-new', file, error);
      throw StoreError.from(error, file);
    }
  }

  get closed(): boolean {
    return this.#closed;
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    try {
      this.db.pragma('wal_checkpoint(TRUNCATE)');
    } catch {
      // A failed checkpoint at exit loses nothing: the WAL is replayed on next open.
    }
    this.db.close();
  }
}

import type { Database } from 'better-sqlite3';
import { closeDatabase, openDatabase } from '../../../platform/sqlite/openDatabase';
import { MIGRATIONS } from './migrations/index';
import { STORE_PRODUCT } from './StoreError';

export interface StoreOptions {
  /** Path of the SQLite file; created with its folder if missing. */
  file: string;
  /** How long to wait for a lock held by a process that is just exiting. Default 2000 ms. */
  busyTimeoutMs?: number;
}

/**
 * The console's SQLite database (opened as every store here is: platform/sqlite), one
 * writer. Its lock is exclusive: a second console on the same data directory fails
 * with a clear "in use" message instead of two writers interleaving.
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

  /** Opens (and migrates) the database. Throws DatabaseError with an operator-readable message. */
  static open(options: StoreOptions): Store {
    const { db, schemaVersion } = openDatabase({
      file: options.file,
      product: STORE_PRODUCT,
      migrations: MIGRATIONS,
      busyTimeoutMs: options.busyTimeoutMs ?? 2000,
      exclusive: true,
    });
    return new Store(options.file, db, schemaVersion);
  }

  get closed(): boolean {
    return this.#closed;
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    closeDatabase(this.db);
  }
}

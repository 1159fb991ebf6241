import DatabaseConstructor, { type Database } from 'better-sqlite3';
import { DatabaseError } from '../../../platform/sqlite/DatabaseError';
import { CENTER_PRODUCT, centerStoreError } from '../errors';

/**
 * Keeps a second center off the same data directory. It holds an exclusive SQLite lock
 * on a small side file for the life of the process: the operating system drops it when
 * the process ends in any way (SIGKILL included), so there is no stale lock to clean
 * up. The main database stays in normal locking mode, so the CLI (`vehicles add`) and
 * `sqlite3 .backup` can use it while the center runs.
 */
export class InstanceLock {
  readonly #db: Database;
  #released = false;

  private constructor(db: Database) {
    this.#db = db;
  }

  /** Takes the lock or throws DatabaseError('in-use') naming the data file. */
  static acquire(lockFile: string, databaseFile: string): InstanceLock {
    let db: Database | undefined;
    try {
      db = new DatabaseConstructor(lockFile, { timeout: 500 });
      db.pragma('locking_mode = EXCLUSIVE');
      db.exec('CREATE TABLE IF NOT EXISTS holder (pid INTEGER NOT NULL, since INTEGER NOT NULL)');
      // The first write takes the exclusive lock; in EXCLUSIVE mode it is kept until close.
      db.transaction(() => {
        db!.exec('DELETE FROM holder');
        db!.prepare('INSERT INTO holder (pid, since) VALUES (?, ?)').run(process.pid, Date.now());
      }).exclusive();
      return new InstanceLock(db);
    } catch (error) {
      db?.close();
      const problem = centerStoreError(error, databaseFile);
      if (problem.problem === 'locked') throw new DatabaseError('in-use', databaseFile, CENTER_PRODUCT);
      throw problem;
    }
  }

  release(): void {
    if (this.#released) return;
    this.#released = true;
    this.#db.close();
  }
}

import type { Database } from 'better-sqlite3';

interface Unit {
  run(): Promise<unknown>;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

/** Most units in one transaction: bounds how long one commit holds the connection. */
const MAX_GROUP = 256;

/**
 * Group commit for units of work (one sync exchange each): units that arrive while a
 * commit is running are run together in the next transaction, each inside its own
 * SAVEPOINT, and share one COMMIT — one fsync (synchronous=FULL) for the group instead of
 * one per exchange. Under load the center's throughput was bound by that fsync (about
 * 3 ms here, blocking the event loop), and waiting exchanges queued behind it for
 * seconds (bench/RESULTS.md, center-load).
 *
 * Each unit keeps its own all-or-nothing: a unit that throws is rolled back to its
 * savepoint and rejected, the others commit. Nobody is answered before the COMMIT: when
 * it fails (a full disk), or when SQLite drops the whole transaction after an error,
 * every unit of the group is rejected, so no answer ever reports what is not durable.
 */
export class GroupCommit {
  readonly #db: Database;
  readonly #schedule: (run: () => Promise<void>) => Promise<void>;
  #waiting: Unit[] | undefined;
  /** Units run and transactions committed or tried, for the log at shutdown. */
  readonly stats = { units: 0, groups: 0 };

  /** `schedule` runs a group in its turn on the connection (the store's one-at-a-time queue). */
  constructor(db: Database, schedule: (run: () => Promise<void>) => Promise<void>) {
    this.#db = db;
    this.#schedule = schedule;
  }

  add<T>(run: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const unit: Unit = { run, resolve: resolve as (value: unknown) => void, reject };
      if (this.#waiting && this.#waiting.length < MAX_GROUP) {
        this.#waiting.push(unit);
        return;
      }
      const group = [unit];
      this.#waiting = group;
      // Wait for the rest of this turn of the event loop: requests that arrived together
      // (queued behind the last commit, which blocked the loop) join this group.
      setImmediate(() => {
        this.#schedule(async () => {
          // From here on, newcomers form the next group.
          if (this.#waiting === group) this.#waiting = undefined;
          await this.#commit(group);
        }).catch((error: unknown) => {
          for (const member of group) member.reject(error);
        });
      });
    });
  }

  async #commit(group: Unit[]): Promise<void> {
    const db = this.#db;
    const done: Array<{ unit: Unit; value: unknown }> = [];
    this.stats.groups++;
    this.stats.units += group.length;
    db.exec('BEGIN IMMEDIATE');
    try {
      for (const unit of group) {
        db.exec('SAVEPOINT unit');
        try {
          done.push({ unit, value: await unit.run() });
          db.exec('RELEASE unit');
        } catch (error) {
          // Some errors (a full disk, I/O) end the whole transaction: then nothing of the group stands.
          if (!db.inTransaction) throw error;
          db.exec('ROLLBACK TO unit');
          db.exec('RELEASE unit');
          unit.reject(error);
        }
      }
      db.exec('COMMIT');
    } catch (error) {
      if (db.inTransaction) db.exec('ROLLBACK');
      throw error;
    }
    for (const { unit, value } of done) unit.resolve(value);
  }
}

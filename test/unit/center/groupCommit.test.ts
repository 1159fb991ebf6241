import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { GroupCommit } from '../../../center/store/sqlite/GroupCommit';

function setup() {
  const db = new Database(':memory:');
  db.exec('CREATE TABLE t (v INTEGER UNIQUE)');
  let tail: Promise<unknown> = Promise.resolve();
  let groups = 0;
  const schedule = (run: () => Promise<void>) => {
    const next = tail.then(() => {
      groups++;
      return run();
    });
    tail = next.catch(() => undefined);
    return next;
  };
  const insert = (v: number) => () => Promise.resolve(db.prepare('INSERT INTO t (v) VALUES (?)').run(v).changes);
  const values = () => (db.prepare('SELECT v FROM t ORDER BY v').all() as Array<{ v: number }>).map((r) => r.v);
  return { db, commit: new GroupCommit(db, schedule), insert, values, groups: () => groups };
}

describe('GroupCommit', () => {
  it('commits units that wait together in one transaction, and answers none before the commit', async () => {
    const { db, commit, insert, values, groups } = setup();
    const seenInTx: boolean[] = [];
    const units = [1, 2, 3].map((v) => commit.add(insert(v)).then(() => seenInTx.push(db.inTransaction)));
    await Promise.all(units);
    expect(values()).toEqual([1, 2, 3]);
    expect(groups()).toBe(1);
    expect(seenInTx).toEqual([false, false, false]);
  });

  it('rolls back only the unit that throws; the others of its group commit', async () => {
    const { commit, insert, values } = setup();
    const results = await Promise.allSettled([
      commit.add(insert(1)),
      commit.add(async () => {
        await insert(2)();
        throw new Error('refused');
      }),
      commit.add(insert(3)),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(values()).toEqual([1, 3]);
  });

  it('rejects every unit of the group when the commit fails, and the next group starts clean', async () => {
    const { db, commit, insert, values } = setup();
    db.exec('CREATE TABLE p (id INTEGER PRIMARY KEY); CREATE TABLE c (p INTEGER REFERENCES p (id) DEFERRABLE INITIALLY DEFERRED)');
    db.pragma('foreign_keys = ON');
    const results = await Promise.allSettled([
      commit.add(insert(1)),
      commit.add(() => Promise.resolve(db.prepare('INSERT INTO c (p) VALUES (42)').run())),
    ]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(values()).toEqual([]);
    await commit.add(insert(5));
    expect(values()).toEqual([5]);
  });
});

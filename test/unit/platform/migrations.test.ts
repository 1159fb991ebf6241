import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion, type Migration } from '../../../platform/sqlite/migrations';

const tables = (db: Database.Database) =>
  (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as Array<{ name: string }>).map((r) => r.name);

describe('the migration runner (console and center)', () => {
  it('stop at a target version, so each step can be tested on its own', () => {
    const steps: Migration[] = [
      { version: 10, name: 'a', up: (db) => db.exec('CREATE TABLE a (x)') },
      { version: 20, name: 'b', up: (db) => db.exec('CREATE TABLE b (x)') },
    ];
    const db = new Database(':memory:');
    expect(migrate(db, steps, 10)).toBe(10);
    expect(tables(db)).toEqual(['a']);
    expect(migrate(db, steps, 20)).toBe(20);
    expect(tables(db)).toEqual(['a', 'b']);
  });

  it('roll back a failing step entirely', () => {
    const steps: Migration[] = [
      { version: 10, name: 'a', up: (db) => db.exec('CREATE TABLE a (x)') },
      {
        version: 20,
        name: 'broken',
        up: (db) => {
          db.exec('CREATE TABLE b (x)');
          throw new Error('boom');
        },
      },
    ];
    const db = new Database(':memory:');
    expect(() => migrate(db, steps, 20)).toThrow('boom');
    expect(schemaVersion(db)).toBe(0);
    expect(tables(db)).toEqual([]);
  });

  it('refuse an out-of-order migration list', () => {
    const db = new Database(':memory:');
    const steps: Migration[] = [
      { version: 20, name: 'b', up: () => {} },
      { version: 10, name: 'a', up: () => {} },
    ];
    expect(() => migrate(db, steps, 20)).toThrow(/out of order/);
  });
});

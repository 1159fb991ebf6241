import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION, MIGRATIONS, SchemaTooNewError, migrate, schemaVersion } from '../../../../../main/core/store/migrations/index';
import type { Migration } from '../../../../../main/core/store/migrations/migration';

const tables = (db: Database.Database) =>
  (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as Array<{ name: string }>).map((r) => r.name);

describe('migrations', () => {
  it('bring an empty database to the latest version and record it in user_version', () => {
    const db = new Database(':memory:');
    expect(schemaVersion(db)).toBe(0);
    expect(migrate(db)).toBe(LATEST_SCHEMA_VERSION);
    expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
    expect(tables(db)).toEqual(['attachments', 'inbox', 'link_events', 'link_samples', 'link_samples_1m', 'messages', 'outbox', 'settings', 'sqlite_sequence', 'sync_vehicles', 'track_points']);
  });

  it('are numbered in steps of ten, strictly increasing', () => {
    const versions = MIGRATIONS.map((m) => m.version);
    expect(versions.every((v, i) => v % 10 === 0 && (i === 0 || v > versions[i - 1]!))).toBe(true);
  });

  it('do nothing the second time', () => {
    const db = new Database(':memory:');
    migrate(db);
    db.prepare("INSERT INTO settings (key, value) VALUES ('language', '\"en\"')").run();
    expect(migrate(db)).toBe(LATEST_SCHEMA_VERSION);
    expect(db.prepare('SELECT count(*) AS n FROM settings').get()).toEqual({ n: 1 });
  });

  it('stop at a target version, so each step can be tested on its own', () => {
    const steps: Migration[] = [
      { version: 10, name: 'a', up: (db) => db.exec('CREATE TABLE a (x)') },
      { version: 20, name: 'b', up: (db) => db.exec('CREATE TABLE b (x)') },
    ];
    const db = new Database(':memory:');
    expect(migrate(db, 10, steps)).toBe(10);
    expect(tables(db)).toEqual(['a']);
    expect(migrate(db, 20, steps)).toBe(20);
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
    expect(() => migrate(db, 20, steps)).toThrow('boom');
    expect(schemaVersion(db)).toBe(0);
    expect(tables(db)).toEqual([]);
  });

  it('refuse a database written by a newer console', () => {
    const db = new Database(':memory:');
    db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 10}`);
    expect(() => migrate(db)).toThrow(SchemaTooNewError);
  });

  it('refuse an out-of-order migration list', () => {
    const db = new Database(':memory:');
    const steps: Migration[] = [
      { version: 20, name: 'b', up: () => {} },
      { version: 10, name: 'a', up: () => {} },
    ];
    expect(() => migrate(db, 20, steps)).toThrow(/out of order/);
  });

  it('give the history query an index (EXPLAIN QUERY PLAN)', () => {
    const db = new Database(':memory:');
    migrate(db);
    const plan = db
      .prepare('EXPLAIN QUERY PLAN SELECT at, value FROM link_samples WHERE link_id = ? AND metric = ? AND at >= ? ORDER BY at')
      .all('x', 'rsrpDbm', 0) as Array<{ detail: string }>;
    expect(plan.map((p) => p.detail)).toEqual(['SEARCH link_samples USING INDEX link_samples_by_link_metric_at (link_id=? AND metric=? AND at>?)']);
  });
});

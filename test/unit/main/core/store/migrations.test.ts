import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../../../../main/core/store/migrations/index';
import { SchemaTooNewError, migrate, schemaVersion } from '../../../../../platform/sqlite/migrations';

const tables = (db: Database.Database) =>
  (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as Array<{ name: string }>).map((r) => r.name);

describe('the console database migrations', () => {
  it('bring an empty database to the latest version and record it in user_version', () => {
    const db = new Database(':memory:');
    expect(schemaVersion(db)).toBe(0);
    expect(migrate(db, MIGRATIONS)).toBe(LATEST_SCHEMA_VERSION);
    expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
    expect(tables(db)).toEqual([
      'attachments',
      'inbox',
      'link_events',
      'link_samples',
      'link_samples_1m',
      'messages',
      'outbox',
      'settings',
      'sqlite_sequence',
      'sync_vehicles',
      'track_points',
    ]);
  });

  it('are numbered in steps of ten, strictly increasing', () => {
    const versions = MIGRATIONS.map((m) => m.version);
    expect(versions.every((v, i) => v % 10 === 0 && (i === 0 || v > versions[i - 1]!))).toBe(true);
  });

  it('do nothing the second time', () => {
    const db = new Database(':memory:');
    migrate(db, MIGRATIONS);
    db.prepare("INSERT INTO settings (key, value) VALUES ('language', '\"en\"')").run();
    expect(migrate(db, MIGRATIONS)).toBe(LATEST_SCHEMA_VERSION);
    expect(db.prepare('SELECT count(*) AS n FROM settings').get()).toEqual({ n: 1 });
  });

  it('refuse a database written by a newer console', () => {
    const db = new Database(':memory:');
    db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 10}`);
    expect(() => migrate(db, MIGRATIONS)).toThrow(SchemaTooNewError);
  });

  it('give the history query an index (EXPLAIN QUERY PLAN)', () => {
    const db = new Database(':memory:');
    migrate(db, MIGRATIONS);
    const plan = db
      .prepare('EXPLAIN QUERY PLAN SELECT at, value FROM link_samples WHERE link_id = ? AND metric = ? AND at >= ? ORDER BY at')
      .all('x', 'rsrpDbm', 0) as Array<{ detail: string }>;
    expect(plan.map((p) => p.detail)).toEqual([
      'SEARCH link_samples USING INDEX link_samples_by_link_metric_at (link_id=? AND metric=? AND at>?)',
    ]);
  });
});

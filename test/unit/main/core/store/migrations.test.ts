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
      'duty_calls',
      'duty_entries',
      'duty_handovers',
      'duty_shifts',
      'fleet_cursor',
      'fleet_positions',
      'followup_requests',
      'inbox',
      'incidents',
      'link_events',
      'link_samples',
      'link_samples_1m',
      'messages',
      'outbox',
      'report_files',
      'reports',
      'sbd_messages',
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

describe('migration 40 (the outbox rebuilt for order steps and receipts)', () => {
  it('keeps every outbox row, the messages pointing at them, and never reuses a pruned sequence number', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, MIGRATIONS, 30);
    const enqueue = db.prepare(
      `INSERT INTO outbox (id, kind, priority, rank, created_at, body, bytes, state) VALUES (?, 'message', 'routine', 3, 1, '{"text":"x"}', 10, ?)`,
    );
    for (let i = 1; i <= 5; i++) enqueue.run(`m${i}`, i <= 3 ? 'delivered' : 'queued');
    db.prepare(`INSERT INTO messages (id, created_at, text, priority, outbox_seq) VALUES ('m4', 1, 'x', 'routine', 4)`).run();
    db.prepare('DELETE FROM outbox WHERE seq = 5').run();
    db.prepare(
      `INSERT INTO inbox (vehicle_id, down_seq, id, kind, priority, created_at, received_at, body, read_at, acked_by)
       VALUES ('v', 1, 'o1', 'order', 'flash', 1, 2, '{}', 3, 'm4')`,
    ).run();

    expect(migrate(db, MIGRATIONS)).toBe(LATEST_SCHEMA_VERSION);
    expect(db.prepare('SELECT seq, id, state FROM outbox ORDER BY seq').all()).toEqual([
      { seq: 1, id: 'm1', state: 'delivered' },
      { seq: 2, id: 'm2', state: 'delivered' },
      { seq: 3, id: 'm3', state: 'delivered' },
      { seq: 4, id: 'm4', state: 'queued' },
    ]);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    const next = db
      .prepare(
        `INSERT INTO outbox (id, kind, priority, rank, created_at, body, bytes) VALUES ('s1', 'order-state', 'flash', 0, 1, '{}', 9)`,
      )
      .run();
    expect(Number(next.lastInsertRowid)).toBe(6);
    expect(db.prepare(`SELECT state, state_at FROM inbox WHERE id = 'o1'`).get()).toEqual({ state: 'acknowledged', state_at: 3 });
    expect(() => db.prepare(`DELETE FROM outbox WHERE seq = 4`).run()).toThrow(/FOREIGN KEY/);
  });
});

import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../../../../main/core/store/migrations/index';
import { migrate } from '../../../../../platform/sqlite/migrations';

describe('migration 50 (incidents and reports; the outbox rebuilt for report and duty items)', () => {
  it('keeps every outbox row and the messages pointing at them, never reuses a sequence number, takes the new kinds', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, MIGRATIONS, 40);
    const enqueue = db.prepare(
      `INSERT INTO outbox (id, kind, priority, rank, created_at, body, bytes, state) VALUES (?, 'message', 'routine', 3, 1, '{"text":"x"}', 10, ?)`,
    );
    for (let i = 1; i <= 4; i++) enqueue.run(`m${i}`, i <= 2 ? 'delivered' : 'queued');
    db.prepare(`INSERT INTO messages (id, created_at, text, priority, outbox_seq) VALUES ('m3', 1, 'x', 'routine', 3)`).run();
    db.prepare('DELETE FROM outbox WHERE seq = 4').run();
    expect(() =>
      db
        .prepare(`INSERT INTO outbox (id, kind, priority, rank, created_at, body, bytes) VALUES ('r0', 'report', 'flash', 0, 1, '{}', 9)`)
        .run(),
    ).toThrow(/CHECK/);

    expect(migrate(db, MIGRATIONS)).toBe(LATEST_SCHEMA_VERSION);
    expect(db.prepare('SELECT seq, id, state FROM outbox ORDER BY seq').all()).toEqual([
      { seq: 1, id: 'm1', state: 'delivered' },
      { seq: 2, id: 'm2', state: 'delivered' },
      { seq: 3, id: 'm3', state: 'queued' },
    ]);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    const add = db.prepare(`INSERT INTO outbox (id, kind, priority, rank, created_at, body, bytes) VALUES (?, ?, 'flash', 0, 1, '{}', 9)`);
    expect(Number(add.run('r1', 'report').lastInsertRowid)).toBe(5);
    expect(Number(add.run('d1', 'duty').lastInsertRowid)).toBe(6);
    expect(() => db.prepare(`DELETE FROM outbox WHERE seq = 3`).run()).toThrow(/FOREIGN KEY/);
  });

  it('keeps a chain whole: one first report per incident, each follow-up number once', () => {
    const db = new Database(':memory:');
    migrate(db, MIGRATIONS);
    db.prepare(
      `INSERT INTO incidents (id, category, type, level, title, occurred_at, opened_at) VALUES ('i1', 'natural', 'flood', 'III', 't', 1, 1)`,
    ).run();
    const report = db.prepare(
      `INSERT INTO reports (id, incident_id, stage, number, priority, body, created_at) VALUES (?, 'i1', ?, ?, 'immediate', '{}', 1)`,
    );
    report.run('r1', 'first', 0);
    report.run('r2', 'followup', 1);
    expect(() => report.run('r3', 'first', 0)).toThrow(/UNIQUE/);
    expect(() => report.run('r4', 'followup', 1)).toThrow(/UNIQUE/);
  });
});

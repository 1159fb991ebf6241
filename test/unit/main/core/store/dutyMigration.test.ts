import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../../../../main/core/store/migrations/index';
import { migrate } from '../../../../../platform/sqlite/migrations';

describe('migration 60 (the duty log; the outbox takes report and duty items)', () => {
  it('keeps every outbox row and the messages pointing at them, and never reuses a pruned sequence number', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, MIGRATIONS, 40);
    const enqueue = db.prepare(
      `INSERT INTO outbox (id, kind, priority, rank, created_at, body, bytes, state) VALUES (?, 'message', 'routine', 3, 1, '{"text":"x"}', 10, ?)`,
    );
    for (let i = 1; i <= 3; i++) enqueue.run(`m${i}`, i === 1 ? 'delivered' : 'queued');
    db.prepare(`INSERT INTO messages (id, created_at, text, priority, outbox_seq) VALUES ('m2', 1, 'x', 'routine', 2)`).run();
    db.prepare('DELETE FROM outbox WHERE seq = 3').run();
    expect(() =>
      db
        .prepare(`INSERT INTO outbox (id, kind, priority, rank, created_at, body, bytes) VALUES ('d0', 'duty', 'routine', 3, 1, '{}', 9)`)
        .run(),
    ).toThrow(/CHECK/);

    expect(migrate(db, MIGRATIONS)).toBe(LATEST_SCHEMA_VERSION);
    expect(db.prepare('SELECT seq, id, state FROM outbox ORDER BY seq').all()).toEqual([
      { seq: 1, id: 'm1', state: 'delivered' },
      { seq: 2, id: 'm2', state: 'queued' },
    ]);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    const insert = db.prepare(
      `INSERT INTO outbox (id, kind, priority, rank, created_at, body, bytes) VALUES (?, ?, 'routine', 3, 1, '{}', 9)`,
    );
    expect(Number(insert.run('d1', 'duty').lastInsertRowid)).toBe(4);
    expect(Number(insert.run('r1', 'report').lastInsertRowid)).toBe(5);
  });

  it('allows one shift on duty at a time, and reads a shift’s log by an index', () => {
    const db = new Database(':memory:');
    migrate(db, MIGRATIONS);
    const shift = db.prepare(`INSERT INTO duty_shifts (id, on_duty, leader, start_at, end_at) VALUES (?, '["a"]', 'b', 1, ?)`);
    shift.run('s1', 10);
    shift.run('s2', null);
    expect(() => shift.run('s3', null)).toThrow(/UNIQUE/);
    const plan = db.prepare('EXPLAIN QUERY PLAN SELECT * FROM duty_entries WHERE shift_id = ? ORDER BY at DESC').all('s2') as Array<{
      detail: string;
    }>;
    expect(plan.map((p) => p.detail)).toEqual(['SEARCH duty_entries USING INDEX duty_entries_shift (shift_id=?)']);
  });
});

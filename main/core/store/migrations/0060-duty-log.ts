import type { Migration } from '../../../../platform/sqlite/migrations';

/**
 * The duty log (值班值守): shifts, log entries (written and automatic), the phone log (接报)
 * and handovers (交接班). The outbox's kind CHECK widens to every uplink kind the protocol
 * knows (`report` and `duty` included, so the incidents migration and this one agree in
 * whichever order they land); the table is rebuilt as in 0040, its AUTOINCREMENT high-water
 * mark carried over so no sequence number is ever reused.
 */
export const migration0060: Migration = {
  version: 60,
  name: 'duty log: shifts, entries, phone log, handovers',
  up(db) {
    const highWater = (db.prepare(`SELECT seq FROM sqlite_sequence WHERE name = 'outbox'`).get() as { seq: number } | undefined)?.seq ?? 0;
    db.pragma('defer_foreign_keys = ON');
    db.exec(`
      CREATE TABLE outbox_copy_0060 AS SELECT * FROM outbox;
      DROP TABLE outbox;
      CREATE TABLE outbox (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL CHECK (kind IN ('message', 'position', 'attachment', 'order-state', 'receipt', 'report', 'duty')),
        priority TEXT NOT NULL CHECK (priority IN ('flash', 'immediate', 'priority', 'routine', 'bulk')),
        rank INTEGER NOT NULL,
        created_at INTEGER NOT NULL,
        body TEXT NOT NULL,
        bytes INTEGER NOT NULL,
        state TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'delivered', 'parked')),
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        park_code TEXT,
        park_reason TEXT,
        delivered_at INTEGER,
        attachment_id TEXT
      ) STRICT;
      INSERT INTO outbox SELECT * FROM outbox_copy_0060;
      DROP TABLE outbox_copy_0060;
      CREATE INDEX outbox_pending ON outbox (state, rank, seq);

      CREATE TABLE duty_shifts (
        id TEXT PRIMARY KEY,
        on_duty TEXT NOT NULL,            -- JSON array of names (值班员)
        leader TEXT NOT NULL,             -- 带班领导
        start_at INTEGER NOT NULL,
        end_at INTEGER
      ) STRICT;
      -- At most one shift on duty at a time.
      CREATE UNIQUE INDEX duty_shifts_open ON duty_shifts ((end_at IS NULL)) WHERE end_at IS NULL;
      CREATE INDEX duty_shifts_start ON duty_shifts (start_at);

      CREATE TABLE duty_entries (
        id TEXT PRIMARY KEY,
        shift_id TEXT REFERENCES duty_shifts (id),
        topic TEXT NOT NULL CHECK (topic IN ('manual', 'link', 'order', 'report', 'video', 'sync', 'call', 'handover')),
        text TEXT NOT NULL,
        by TEXT,
        at INTEGER NOT NULL,
        auto INTEGER NOT NULL CHECK (auto IN (0, 1))
      ) STRICT;
      CREATE INDEX duty_entries_at ON duty_entries (at);
      CREATE INDEX duty_entries_shift ON duty_entries (shift_id, at);

      CREATE TABLE duty_calls (
        id TEXT PRIMARY KEY,
        shift_id TEXT REFERENCES duty_shifts (id),
        at INTEGER NOT NULL,
        unit TEXT NOT NULL,
        caller TEXT NOT NULL,
        phone TEXT NOT NULL,
        summary TEXT NOT NULL,
        passed_to TEXT,
        incident_id TEXT,
        recorded_by TEXT
      ) STRICT;
      CREATE INDEX duty_calls_at ON duty_calls (at);

      CREATE TABLE duty_handovers (
        id TEXT PRIMARY KEY,
        shift_id TEXT NOT NULL UNIQUE REFERENCES duty_shifts (id),
        done TEXT NOT NULL,
        pending TEXT NOT NULL,
        tasks TEXT NOT NULL,
        equipment TEXT NOT NULL,
        hazards TEXT NOT NULL,
        outgoing TEXT NOT NULL,
        incoming TEXT NOT NULL,
        signed_at INTEGER NOT NULL
      ) STRICT;
    `);
    if (highWater > 0) {
      db.prepare(`INSERT OR IGNORE INTO sqlite_sequence (name, seq) VALUES ('outbox', 0)`).run();
      db.prepare(`UPDATE sqlite_sequence SET seq = MAX(seq, ?) WHERE name = 'outbox'`).run(highWater);
    }
    const broken = db.pragma('foreign_key_check') as unknown[];
    if (broken.length > 0) throw new Error(`rebuilding the outbox left ${broken.length} broken reference(s)`);
  },
};

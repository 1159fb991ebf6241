import type { Migration } from '../../../../platform/sqlite/migrations';

/**
 * The crew's steps on orders and read receipts both ways. The outbox's kind CHECK widens
 * to the new uplink kinds; SQLite cannot alter a CHECK, so the table is rebuilt inside the
 * migration's transaction: rows copied aside, the table dropped with `messages`' references
 * to it deferred (they are whole again once the same rows are back under the same name,
 * checked at commit), recreated, refilled. AUTOINCREMENT's high-water mark is carried over,
 * so no sequence number is ever reused — pruned rows included.
 */
export const migration0040: Migration = {
  version: 40,
  name: 'order lifecycle, receipts both ways, staff messages',
  up(db) {
    const highWater = (db.prepare(`SELECT seq FROM sqlite_sequence WHERE name = 'outbox'`).get() as { seq: number } | undefined)?.seq ?? 0;
    db.pragma('defer_foreign_keys = ON');
    db.exec(`
      CREATE TABLE outbox_copy_0040 AS SELECT * FROM outbox;
      DROP TABLE outbox;
      CREATE TABLE outbox (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL CHECK (kind IN ('message', 'position', 'attachment', 'order-state', 'receipt')),
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
      INSERT INTO outbox SELECT * FROM outbox_copy_0040;
      DROP TABLE outbox_copy_0040;
      CREATE INDEX outbox_pending ON outbox (state, rank, seq);

      -- The crew's furthest step on an order (NULL: delivered, nothing done yet), and the desk's cancellation.
      ALTER TABLE inbox ADD COLUMN state TEXT;
      ALTER TABLE inbox ADD COLUMN state_at INTEGER;
      ALTER TABLE inbox ADD COLUMN state_reason TEXT;
      ALTER TABLE inbox ADD COLUMN cancelled_at INTEGER;
      ALTER TABLE inbox ADD COLUMN cancelled_by TEXT;
      ALTER TABLE inbox ADD COLUMN cancel_reason TEXT;
      -- Orders acknowledged the old way (a reply message) count as acknowledged.
      UPDATE inbox SET state = 'acknowledged', state_at = read_at WHERE kind = 'order' AND acked_by IS NOT NULL;

      -- The name the center knows this vehicle by (its hello), shown in the top bar.
      ALTER TABLE sync_vehicles ADD COLUMN center_name TEXT;

      -- When center staff read the crew's message (their receipt), and who.
      ALTER TABLE messages ADD COLUMN center_read_at INTEGER;
      ALTER TABLE messages ADD COLUMN center_read_by TEXT;
    `);
    if (highWater > 0) {
      db.prepare(`INSERT OR IGNORE INTO sqlite_sequence (name, seq) VALUES ('outbox', 0)`).run();
      db.prepare(`UPDATE sqlite_sequence SET seq = MAX(seq, ?) WHERE name = 'outbox'`).run(highWater);
    }
    const broken = db.pragma('foreign_key_check') as unknown[];
    if (broken.length > 0) throw new Error(`rebuilding the outbox left ${broken.length} broken reference(s)`);
  },
};

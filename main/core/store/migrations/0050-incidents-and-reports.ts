import type { Migration } from '../../../../platform/sqlite/migrations';

/**
 * Incidents and their report chain (初报 → 续报 n → 终报), the files staged for reports (an
 * original and its thumbnail), and the center's follow-up requests. The outbox's kind
 * CHECK widens to `report` and `duty` (the duty log's kind too, so that feature needs no
 * second rebuild); the table is rebuilt as in 0040: rows copied aside, `messages`'
 * references deferred, the AUTOINCREMENT high-water mark carried over.
 */
export const migration0050: Migration = {
  version: 50,
  name: 'incidents, reports, report files, follow-up requests',
  up(db) {
    const highWater = (db.prepare(`SELECT seq FROM sqlite_sequence WHERE name = 'outbox'`).get() as { seq: number } | undefined)?.seq ?? 0;
    db.pragma('defer_foreign_keys = ON');
    db.exec(`
      CREATE TABLE outbox_copy_0050 AS SELECT * FROM outbox;
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
      INSERT INTO outbox SELECT * FROM outbox_copy_0050;
      DROP TABLE outbox_copy_0050;
      CREATE INDEX outbox_pending ON outbox (state, rank, seq);
      -- A report's or a file's outbox row, found by the attachment it carries.
      CREATE INDEX outbox_by_attachment ON outbox (attachment_id) WHERE attachment_id IS NOT NULL;

      -- An incident this vehicle opened (its 初报), with the header as last reported.
      CREATE TABLE incidents (
        id TEXT PRIMARY KEY,
        category TEXT NOT NULL,
        type TEXT NOT NULL,
        level TEXT NOT NULL,
        title TEXT NOT NULL,
        place_text TEXT,
        latitude REAL,
        longitude REAL,
        occurred_at INTEGER NOT NULL,
        status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
        opened_at INTEGER NOT NULL,
        closed_at INTEGER
      ) STRICT;
      CREATE INDEX incidents_by_status ON incidents (status, opened_at);

      -- One report of a chain; its id is its outbox item's id. The unique key keeps the
      -- chain whole even against a write that skipped the checks: one 初报, one 终报, 续报 n once.
      CREATE TABLE reports (
        id TEXT PRIMARY KEY,
        incident_id TEXT NOT NULL REFERENCES incidents (id),
        stage TEXT NOT NULL CHECK (stage IN ('first', 'followup', 'final')),
        number INTEGER NOT NULL,
        priority TEXT NOT NULL,
        body TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        -- The center's 签收 (a report-ack came down).
        acked_at INTEGER,
        acked_by TEXT,
        UNIQUE (incident_id, stage, number)
      ) STRICT;

      -- A file for a report: the untouched original and its thumbnail (images only), staged
      -- when the file is finished (report_id NULL) and bound to the report that sends it.
      CREATE TABLE report_files (
        original_id TEXT PRIMARY KEY,
        thumbnail_id TEXT,
        report_id TEXT REFERENCES reports (id),
        width INTEGER,
        height INTEGER,
        -- From the photo's EXIF GPS, offered as the place.
        latitude REAL,
        longitude REAL,
        staged_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX report_files_by_report ON report_files (report_id);

      -- The center asks the crew for a 续报: an alert until a 续报 goes or the crew dismisses it.
      CREATE TABLE followup_requests (
        id TEXT PRIMARY KEY,
        incident_id TEXT NOT NULL,
        from_name TEXT NOT NULL,
        text TEXT NOT NULL,
        received_at INTEGER NOT NULL,
        answered_at INTEGER,
        dismissed_at INTEGER
      ) STRICT;
      CREATE INDEX followup_requests_open ON followup_requests (incident_id) WHERE answered_at IS NULL AND dismissed_at IS NULL;
    `);
    if (highWater > 0) {
      db.prepare(`INSERT OR IGNORE INTO sqlite_sequence (name, seq) VALUES ('outbox', 0)`).run();
      db.prepare(`UPDATE sqlite_sequence SET seq = MAX(seq, ?) WHERE name = 'outbox'`).run(highWater);
    }
    const broken = db.pragma('foreign_key_check') as unknown[];
    if (broken.length > 0) throw new Error(`rebuilding the outbox left ${broken.length} broken reference(s)`);
  },
};

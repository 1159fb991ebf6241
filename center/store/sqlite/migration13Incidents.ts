import type { Migration } from '../../../platform/sqlite/migrations';

/**
 * Incidents and their report chains (事件信息报送). Reports travel over different links
 * and may arrive in any order, so every table here accepts what comes first: an incident
 * row may exist before its header (a 续报 before the 初报), a file row before its report,
 * its thumbnail or its original.
 */
export const migration0013: Migration = {
  version: 13,
  name: 'incidents, their reports and report files',
  up(db) {
    db.exec(`
      -- A vehicle's incident (opened by its first report to arrive) or the center's own
      -- (vehicle_id NULL, opened_by the staff member). The header columns are NULL until a
      -- report carrying the header arrives; header_at is that report's createdAt (the
      -- newest header wins, whatever order reports arrive in).
      CREATE TABLE incidents (
        id TEXT PRIMARY KEY,
        vehicle_id TEXT REFERENCES vehicles (id),
        category TEXT,
        type TEXT,
        level TEXT,
        title TEXT,
        place_text TEXT,
        latitude REAL,
        longitude REAL,
        occurred_at INTEGER,
        header_at INTEGER,
        status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
        -- When its 初报 reached the center (the center's clock), NULL until it has.
        first_report_at INTEGER,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        opened_by TEXT,
        note TEXT
      ) STRICT;
      CREATE INDEX incidents_by_update ON incidents (updated_at);
      CREATE INDEX incidents_by_vehicle ON incidents (vehicle_id, updated_at);

      -- One report of a chain; id = the uplink item's id (exactly once with the item).
      CREATE TABLE reports (
        id TEXT PRIMARY KEY,
        incident_id TEXT NOT NULL REFERENCES incidents (id),
        vehicle_id TEXT NOT NULL REFERENCES vehicles (id),
        stage TEXT NOT NULL CHECK (stage IN ('first', 'followup', 'final')),
        number INTEGER NOT NULL,
        body_json TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        received_at INTEGER NOT NULL,
        acked_at INTEGER,
        acked_by TEXT
      ) STRICT;
      CREATE INDEX reports_by_incident ON reports (incident_id, created_at);

      -- A report's photo, clip or file: the original's attachment id, the report naming it
      -- and its thumbnail, each filled in by whichever arrives (the bytes' state is the
      -- attachments table's).
      CREATE TABLE report_files (
        vehicle_id TEXT NOT NULL REFERENCES vehicles (id),
        original_id TEXT NOT NULL,
        report_id TEXT REFERENCES reports (id),
        position INTEGER NOT NULL DEFAULT 0,
        thumbnail_id TEXT,
        PRIMARY KEY (vehicle_id, original_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX report_files_by_report ON report_files (report_id, position);
      CREATE INDEX report_files_by_thumbnail ON report_files (vehicle_id, thumbnail_id);
    `);
  },
};

import type { Migration } from '../../../../platform/sqlite/migrations';

export const migration0020: Migration = {
  version: 20,
  name: 'history downsampling and vehicle track',
  up(db) {
    db.exec(`
      -- One-minute aggregates of link_samples, kept long after the raw rows are gone.
      CREATE TABLE link_samples_1m (
        link_id TEXT NOT NULL,
        metric TEXT NOT NULL,
        minute INTEGER NOT NULL,
        avg REAL NOT NULL,
        min REAL NOT NULL,
        max REAL NOT NULL,
        count INTEGER NOT NULL,
        PRIMARY KEY (link_id, metric, minute)
      ) STRICT, WITHOUT ROWID;

      CREATE INDEX link_samples_by_at ON link_samples (at);
      CREATE INDEX link_events_by_at ON link_events (at);

      -- The vehicle's track, from its GNSS receiver.
      CREATE TABLE track_points (
        id INTEGER PRIMARY KEY,
        at INTEGER NOT NULL,
        latitude REAL NOT NULL,
        longitude REAL NOT NULL,
        altitude_m REAL,
        speed_mps REAL,
        heading_deg REAL,
        fix_mode TEXT NOT NULL,
        satellites_used INTEGER,
        hdop REAL,
        source_link_id TEXT NOT NULL
      ) STRICT;
      CREATE INDEX track_points_by_at ON track_points (at);
    `);
  },
};

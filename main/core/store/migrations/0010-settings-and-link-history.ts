import type { Migration } from '../../../../platform/sqlite/migrations';

export const migration0010: Migration = {
  version: 10,
  name: 'settings and link history',
  up(db) {
    db.exec(`
      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;

      -- One measured value of one link at one time; narrow so every link family fits.
      CREATE TABLE link_samples (
        link_id TEXT NOT NULL,
        metric TEXT NOT NULL,
        at INTEGER NOT NULL,
        value REAL NOT NULL
      ) STRICT;
      CREATE INDEX link_samples_by_link_metric_at ON link_samples (link_id, metric, at);

      -- Every state change with its reason, for the event timeline.
      CREATE TABLE link_events (
        id INTEGER PRIMARY KEY,
        link_id TEXT NOT NULL,
        at INTEGER NOT NULL,
        from_state TEXT NOT NULL,
        to_state TEXT NOT NULL,
        reason TEXT NOT NULL,
        detail TEXT
      ) STRICT;
      CREATE INDEX link_events_by_link_at ON link_events (link_id, at);
    `);
  },
};

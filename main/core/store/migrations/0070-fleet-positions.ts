import type { Migration } from '../../../../platform/sqlite/migrations';

/**
 * Other vehicles of the same center, as the exchange brings them down (docs/sync.md,
 * "Fleet positions"): the latest position per vehicle, and the center's fleet revision
 * this console holds, so the next exchange asks only for what moved after it.
 */
export const migration0070: Migration = {
  version: 70,
  name: 'fleet positions of the other vehicles',
  up(db) {
    db.exec(`
      CREATE TABLE fleet_positions (
        vehicle_id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        latitude REAL NOT NULL,
        longitude REAL NOT NULL,
        fix TEXT NOT NULL CHECK (fix IN ('2d', '3d')),
        fix_at INTEGER NOT NULL,        -- the other vehicle's fix time, ms
        received_at INTEGER NOT NULL    -- when this console got it, ms
      ) STRICT;

      -- One row: whose revision it is (this console's vehicle id at the center: another
      -- token means another fleet) and the revision.
      CREATE TABLE fleet_cursor (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        vehicle_id TEXT NOT NULL,
        rev INTEGER NOT NULL
      ) STRICT;
    `);
  },
};

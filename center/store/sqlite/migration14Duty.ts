import type { Migration } from '../../../platform/sqlite/migrations';

/**
 * The duty log (值班值守): vehicles' (from their `duty` items) and the center's own
 * (vehicle_id NULL). Rows are kept by the record's id; `created_at` is the item's, so a
 * copy sent again (a shift ended, a call passed on) replaces an older one and never the
 * other way round.
 */
export const migration0014: Migration = {
  version: 14,
  name: 'duty log: shifts, entries, phone log, handovers',
  up(db) {
    db.exec(`
      CREATE TABLE duty_shifts (
        id TEXT PRIMARY KEY,
        vehicle_id TEXT REFERENCES vehicles (id),
        on_duty TEXT NOT NULL,
        leader TEXT NOT NULL,
        start_at INTEGER NOT NULL,
        end_at INTEGER,
        created_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX duty_shifts_by_vehicle ON duty_shifts (vehicle_id, start_at);

      CREATE TABLE duty_entries (
        id TEXT PRIMARY KEY,
        vehicle_id TEXT REFERENCES vehicles (id),
        shift_id TEXT,
        topic TEXT NOT NULL,
        text TEXT NOT NULL,
        by TEXT,
        at INTEGER NOT NULL,
        auto INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX duty_entries_by_vehicle ON duty_entries (vehicle_id, at);

      CREATE TABLE duty_calls (
        id TEXT PRIMARY KEY,
        vehicle_id TEXT REFERENCES vehicles (id),
        shift_id TEXT,
        at INTEGER NOT NULL,
        unit TEXT NOT NULL,
        caller TEXT NOT NULL,
        phone TEXT NOT NULL,
        summary TEXT NOT NULL,
        passed_to TEXT,
        incident_id TEXT,
        recorded_by TEXT,
        created_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX duty_calls_by_vehicle ON duty_calls (vehicle_id, at);

      CREATE TABLE duty_handovers (
        shift_id TEXT PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        vehicle_id TEXT REFERENCES vehicles (id),
        done TEXT NOT NULL,
        pending TEXT NOT NULL,
        tasks TEXT NOT NULL,
        equipment TEXT NOT NULL,
        hazards TEXT NOT NULL,
        outgoing TEXT NOT NULL,
        incoming TEXT NOT NULL,
        signed_at INTEGER NOT NULL,
        created_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX duty_handovers_by_vehicle ON duty_handovers (vehicle_id, signed_at);
    `);
  },
};

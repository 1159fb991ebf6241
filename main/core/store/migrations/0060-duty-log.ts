import type { Migration } from '../../../../platform/sqlite/migrations';

/**
 * The duty log (值班值守): shifts, log entries (written and automatic), the phone log (接报)
 * and handovers (交接班). Their `duty` outbox items fit the outbox as 0050 rebuilt it.
 */
export const migration0060: Migration = {
  version: 60,
  name: 'duty log: shifts, entries, phone log, handovers',
  up(db) {
    db.exec(`
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
  },
};

import type { Migration } from '../../../platform/sqlite/migrations';

/**
 * The fleet revision: every change of a vehicle's last position takes the next number
 * (the highest over all vehicles + 1), so "what moved since revision N" is one indexed
 * range, and each vehicle appears once in it with its latest position (coalesced by
 * construction). Vehicles ask for it in their exchanges (protocol/sync/fleet.ts).
 */
export const migration0015: Migration = {
  version: 15,
  name: 'fleet revision of vehicle positions',
  up(db) {
    db.exec(`
      ALTER TABLE vehicles ADD COLUMN pos_rev INTEGER NOT NULL DEFAULT 0;
      -- Positions held before this version count as one revision, so a vehicle asking
      -- from 0 gets them all.
      UPDATE vehicles SET pos_rev = 1 WHERE pos_at IS NOT NULL;
      CREATE INDEX vehicles_by_pos_rev ON vehicles (pos_rev);
    `);
  },
};

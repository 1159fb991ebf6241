import type { Migration } from '../../../platform/sqlite/migrations';

/**
 * The path each uplink item first came by (protocol/sync/deskVia.ts): `ip` or `sbd` with
 * the MO session that carried it, and when a copy by the other path came too. Items held
 * before this version keep NULL: whether they came by SBD was not recorded (MO deliveries
 * name no item ids), and the desk shows no path rather than a guess. A crew step of an
 * order names the uplink item that reported it, so the desk can show that item's path.
 */
export const migration0017: Migration = {
  version: 17,
  name: 'the path each uplink item came by',
  up(db) {
    db.exec(`
      ALTER TABLE uplink_items ADD COLUMN via TEXT CHECK (via IN ('ip', 'sbd'));
      -- SBD only: the MO session (directip_mo) that first brought the item.
      ALTER TABLE uplink_items ADD COLUMN sbd_cdr INTEGER;
      ALTER TABLE uplink_items ADD COLUMN sbd_momsn INTEGER;
      ALTER TABLE uplink_items ADD COLUMN sbd_session_at INTEGER;
      -- The first copy by the other path (an SBD item later replayed over IP, or the reverse).
      ALTER TABLE uplink_items ADD COLUMN other_path_at INTEGER;

      ALTER TABLE order_steps ADD COLUMN uplink_id TEXT;
    `);
  },
};

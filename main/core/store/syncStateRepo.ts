import type { Database } from 'better-sqlite3';

/** Where the sequences of one vehicle identity stand. */
export interface SyncVehicleState {
  vehicleId: string;
  seqOffset: number;
  downAck: number;
  /** The center's ack (wire seq) as last seen. */
  centerAck: number;
  lastContactAt: number | null;
}

export function syncVehicle(db: Database, vehicleId: string): SyncVehicleState | undefined {
  const row = db
    .prepare('SELECT vehicle_id, seq_offset, down_ack, center_ack, last_contact_at FROM sync_vehicles WHERE vehicle_id = ?')
    .get(vehicleId) as
    { vehicle_id: string; seq_offset: number; down_ack: number; center_ack: number; last_contact_at: number | null } | undefined;
  return (
    row && {
      vehicleId: row.vehicle_id,
      seqOffset: row.seq_offset,
      downAck: row.down_ack,
      centerAck: row.center_ack,
      lastContactAt: row.last_contact_at,
    }
  );
}

/** What a hello changed: see `reconcileWithCenter`. */
export interface Reconciliation {
  state: SyncVehicleState;
  /** This store numbered items the center already holds from another copy: new numbers from `highestSeq`. */
  renumbered: boolean;
  /** Items taken for delivered that the center no longer holds, queued again. */
  requeued: number;
  /** The center's downlink is behind what this store acknowledged: the ack went back to it. */
  downAckReset: boolean;
}

/**
 * Squares this store with the center's view at a hello, in one transaction:
 * - first contact: undelivered items are numbered after what the center holds (a
 *   reinstalled console with the same token does not collide with its old items);
 * - the center holds seqs beyond any this store ever numbered, or it said a number sent
 *   holds another record (`renumber`): this store is an older copy (restored from a
 *   backup, or a clone); undelivered items are numbered anew after the center's highest;
 * - the center's ack went back, or its highest is below items this store took for
 *   delivered: the center lost items (restored from a backup); every delivered item
 *   above what it still holds is queued again (it takes a replay as held);
 * - the center's downlink is behind this store's ack: the ack goes back to it.
 */
export function reconcileWithCenter(
  db: Database,
  vehicleId: string,
  center: { ack: number; highestSeq: number; downSeq: number },
  { renumber = false } = {},
): Reconciliation {
  return db
    .transaction((): Reconciliation => {
      // The highest number ever given out (AUTOINCREMENT keeps it when old rows are pruned).
      const maxLocal = (
        db.prepare("SELECT coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'outbox'), 0) AS seq").get() as { seq: number }
      ).seq;
      const firstUndelivered = (db.prepare("SELECT min(seq) AS seq FROM outbox WHERE state != 'delivered'").get() as { seq: number | null })
        .seq;
      const offsetAfterCenter = center.highestSeq - ((firstUndelivered ?? maxLocal + 1) - 1);
      const known = syncVehicle(db, vehicleId);
      let renumbered = false;
      let requeued = 0;
      let downAckReset = false;
      if (!known) {
        db.prepare('INSERT INTO sync_vehicles (vehicle_id, seq_offset) VALUES (?, ?)').run(vehicleId, offsetAfterCenter);
      } else if (renumber || center.highestSeq > maxLocal + known.seqOffset) {
        db.prepare('UPDATE sync_vehicles SET seq_offset = ? WHERE vehicle_id = ?').run(
          Math.max(offsetAfterCenter, known.seqOffset),
          vehicleId,
        );
        renumbered = true;
      } else {
        const lostAfter = (known.centerAck > center.ack ? center.ack : center.highestSeq) - known.seqOffset;
        requeued = db
          .prepare("UPDATE outbox SET state = 'queued', delivered_at = NULL, next_attempt_at = 0 WHERE state = 'delivered' AND seq > ?")
          .run(lostAfter).changes;
        if (requeued > 0) {
          db.prepare(
            "UPDATE attachments SET confirmed = 0, complete = 0 WHERE id IN (SELECT attachment_id FROM outbox WHERE kind = 'attachment' AND state = 'queued' AND seq > ?)",
          ).run(lostAfter);
        }
      }
      db.prepare('UPDATE sync_vehicles SET center_ack = ? WHERE vehicle_id = ?').run(center.ack, vehicleId);
      if (known && center.downSeq < known.downAck) {
        db.prepare('UPDATE sync_vehicles SET down_ack = ? WHERE vehicle_id = ?').run(center.downSeq, vehicleId);
        downAckReset = true;
      }
      return { state: syncVehicle(db, vehicleId)!, renumbered, requeued, downAckReset };
    })
    .immediate();
}

/** Records the identity with its sequence offset, once; later calls keep the first offset. */
export function adoptSyncVehicle(db: Database, vehicleId: string, seqOffset: number): SyncVehicleState {
  db.prepare('INSERT INTO sync_vehicles (vehicle_id, seq_offset) VALUES (?, ?) ON CONFLICT (vehicle_id) DO NOTHING').run(
    vehicleId,
    seqOffset,
  );
  return syncVehicle(db, vehicleId)!;
}

/** An exchange went through: the contact time, and the center's ack as it said. */
export function touchContact(db: Database, vehicleId: string, at: number, centerAck: number): void {
  // Kept at its highest: a lower ack (the center lost items) is for the next hello to act on.
  db.prepare('UPDATE sync_vehicles SET last_contact_at = ?, center_ack = max(center_ack, ?) WHERE vehicle_id = ?').run(
    at,
    centerAck,
    vehicleId,
  );
}

/** The center no longer has the downlink numbering this store acknowledged: ask for all of it again (inbox rows are kept by id). */
export function resetDownAck(db: Database, vehicleId: string): void {
  db.prepare('UPDATE sync_vehicles SET down_ack = 0 WHERE vehicle_id = ?').run(vehicleId);
}

export function lastContact(db: Database): number | null {
  return (db.prepare('SELECT max(last_contact_at) AS at FROM sync_vehicles').get() as { at: number | null }).at;
}

/** The name the center gave this vehicle at its last hello. */
export function setCenterName(db: Database, vehicleId: string, name: string): void {
  db.prepare('UPDATE sync_vehicles SET center_name = ? WHERE vehicle_id = ?').run(name, vehicleId);
}

export function centerName(db: Database, vehicleId: string): string | null {
  const row = db.prepare('SELECT center_name FROM sync_vehicles WHERE vehicle_id = ?').get(vehicleId) as
    { center_name: string | null } | undefined;
  return row?.center_name ?? null;
}

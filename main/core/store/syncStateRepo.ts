import type { Database } from 'better-sqlite3';

/** Where the sequences of one vehicle identity stand. */
export interface SyncVehicleState {
  vehicleId: string;
  seqOffset: number;
  downAck: number;
  lastContactAt: number | null;
}

export function syncVehicle(db: Database, vehicleId: string): SyncVehicleState | undefined {
  const row = db.prepare('SELECT vehicle_id, seq_offset, down_ack, last_contact_at FROM sync_vehicles WHERE vehicle_id = ?').get(vehicleId) as
    | { vehicle_id: string; seq_offset: number; down_ack: number; last_contact_at: number | null }
    | undefined;
  return row && { vehicleId: row.vehicle_id, seqOffset: row.seq_offset, downAck: row.down_ack, lastContactAt: row.last_contact_at };
}

/** Records the identity with its sequence offset, once; later calls keep the first offset. */
export function adoptSyncVehicle(db: Database, vehicleId: string, seqOffset: number): SyncVehicleState {
  db.prepare('INSERT INTO sync_vehicles (vehicle_id, seq_offset) VALUES (?, ?) ON CONFLICT (vehicle_id) DO NOTHING').run(vehicleId, seqOffset);
  return syncVehicle(db, vehicleId)!;
}

export function touchContact(db: Database, vehicleId: string, at: number): void {
  db.prepare('UPDATE sync_vehicles SET last_contact_at = ? WHERE vehicle_id = ?').run(at, vehicleId);
}

export function lastContact(db: Database): number | null {
  return (db.prepare('SELECT max(last_contact_at) AS at FROM sync_vehicles').get() as { at: number | null }).at;
}

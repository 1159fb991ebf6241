import type { Database } from 'better-sqlite3';
import type { FleetPositionView } from '../../../protocol/api/fleet';
import { fleetPositionOf, type FleetAnswer } from '../../../protocol/sync/fleet';

/**
 * Other vehicles' latest positions (migration 0070) and the center's fleet revision this
 * console holds. Positions are state: a newer one replaces the old, an older one (a late
 * answer) is ignored; nothing of it goes back to the center.
 */

interface FleetPositionRow {
  vehicle_id: string;
  name: string;
  latitude: number;
  longitude: number;
  fix: '2d' | '3d';
  fix_at: number;
  received_at: number;
}

/** The revision to ask from: 0 when none is held, or when it was held for another vehicle id (another token, another fleet). */
export function fleetSince(db: Database, vehicleId: string): number {
  const row = db.prepare('SELECT vehicle_id, rev FROM fleet_cursor WHERE id = 1').get() as { vehicle_id: string; rev: number } | undefined;
  return row && row.vehicle_id === vehicleId ? row.rev : 0;
}

/**
 * Applies an answer's `fleet` to a request that asked from `since`, in one transaction.
 * Returns whether any position changed (or a vehicle in `gone` was dropped). A revision below `since` means the center's
 * numbering went back (restored from a backup): the cursor goes back to 0, so the next
 * exchange asks for everything again (what is newer here is kept).
 */
export function applyFleetAnswer(db: Database, input: { vehicleId: string; since: number; answer: FleetAnswer; now: number }): boolean {
  const { vehicleId, since, answer, now } = input;
  const upsert = db.prepare(
    `INSERT INTO fleet_positions (vehicle_id, name, latitude, longitude, fix, fix_at, received_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (vehicle_id) DO UPDATE SET
       name = excluded.name, latitude = excluded.latitude, longitude = excluded.longitude,
       fix = excluded.fix, fix_at = excluded.fix_at, received_at = excluded.received_at
     WHERE excluded.fix_at >= fleet_positions.fix_at`,
  );
  return db.transaction(() => {
    const held = db.prepare('SELECT vehicle_id FROM fleet_cursor WHERE id = 1').get() as { vehicle_id: string } | undefined;
    let changed = false;
    // Positions held under another vehicle id are another center's fleet (or this vehicle's own).
    if (held && held.vehicle_id !== vehicleId) changed = db.prepare('DELETE FROM fleet_positions').run().changes > 0;
    for (const entry of answer.vehicles) {
      const p = fleetPositionOf(entry);
      if (p.vehicleId === vehicleId) continue;
      changed = upsert.run(p.vehicleId, p.name, p.latitude, p.longitude, p.fix, p.fixAt, now).changes > 0 || changed;
    }
    // Revoked at the center since: off this console's map.
    const drop = db.prepare('DELETE FROM fleet_positions WHERE vehicle_id = ?');
    for (const id of answer.gone ?? []) changed = drop.run(id).changes > 0 || changed;
    const rev = answer.rev < since ? 0 : answer.rev;
    db.prepare(
      `INSERT INTO fleet_cursor (id, vehicle_id, rev) VALUES (1, ?, ?)
       ON CONFLICT (id) DO UPDATE SET vehicle_id = excluded.vehicle_id, rev = excluded.rev`,
    ).run(vehicleId, rev);
    return changed;
  })();
}

/** Every other vehicle held, by name. */
export function listFleet(db: Database): FleetPositionView[] {
  const rows = db
    .prepare('SELECT vehicle_id, name, latitude, longitude, fix, fix_at, received_at FROM fleet_positions ORDER BY name, vehicle_id')
    .all() as FleetPositionRow[];
  return rows.map((row) => ({
    vehicleId: row.vehicle_id,
    name: row.name,
    latitude: row.latitude,
    longitude: row.longitude,
    fix: row.fix,
    fixAt: row.fix_at,
    receivedAt: row.received_at,
  }));
}

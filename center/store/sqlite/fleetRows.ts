import type { FleetChanges } from '../CenterStore';
import type { Statements } from './statements';

/**
 * The fleet revision (migration 15): each change of a vehicle's last position takes the
 * next number over all vehicles, so "what moved since N" is one indexed range.
 */

/** Sets the vehicle's last position and gives it the next fleet revision. */
export function writePosition(
  statements: Statements,
  vehicleId: string,
  position: { latitude: number; longitude: number; fix: string; at: number },
): void {
  // One writer (the exchange's transaction), so MAX + 1 is unique and increasing.
  statements
    .get(
      `UPDATE vehicles SET pos_lat = ?, pos_lon = ?, pos_fix = ?, pos_at = ?,
         pos_rev = (SELECT COALESCE(MAX(pos_rev), 0) + 1 FROM vehicles)
       WHERE id = ?`,
    )
    .run(position.latitude, position.longitude, position.fix, position.at, vehicleId);
}

/** A vehicle just revoked takes the next revision, so the consoles that show it hear it is gone. */
export function bumpRevoked(statements: Statements, vehicleId: string): void {
  statements
    .get('UPDATE vehicles SET pos_rev = (SELECT COALESCE(MAX(pos_rev), 0) + 1 FROM vehicles) WHERE id = ? AND pos_at IS NOT NULL')
    .run(vehicleId);
}

interface FleetRow {
  id: string;
  revoked_at: number | null;
  name: string;
  pos_lat: number;
  pos_lon: number;
  pos_fix: string | null;
  pos_at: number;
  pos_rev: number;
}

/**
 * Every other vehicle whose position changed after `since`, oldest change first, at most
 * `limit`; revoked ones too (a revocation takes a revision: `bumpRevoked`), marked so.
 */
export function fleetAfter(statements: Statements, vehicleId: string, since: number, limit: number): FleetChanges {
  const rows = statements
    .get(
      `SELECT c.id, c.name, c.revoked_at, v.pos_lat, v.pos_lon, v.pos_fix, v.pos_at, v.pos_rev
       FROM vehicles v JOIN credentials c ON c.role = 'vehicle' AND c.id = v.id
       WHERE v.pos_rev > ? AND v.id <> ?
         AND v.pos_lat IS NOT NULL AND v.pos_lon IS NOT NULL AND v.pos_at IS NOT NULL
       ORDER BY v.pos_rev LIMIT ?`,
    )
    .all(since, vehicleId, limit) as FleetRow[];
  const { top } = statements.get('SELECT COALESCE(MAX(pos_rev), 0) AS top FROM vehicles').get() as { top: number };
  return {
    top,
    vehicles: rows.map((row) => ({
      rev: row.pos_rev,
      revoked: row.revoked_at !== null,
      vehicleId: row.id,
      name: row.name,
      latitude: row.pos_lat,
      longitude: row.pos_lon,
      fix: row.pos_fix === '3d' ? '3d' : '2d',
      fixAt: row.pos_at,
    })),
  };
}

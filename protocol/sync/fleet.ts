import { z } from 'zod';

/**
 * Other vehicles of the same center, as the exchange carries them down (docs/sync.md,
 * "Fleet positions"). Positions are state, not events: the center answers with the latest
 * position of every other vehicle that moved since the revision the console holds, so a
 * console that was away for a day gets one entry per vehicle, not a day of reports.
 */

/** Most vehicles in one answer; more wait for the next exchange (the revision says where it stopped). */
export const MAX_FLEET_ENTRIES = 500;
/** Coordinates travel as integers of 1e-5 degrees (about a metre): enough to draw a vehicle. */
export const FLEET_COORD_SCALE = 1e5;

const Revision = z
  .number()
  .int()
  .min(0)
  .max(2 ** 48);

/** The revision a console holds (0: none yet). */
export const FleetSince = Revision;

/**
 * One vehicle, compact (a CBOR array of about 35 bytes): id, name, latitude and longitude
 * in 1e-5°, the fix time in whole Unix seconds, and 2 or 3 for a 2D or 3D fix.
 */
export const FleetEntry = z.tuple([
  z.string().min(1).max(32),
  z.string().min(1).max(64),
  z
    .number()
    .int()
    .min(-90 * FLEET_COORD_SCALE)
    .max(90 * FLEET_COORD_SCALE),
  z
    .number()
    .int()
    .min(-180 * FLEET_COORD_SCALE)
    .max(180 * FLEET_COORD_SCALE),
  z
    .number()
    .int()
    .min(0)
    .max(2 ** 40),
  z.union([z.literal(2), z.literal(3)]),
]);
export type FleetEntry = z.infer<typeof FleetEntry>;

/**
 * The answer's `fleet`: what moved after the asked revision, the vehicles revoked since
 * (`gone`: the console drops them), and the revision to ask from next time.
 */
export const FleetAnswer = z
  .object({
    rev: Revision,
    vehicles: z.array(FleetEntry).max(MAX_FLEET_ENTRIES),
    gone: z.array(z.string().min(1).max(32)).max(MAX_FLEET_ENTRIES).optional(),
  })
  .strict();
export type FleetAnswer = z.infer<typeof FleetAnswer>;

/** A fleet entry as code on either side uses it (WGS-84 degrees, ms). */
export interface FleetVehiclePosition {
  vehicleId: string;
  name: string;
  latitude: number;
  longitude: number;
  fix: '2d' | '3d';
  /** When the vehicle had this fix (its clock), ms, rounded down to the second. */
  fixAt: number;
}

export function fleetEntryOf(position: FleetVehiclePosition): FleetEntry {
  return [
    position.vehicleId,
    position.name,
    Math.round(position.latitude * FLEET_COORD_SCALE),
    Math.round(position.longitude * FLEET_COORD_SCALE),
    Math.floor(position.fixAt / 1000),
    position.fix === '3d' ? 3 : 2,
  ];
}

export function fleetPositionOf(entry: FleetEntry): FleetVehiclePosition {
  const [vehicleId, name, lat, lon, fixAtSeconds, fix] = entry;
  return {
    vehicleId,
    name,
    latitude: lat / FLEET_COORD_SCALE,
    longitude: lon / FLEET_COORD_SCALE,
    fix: fix === 3 ? '3d' : '2d',
    fixAt: fixAtSeconds * 1000,
  };
}

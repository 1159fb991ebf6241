import type { GnssFix, GnssQuality } from '../../protocol/links/gnss';
import type { DeviceReading } from '../device/deviceTypes';
export type { DeviceConnection, DeviceIdentity } from '../device/deviceTypes';

/**
 * What a GNSS driver reports: the fields of the protocol's `GnssFix`, unwrapped. A field
 * is absent when this reading did not measure it, and `null` when the receiver says it
 * has no value now (no fix: no position, speed or heading).
 */
export type GnssReading = DeviceReading<GnssFix>;

/** One knot in m/s (1852 m per hour). */
export const KNOTS_TO_MPS = 1852 / 3600;

/** NMEA GGA quality 0–8, in order (NMEA 0183 4.11; reference §7.1). */
export const GGA_QUALITIES: readonly GnssQuality[] = [
  'none',
  'gps',
  'dgps',
  'pps',
  'rtk-fixed',
  'rtk-float',
  'dead-reckoning',
  'manual',
  'simulation',
];

/**
 * A position the receiver claims is a fix. Exactly 0°/0° is what receivers without a fix
 * print instead of empty fields, so it is never taken as a position.
 */
export function isPlausiblePosition(latitude: number | undefined, longitude: number | undefined): boolean {
  if (latitude === undefined || longitude === undefined) return false;
  if (!Number.isFinite(latitude) || !Number.isFinite(longitude)) return false;
  if (Math.abs(latitude) > 90 || Math.abs(longitude) > 180) return false;
  return !(latitude === 0 && longitude === 0);
}

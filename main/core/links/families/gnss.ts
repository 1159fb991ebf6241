import type { GpsdGnssConfig, NmeaGnssConfig } from '../../../../protocol/config/linkConfig';
import type { GnssFix } from '../../../../protocol/links/gnss';
import type { DeviceConnection } from '../../../../native/device/deviceTypes';
import { GpsdDriver } from '../../../../native/gnss/GpsdDriver';
import { NmeaGnssDriver } from '../../../../native/gnss/NmeaGnssDriver';
import type { Evaluation } from '../LinkSource';
import { connectionEvaluation } from './connection';
import type { FamilySpec } from './family';

/**
 * A GNSS receiver is up with a fresh 3D fix, degraded with 2D, down without a fix. A fix that
 * was not measured says so: an estimated one (dead reckoning) is degraded, a simulated one
 * (receiver in demo mode) down — it says nothing of where the vehicle is.
 */
export function evaluateGnss(connection: DeviceConnection, fix: GnssFix): Evaluation {
  const notReady = connectionEvaluation(connection);
  if (notReady) return notReady;
  const mode = fix.fixMode;
  if (!mode) return { state: 'unknown', reason: { code: 'starting' } };
  if (mode.stale) return { state: 'unknown', reason: { code: 'stale' } };
  if (mode.value === 'none') return { state: 'down', reason: { code: 'no-fix' } };
  const quality = fix.quality && !fix.quality.stale ? fix.quality.value : undefined;
  if (quality === 'simulation') return { state: 'down', reason: { code: 'fix-simulated' } };
  if (quality === 'dead-reckoning') return { state: 'degraded', reason: { code: 'fix-estimated' } };
  if (mode.value === '2d') return { state: 'degraded', reason: { code: 'fix-2d' } };
  return { state: 'up', reason: { code: 'ok' } };
}

const gnssCommon = {
  section: 'gnss',
  sampled: ['satellitesUsed', 'hdop'],
  // A running count since the driver started, not a measurement that ages.
  extraStaleMs: () => ({ badSentences: 86_400_000 }),
  evaluate: evaluateGnss,
  // A position source, not a carrier.
  capacityKbps: () => 0,
} as const;

/** A GNSS receiver sending NMEA 0183 over serial (driver `nmea`). */
export const nmeaFamily: FamilySpec<NmeaGnssConfig, GnssFix> = {
  ...gnssCommon,
  address: (config) => config.port,
  createDriver: (config) => new NmeaGnssDriver({ path: config.port, baudRate: config.baudRate }),
};

/** gpsd's JSON protocol over TCP (driver `gpsd`). */
export const gpsdFamily: FamilySpec<GpsdGnssConfig, GnssFix> = {
  ...gnssCommon,
  address: (config) => `${config.host}:${config.port}`,
  createDriver: (config) => new GpsdDriver({ host: config.host, port: config.port, device: config.device }),
};

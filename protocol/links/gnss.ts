import { z } from 'zod';
import { NumberMetric, metric } from './metric';

export const GnssFixMode = z.enum(['none', '2d', '3d']);
export type GnssFixMode = z.infer<typeof GnssFixMode>;

/** How the position was obtained (NMEA GGA quality, gpsd TPV status). */
export const GnssQuality = z.enum(['none', 'gps', 'dgps', 'pps', 'rtk-fixed', 'rtk-float', 'dead-reckoning', 'manual', 'simulation']);
export type GnssQuality = z.infer<typeof GnssQuality>;

/**
 * Qualities whose position was not measured from satellites: estimated (dead reckoning) or
 * simulated (a receiver in demo mode, a simulator). Shown as such, never recorded in the
 * track nor reported to the center as where the vehicle is.
 */
export const UNMEASURED_QUALITIES: readonly GnssQuality[] = ['dead-reckoning', 'simulation'];

export function isMeasuredQuality(quality: GnssQuality | undefined): boolean {
  return quality === undefined || !UNMEASURED_QUALITIES.includes(quality);
}

/** The system clock differs from GNSS time by more than this: time stamps are suspect. */
export const CLOCK_OFFSET_WARN_MS = 5000;

/** A GNSS receiver (NMEA 0183 over serial, or gpsd). WGS84 degrees, metres, m/s. */
export const GnssFix = z.object({
  fixMode: metric(GnssFixMode).optional(),
  quality: metric(GnssQuality).optional(),
  latitude: NumberMetric.optional(),
  longitude: NumberMetric.optional(),
  altitudeM: NumberMetric.optional(),
  speedMps: NumberMetric.optional(),
  /** Course over ground, degrees true. */
  headingDeg: NumberMetric.optional(),
  satellitesUsed: NumberMetric.optional(),
  satellitesVisible: NumberMetric.optional(),
  hdop: NumberMetric.optional(),
  /** Sentences dropped for a bad checksum or shape since the driver started. */
  badSentences: NumberMetric.optional(),
  /** GNSS (UTC) time of the fix, ms since the epoch: the time a vehicle cut off from the network can trust. */
  fixTimeMs: NumberMetric.optional(),
  /** System clock minus GNSS time when the fix arrived, ms (positive: the system clock is ahead). */
  clockOffsetMs: NumberMetric.optional(),
});
export type GnssFix = z.infer<typeof GnssFix>;

/** One point of the vehicle's track, as stored and as pushed on the `position` stream. */
export const PositionReport = z.object({
  at: z.number().int().nonnegative(),
  latitude: z.number().min(-90).max(90),
  longitude: z.number().min(-180).max(180),
  altitudeM: z.number().optional(),
  speedMps: z.number().min(0).optional(),
  headingDeg: z.number().min(0).max(360).optional(),
  fixMode: GnssFixMode,
  quality: GnssQuality.optional(),
  satellitesUsed: z.number().int().min(0).optional(),
  hdop: z.number().min(0).optional(),
  sourceLinkId: z.string(),
});
export type PositionReport = z.infer<typeof PositionReport>;

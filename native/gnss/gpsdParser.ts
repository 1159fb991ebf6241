import type { GnssQuality } from '../../protocol/links/gnss';
import { isPlausiblePosition, type GnssReading } from './gnssTypes';
import {
  GPSD_SCHEMAS,
  type GpsdDevice,
  type GpsdDevices,
  type GpsdError,
  type GpsdSky,
  type GpsdTpv,
  type GpsdVersion,
  type GpsdWatch,
} from '../../protocol/devices/gpsd';

/**
 * The gpsd JSON line parser and the mapping of TPV and SKY reports to readings. Pure and
 * never throws: a line that is too long, not JSON (gpsd truncates long objects), not an
 * object with a `class`, or a known class in the wrong shape comes back as
 * `{ ok: false, problem }`; unknown classes come back as `other` and are ignored.
 */

/** gpsd objects are at most this long (reference §7.2). */
export const GPSD_MAX_LINE = 10_240;

export type GpsdMessage =
  GpsdVersion | GpsdDevices | GpsdDevice | GpsdWatch | GpsdError | GpsdTpv | GpsdSky | { class: 'other'; name: string };

export type GpsdProblem = 'too-long' | 'not-json' | 'bad-shape';

export type GpsdParseResult = { ok: true; message: GpsdMessage } | { ok: false; problem: GpsdProblem; detail?: string };

export function parseGpsdLine(line: string): GpsdParseResult {
  if (line.length > GPSD_MAX_LINE) return { ok: false, problem: 'too-long' };
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return { ok: false, problem: 'not-json' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { ok: false, problem: 'bad-shape', detail: 'not an object' };
  const name = (value as { class?: unknown }).class;
  if (typeof name !== 'string') return { ok: false, problem: 'bad-shape', detail: 'no class' };
  if (!Object.hasOwn(GPSD_SCHEMAS, name)) return { ok: true, message: { class: 'other', name: name.slice(0, 32) } };
  const schema = GPSD_SCHEMAS[name as keyof typeof GPSD_SCHEMAS];
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      ok: false,
      problem: 'bad-shape',
      detail: `${name}: ${issue ? `${issue.path.join('.') || '(root)'} ${issue.message}` : 'invalid'}`.slice(0, 200),
    };
  }
  return { ok: true, message: parsed.data as GpsdMessage };
}

/**
 * TPV `status` (gpsd 3.22, `STATUS_*` in gps.h) to quality. 0 (unknown) or absent with a fix
 * counts as plain GPS. Dead reckoning, alone (5) or mixed into a GNSS fix (6, GNSSDR), is an
 * estimated position and simulation (8) none at all: both are "unmeasured" (protocol/links/gnss),
 * so they never enter the track or the position reports as where the vehicle is.
 */
const STATUS_QUALITY: readonly GnssQuality[] = [
  'gps', // 0 unknown
  'gps', // 1 normal
  'dgps', // 2 DGPS
  'rtk-fixed', // 3 RTK fixed
  'rtk-float', // 4 RTK float
  'dead-reckoning', // 5 DR: dead reckoning only
  'dead-reckoning', // 6 GNSSDR: GNSS and dead reckoning combined; not a pure measurement
  'manual', // 7 time only: a surveyed-in position (NMEA quality 7, manual input)
  'simulation', // 8 simulated
  'pps', // 9 P(Y): the precise (military) service, NMEA quality 3
];

/**
 * A TPV report as a reading. Mode 0/1 is no fix: position, altitude, speed, heading and
 * HDOP are `null`. With a fix, a value gpsd left out is `null` too (the receiver has none now).
 * Altitude is MSL (`altMSL`, else the older `alt`, else `altHAE`), and only in 3D. The fix
 * time and the system clock's offset from it come with every TPV that has a time.
 */
export function tpvReading(tpv: GpsdTpv, at: number): GnssReading {
  const reading: GnssReading = { at };
  // gpsd's time is UTC of the fix (ISO 8601); it already corrects GPS week rollovers.
  const fixTimeMs = tpv.time === undefined ? NaN : Date.parse(tpv.time);
  if (Number.isFinite(fixTimeMs)) {
    reading.fixTimeMs = fixTimeMs;
    reading.clockOffsetMs = at - fixTimeMs;
  }
  const fix = tpv.mode >= 2 && isPlausiblePosition(tpv.lat, tpv.lon);
  if (!fix) {
    reading.fixMode = 'none';
    reading.quality = 'none';
    reading.latitude = reading.longitude = reading.altitudeM = reading.speedMps = reading.headingDeg = null;
    // DOPs describe the geometry of a fix; without one the last HDOP no longer holds.
    reading.hdop = null;
    return reading;
  }
  reading.fixMode = tpv.mode === 3 ? '3d' : '2d';
  reading.quality = STATUS_QUALITY[tpv.status ?? 0] ?? 'gps';
  reading.latitude = tpv.lat!;
  reading.longitude = tpv.lon!;
  reading.altitudeM = tpv.mode === 3 ? (tpv.altMSL ?? tpv.alt ?? tpv.altHAE ?? null) : null;
  reading.speedMps = tpv.speed ?? null;
  reading.headingDeg = tpv.track === undefined ? null : tpv.track % 360;
  return reading;
}

/** A SKY report as a reading: satellites used and visible (counted from `satellites[]` when gpsd leaves out uSat/nSat), HDOP. */
export function skyReading(sky: GpsdSky, at: number): GnssReading {
  const reading: GnssReading = { at };
  const used = sky.uSat ?? sky.satellites?.filter((s) => s.used === true).length;
  const visible = sky.nSat ?? sky.satellites?.length;
  if (used !== undefined) reading.satellitesUsed = used;
  if (visible !== undefined) reading.satellitesVisible = visible;
  if (sky.hdop !== undefined) reading.hdop = sky.hdop;
  return reading;
}

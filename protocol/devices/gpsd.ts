import { z } from 'zod';

/**
 * gpsd's JSON protocol crosses a process boundary (the gpsd daemon), so its shapes are a
 * contract here, checked at the door by the gpsd driver.
 *
 * Shapes of the gpsd JSON objects the driver reads (ntpsec/gpsd `man/gpsd_json.adoc`,
 * reference §7.2). gpsd never sends `null`: an absent field means unknown. The fields
 * that make an object what it is (`class`, TPV `mode`) are checked strictly; any other
 * field that is out of range or of the wrong type is dropped (`undefined`), so one odd
 * value costs that value, not the report. Unknown fields are ignored (gpsd adds them).
 */

/** An optional field whose bad value becomes undefined instead of failing the object. */
function lenient<T extends z.ZodType>(schema: T) {
  return schema.optional().catch(undefined);
}

const text = (max: number) => lenient(z.string().max(max));
const count = lenient(z.number().int().min(0).max(10_000));
const dop = lenient(z.number().min(0).max(10_000));
const metres = lenient(z.number().min(-20_000).max(1e8));

export const GpsdVersion = z.object({
  class: z.literal('VERSION'),
  release: text(64),
  rev: text(64),
  proto_major: lenient(z.number().int()),
  proto_minor: lenient(z.number().int()),
});
export type GpsdVersion = z.infer<typeof GpsdVersion>;

const deviceFields = {
  path: text(256),
  driver: text(64),
  subtype: text(256),
  /** ISO 8601 time the device was activated; absent when it is inactive. */
  activated: lenient(z.union([z.string().max(64), z.number()])),
  bps: count,
};

export const GpsdDevice = z.object({ class: z.literal('DEVICE'), ...deviceFields });
export type GpsdDevice = z.infer<typeof GpsdDevice>;

export const GpsdDevices = z.object({
  class: z.literal('DEVICES'),
  devices: z.array(z.object(deviceFields)).max(64),
});
export type GpsdDevices = z.infer<typeof GpsdDevices>;

export const GpsdWatch = z.object({
  class: z.literal('WATCH'),
  enable: lenient(z.boolean()),
  json: lenient(z.boolean()),
  device: text(256),
});
export type GpsdWatch = z.infer<typeof GpsdWatch>;

export const GpsdError = z.object({
  class: z.literal('ERROR'),
  message: text(1000),
});
export type GpsdError = z.infer<typeof GpsdError>;

export const GpsdTpv = z.object({
  class: z.literal('TPV'),
  device: text(256),
  /** 0 unknown, 1 no fix, 2 2D, 3 3D: always present. */
  mode: z.number().int().min(0).max(3),
  /** 0 unknown, 1 normal, 2 DGPS, 3 RTK fixed, 4 RTK float, 5 DR, 6 GNSS+DR, 7 time (surveyed), 8 simulated, 9 P(Y). */
  status: lenient(z.number().int().min(0).max(9)),
  time: text(64),
  lat: lenient(z.number().min(-90).max(90)),
  lon: lenient(z.number().min(-180).max(180)),
  altHAE: metres,
  altMSL: metres,
  /** Deprecated in gpsd 3.20 (was MSL); still sent by older versions. */
  alt: metres,
  /** Metres per second. */
  speed: lenient(z.number().min(0).max(100_000)),
  /** Course over ground, degrees true. */
  track: lenient(z.number().min(0).max(360)),
  climb: lenient(z.number()),
  eph: lenient(z.number().min(0)),
  epv: lenient(z.number().min(0)),
});
export type GpsdTpv = z.infer<typeof GpsdTpv>;

const GpsdSatellite = z.object({
  PRN: lenient(z.number().int()),
  el: lenient(z.number()),
  az: lenient(z.number()),
  ss: lenient(z.number()),
  used: lenient(z.boolean()),
  gnssid: lenient(z.number().int()),
  svid: lenient(z.number().int()),
});

export const GpsdSky = z.object({
  class: z.literal('SKY'),
  device: text(256),
  time: text(64),
  nSat: count,
  uSat: count,
  hdop: dop,
  vdop: dop,
  pdop: dop,
  satellites: lenient(z.array(GpsdSatellite).max(1024)),
});
export type GpsdSky = z.infer<typeof GpsdSky>;

/** The schema for each class the driver reads; other classes (PPS, TOFF, GST, ATT, POLL …) are ignored. */
export const GPSD_SCHEMAS = {
  VERSION: GpsdVersion,
  DEVICES: GpsdDevices,
  DEVICE: GpsdDevice,
  WATCH: GpsdWatch,
  ERROR: GpsdError,
  TPV: GpsdTpv,
  SKY: GpsdSky,
} as const;

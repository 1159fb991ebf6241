/**
 * Field parsers for NMEA 0183 sentences. They never throw: an empty or malformed field
 * gives undefined (no data), so one bad field costs one value, never the sentence.
 */

const NUMBER = /^[-+]?(\d{1,12}(\.\d{0,12})?|\.\d{1,12})$/;

/** A decimal field (`545.4`, `-21.3`, `0.9`), or undefined. */
export function nmeaNumber(field: string | undefined): number | undefined {
  if (field === undefined || !NUMBER.test(field)) return undefined;
  return Number(field);
}

/** A non-negative decimal integer field (`08`), or undefined. */
export function nmeaInt(field: string | undefined): number | undefined {
  if (field === undefined || !/^\d{1,9}$/.test(field)) return undefined;
  return Number(field);
}

/** `ddmm.mmmm` / `dddmm.mmmm`: degrees are every digit before the last two of the integer part. */
const ANGLE = /^(\d{1,3})(\d\d(?:\.\d{1,10})?)$/;

function angle(
  field: string | undefined,
  hemisphere: string | undefined,
  positive: string,
  negative: string,
  maxDegrees: number,
): number | undefined {
  if (field === undefined || hemisphere === undefined) return undefined;
  const match = ANGLE.exec(field);
  if (!match) return undefined;
  const degrees = Number(match[1]);
  const minutes = Number(match[2]);
  if (minutes >= 60) return undefined;
  const value = degrees + minutes / 60;
  if (value > maxDegrees) return undefined;
  if (hemisphere === positive) return value;
  if (hemisphere === negative) return -value;
  return undefined;
}

/** Latitude in WGS84 degrees, south negative; undefined when either field is empty or malformed. */
export function nmeaLatitude(field: string | undefined, hemisphere: string | undefined): number | undefined {
  return angle(field, hemisphere, 'N', 'S', 90);
}

/** Longitude in WGS84 degrees, west negative. */
export function nmeaLongitude(field: string | undefined, hemisphere: string | undefined): number | undefined {
  return angle(field, hemisphere, 'E', 'W', 180);
}

export interface NmeaTime {
  /** The field as sent (`123519.00`), so sentences of one epoch can be matched exactly. */
  text: string;
  /** Milliseconds since UTC midnight. */
  msOfDay: number;
}

/** `hhmmss` or `hhmmss.ss` UTC. */
export function nmeaTime(field: string | undefined): NmeaTime | undefined {
  if (field === undefined) return undefined;
  const match = /^(\d\d)(\d\d)(\d\d(?:\.\d{1,6})?)$/.exec(field);
  if (!match) return undefined;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  const seconds = Number(match[3]);
  if (hours > 23 || minutes > 59 || seconds >= 61) return undefined;
  return { text: field, msOfDay: Math.round(((hours * 60 + minutes) * 60 + seconds) * 1000) };
}

/**
 * RMC `ddmmyy` plus the time to ms since the epoch. Two-digit years 80–99 are 19xx,
 * the rest 20xx (receivers roll over in different ways; the date is for display only).
 */
export function nmeaUtc(dateField: string | undefined, time: NmeaTime | undefined): number | undefined {
  if (dateField === undefined || time === undefined) return undefined;
  const match = /^(\d\d)(\d\d)(\d\d)$/.exec(dateField);
  if (!match) return undefined;
  const day = Number(match[1]);
  const month = Number(match[2]);
  const yy = Number(match[3]);
  if (day < 1 || day > 31 || month < 1 || month > 12) return undefined;
  const year = yy >= 80 ? 1900 + yy : 2000 + yy;
  const midnight = Date.UTC(year, month - 1, day);
  // Date.UTC rolls 31 February into March; such a date is malformed.
  if (new Date(midnight).getUTCDate() !== day) return undefined;
  return midnight + time.msOfDay;
}

/** XOR of every character code of `body` (the text strictly between `$` and `*`). */
export function nmeaChecksum(body: string): number {
  let sum = 0;
  for (let i = 0; i < body.length; i++) sum ^= body.charCodeAt(i);
  return sum & 0xff;
}

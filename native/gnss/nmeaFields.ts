/**
 * Field parsers for NMEA 0183 sentences. They never throw: an empty or malformed field
 * gives undefined (no data), so one bad field costs one value, never the sentence.
 */

/**
 * Both scanners below run for most fields of every sentence, so they read char codes rather
 * than run a regular expression; the unit tests hold them to the patterns they stand for.
 */

/** Digits `0`–`9` in `field` from `from`; returns the index of the first non-digit. */
function digitsEnd(field: string, from: number): number {
  let i = from;
  while (i < field.length) {
    const c = field.charCodeAt(i);
    if (c < 0x30 || c > 0x39) break;
    i++;
  }
  return i;
}

/** A decimal field (`545.4`, `-21.3`, `0.9`, `.5`, `7.`), or undefined: `/^[-+]?(\d{1,12}(\.\d{0,12})?|\.\d{1,12})$/`. */
export function nmeaNumber(field: string | undefined): number | undefined {
  if (field === undefined || field.length === 0) return undefined;
  const first = field.charCodeAt(0);
  const intStart = first === 0x2d || first === 0x2b ? 1 : 0; // - or +
  const intEnd = digitsEnd(field, intStart);
  const intDigits = intEnd - intStart;
  if (intDigits > 12) return undefined;
  if (intEnd === field.length) return intDigits === 0 ? undefined : Number(field);
  if (field.charCodeAt(intEnd) !== 0x2e) return undefined; // .
  const fracEnd = digitsEnd(field, intEnd + 1);
  const fracDigits = fracEnd - intEnd - 1;
  if (fracEnd !== field.length || fracDigits > 12 || (intDigits === 0 && fracDigits === 0)) return undefined;
  return Number(field);
}

/** A non-negative decimal integer field (`08`), or undefined: `/^\d{1,9}$/`. */
export function nmeaInt(field: string | undefined): number | undefined {
  if (field === undefined || field.length === 0 || field.length > 9 || digitsEnd(field, 0) !== field.length) return undefined;
  return Number(field);
}

/** `ddmm.mmmm` / `dddmm.mmmm`: degrees are every digit before the last two of the integer part. */
const ANGLE = /^\d{1,3}\d\d(?:\.\d{1,10})?$/;

function angle(
  field: string | undefined,
  hemisphere: string | undefined,
  positive: string,
  negative: string,
  maxDegrees: number,
): number | undefined {
  if (field === undefined || hemisphere === undefined) return undefined;
  // Checked by the pattern, then cut by hand: `exec` would allocate a match per field.
  if (!ANGLE.test(field)) return undefined;
  const dot = field.indexOf('.');
  const minutesAt = (dot < 0 ? field.length : dot) - 2;
  const degrees = Number(field.slice(0, minutesAt));
  const minutes = Number(field.slice(minutesAt));
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

const TIME = /^\d{6}(?:\.\d{1,6})?$/;

/** The two ASCII digits at `at` as a number (the caller has checked they are digits). */
function twoDigits(text: string, at: number): number {
  return (text.charCodeAt(at) - 0x30) * 10 + text.charCodeAt(at + 1) - 0x30;
}

/** `hhmmss` or `hhmmss.ss` UTC. */
export function nmeaTime(field: string | undefined): NmeaTime | undefined {
  if (field === undefined) return undefined;
  if (!TIME.test(field)) return undefined;
  const hours = twoDigits(field, 0);
  const minutes = twoDigits(field, 2);
  const seconds = field.length === 6 ? twoDigits(field, 4) : Number(field.slice(4));
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

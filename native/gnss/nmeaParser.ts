import type { GnssFixMode, GnssQuality } from '../../protocol/links/gnss';
import { GGA_QUALITIES, KNOTS_TO_MPS } from './gnssTypes';
import { nmeaInt, nmeaLatitude, nmeaLongitude, nmeaNumber, nmeaTime, nmeaUtc, type NmeaTime } from './nmeaFields';

/**
 * The NMEA 0183 sentence parser: framing, checksum, and the GGA, RMC, GSA and GSV
 * sentences, and GNS, talker-agnostic (GP, GN, GL, GA, GB/BD, GQ/QZ: only the last three letters
 * of the address decide the type). Pure and never throws: anything that is not a
 * well-formed sentence comes back as `{ ok: false, problem }`, so the driver can count
 * and drop it. Formats: reference §7.1 (ntpsec/gpsd `www/NMEA.adoc`).
 */

/**
 * The fix data GGA and GNS share: time, position, satellites in use, HDOP and altitude.
 * Each sentence adds how it states the fix's quality.
 */
export interface FixDataSentence {
  talker: string;
  time: NmeaTime | undefined;
  /** Quality 0–8 (GGA: its digit; GNS: the best of its mode letters); undefined when empty or out of range. */
  quality: GnssQuality | undefined;
  latitude: number | undefined;
  longitude: number | undefined;
  satellitesUsed: number | undefined;
  hdop: number | undefined;
  /** Antenna altitude above mean sea level (orthometric height), metres. */
  altitudeM: number | undefined;
  geoidSeparationM: number | undefined;
}

export interface GgaSentence extends FixDataSentence {
  type: 'GGA';
}

/**
 * GNS (NMEA 3.0+, multi-constellation fix data): GGA's position and altitude with one mode
 * letter per constellation instead of GGA's quality digit, and a satellite count that is
 * not capped at 12. Receivers send a combined `GNGNS` and sometimes one per constellation
 * (`GPGNS`, `GLGNS`) that carries only that system's count.
 */
export interface GnsSentence extends FixDataSentence {
  type: 'GNS';
  /** Mode letters as sent, one per system in NMEA order (GPS, GLONASS, Galileo, BeiDou, QZSS, NavIC). */
  modes: string;
  /** NMEA 4.1 navigational status: S safe, C caution, U unsafe, V not valid. */
  navStatus: string | undefined;
}

export interface RmcSentence {
  type: 'RMC';
  talker: string;
  time: NmeaTime | undefined;
  /** Status `A` and a mode other than `N`: the position is a fix. */
  valid: boolean;
  latitude: number | undefined;
  longitude: number | undefined;
  speedMps: number | undefined;
  /** Track made good, degrees true. */
  headingDeg: number | undefined;
  /** Date and time of the fix, ms since the epoch (UTC). */
  utcMs: number | undefined;
  /** NMEA 2.3 mode letter (A autonomous, D differential, E estimated, F/R RTK, M, S, N). */
  mode: string | undefined;
}

export interface GsaSentence {
  type: 'GSA';
  talker: string;
  fixMode: GnssFixMode | undefined;
  /** Ids of the satellites used in the fix (up to 12 per sentence). */
  satellites: number[];
  pdop: number | undefined;
  hdop: number | undefined;
  vdop: number | undefined;
  /** NMEA 4.11 GNSS system id (1 GPS, 2 GLONASS, 3 Galileo, 4 BeiDou, 5 QZSS). */
  systemId: number | undefined;
}

export interface GsvSatellite {
  id: number;
  elevationDeg: number | undefined;
  azimuthDeg: number | undefined;
  snrDbHz: number | undefined;
}

export interface GsvSentence {
  type: 'GSV';
  talker: string;
  messageCount: number;
  messageNumber: number;
  satellitesInView: number;
  satellites: GsvSatellite[];
  /** NMEA 4.11 signal id (last field after the satellite groups). */
  signalId: number | undefined;
}

/** A well-formed sentence of a type the driver does not use (VTG, GLL, TXT, proprietary). */
export interface OtherSentence {
  type: 'other';
  talker: string;
  address: string;
}

export type NmeaSentence = GgaSentence | GnsSentence | RmcSentence | GsaSentence | GsvSentence | OtherSentence;

export type NmeaProblem = 'no-start' | 'no-checksum' | 'bad-checksum' | 'bad-address' | 'bad-shape';

export type NmeaParseResult =
  | {
      ok: true;
      sentence: NmeaSentence;
      /** Bytes before the `$` were dropped (noise ran into the sentence without a line end). */
      noise: boolean;
    }
  | { ok: false; problem: NmeaProblem };

/**
 * Parses one line. The sentence starts at the last `$` (a sentence never contains one), so
 * noise glued to the front of a good sentence costs the noise only.
 */
export function parseNmeaSentence(line: string): NmeaParseResult {
  const start = line.lastIndexOf('$');
  if (start < 0) return { ok: false, problem: 'no-start' };
  const sentence = line.slice(start).trimEnd();
  const star = sentence.length - 3;
  if (star < 1 || sentence[star] !== '*') return { ok: false, problem: 'no-checksum' };
  const sent = (hexDigit(sentence.charCodeAt(star + 1)) << 4) | hexDigit(sentence.charCodeAt(star + 2));
  if (sent < 0) return { ok: false, problem: 'no-checksum' };
  // One pass over the body, the hot loop of the parser: printable ASCII only (`*` inside the
  // body means two sentences ran together), the XOR checksum, and the fields cut at the
  // commas on the way (profiled: `slice(…).split(',')` cost more than the rest together).
  let sum = 0;
  const values: string[] = [];
  let fieldStart = 1;
  for (let i = 1; i < star; i++) {
    const c = sentence.charCodeAt(i);
    if (c < 0x20 || c > 0x7e || c === 0x2a) return { ok: false, problem: 'bad-shape' };
    sum ^= c;
    if (c === 0x2c) {
      values.push(sentence.slice(fieldStart, i));
      fieldStart = i + 1;
    }
  }
  if (sum !== sent) return { ok: false, problem: 'bad-checksum' };
  values.push(sentence.slice(fieldStart, star));
  const address = values.shift()!;
  if (!/^[A-Z][A-Z0-9]{1,9}$/.test(address)) return { ok: false, problem: 'bad-address' };
  const noise = start > 0 && line.slice(0, start).trim() !== '';
  if (address.startsWith('P')) return { ok: true, sentence: { type: 'other', talker: 'P', address }, noise };
  if (address.length < 5) return { ok: false, problem: 'bad-address' };
  const talker = address.slice(0, -3);
  let parsed: NmeaSentence | undefined;
  switch (address.slice(-3)) {
    case 'GGA':
      parsed = parseGga(talker, values);
      break;
    case 'RMC':
      parsed = parseRmc(talker, values);
      break;
    case 'GNS':
      parsed = parseGns(talker, values);
      break;
    case 'GSA':
      parsed = parseGsa(talker, values);
      break;
    case 'GSV':
      parsed = parseGsv(talker, values);
      break;
    default:
      parsed = { type: 'other', talker, address };
  }
  return parsed ? { ok: true, sentence: parsed, noise } : { ok: false, problem: 'bad-shape' };
}

/** GGA quality digit to the protocol's quality; undefined for empty or unknown digits. */
export function ggaQuality(field: string | undefined): GnssQuality | undefined {
  const q = nmeaInt(field);
  return q === undefined ? undefined : GGA_QUALITIES[q];
}

/** GGA's unit fields: metres, or left empty / left off. */
function unitIsMetres(unit: string | undefined): boolean {
  return unit === 'M' || unit === undefined || unit === '';
}

/** `$--GGA,time,lat,N,lon,E,q,nn,hdop,alt,M,sep,M,age,station`; the DGPS pair is often left off. */
function parseGga(talker: string, f: string[]): GgaSentence | undefined {
  if (f.length < 6 || f.length > 16) return undefined;
  return {
    type: 'GGA',
    talker,
    time: nmeaTime(f[0]),
    quality: ggaQuality(f[5]),
    latitude: nmeaLatitude(f[1], f[2]),
    longitude: nmeaLongitude(f[3], f[4]),
    satellitesUsed: nmeaInt(f[6]),
    hdop: nonNegative(nmeaNumber(f[7])),
    altitudeM: unitIsMetres(f[9]) ? nmeaNumber(f[8]) : undefined,
    geoidSeparationM: unitIsMetres(f[11]) ? nmeaNumber(f[10]) : undefined,
  };
}

/** Each mode letter as a quality: the NMEA 4.x GNS mode indicator (reference §7.1). */
const GNS_MODE_QUALITY: Readonly<Record<string, GnssQuality>> = {
  N: 'none',
  A: 'gps',
  D: 'dgps',
  P: 'pps',
  R: 'rtk-fixed',
  F: 'rtk-float',
  E: 'dead-reckoning',
  M: 'manual',
  S: 'simulation',
};

/**
 * The best fix among the constellations: a system measured from satellites (RTK fixed over
 * float over differential over precise over autonomous) wins over an entered (manual),
 * estimated or simulated one, and any of those over `N`. So `AN` (GPS autonomous, GLONASS
 * unused) is a GPS fix, `EE` an estimated position, `NN` no fix.
 */
const GNS_RANK: readonly GnssQuality[] = ['none', 'simulation', 'dead-reckoning', 'manual', 'gps', 'pps', 'dgps', 'rtk-float', 'rtk-fixed'];

/** The GNS mode field to one quality; undefined when empty or when any letter is unknown. */
export function gnsQuality(modes: string): GnssQuality | undefined {
  let best = -1;
  for (const letter of modes) {
    const quality = GNS_MODE_QUALITY[letter];
    if (quality === undefined) return undefined;
    best = Math.max(best, GNS_RANK.indexOf(quality));
  }
  return best < 0 ? undefined : GNS_RANK[best];
}

/**
 * `$--GNS,time,lat,N,lon,E,modes,nn,hdop,alt,sep,age,station[,navstatus]`. Per-constellation
 * companions (`$GPGNS,014035.00,,,,,,8,,,,1.0,23`) leave position and modes empty.
 */
function parseGns(talker: string, f: string[]): GnsSentence | undefined {
  if (f.length < 10 || f.length > 13) return undefined;
  const modes = f[5] ?? '';
  if (!/^[A-Z]{0,8}$/.test(modes)) return undefined;
  const navStatus = f[12] !== undefined && /^[A-Z]$/.test(f[12]) ? f[12] : undefined;
  return {
    type: 'GNS',
    talker,
    time: nmeaTime(f[0]),
    modes,
    quality: gnsQuality(modes),
    latitude: nmeaLatitude(f[1], f[2]),
    longitude: nmeaLongitude(f[3], f[4]),
    satellitesUsed: nmeaInt(f[6]),
    hdop: nonNegative(nmeaNumber(f[7])),
    altitudeM: nmeaNumber(f[8]),
    geoidSeparationM: nmeaNumber(f[9]),
    navStatus,
  };
}

/** `$--RMC,time,A|V,lat,N,lon,E,knots,track,ddmmyy,magvar,E|W[,mode][,navstatus]`. */
function parseRmc(talker: string, f: string[]): RmcSentence | undefined {
  if (f.length < 11 || f.length > 13) return undefined;
  const time = nmeaTime(f[0]);
  const mode = f[11] !== undefined && /^[A-Z]$/.test(f[11]) ? f[11] : undefined;
  const knots = nonNegative(nmeaNumber(f[6]));
  const track = nmeaNumber(f[7]);
  return {
    type: 'RMC',
    talker,
    time,
    valid: f[1] === 'A' && mode !== 'N',
    latitude: nmeaLatitude(f[2], f[3]),
    longitude: nmeaLongitude(f[4], f[5]),
    speedMps: knots === undefined ? undefined : Math.round(knots * KNOTS_TO_MPS * 1000) / 1000,
    headingDeg: track === undefined || track < 0 || track > 360 ? undefined : track % 360,
    utcMs: nmeaUtc(f[8], time),
    mode,
  };
}

const GSA_FIX: Readonly<Record<string, GnssFixMode>> = { '1': 'none', '2': '2d', '3': '3d' };

/** `$--GSA,M|A,1|2|3,sv1..sv12,PDOP,HDOP,VDOP[,systemId]`. */
function parseGsa(talker: string, f: string[]): GsaSentence | undefined {
  if (f.length !== 17 && f.length !== 18) return undefined;
  const satellites: number[] = [];
  for (let i = 2; i < 14; i++) {
    const id = nmeaInt(f[i]);
    if (id !== undefined) satellites.push(id);
  }
  return {
    type: 'GSA',
    talker,
    fixMode: GSA_FIX[f[1] ?? ''],
    satellites,
    pdop: nonNegative(nmeaNumber(f[14])),
    hdop: nonNegative(nmeaNumber(f[15])),
    vdop: nonNegative(nmeaNumber(f[16])),
    systemId: f[17] !== undefined && /^[0-9A-F]$/.test(f[17]) ? parseInt(f[17], 16) : undefined,
  };
}

/** `$--GSV,total,number,inView{,id,elev,azimuth,snr}×0..4[,signalId]`. */
function parseGsv(talker: string, f: string[]): GsvSentence | undefined {
  const messageCount = nmeaInt(f[0]);
  const messageNumber = nmeaInt(f[1]);
  const satellitesInView = nmeaInt(f[2]);
  if (messageCount === undefined || messageNumber === undefined || satellitesInView === undefined) return undefined;
  if (messageNumber < 1 || messageNumber > messageCount || f.length > 20) return undefined;
  const satellites: GsvSatellite[] = [];
  // Groups of four from field 3 (index arithmetic rather than a copy of the array).
  for (let i = 3; i + 4 <= f.length; i += 4) {
    const id = nmeaInt(f[i]);
    if (id === undefined) continue;
    satellites.push({ id, elevationDeg: nmeaNumber(f[i + 1]), azimuthDeg: nmeaNumber(f[i + 2]), snrDbHz: nmeaNumber(f[i + 3]) });
  }
  const tail = (f.length - 3) % 4 === 1 ? f[f.length - 1] : undefined;
  return {
    type: 'GSV',
    talker,
    messageCount,
    messageNumber,
    satellitesInView,
    satellites,
    signalId: tail !== undefined && /^[0-9A-F]$/.test(tail) ? parseInt(tail, 16) : undefined,
  };
}

/** 0–15 for a hex digit (either case), else a large negative number (so `<< 4 |` stays negative). */
function hexDigit(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  return -0x10000;
}

function nonNegative(value: number | undefined): number | undefined {
  return value === undefined || value < 0 ? undefined : value;
}

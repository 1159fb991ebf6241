import type { GnssFixMode, GnssQuality } from '../../protocol/links/gnss';
import { isPlausiblePosition, type GnssReading } from './gnssTypes';
import type { GgaSentence, GnsSentence, GsaSentence, GsvSentence, RmcSentence } from './nmeaParser';

/**
 * Groups the sentences of one navigation epoch (one second on most receivers) and turns
 * them into one reading. Receivers send GGA, RMC, GSA and GSV in different orders, so an
 * epoch ends when a sentence carries a different UTC time, when GGA or RMC comes again
 * without a time (no fix yet), when the driver sees the line go quiet (the end of the
 * second's burst), or after `maxSentences` sentences (bounded memory).
 */

export type EpochSentence = GgaSentence | GnsSentence | RmcSentence | GsaSentence | GsvSentence;

export interface NmeaEpoch {
  /** UTC time field shared by the epoch's GGA/RMC, as sent. */
  time: string | undefined;
  /** The GGA that gives the position: a combined (GN) one, else the first of the epoch. */
  gga: GgaSentence | undefined;
  /** Satellites used per GGA talker: receivers such as SiRFstarV send one GGA per constellation. */
  ggaUsed: Map<string, number | undefined>;
  /** The GNS that gives the position: a combined (GN) one, else the first with a mode field. */
  gns: GnsSentence | undefined;
  /** Satellites used per GNS talker (a combined GNGNS, or per-constellation companions). */
  gnsUsed: Map<string, number | undefined>;
  rmc: RmcSentence | undefined;
  /** Every GSA of the epoch: one per system, and more than one when a system uses over 12. */
  gsa: GsaSentence[];
  /** Satellites in view per talker and signal id. */
  gsvInView: Map<string, number>;
  /** `type/talker` of the GGA and RMC seen, so a repeated one without a time starts a new epoch. */
  seen: Set<string>;
  /** Clock time the epoch's first sentence arrived: when the receiver said what time it was. */
  openedAt: number;
  size: number;
}

export class NmeaEpochAssembler {
  readonly #maxSentences: number;
  readonly #now: () => number;
  #epoch: NmeaEpoch | undefined;

  /**
   * @param maxSentences an epoch is closed after this many sentences. Default 64.
   * @param now clock for `openedAt`. Default `Date.now`.
   */
  constructor(maxSentences = 64, now: () => number = Date.now) {
    this.#maxSentences = maxSentences;
    this.#now = now;
  }

  /** Adds a sentence; returns the finished epoch when this sentence ended one. */
  add(sentence: EpochSentence): NmeaEpoch | undefined {
    let finished: NmeaEpoch | undefined;
    if (this.#epoch && startsNewEpoch(this.#epoch, sentence)) finished = this.#takeEpoch();
    const epoch = (this.#epoch ??= {
      time: undefined,
      gga: undefined,
      ggaUsed: new Map(),
      gns: undefined,
      gnsUsed: new Map(),
      rmc: undefined,
      gsa: [] as GsaSentence[],
      gsvInView: new Map(),
      seen: new Set(),
      openedAt: this.#now(),
      size: 0,
    });
    epoch.size++;
    switch (sentence.type) {
      case 'GGA':
        if (epoch.gga === undefined || (sentence.talker === 'GN' && epoch.gga.talker !== 'GN')) epoch.gga = sentence;
        epoch.ggaUsed.set(sentence.talker, sentence.satellitesUsed);
        epoch.seen.add(`GGA/${sentence.talker}`);
        epoch.time ??= sentence.time?.text;
        break;
      case 'GNS':
        if (sentence.modes !== '' && (epoch.gns === undefined || (sentence.talker === 'GN' && epoch.gns.talker !== 'GN')))
          epoch.gns = sentence;
        epoch.gnsUsed.set(sentence.talker, sentence.satellitesUsed);
        epoch.time ??= sentence.time?.text;
        break;
      case 'RMC':
        epoch.rmc ??= sentence;
        epoch.seen.add(`RMC/${sentence.talker}`);
        epoch.time ??= sentence.time?.text;
        break;
      case 'GSA':
        epoch.gsa.push(sentence);
        break;
      case 'GSV':
        epoch.gsvInView.set(`${sentence.talker}/${sentence.signalId ?? ''}`, sentence.satellitesInView);
        break;
    }
    if (!finished && epoch.size >= this.#maxSentences) finished = this.#takeEpoch();
    return finished;
  }

  /** Ends the current epoch (the line went quiet); undefined when none is open. */
  flush(): NmeaEpoch | undefined {
    return this.#takeEpoch();
  }

  /** Drops the epoch in progress (port reopened). */
  reset(): void {
    this.#epoch = undefined;
  }

  #takeEpoch(): NmeaEpoch | undefined {
    const epoch = this.#epoch;
    this.#epoch = undefined;
    return epoch;
  }
}

/**
 * A GGA, GNS or RMC with another time starts a new epoch. Without times (no fix yet), the same
 * GGA or RMC from the same talker again does; another talker's GGA (GPGGA then GLGGA) does not.
 */
function startsNewEpoch(epoch: NmeaEpoch, sentence: EpochSentence): boolean {
  if (sentence.type !== 'GGA' && sentence.type !== 'GNS' && sentence.type !== 'RMC') return false;
  const time = sentence.time?.text;
  if (time !== undefined && epoch.time !== undefined) return time !== epoch.time;
  // A GNS without a time never does: the Motorola Droid 4 sends three `$GNGNS,,,,,,NN` in one
  // burst before a fix.
  if (sentence.type === 'GNS') return false;
  return epoch.seen.has(`${sentence.type}/${sentence.talker}`);
}

/** RMC mode letters to quality, for receivers that send RMC without GGA. */
const RMC_MODE_QUALITY: Readonly<Record<string, GnssQuality>> = {
  A: 'gps',
  D: 'dgps',
  E: 'dead-reckoning',
  F: 'rtk-float',
  R: 'rtk-fixed',
  M: 'manual',
  S: 'simulation',
  P: 'gps',
};

const FIX_RANK: Readonly<Record<GnssFixMode, number>> = { none: 0, '2d': 1, '3d': 2 };

/**
 * One epoch as a reading. GGA decides whether there is a fix (else RMC); without a fix the
 * position, altitude, speed, heading and HDOP are `null`, whatever zeros the receiver
 * printed. The fix mode comes from GSA (best of the systems); without GSA it is 3D when
 * GGA gives an altitude, else 2D (as gpsd does); RMC alone leaves it unsaid. Altitude is
 * MSL and only in 3D. A claimed fix without a usable position counts as no fix.
 * GNS stands in for GGA where GGA is absent (its best mode letter gives the quality).
 * Satellites used: the distinct satellites the epoch's GSA sentences list (every talker and
 * system), else the GNS count (not capped at 12), else the GGA count (each summed over
 * per-constellation sentences when no combined GN one came): GGA caps at 12 and a
 * receiver sending one GGA per constellation gives each system's share only. In view: GSV,
 * summed over talkers (the largest count per talker across signal ids). Time: the RMC's date
 * and time of a valid fix (GGA has no date), with the offset of the system clock from it.
 */
export function epochReading(epoch: NmeaEpoch, at: number): GnssReading {
  const { rmc } = epoch;
  // GNS carries what GGA does (its mode letters give the quality): it stands in for a GGA
  // that is absent or says nothing of the fix.
  const gga = epoch.gga?.quality !== undefined ? epoch.gga : epoch.gns?.quality !== undefined ? epoch.gns : (epoch.gga ?? epoch.gns);
  const reading: GnssReading = { at };
  const ggaDecides = gga !== undefined && gga.quality !== undefined;
  const fix: boolean | undefined = ggaDecides ? gga.quality !== 'none' : rmc ? rmc.valid : undefined;
  const gsaModes = epoch.gsa.map((g) => g.fixMode).filter((m): m is GnssFixMode => m !== undefined);
  const gsaMode = gsaModes.length === 0 ? undefined : gsaModes.reduce((best, m) => (FIX_RANK[m] > FIX_RANK[best] ? m : best));
  const gsaHdop = epoch.gsa.find((g) => g.hdop !== undefined)?.hdop;

  if (fix === undefined) {
    // Only GSA/GSV in this epoch: report what they say, leave the position alone.
    if (gsaMode !== undefined) reading.fixMode = gsaMode;
    if (gsaHdop !== undefined && gsaMode !== 'none') reading.hdop = gsaHdop;
  } else {
    const position = pickPosition(gga, rmc, fix);
    if (!position) {
      reading.fixMode = 'none';
      reading.quality = 'none';
      reading.latitude = reading.longitude = reading.altitudeM = null;
      reading.hdop = null;
      if (rmc) reading.speedMps = reading.headingDeg = null;
    } else {
      // RMC alone says nothing of 2D or 3D: the mode then stays as the last GSA/GGA left it.
      const derived: GnssFixMode | undefined = gga ? (gga.altitudeM !== undefined ? '3d' : '2d') : undefined;
      const mode = gsaMode === '2d' || gsaMode === '3d' ? gsaMode : derived;
      if (mode !== undefined) reading.fixMode = mode;
      reading.quality = ggaDecides ? gga.quality : (rmc?.mode && RMC_MODE_QUALITY[rmc.mode]) || 'gps';
      reading.latitude = position.latitude;
      reading.longitude = position.longitude;
      if (mode !== undefined) reading.altitudeM = mode === '3d' ? (gga?.altitudeM ?? null) : null;
      reading.hdop = gga?.hdop ?? gsaHdop ?? null;
      if (rmc) {
        reading.speedMps = rmc.speedMps ?? null;
        reading.headingDeg = rmc.headingDeg ?? null;
      }
    }
  }

  const used = gsaSatellitesUsed(epoch.gsa) ?? ggaSatellitesUsed(epoch.gnsUsed) ?? ggaSatellitesUsed(epoch.ggaUsed);
  if (used !== undefined) reading.satellitesUsed = used;
  const fixTimeMs = rmc?.valid ? rmc.utcMs : undefined;
  if (fixTimeMs !== undefined) {
    reading.fixTimeMs = afterWeekRollover(fixTimeMs);
    reading.clockOffsetMs = epoch.openedAt - reading.fixTimeMs;
  }
  const visible = satellitesInView(epoch.gsvInView);
  if (visible !== undefined) reading.satellitesVisible = visible;
  return reading;
}

/**
 * Distinct satellites the GSA sentences list. Keyed by NMEA 4.11 system id when sent; without
 * it the legacy NMEA numbering keeps systems apart (GPS 1–32, SBAS 33–64, GLONASS 65–96), and
 * a receiver that lists a satellite in both a GPGSA and a GNGSA counts it once.
 */
function gsaSatellitesUsed(gsa: GsaSentence[]): number | undefined {
  if (gsa.length === 0) return undefined;
  const used = new Set<string>();
  for (const g of gsa) for (const id of g.satellites) used.add(`${g.systemId ?? ''}:${id}`);
  return used.size;
}

/** Without GSA: a combined GN count when sent, else the sum of the per-constellation GGAs (or GNSs). */
function ggaSatellitesUsed(byTalker: Map<string, number | undefined>): number | undefined {
  if (byTalker.has('GN')) return byTalker.get('GN');
  const counts = [...byTalker.values()].filter((n): n is number => n !== undefined);
  return counts.length === 0 ? undefined : counts.reduce((a, b) => a + b, 0);
}

/** 1024 GPS weeks in ms: the 10-bit week counter of older receivers wraps after this. */
const GPS_WEEK_ROLLOVER_MS = 1024 * 7 * 86_400_000;
/** 2017-01-01, the last leap second: no receiver working now can truly be earlier. */
const EARLIEST_PLAUSIBLE_MS = Date.UTC(2017, 0, 1);

/**
 * A date before 2017 comes from a receiver whose week counter wrapped (its firmware predates
 * the rollover): moved forward by 1024 weeks, as gpsd 3.22 does, so both drivers agree.
 */
export function afterWeekRollover(utcMs: number): number {
  return utcMs < EARLIEST_PLAUSIBLE_MS ? utcMs + GPS_WEEK_ROLLOVER_MS : utcMs;
}

/** The fix position: GGA's when GGA has one, else RMC's; none without a fix or for 0°/0°. */
function pickPosition(
  gga: GgaSentence | GnsSentence | undefined,
  rmc: RmcSentence | undefined,
  fix: boolean,
): { latitude: number; longitude: number } | undefined {
  if (!fix) return undefined;
  for (const s of [gga, rmc]) {
    if (s && isPlausiblePosition(s.latitude, s.longitude)) return { latitude: s.latitude!, longitude: s.longitude! };
  }
  return undefined;
}

function satellitesInView(byTalkerSignal: Map<string, number>): number | undefined {
  if (byTalkerSignal.size === 0) return undefined;
  const perTalker = new Map<string, number>();
  for (const [key, count] of byTalkerSignal) {
    const talker = key.slice(0, key.indexOf('/'));
    perTalker.set(talker, Math.max(perTalker.get(talker) ?? 0, count));
  }
  // A combined GN count already includes the single-system ones.
  const combined = perTalker.get('GN');
  perTalker.delete('GN');
  const sum = [...perTalker.values()].reduce((a, b) => a + b, 0);
  return combined === undefined ? sum : Math.max(combined, sum);
}

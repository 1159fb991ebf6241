import type { GnssFixMode, GnssQuality } from '../../protocol/links/gnss';
import { isPlausiblePosition, type GnssReading } from './gnssTypes';
import type { GgaSentence, GsaSentence, GsvSentence, RmcSentence } from './nmeaParser';

/**
 * Groups the sentences of one navigation epoch (one second on most receivers) and turns
 * them into one reading. Receivers send GGA, RMC, GSA and GSV in different orders, so an
 * epoch ends when a sentence carries a different UTC time, when GGA or RMC comes again
 * without a time (no fix yet), when the driver sees the line go quiet (the end of the
 * second's burst), or after `maxSentences` sentences (bounded memory).
 */

export type EpochSentence = GgaSentence | RmcSentence | GsaSentence | GsvSentence;

export interface NmeaEpoch {
  /** UTC time field shared by the epoch's GGA/RMC, as sent. */
  time: string | undefined;
  gga: GgaSentence | undefined;
  rmc: RmcSentence | undefined;
  /** One GSA per GNSS system (NMEA 4.11 system id, else talker). */
  gsa: Map<string, GsaSentence>;
  /** Satellites in view per talker and signal id. */
  gsvInView: Map<string, number>;
  size: number;
}

export class NmeaEpochAssembler {
  readonly #maxSentences: number;
  #epoch: NmeaEpoch | undefined;

  /** @param maxSentences an epoch is closed after this many sentences. Default 64. */
  constructor(maxSentences = 64) {
    this.#maxSentences = maxSentences;
  }

  /** Adds a sentence; returns the finished epoch when this sentence ended one. */
  add(sentence: EpochSentence): NmeaEpoch | undefined {
    let finished: NmeaEpoch | undefined;
    if (this.#epoch && startsNewEpoch(this.#epoch, sentence)) finished = this.#takeEpoch();
    const epoch = (this.#epoch ??= { time: undefined, gga: undefined, rmc: undefined, gsa: new Map(), gsvInView: new Map(), size: 0 });
    epoch.size++;
    switch (sentence.type) {
      case 'GGA':
        epoch.gga = sentence;
        epoch.time ??= sentence.time?.text;
        break;
      case 'RMC':
        epoch.rmc = sentence;
        epoch.time ??= sentence.time?.text;
        break;
      case 'GSA':
        epoch.gsa.set(sentence.systemId === undefined ? sentence.talker : `#${sentence.systemId}`, sentence);
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

function startsNewEpoch(epoch: NmeaEpoch, sentence: EpochSentence): boolean {
  if (sentence.type !== 'GGA' && sentence.type !== 'RMC') return false;
  const time = sentence.time?.text;
  if (time !== undefined && epoch.time !== undefined) return time !== epoch.time;
  return sentence.type === 'GGA' ? epoch.gga !== undefined : epoch.rmc !== undefined;
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
 * Satellites used: GGA, else the sum over the GSA sentences. In view: GSV, summed over
 * talkers (the largest count per talker across signal ids).
 */
export function epochReading(epoch: NmeaEpoch, at: number): GnssReading {
  const { gga, rmc } = epoch;
  const reading: GnssReading = { at };
  const ggaDecides = gga !== undefined && gga.quality !== undefined;
  const fix: boolean | undefined = ggaDecides ? gga.quality !== 'none' : rmc ? rmc.valid : undefined;
  const gsaModes = [...epoch.gsa.values()].map((g) => g.fixMode).filter((m): m is GnssFixMode => m !== undefined);
  const gsaMode = gsaModes.length === 0 ? undefined : gsaModes.reduce((best, m) => (FIX_RANK[m] > FIX_RANK[best] ? m : best));
  const gsaHdop = [...epoch.gsa.values()].find((g) => g.hdop !== undefined)?.hdop;

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

  const gsaUsed = epoch.gsa.size === 0 ? undefined : [...epoch.gsa.values()].reduce((sum, g) => sum + g.satellites.length, 0);
  const used = gga?.satellitesUsed ?? gsaUsed;
  if (used !== undefined) reading.satellitesUsed = used;
  const visible = satellitesInView(epoch.gsvInView);
  if (visible !== undefined) reading.satellitesVisible = visible;
  return reading;
}

/** The fix position: GGA's when GGA has one, else RMC's; none without a fix or for 0°/0°. */
function pickPosition(
  gga: GgaSentence | undefined,
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

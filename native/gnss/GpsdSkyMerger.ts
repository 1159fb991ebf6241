import type { GpsdSky, GpsdTpv } from '../../protocol/devices/gpsd';
import type { GnssReading } from './gnssTypes';

type SkySatellite = NonNullable<GpsdSky['satellites']>[number];

/**
 * gpsd sends several SKY reports per navigation epoch: one after each constellation's GSV
 * burst (u-blox NEO-M9N through gpsd 3.22: 16 seen / 8 used, then 26/15, 36/15, 43/16 within
 * the same second). Passed on one by one, the satellite counts flicker. This merges the SKY
 * reports of one epoch into one reading, given when the epoch ends: a TPV with another time
 * (or, when gpsd gives no time, any TPV after a SKY), or `flush()` when the stream goes quiet.
 */
export class GpsdSkyMerger {
  #epochTime: string | undefined;
  #satellites = new Map<string, SkySatellite>();
  #pending: GpsdSky | undefined;

  /** A TPV arrived: returns the merged SKY reading of the epoch it ends, if any. */
  onTpv(tpv: GpsdTpv, at: number): GnssReading | undefined {
    const endsEpoch = tpv.time === undefined ? this.#pending !== undefined : tpv.time !== this.#epochTime;
    this.#epochTime = tpv.time;
    return endsEpoch ? this.flush(at) : undefined;
  }

  onSky(sky: GpsdSky): void {
    const merged: GpsdSky = { ...this.#pending, ...defined(sky), class: 'SKY' };
    for (const s of sky.satellites ?? []) this.#satellites.set(satelliteKey(s), s);
    this.#pending = merged;
  }

  /** The epoch's merged SKY as a reading (undefined when no SKY came); starts a new epoch. */
  flush(at: number): GnssReading | undefined {
    const sky = this.#pending;
    const satellites = [...this.#satellites.values()];
    this.#pending = undefined;
    this.#satellites = new Map();
    if (!sky) return undefined;
    const reading: GnssReading = { at };
    // The union of the epoch's satellite lists when gpsd sent them, else its own counts.
    const used = satellites.length > 0 ? satellites.filter((s) => s.used === true).length : sky.uSat;
    const visible = satellites.length > 0 ? satellites.length : sky.nSat;
    if (used !== undefined) reading.satellitesUsed = Math.max(used, sky.uSat ?? 0);
    if (visible !== undefined) reading.satellitesVisible = Math.max(visible, sky.nSat ?? 0);
    if (sky.hdop !== undefined) reading.hdop = sky.hdop;
    return reading;
  }

  /** New connection: what came before belongs to another session. */
  reset(): void {
    this.#epochTime = undefined;
    this.#pending = undefined;
    this.#satellites = new Map();
  }
}

function satelliteKey(s: SkySatellite): string {
  return s.gnssid !== undefined && s.svid !== undefined ? `${s.gnssid}:${s.svid}` : `prn:${s.PRN ?? '?'}`;
}

/** The fields gpsd sent (a later SKY without hdop keeps the earlier one's). */
function defined(sky: GpsdSky): Partial<GpsdSky> {
  return Object.fromEntries(Object.entries(sky).filter(([, v]) => v !== undefined)) as Partial<GpsdSky>;
}

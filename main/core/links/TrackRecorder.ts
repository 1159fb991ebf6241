import { isMeasuredQuality, type PositionReport } from '../../../protocol/links/gnss';
import type { LinkStatus } from '../../../protocol/links/linkStatus';
import { SafeEmitter } from '../../../platform/events/SafeEmitter';

const EARTH_RADIUS_M = 6_371_000;

/** Great-circle distance between two WGS84 points, metres. */
export function distanceM(a: { latitude: number; longitude: number }, b: { latitude: number; longitude: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.latitude - a.latitude) * rad;
  const dLon = (b.longitude - a.longitude) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.latitude * rad) * Math.cos(b.latitude * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.sqrt(h));
}

/**
 * A fresh 2D/3D fix of a GNSS link as a track point, or undefined. An estimated (dead
 * reckoning) or simulated fix is not where the vehicle is: it never becomes a track point.
 */
export function positionOf(status: LinkStatus): PositionReport | undefined {
  const g = status.gnss;
  if (!g?.latitude || !g.longitude || !g.fixMode || g.latitude.stale || g.longitude.stale || g.fixMode.stale || g.fixMode.value === 'none')
    return undefined;
  if (g.quality && !isMeasuredQuality(g.quality.value)) return undefined;
  const fresh = (m: { value: number; stale: boolean } | undefined) => (m && !m.stale ? m.value : undefined);
  const report: PositionReport = {
    at: g.latitude.at,
    latitude: g.latitude.value,
    longitude: g.longitude.value,
    fixMode: g.fixMode.value,
    sourceLinkId: status.id,
  };
  const optional = {
    altitudeM: fresh(g.altitudeM),
    speedMps: fresh(g.speedMps),
    headingDeg: fresh(g.headingDeg),
    satellitesUsed: fresh(g.satellitesUsed),
    hdop: fresh(g.hdop),
    quality: g.quality && !g.quality.stale ? g.quality.value : undefined,
  };
  for (const [key, value] of Object.entries(optional)) if (value !== undefined) Object.assign(report, { [key]: value });
  return report;
}

export interface TrackRecorderOptions {
  /** At most one point per this interval, per source. */
  intervalMs: (linkId: string) => number;
  /** ...unless the vehicle moved at least this far. Default 50 m. */
  minMoveM?: number;
  /** Where points go (the history writer). */
  store: (point: PositionReport) => void;
}

/**
 * The vehicle's track: takes the fixes GNSS links report, keeps one point per interval
 * (or sooner when the vehicle moved), stores it and announces it as a `position`.
 */
export class TrackRecorder extends SafeEmitter<{ position: [point: PositionReport] }> {
  readonly #options: TrackRecorderOptions;
  readonly #last = new Map<string, PositionReport>();

  constructor(options: TrackRecorderOptions) {
    super();
    this.#options = options;
  }

  get latest(): PositionReport | undefined {
    let newest: PositionReport | undefined;
    for (const point of this.#last.values()) if (!newest || point.at > newest.at) newest = point;
    return newest;
  }

  observe(status: LinkStatus): void {
    if (status.kind !== 'gnss') return;
    const point = positionOf(status);
    if (!point) return;
    const last = this.#last.get(status.id);
    if (last) {
      if (point.at === last.at) return; // the same fix again
      const due = Math.abs(point.at - last.at) >= this.#options.intervalMs(status.id);
      const moved = distanceM(last, point) >= (this.#options.minMoveM ?? 50);
      if (!due && !moved) return;
    }
    this.#last.set(status.id, point);
    this.#options.store(point);
    this.safeEmit('position', point);
  }
}

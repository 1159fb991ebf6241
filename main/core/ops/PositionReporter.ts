import { isMeasuredQuality, type PositionReport } from '../../../protocol/links/gnss';
import { distanceM } from '../links/TrackRecorder';

export interface PositionReporterOptions {
  everyMs: number;
  everyMeters: number;
  /** The last position reported before this start (from the outbox), if any. */
  last?: { at: number; latitude: number; longitude: number };
}

/**
 * Decides which track points also go to the center as position reports: one per
 * interval, or sooner when the vehicle moved far, so a parked vehicle costs a report a
 * minute and a moving one is followed at the desk.
 */
export class PositionReporter {
  readonly #options: PositionReporterOptions;
  #last: { at: number; latitude: number; longitude: number } | undefined;

  constructor(options: PositionReporterOptions) {
    this.#options = options;
    this.#last = options.last;
  }

  /** Whether this point should be reported; if so it becomes the last reported. */
  shouldReport(point: PositionReport): boolean {
    // A simulated or estimated position is never sent to the center as where the vehicle is.
    if (point.fixMode === 'none' || !isMeasuredQuality(point.quality)) return false;
    const last = this.#last;
    if (last && point.at - last.at < this.#options.everyMs && distanceM(last, point) < this.#options.everyMeters) return false;
    this.#last = { at: point.at, latitude: point.latitude, longitude: point.longitude };
    return true;
  }
}

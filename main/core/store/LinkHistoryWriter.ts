import type { Database, Statement } from 'better-sqlite3';
import type { PositionReport } from '../../../protocol/links/gnss';
import type { LinkStateChange } from '../../../protocol/links/linkStatus';
import { storeError } from './StoreError';
import type { DatabaseError } from '../../../platform/sqlite/DatabaseError';
import { enqueueOutbox, type NewOutboxItem } from './outboxRepo';
import { INSERT_TRACK_POINT, trackPointParams } from './trackRepo';

export interface LinkSample {
  linkId: string;
  metric: string;
  at: number;
  value: number;
}

export interface LinkHistoryWriterOptions {
  db: Database;
  file: string;
  /** Queued rows are written together this often. Default 1000 ms. */
  flushIntervalMs?: number;
  /** At most this many rows wait; past it the oldest samples give way (state events never do). Default 20 000. */
  maxQueued?: number;
  /** Told when a flush fails and when writing works again (undefined). */
  onHealth?: (error: DatabaseError | undefined) => void;
  /** Told after a flush that put position reports in the outbox. */
  onOutbox?: () => void;
}

/** A track point, and its position report for the center when it is one. */
interface QueuedTrackPoint {
  point: PositionReport;
  report: NewOutboxItem | undefined;
}

/**
 * Writes link samples and state changes in batches: one transaction a second instead
 * of an fsync per value. A failed flush (disk full) keeps the rows queued and retries,
 * so history resumes when space returns; the host shows the failure to the operator.
 */
export class LinkHistoryWriter {
  readonly #file: string;
  readonly #insertSample: Statement;
  readonly #insertEvent: Statement;
  readonly #insertTrackPoint: Statement;
  readonly #transaction: (samples: LinkSample[], events: LinkStateChange[], track: QueuedTrackPoint[]) => void;
  readonly #maxQueued: number;
  readonly #onHealth: ((error: DatabaseError | undefined) => void) | undefined;
  readonly #onOutbox: (() => void) | undefined;
  readonly #timer: NodeJS.Timeout;
  #samples: LinkSample[] = [];
  #events: LinkStateChange[] = [];
  #track: QueuedTrackPoint[] = [];
  #failing = false;
  /** Samples dropped because the queue was full while the disk refused writes. */
  droppedSamples = 0;
  /** State changes and track points dropped for the same reason (only after every sample has given way). */
  droppedEvents = 0;

  constructor(options: LinkHistoryWriterOptions) {
    this.#file = options.file;
    this.#maxQueued = options.maxQueued ?? 20_000;
    this.#onHealth = options.onHealth;
    this.#onOutbox = options.onOutbox;
    this.#insertSample = options.db.prepare('INSERT INTO link_samples (link_id, metric, at, value) VALUES (?, ?, ?, ?)');
    this.#insertEvent = options.db.prepare(
      'INSERT INTO link_events (link_id, at, from_state, to_state, reason, detail) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.#insertTrackPoint = options.db.prepare(INSERT_TRACK_POINT);
    this.#transaction = options.db.transaction((samples: LinkSample[], events: LinkStateChange[], track: QueuedTrackPoint[]) => {
      for (const s of samples) this.#insertSample.run(s.linkId, s.metric, s.at, s.value);
      for (const e of events) this.#insertEvent.run(e.linkId, e.at, e.from, e.to, e.reason.code, e.reason.detail ?? null);
      // The point and its report for the center go in the same transaction: both or neither.
      for (const t of track) {
        this.#insertTrackPoint.run(trackPointParams(t.point));
        if (t.report) enqueueOutbox(options.db, t.report);
      }
    });
    this.#timer = setInterval(() => this.flush(), options.flushIntervalMs ?? 1000);
    this.#timer.unref();
  }

  get queued(): number {
    return this.#samples.length + this.#events.length + this.#track.length;
  }

  recordSample(sample: LinkSample): void {
    // One NaN would fail every batch it is in (NOT NULL / STRICT), so it never gets in.
    if (!Number.isFinite(sample.value) || !Number.isInteger(sample.at)) return;
    this.#samples.push(sample);
    const excess = this.queued - this.#maxQueued;
    if (excess > 0) {
      const drop = Math.min(excess, this.#samples.length);
      this.#samples.splice(0, drop);
      this.droppedSamples += drop;
    }
  }

  recordStateChange(change: LinkStateChange): void {
    this.#events.push(change);
    // A link flapping for days on a full disk must not exhaust memory either.
    if (this.#events.length > this.#maxQueued) {
      this.#events.shift();
      this.droppedEvents++;
    }
  }

  /**
   * A point of the vehicle's track, with its position report for the center if it is
   * one; like state changes, kept before samples when the queue is full.
   */
  recordTrackPoint(point: PositionReport, report?: NewOutboxItem): void {
    this.#track.push({ point, report });
    if (this.#track.length > this.#maxQueued) {
      this.#track.shift();
      this.droppedEvents++;
    }
  }

  /** Writes what is queued; returns false (rows kept) if the database refused. */
  flush(): boolean {
    if (this.queued === 0) return true;
    try {
      this.#transaction(this.#samples, this.#events, this.#track);
    } catch (error) {
      if (!this.#failing) {
        this.#failing = true;
        this.#onHealth?.(storeError(error, this.#file));
      }
      return false;
    }
    // The transaction is synchronous, so nothing was queued while it ran.
    const reported = this.#track.some((t) => t.report);
    this.#samples = [];
    this.#events = [];
    this.#track = [];
    if (this.#failing) {
      this.#failing = false;
      this.#onHealth?.(undefined);
    }
    if (reported) this.#onOutbox?.();
    return true;
  }

  /** Final flush; the database stays open (the Store owns it). */
  close(): void {
    clearInterval(this.#timer);
    this.flush();
  }
}

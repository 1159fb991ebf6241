import type { Logger } from '../../platform/log/logger';
import type { DeskFeedData, DeskFeedKind } from '../../protocol/sync/deskFeed';
import { FeedRing, type FeedEntry } from './FeedRing';
import { FeedSubscriber, type FeedSink } from './FeedSubscriber';

export interface DeskFeedOptions {
  log: Logger;
  /** The center's health as the first `center` event; later changes go through `setCenter`. */
  center: DeskFeedData<'center'>;
  /** Events kept for resuming with `Last-Event-ID`. Default 20 000. */
  historyEvents?: number;
  /** Bytes of frames kept for resuming. Default 16 MiB. */
  historyBytes?: number;
  /** A desk more than this many events behind the newest is dropped (`closing: slow`). Default 5000. */
  maxLagEvents?: number;
  /** Heartbeat comment period. Default 15 000 ms. */
  heartbeatMs?: number;
  /** The first event's id. Default `Date.now() * 1000`, so ids keep increasing across restarts. */
  firstId?: number;
}

export interface FeedConnection {
  /** Stops sending to this desk (its connection closed). */
  close(): void;
}

export interface DeskFeedStats {
  subscribers: number;
  dropped: number;
  newestId: number;
  heldEvents: number;
  heldBytes: number;
}

/** Largest chunk one write carries; a subscriber catching up gets its backlog in pieces. */
const MAX_CHUNK = 64 * 1024;
const DESTROY_AFTER_MS = 5000;

/**
 * The desk's live feed hub. Publishers call `publish` after the store committed what the
 * event announces. Each event gets the next id, is serialized once into the ring, and is
 * sent to every subscriber whose vehicle filter lets it through, batched per tick.
 *
 * Bounds: the ring (count and bytes) is the only per-event memory. A subscriber holds a
 * position in it, never a copy; when its sink is full it waits for 'drain' and then
 * takes what it missed from the ring, skipping vehicle rows that a newer row of the
 * same vehicle supersedes. One that falls `maxLagEvents` behind, or out of the ring, is
 * dropped with a reason, so a stalled desk cannot make the center grow.
 */
export class DeskFeed {
  readonly #log: Logger;
  readonly #ring: FeedRing;
  readonly #maxLag: number;
  readonly #subscribers = new Set<FeedSubscriber>();
  readonly #heartbeat: NodeJS.Timeout;
  #nextId: number;
  #center: DeskFeedData<'center'>;
  #flushScheduled = false;
  #dropped = 0;
  #closed = false;

  constructor(options: DeskFeedOptions) {
    this.#log = options.log;
    const historyEvents = options.historyEvents ?? 20_000;
    this.#ring = new FeedRing(historyEvents, options.historyBytes ?? 16 * 1024 * 1024);
    this.#maxLag = Math.min(options.maxLagEvents ?? 5000, historyEvents);
    this.#nextId = options.firstId ?? Date.now() * 1000;
    this.#center = options.center;
    this.#heartbeat = setInterval(() => this.#beat(), options.heartbeatMs ?? 15_000);
    this.#heartbeat.unref();
  }

  /** The id of the newest event (one below the first id before any). */
  get newestId(): number {
    return this.#nextId - 1;
  }

  stats(): DeskFeedStats {
    return {
      subscribers: this.#subscribers.size,
      dropped: this.#dropped,
      newestId: this.newestId,
      heldEvents: this.#ring.size,
      heldBytes: this.#ring.bytes,
    };
  }

  /**
   * Announces something the store has committed. `vehicleId` names the vehicle it is
   * about (desks that may not see that vehicle never get it); `vehicle` events coalesce
   * per vehicle for subscribers that are behind.
   */
  publish<K extends DeskFeedKind>(kind: K, data: DeskFeedData<K>, vehicleId?: string): void {
    if (this.#closed) return;
    const id = this.#nextId++;
    const entry: FeedEntry = {
      id,
      kind,
      vehicleId,
      coalesceKey: kind === 'vehicle' && vehicleId !== undefined ? `vehicle:${vehicleId}` : undefined,
      frame: frame(kind, data, id),
    };
    this.#ring.push(entry);
    if (!this.#flushScheduled && this.#subscribers.size > 0) {
      this.#flushScheduled = true;
      setImmediate(() => this.#flush());
    }
  }

  /** The center's health now; a change is published as a `center` event. */
  setCenter(next: DeskFeedData<'center'>): void {
    if (JSON.stringify(next) === JSON.stringify(this.#center)) return;
    this.#center = next;
    this.publish('center', next);
  }

  get center(): DeskFeedData<'center'> {
    return this.#center;
  }

  /**
   * Starts a desk's stream: a `reset` when `lastEventId` is no longer (or never was)
   * held, the current `center` health, then what it missed, then live events.
   */
  connect(sink: FeedSink, options: { sees: (vehicleId: string) => boolean; lastEventId?: number; label: string }): FeedConnection {
    const newest = this.newestId;
    const oldest = this.#ring.oldestId ?? this.#nextId;
    let position = newest;
    let preamble = '';
    if (options.lastEventId !== undefined) {
      if (options.lastEventId > newest) preamble = frame('reset', { reason: 'unknown-id' }, newest);
      else if (options.lastEventId < oldest - 1) preamble = frame('reset', { reason: 'too-old' }, newest);
      else position = options.lastEventId;
    }
    preamble += frame('center', this.#center, position);
    const subscriber = new FeedSubscriber({ sink, position, sees: options.sees, label: options.label });
    if (this.#closed) {
      subscriber.end(preamble + frame('closing', { reason: 'shutdown' }), DESTROY_AFTER_MS);
      return { close: () => undefined };
    }
    this.#subscribers.add(subscriber);
    subscriber.write(preamble, () => this.#pump(subscriber));
    this.#pump(subscriber);
    return {
      close: () => {
        subscriber.closed = true;
        this.#subscribers.delete(subscriber);
      },
    };
  }

  /** Ends every stream (`closing: shutdown`) and stops the heartbeat; later publishes are dropped. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    clearInterval(this.#heartbeat);
    for (const subscriber of this.#subscribers) subscriber.end(frame('closing', { reason: 'shutdown' }), DESTROY_AFTER_MS);
    this.#subscribers.clear();
  }

  #flush(): void {
    this.#flushScheduled = false;
    for (const subscriber of this.#subscribers) this.#pump(subscriber);
  }

  /** Sends a subscriber what it has not had yet, until its sink is full; drops it when too far behind. */
  #pump(subscriber: FeedSubscriber): void {
    const oldest = this.#ring.oldestId;
    const newest = this.newestId;
    if (subscriber.closed) return;
    if (newest - subscriber.position > this.#maxLag || (oldest !== undefined && subscriber.position < oldest - 1)) {
      this.#drop(subscriber, newest - subscriber.position);
      return;
    }
    while (!subscriber.blocked && subscriber.position < newest) {
      let chunk = '';
      let entry = this.#ring.after(subscriber.position);
      while (entry && chunk.length < MAX_CHUNK) {
        const wanted =
          (entry.vehicleId === undefined || subscriber.sees(entry.vehicleId)) &&
          // Behind by at least this entry: a newer row of the same vehicle is on its way.
          !this.#ring.superseded(entry);
        if (wanted) chunk += entry.frame;
        subscriber.position = entry.id;
        entry = this.#ring.after(entry.id);
      }
      if (chunk) subscriber.write(chunk, () => this.#pump(subscriber));
    }
  }

  #drop(subscriber: FeedSubscriber, lag: number): void {
    this.#subscribers.delete(subscriber);
    this.#dropped++;
    this.#log.warn(`desk feed: dropped ${subscriber.label}, ${lag} events behind (over ${this.#maxLag}); it may reconnect and resume`);
    subscriber.end(frame('closing', { reason: 'slow' }), DESTROY_AFTER_MS);
  }

  /** A comment line keeps proxies and the center's idle timer from closing a quiet stream. */
  #beat(): void {
    for (const subscriber of this.#subscribers) {
      if (subscriber.blocked) this.#pump(subscriber);
      else subscriber.write(': heartbeat\n\n', () => this.#pump(subscriber));
    }
  }
}

/** One SSE frame; JSON.stringify never emits a raw newline, so the data is one line. */
function frame<K extends DeskFeedKind>(kind: K, data: DeskFeedData<K>, id?: number): string {
  return `${id !== undefined ? `id: ${id}\n` : ''}event: ${kind}\ndata: ${JSON.stringify(data)}\n\n`;
}

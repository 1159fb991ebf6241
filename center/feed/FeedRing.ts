import type { DeskFeedKind } from '../../protocol/sync/deskFeed';

/** One published event, serialized once for every subscriber. */
export interface FeedEntry {
  id: number;
  kind: DeskFeedKind;
  /** The vehicle the event is about; absent for center-wide events (every desk sees those). */
  vehicleId: string | undefined;
  /** Events with the same key supersede each other (a vehicle's latest row); a lagging subscriber gets only the newest. */
  coalesceKey: string | undefined;
  /** The whole SSE frame, ending in a blank line. */
  frame: string;
}

/**
 * The recent events, oldest first, bounded in count and bytes. Ids are consecutive, so
 * the entry after an id is found by arithmetic, not by search.
 */
export class FeedRing {
  readonly #maxEvents: number;
  readonly #maxBytes: number;
  #entries: FeedEntry[] = [];
  #head = 0;
  #bytes = 0;
  /** The newest id per coalescing key (one per vehicle, so bounded by the fleet). */
  readonly #latestByKey = new Map<string, number>();

  constructor(maxEvents: number, maxBytes: number) {
    this.#maxEvents = maxEvents;
    this.#maxBytes = maxBytes;
  }

  get size(): number {
    return this.#entries.length - this.#head;
  }

  get bytes(): number {
    return this.#bytes;
  }

  /** The oldest id held, or undefined when empty. */
  get oldestId(): number | undefined {
    return this.#entries[this.#head]?.id;
  }

  push(entry: FeedEntry): void {
    this.#entries.push(entry);
    this.#bytes += entry.frame.length;
    if (entry.coalesceKey !== undefined) this.#latestByKey.set(entry.coalesceKey, entry.id);
    while (this.size > 1 && (this.size > this.#maxEvents || this.#bytes > this.#maxBytes)) {
      this.#bytes -= this.#entries[this.#head]!.frame.length;
      this.#entries[this.#head++] = undefined as unknown as FeedEntry;
    }
    // Compact now and then instead of shifting on every push.
    if (this.#head > 1024 && this.#head * 2 > this.#entries.length) {
      this.#entries = this.#entries.slice(this.#head);
      this.#head = 0;
    }
  }

  /** The entry right after `id`, if held. */
  after(id: number): FeedEntry | undefined {
    const oldest = this.oldestId;
    if (oldest === undefined) return undefined;
    return this.#entries[this.#head + Math.max(0, id + 1 - oldest)];
  }

  /** Whether a newer entry with the same key is held (so this one need not be sent to a subscriber that has not seen it yet). */
  superseded(entry: FeedEntry): boolean {
    return entry.coalesceKey !== undefined && (this.#latestByKey.get(entry.coalesceKey) ?? entry.id) > entry.id;
  }
}

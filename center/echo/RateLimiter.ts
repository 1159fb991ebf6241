/** Most sources tracked at once; beyond it the oldest entries are forgotten (a flood of spoofed sources cannot grow memory). */
const MAX_SOURCES = 10_000;

/**
 * A token bucket per key: `perSecond` tokens a second, bursts of up to `perSecond`.
 * `now` is injectable for tests.
 */
export class RateLimiter {
  readonly #perSecond: number;
  readonly #now: () => number;
  readonly #buckets = new Map<string, { tokens: number; at: number }>();

  constructor(perSecond: number, now: () => number = () => performance.now()) {
    if (!(perSecond > 0)) throw new TypeError('"perSecond" must be positive');
    this.#perSecond = perSecond;
    this.#now = now;
  }

  /** Takes one token for `key`; false when its bucket is empty. */
  take(key: string): boolean {
    const now = this.#now();
    let bucket = this.#buckets.get(key);
    if (bucket) {
      bucket.tokens = Math.min(this.#perSecond, bucket.tokens + ((now - bucket.at) / 1000) * this.#perSecond);
      bucket.at = now;
      // Re-insert so the map's order is least recently seen first.
      this.#buckets.delete(key);
    } else {
      bucket = { tokens: this.#perSecond, at: now };
      if (this.#buckets.size >= MAX_SOURCES) this.#buckets.delete(this.#buckets.keys().next().value!);
    }
    this.#buckets.set(key, bucket);
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }
}

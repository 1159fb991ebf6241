import type { Metric } from '../../../protocol/links/linkStatus';
import type { SamplePoint } from './LinkSource';

/** A value, when it was seen (epoch ms, for display and history) and on the monotonic clock (for age). */
interface Seen {
  value: unknown;
  at: number;
  mono: number;
}

/**
 * The last value of every metric a device reported, each with its age. Readings put
 * values in (`null` removes one: the device says it has none now); a view marks values
 * stale on the monotonic clock, since a vehicle PC's wall clock steps (NTP, GPS) and must
 * not make old values look fresh.
 */
export class MetricBook {
  readonly #values = new Map<string, Seen>();
  readonly #monotonic: () => number;

  constructor(monotonic: () => number) {
    this.#monotonic = monotonic;
  }

  apply(reading: { at: number } & Record<string, unknown>): void {
    const mono = this.#monotonic();
    for (const [key, value] of Object.entries(reading)) {
      if (key === 'at' || value === undefined) continue;
      if (value === null) this.#values.delete(key);
      else this.#values.set(key, { value, at: reading.at, mono });
    }
  }

  /**
   * Every value as a Metric, stale when older than `staleAfterMs(key)`, and the fresh
   * numeric values among `sampled` as history samples.
   */
  view(
    staleAfterMs: (key: string) => number,
    sampled: ReadonlySet<string>,
  ): { section: Record<string, Metric<unknown>>; samples: Record<string, SamplePoint>; ageMs: (key: string) => number } {
    const now = this.#monotonic();
    const section: Record<string, Metric<unknown>> = {};
    const samples: Record<string, SamplePoint> = {};
    for (const [key, seen] of this.#values) {
      const stale = now - seen.mono > staleAfterMs(key);
      section[key] = { value: seen.value, at: seen.at, stale };
      if (!stale && typeof seen.value === 'number' && sampled.has(key)) samples[key] = { value: seen.value, at: seen.at };
    }
    return { section, samples, ageMs: (key) => now - (this.#values.get(key)?.mono ?? Number.NEGATIVE_INFINITY) };
  }
}

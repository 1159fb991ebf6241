/**
 * When the desk's data may have changed: every page refetches what it shows on each beat.
 * This is the one place that decides when: today a slow timer (the desk never polls every
 * second) plus a beat after each of the staff member's own writes; the center's live feed
 * (`GET /desk/v1/feed`) replaces the timer here, and nothing else changes.
 */
export class DeskPulse {
  /** The slow refresh while no live feed runs. */
  static readonly SLOW_MS = 15_000;

  readonly #listeners = new Set<() => void>();
  #timer: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly intervalMs = DeskPulse.SLOW_MS) {}

  start(): void {
    if (this.#timer !== undefined) return;
    this.#timer = setInterval(() => this.beat(), this.intervalMs);
  }

  /** Something changed (a write of ours, a tick, later a feed event): everyone refetches. */
  beat(): void {
    for (const listener of [...this.#listeners]) listener();
  }

  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
    this.#listeners.clear();
  }
}

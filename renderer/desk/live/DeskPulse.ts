/**
 * When the desk's data may have changed: every page refetches what it shows on each beat.
 * This is the one place that decides when: an event of the center's live feed
 * (`GET /desk/v1/feed`, coalesced: a burst of events is one beat), a beat after each of
 * the staff member's own writes, and a slow timer as a safety net (the desk never polls
 * every second).
 */
export class DeskPulse {
  /** The slow refresh while no live feed runs. */
  static readonly SLOW_MS = 15_000;

  /** Feed events this close together make one beat. */
  static readonly COALESCE_MS = 250;

  readonly #listeners = new Set<() => void>();
  #timer: ReturnType<typeof setInterval> | undefined;
  #pending: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly intervalMs = DeskPulse.SLOW_MS) {}

  start(): void {
    if (this.#timer !== undefined) return;
    this.#timer = setInterval(() => this.beat(), this.intervalMs);
  }

  /** Something changed (a write of ours, a tick, later a feed event): everyone refetches. */
  beat(): void {
    for (const listener of [...this.#listeners]) listener();
  }

  /** The live feed said something changed: one beat soon, however many events come meanwhile. */
  changed(): void {
    if (this.#pending !== undefined) return;
    this.#pending = setTimeout(() => {
      this.#pending = undefined;
      this.beat();
    }, DeskPulse.COALESCE_MS);
  }

  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  stop(): void {
    clearInterval(this.#timer);
    clearTimeout(this.#pending);
    this.#pending = undefined;
    this.#timer = undefined;
    this.#listeners.clear();
  }
}

/**
 * News that may change many times a second told at most once per `intervalMs`: the first
 * change in a quiet period schedules one `tell`, later changes ride along with it (the
 * Sync view's status while a file streams and items are acknowledged).
 */
export class CoalescedNews {
  readonly #tell: () => void;
  readonly #intervalMs: number;
  #timer: NodeJS.Timeout | undefined;
  #stopped = false;

  constructor(tell: () => void, intervalMs: number) {
    this.#tell = tell;
    this.#intervalMs = intervalMs;
  }

  changed(): void {
    if (this.#timer || this.#stopped) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#tell();
    }, this.#intervalMs);
    this.#timer.unref();
  }

  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#timer);
  }
}

import type { Logger } from '../../log';

/**
 * A small typed event map (event name → argument tuple) whose `emit` calls every listener
 * and logs, instead of throwing, what a listener throws: one faulty subscriber can neither
 * stop the others nor reach mediasoup's event loop.
 */
export class SafeEvents<E extends Record<string, unknown[]>> {
  readonly #listeners = new Map<keyof E, Set<unknown>>();
  readonly #log: Logger;
  readonly #owner: string;

  constructor(log: Logger, owner: string) {
    this.#log = log;
    this.#owner = owner;
  }

  on<K extends keyof E>(event: K, listener: (...args: E[K]) => void): void {
    let set = this.#listeners.get(event);
    if (!set) this.#listeners.set(event, (set = new Set()));
    set.add(listener);
  }

  emit<K extends keyof E>(event: K, ...args: E[K]): void {
    for (const listener of [...(this.#listeners.get(event) ?? [])]) {
      try {
        (listener as (...a: E[K]) => void)(...args);
      } catch (error) {
        this.#log.error(`${this.#owner}: a '${String(event)}' listener threw`, error);
      }
    }
  }

  clear(): void {
    this.#listeners.clear();
  }
}

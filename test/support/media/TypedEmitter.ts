/**
 * A minimal typed event emitter (event name → argument tuple). A throwing listener is
 * reported to `onListenerError` and never reaches the emitter's caller: a media packet
 * path must not die because a test's listener threw.
 */
export class TypedEmitter<E extends Record<string, unknown[]>> {
  readonly #listeners = new Map<keyof E, Array<(...args: unknown[]) => void>>();

  constructor(private readonly onListenerError: (error: unknown) => void = () => {}) {}

  on<K extends keyof E>(event: K, listener: (...args: E[K]) => void): void {
    const list = this.#listeners.get(event) ?? [];
    list.push(listener as unknown as (...args: unknown[]) => void);
    this.#listeners.set(event, list);
  }

  off<K extends keyof E>(event: K, listener: (...args: E[K]) => void): void {
    const list = this.#listeners.get(event);
    if (list) this.#listeners.set(event, list.filter((l) => l !== (listener as unknown)));
  }

  emit<K extends keyof E>(event: K, ...args: E[K]): void {
    for (const listener of [...(this.#listeners.get(event) ?? [])]) {
      try {
        listener(...args);
      } catch (error) {
        this.onListenerError(error);
      }
    }
  }

  removeAll(): void {
    this.#listeners.clear();
  }
}

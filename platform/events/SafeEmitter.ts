import { EventEmitter } from 'node:events';

/**
 * A typed EventEmitter (event name → argument tuple) whose `safeEmit` calls every
 * listener in turn and lets no throw escape into the emitter (a driver's data handler,
 * a timer, a media packet path): one faulty subscriber can neither stop the others nor
 * the emitter. What a listener throws goes to `onListenerError` (default: stderr with
 * the emitter's class). After mediasoup's EnhancedEventEmitter.
 */
export class SafeEmitter<E extends Record<keyof E, unknown[]>> extends EventEmitter<E> {
  readonly #onListenerError: (event: string, error: unknown) => void;

  constructor(onListenerError?: (event: string, error: unknown) => void) {
    super();
    this.#onListenerError =
      onListenerError ?? ((event, error) => console.error(`[${this.constructor.name}] a "${event}" listener threw:`, error));
  }

  safeEmit<K extends keyof E & string>(event: K, ...args: E[K]): boolean {
    // Raw listeners: a `once` wrapper removes itself when called, as with `emit`.
    const listeners = (this as unknown as EventEmitter).rawListeners(event) as Array<(...a: unknown[]) => void>;
    for (const listener of listeners) {
      try {
        listener.apply(this, args);
      } catch (error) {
        this.#onListenerError(event, error);
      }
    }
    return listeners.length > 0;
  }

  /** `on` for callers that are generic in the event name, where TypeScript cannot resolve EventEmitter's conditional listener type. */
  listen<K extends keyof E & string>(event: K, listener: (...args: E[K]) => void): this {
    (this as unknown as EventEmitter).on(event, listener as (...a: unknown[]) => void);
    return this;
  }
}

import { EventEmitter } from 'node:events';

/**
 * A typed EventEmitter whose `safeEmit` never lets a throwing listener escape into the
 * emitter (a driver's data handler, a timer): the error is re-emitted as
 * `listenererror` and logged if nobody listens. Pattern from mediasoup's
 * EnhancedEventEmitter.
 */
export class SafeEmitter<E extends Record<keyof E, unknown[]>> extends EventEmitter<E & { listenererror: [event: string, error: unknown] }> {
  safeEmit<K extends keyof E & string>(event: K, ...args: E[K]): boolean {
    const emitter = this as unknown as EventEmitter;
    try {
      return emitter.emit(event, ...args);
    } catch (error) {
      if (emitter.listenerCount('listenererror') > 0) {
        emitter.emit('listenererror', event, error);
      } else {
        console.error(`[${this.constructor.name}] a "${event}" listener threw:`, error);
      }
      return true;
    }
  }
}

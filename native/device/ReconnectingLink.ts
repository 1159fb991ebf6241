import { SafeEmitter } from '../../platform/events/SafeEmitter';

/** What every link to a device (serial port, TCP service) tells its driver. */
export interface DeviceLinkEvents<P extends string> {
  open: [];
  data: [chunk: Buffer];
  /** The device could not be reached or went away; a reconnect is scheduled. */
  down: [problem: P, detail: string];
}

/** The reconnect backoff every link shares. */
export interface LinkBackoffOptions {
  /** First reconnect delay; doubles up to `retryMaxMs`. Default 500 ms. */
  retryInitialMs?: number;
  /** Default 10 000 ms. */
  retryMaxMs?: number;
}

/**
 * A link to a device as a driver sees it: `start()` it, listen to `open`, `data` and
 * `down` (never a thrown error), `write()` while open, `close()` once. SerialLink and
 * TcpLink are the two kinds; a driver's polling skeleton takes either.
 */
export interface DeviceLink<P extends string = string> {
  readonly isOpen: boolean;
  start(): void;
  /** Writes if open; returns false (and writes nothing) when the link is down. */
  write(data: string | Buffer): boolean;
  close(): Promise<void>;
  listen<K extends keyof DeviceLinkEvents<P> & string>(event: K, listener: (...args: DeviceLinkEvents<P>[K]) => void): unknown;
}

/**
 * Keeps one link to a device open: connects, says why it cannot, and reconnects with
 * exponential backoff after a drop. Subclasses say how to connect and tear down, and
 * when a connection earns a reset of the backoff (a serial port once it opens; a TCP
 * service only once it proved useful, see TcpLink).
 */
export abstract class ReconnectingLink<P extends string> extends SafeEmitter<DeviceLinkEvents<P>> implements DeviceLink<P> {
  readonly #retryInitialMs: number;
  readonly #retryMaxMs: number;
  #retryMs: number;
  #retryTimer: NodeJS.Timeout | undefined;
  #closed = false;

  constructor(options: LinkBackoffOptions) {
    super();
    this.#retryInitialMs = options.retryInitialMs ?? 500;
    this.#retryMaxMs = options.retryMaxMs ?? 10_000;
    this.#retryMs = this.#retryInitialMs;
  }

  abstract get isOpen(): boolean;
  abstract write(data: string | Buffer): boolean;
  /** Starts one attempt; ends in `open` (via `opened()`) or in `down()`. */
  protected abstract connect(): void;
  /** True while an attempt or a connection is under way (then `start()` does nothing). */
  protected abstract get busy(): boolean;
  /** Lets go of the port or socket for good. */
  protected abstract teardown(): Promise<void>;

  /** How long the next reconnect will wait after a drop (doubles per attempt that did not earn a reset). */
  get retryDelayMs(): number {
    return this.#retryMs;
  }

  protected get closed(): boolean {
    return this.#closed;
  }

  start(): void {
    if (this.#closed || this.busy || this.#retryTimer) return;
    this.connect();
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    clearTimeout(this.#retryTimer);
    await this.teardown();
    this.removeAllListeners();
  }

  /** The next drop reconnects at the first delay again. */
  protected resetBackoff(): void {
    this.#retryMs = this.#retryInitialMs;
  }

  /** Reports the drop and schedules the next attempt at the current delay, doubling it. */
  protected down(problem: P, detail: string): void {
    this.safeEmit('down', problem, detail);
    if (this.#closed) return;
    const delay = this.#retryMs;
    this.#retryMs = Math.min(this.#retryMs * 2, this.#retryMaxMs);
    this.#retryTimer = setTimeout(() => {
      this.#retryTimer = undefined;
      if (!this.#closed) this.connect();
    }, delay);
  }
}

import { Socket } from 'node:net';
import { SafeEmitter } from '../../platform/events/SafeEmitter';

export type TcpProblem = 'service-unreachable' | 'service-closed';

export interface TcpLinkOptions {
  host: string;
  port: number;
  /** Give up one connection attempt after this long. Default 5000 ms. */
  connectTimeoutMs?: number;
  /** First reconnect delay; doubles up to `retryMaxMs`. Default 500 ms. */
  retryInitialMs?: number;
  /** Default 10 000 ms. */
  retryMaxMs?: number;
  /**
   * A connection that stays open this long resets the backoff even if the owner never
   * calls `markUseful()` (an owner that can tell a good answer should call it). Default 10 000 ms.
   */
  stableAfterMs?: number;
}

export interface TcpLinkEvents {
  open: [];
  data: [chunk: Buffer];
  /** The service could not be reached or closed the connection; a reconnect is scheduled. */
  down: [problem: TcpProblem, detail: string];
}

/**
 * Keeps one TCP connection to a device service (rigctld, gpsd) open: connects, says why
 * it cannot, and reconnects with exponential backoff when the service restarts. The TCP
 * twin of SerialLink; callers see `open`, `data` and `down`, never a thrown error.
 *
 * A connect alone does not reset the backoff: an endpoint that accepts and closes at once
 * (a half-dead service, a port forwarder with nothing behind it) would otherwise make the
 * link reconnect at the first delay forever, flapping its state several times a second.
 * The backoff resets when the owner calls `markUseful()` (first good answer) or when the
 * connection has stayed open for `stableAfterMs`.
 */
export class TcpLink extends SafeEmitter<TcpLinkEvents> {
  readonly address: string;
  readonly #host: string;
  readonly #port: number;
  readonly #connectTimeoutMs: number;
  readonly #retryInitialMs: number;
  readonly #retryMaxMs: number;
  readonly #stableAfterMs: number;
  #stableTimer: NodeJS.Timeout | undefined;
  #socket: Socket | undefined;
  #connected = false;
  #retryMs: number;
  #retryTimer: NodeJS.Timeout | undefined;
  #closed = false;

  constructor(options: TcpLinkOptions) {
    super();
    if (typeof options.host !== 'string' || options.host === '') throw new TypeError('"host" must be a non-empty string');
    if (!Number.isInteger(options.port) || options.port <= 0 || options.port > 65535) throw new TypeError('"port" must be 1..65535');
    this.#host = options.host;
    this.#port = options.port;
    this.address = `${options.host.includes(':') ? `[${options.host}]` : options.host}:${options.port}`;
    this.#connectTimeoutMs = options.connectTimeoutMs ?? 5000;
    this.#retryInitialMs = options.retryInitialMs ?? 500;
    this.#retryMaxMs = options.retryMaxMs ?? 10_000;
    this.#stableAfterMs = options.stableAfterMs ?? 10_000;
    this.#retryMs = this.#retryInitialMs;
  }

  get isOpen(): boolean {
    return this.#connected;
  }

  /** How long the next reconnect will wait after a drop (doubles per useless connection). */
  get retryDelayMs(): number {
    return this.#retryMs;
  }

  /** The current connection proved useful (the service answered): the next drop reconnects at the first delay. */
  markUseful(): void {
    if (!this.#connected) return;
    clearTimeout(this.#stableTimer);
    this.#stableTimer = undefined;
    this.#retryMs = this.#retryInitialMs;
  }

  start(): void {
    if (this.#closed || this.#socket || this.#retryTimer) return;
    this.#connect();
  }

  /** Writes if connected; returns false (and writes nothing) when the connection is down. */
  write(data: string | Buffer): boolean {
    if (!this.#connected || !this.#socket) return false;
    this.#socket.write(data);
    return true;
  }

  /** Drops the current connection (e.g. after a protocol error); a reconnect follows. */
  reset(detail: string): void {
    const socket = this.#socket;
    if (!socket) return;
    this.#socket = undefined;
    this.#connected = false;
    socket.destroy();
    this.#down('service-closed', detail);
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    clearTimeout(this.#retryTimer);
    clearTimeout(this.#stableTimer);
    this.#socket?.destroy();
    this.#socket = undefined;
    this.removeAllListeners();
  }

  #connect(): void {
    const socket = new Socket();
    this.#socket = socket;
    socket.setNoDelay(true);
    socket.setTimeout(this.#connectTimeoutMs);
    socket.on('timeout', () => {
      if (!this.#connected) socket.destroy(new Error(`no connection within ${this.#connectTimeoutMs} ms`));
    });
    socket.on('connect', () => {
      socket.setTimeout(0);
      this.#connected = true;
      // Not a reset of the backoff yet: see the class comment.
      this.#stableTimer = setTimeout(() => this.markUseful(), this.#stableAfterMs);
      this.safeEmit('open');
    });
    socket.on('data', (chunk: Buffer) => this.safeEmit('data', chunk));
    let lastError: Error | undefined;
    // 'close' follows every error and reports the outcome.
    socket.on('error', (error) => (lastError = error));
    socket.on('close', () => {
      if (this.#socket !== socket || this.#closed) return;
      const wasConnected = this.#connected;
      this.#socket = undefined;
      this.#connected = false;
      if (wasConnected) this.#down('service-closed', `${this.address}: ${lastError?.message ?? 'connection closed'}`);
      else this.#down('service-unreachable', `${this.address}: ${lastError?.message ?? 'no connection'}`);
    });
    socket.connect(this.#port, this.#host);
  }

  #down(problem: TcpProblem, detail: string): void {
    clearTimeout(this.#stableTimer);
    this.#stableTimer = undefined;
    this.safeEmit('down', problem, detail);
    if (this.#closed) return;
    const delay = this.#retryMs;
    this.#retryMs = Math.min(this.#retryMs * 2, this.#retryMaxMs);
    this.#retryTimer = setTimeout(() => {
      this.#retryTimer = undefined;
      if (!this.#closed) this.#connect();
    }, delay);
  }
}

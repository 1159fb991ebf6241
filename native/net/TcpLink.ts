import { Socket } from 'node:net';
import { ReconnectingLink, type DeviceLinkEvents, type LinkBackoffOptions } from '../device/ReconnectingLink';

export type TcpProblem = 'service-unreachable' | 'service-closed';

export interface TcpLinkOptions extends LinkBackoffOptions {
  host: string;
  port: number;
  /** Give up one connection attempt after this long. Default 5000 ms. */
  connectTimeoutMs?: number;
  /**
   * A connection that stays open this long resets the backoff even if the owner never
   * calls `markUseful()` (an owner that can tell a good answer should call it). Default 10 000 ms.
   */
  stableAfterMs?: number;
}

export type TcpLinkEvents = DeviceLinkEvents<TcpProblem>;

/**
 * Keeps one TCP connection to a device service (rigctld, gpsd) open: connects, says why
 * it cannot, and reconnects with exponential backoff when the service restarts. The TCP
 * twin of SerialLink (both a ReconnectingLink); callers see `open`, `data` and `down`,
 * never a thrown error.
 *
 * A connect alone does not reset the backoff: an endpoint that accepts and closes at once
 * (a half-dead service, a port forwarder with nothing behind it) would otherwise make the
 * link reconnect at the first delay forever, flapping its state several times a second.
 * The backoff resets when the owner calls `markUseful()` (first good answer) or when the
 * connection has stayed open for `stableAfterMs`.
 */
export class TcpLink extends ReconnectingLink<TcpProblem> {
  readonly address: string;
  readonly #host: string;
  readonly #port: number;
  readonly #connectTimeoutMs: number;
  readonly #stableAfterMs: number;
  #stableTimer: NodeJS.Timeout | undefined;
  #socket: Socket | undefined;
  #connected = false;

  constructor(options: TcpLinkOptions) {
    super(options);
    if (typeof options.host !== 'string' || options.host === '') throw new TypeError('"host" must be a non-empty string');
    if (!Number.isInteger(options.port) || options.port <= 0 || options.port > 65535) throw new TypeError('"port" must be 1..65535');
    this.#host = options.host;
    this.#port = options.port;
    this.address = `${options.host.includes(':') ? `[${options.host}]` : options.host}:${options.port}`;
    this.#connectTimeoutMs = options.connectTimeoutMs ?? 5000;
    this.#stableAfterMs = options.stableAfterMs ?? 10_000;
  }

  get isOpen(): boolean {
    return this.#connected;
  }

  /** The current connection proved useful (the service answered): the next drop reconnects at the first delay. */
  markUseful(): void {
    if (!this.#connected) return;
    clearTimeout(this.#stableTimer);
    this.#stableTimer = undefined;
    this.resetBackoff();
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
    this.#drop('service-closed', detail);
  }

  protected get busy(): boolean {
    return this.#socket !== undefined;
  }

  protected teardown(): Promise<void> {
    clearTimeout(this.#stableTimer);
    this.#socket?.destroy();
    this.#socket = undefined;
    return Promise.resolve();
  }

  protected connect(): void {
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
      if (this.#socket !== socket || this.closed) return;
      const wasConnected = this.#connected;
      this.#socket = undefined;
      this.#connected = false;
      if (wasConnected) this.#drop('service-closed', `${this.address}: ${lastError?.message ?? 'connection closed'}`);
      else this.#drop('service-unreachable', `${this.address}: ${lastError?.message ?? 'no connection'}`);
    });
    socket.connect(this.#port, this.#host);
  }

  #drop(problem: TcpProblem, detail: string): void {
    clearTimeout(this.#stableTimer);
    this.#stableTimer = undefined;
    this.down(problem, detail);
  }
}

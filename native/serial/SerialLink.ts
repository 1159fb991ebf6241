import { SerialPort } from 'serialport';
import { SafeEmitter } from '../../platform/events/SafeEmitter';

export type SerialProblem = 'port-missing' | 'port-permission' | 'port-error' | 'port-closed';

export interface SerialLinkOptions {
  path: string;
  baudRate: number;
  /** First reopen delay; doubles up to `retryMaxMs`. Default 500 ms. */
  retryInitialMs?: number;
  /** Default 10 000 ms. */
  retryMaxMs?: number;
}

export interface SerialLinkEvents {
  open: [];
  data: [chunk: Buffer];
  /** The port could not be opened or went away; a reopen is scheduled. */
  down: [problem: SerialProblem, detail: string];
}

/**
 * Keeps one serial port open: opens it, reports why it cannot, and reopens with
 * exponential backoff after the device disappears (USB modem unplugged or rebooted,
 * simulator killed). Callers see `open`, `data` and `down`, never a thrown error.
 */
export class SerialLink extends SafeEmitter<SerialLinkEvents> {
  readonly path: string;
  readonly #baudRate: number;
  readonly #retryInitialMs: number;
  readonly #retryMaxMs: number;
  #port: SerialPort | undefined;
  #retryMs: number;
  #retryTimer: NodeJS.Timeout | undefined;
  #closed = false;

  constructor(options: SerialLinkOptions) {
    super();
    if (typeof options.path !== 'string' || options.path === '') throw new TypeError('"path" must be a non-empty string');
    if (!Number.isInteger(options.baudRate) || options.baudRate <= 0) throw new TypeError('"baudRate" must be a positive integer');
    this.path = options.path;
    this.#baudRate = options.baudRate;
    this.#retryInitialMs = options.retryInitialMs ?? 500;
    this.#retryMaxMs = options.retryMaxMs ?? 10_000;
    this.#retryMs = this.#retryInitialMs;
  }

  get isOpen(): boolean {
    return this.#port?.isOpen ?? false;
  }

  start(): void {
    if (this.#closed || this.#port || this.#retryTimer) return;
    this.#open();
  }

  /** Writes if open; returns false (and writes nothing) when the port is down. */
  write(data: string | Buffer): boolean {
    const port = this.#port;
    if (!port?.isOpen) return false;
    port.write(data);
    return true;
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    clearTimeout(this.#retryTimer);
    const port = this.#port;
    this.#port = undefined;
    if (port?.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
    this.removeAllListeners();
  }

  #open(): void {
    const port = new SerialPort({ path: this.path, baudRate: this.#baudRate, autoOpen: false, hupcl: false });
    this.#port = port;
    port.on('data', (chunk: Buffer) => this.safeEmit('data', chunk));
    port.on('error', () => {
      // Errors on an open port are followed by 'close'; open errors arrive in the callback.
    });
    port.on('close', (error?: Error & { disconnected?: boolean }) => {
      if (this.#port !== port || this.#closed) return;
      this.#port = undefined;
      this.#down('port-closed', error?.message ?? 'port closed');
    });
    port.open((error) => {
      if (this.#closed) {
        if (!error) port.close();
        return;
      }
      if (error) {
        this.#port = undefined;
        this.#down(classifyOpenError(error), error.message);
        return;
      }
      this.#retryMs = this.#retryInitialMs;
      this.safeEmit('open');
    });
  }

  #down(problem: SerialProblem, detail: string): void {
    this.safeEmit('down', problem, detail);
    if (this.#closed) return;
    const delay = this.#retryMs;
    this.#retryMs = Math.min(this.#retryMs * 2, this.#retryMaxMs);
    this.#retryTimer = setTimeout(() => {
      this.#retryTimer = undefined;
      if (!this.#closed) this.#open();
    }, delay);
  }
}

function classifyOpenError(error: Error): SerialProblem {
  const text = error.message;
  if (/ENOENT|No such file|cannot find|File not found/i.test(text)) return 'port-missing';
  if (/EACCES|EPERM|Permission denied|Access denied/i.test(text)) return 'port-permission';
  return 'port-error';
}

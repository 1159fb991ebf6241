import { SerialPort } from 'serialport';
import { ReconnectingLink, type DeviceLinkEvents, type LinkBackoffOptions } from '../device/ReconnectingLink';

export type SerialProblem = 'port-missing' | 'port-permission' | 'port-error' | 'port-closed';

export interface SerialLinkOptions extends LinkBackoffOptions {
  path: string;
  baudRate: number;
}

export type SerialLinkEvents = DeviceLinkEvents<SerialProblem>;

/**
 * Keeps one serial port open: opens it, reports why it cannot, and reopens with
 * exponential backoff after the device disappears (USB modem unplugged or rebooted,
 * simulator killed). Callers see `open`, `data` and `down`, never a thrown error.
 */
export class SerialLink extends ReconnectingLink<SerialProblem> {
  readonly path: string;
  readonly #baudRate: number;
  #port: SerialPort | undefined;

  constructor(options: SerialLinkOptions) {
    super(options);
    if (typeof options.path !== 'string' || options.path === '') throw new TypeError('"path" must be a non-empty string');
    if (!Number.isInteger(options.baudRate) || options.baudRate <= 0) throw new TypeError('"baudRate" must be a positive integer');
    this.path = options.path;
    this.#baudRate = options.baudRate;
  }

  get isOpen(): boolean {
    return this.#port?.isOpen ?? false;
  }

  /** Writes if open; returns false (and writes nothing) when the port is down. */
  write(data: string | Buffer): boolean {
    const port = this.#port;
    if (!port?.isOpen) return false;
    port.write(data);
    return true;
  }

  protected get busy(): boolean {
    return this.#port !== undefined;
  }

  protected async teardown(): Promise<void> {
    const port = this.#port;
    this.#port = undefined;
    if (port?.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
  }

  protected connect(): void {
    const port = new SerialPort({ path: this.path, baudRate: this.#baudRate, autoOpen: false, hupcl: false });
    this.#port = port;
    port.on('data', (chunk: Buffer) => this.safeEmit('data', chunk));
    port.on('error', () => {
      // Errors on an open port are followed by 'close'; open errors arrive in the callback.
    });
    port.on('close', (error?: Error & { disconnected?: boolean }) => {
      if (this.#port !== port || this.closed) return;
      this.#port = undefined;
      this.down('port-closed', error?.message ?? 'port closed');
    });
    port.open((error) => {
      if (this.closed) {
        if (!error) port.close();
        return;
      }
      if (error) {
        this.#port = undefined;
        this.down(classifyOpenError(error), error.message);
        return;
      }
      // A port that opens is the device itself: the next drop reopens at the first delay.
      this.resetBackoff();
      this.safeEmit('open');
    });
  }
}

function classifyOpenError(error: Error): SerialProblem {
  const text = error.message;
  if (/ENOENT|No such file|cannot find|File not found/i.test(text)) return 'port-missing';
  if (/EACCES|EPERM|Permission denied|Access denied/i.test(text)) return 'port-permission';
  return 'port-error';
}

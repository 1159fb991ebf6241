import { TcpLink, type TcpProblem } from '../net/TcpLink';
import { DeviceDriverBase } from '../device/DeviceDriverBase';
import { printable } from '../util/printable';
import type { DeviceIdentity } from '../device/deviceTypes';
import { nonEmptyString, positiveInteger, seconds } from './driverOptions';
import { GpsdDecoder } from './GpsdDecoder';
import { GpsdSkyMerger } from './GpsdSkyMerger';
import { tpvReading, type GpsdMessage } from './gpsdParser';
import type { GnssReading } from './gnssTypes';

export interface GpsdDriverOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 2947. */
  port?: number;
  /** Only reports of this gpsd device (e.g. `/dev/ttyACM0`); default every device gpsd has. */
  device?: string;
  /** Connected, but no TPV for this long: `unresponsive`. Default 5000 ms. */
  silenceTimeoutMs?: number;
  /** Default 5000 ms. */
  connectTimeoutMs?: number;
  /** Reconnect backoff. Defaults 500 ms .. 10 s. */
  retryInitialMs?: number;
  retryMaxMs?: number;
  /** An epoch's merged SKY is given this long after its last SKY when no TPV ends it first. Default 1500 ms. */
  skyQuietMs?: number;
}

/** Asks gpsd for its report stream as JSON (reference §7.2). */
export const GPSD_WATCH_COMMAND = '?WATCH={"enable":true,"json":true}\n';

interface KnownDevice {
  path: string | undefined;
  driver: string | undefined;
}

/**
 * Driver for gpsd's JSON protocol over TCP: connects (and reconnects with backoff when gpsd
 * restarts), sends `?WATCH` after gpsd's VERSION greeting, and turns TPV and SKY reports
 * into readings (one per TPV, one per epoch for gpsd's several SKY reports) with a running count of malformed lines. Connected but no
 * TPV for a while is `unresponsive` (gpsd up, receiver gone or silent); gpsd unreachable
 * or closing the connection is `lost`. Knows nothing of storage or UI.
 */
export class GpsdDriver extends DeviceDriverBase<GnssReading> {
  /** `host:port` of gpsd. */
  readonly address: string;
  readonly #device: string | undefined;
  readonly #silenceTimeoutMs: number;
  readonly #tcp: TcpLink;
  readonly #decoder: GpsdDecoder;
  readonly #sky = new GpsdSkyMerger();
  readonly #skyQuietMs: number;
  #skyTimer: NodeJS.Timeout | undefined;
  #watchdog: NodeJS.Timeout | undefined;
  /** Monotonic (performance.now) times of the connection and of the last TPV. */
  #openedAt = 0;
  #lastTpvAt: number | undefined;
  #watchSent = false;
  #release: string | undefined;
  #devices: KnownDevice[] | undefined;
  #lastError: string | undefined;
  /** The identity last emitted, so an unchanged one is not sent again. */
  #identityKey: string | undefined;
  #reportedBad = 0;
  #closed = false;

  constructor(options: GpsdDriverOptions = {}) {
    super();
    const host = nonEmptyString('host', options.host, '127.0.0.1');
    const port = options.port ?? 2947;
    if (!Number.isInteger(port) || port < 1 || port > 65535) throw new TypeError('"port" must be an integer 1..65535');
    if (options.device !== undefined) nonEmptyString('device', options.device);
    this.#device = options.device;
    this.#silenceTimeoutMs = positiveInteger('silenceTimeoutMs', options.silenceTimeoutMs, 5000);
    this.#skyQuietMs = positiveInteger('skyQuietMs', options.skyQuietMs, 1500);
    this.#tcp = new TcpLink({
      host,
      port,
      connectTimeoutMs: positiveInteger('connectTimeoutMs', options.connectTimeoutMs, 5000),
      retryInitialMs: positiveInteger('retryInitialMs', options.retryInitialMs, 500),
      retryMaxMs: positiveInteger('retryMaxMs', options.retryMaxMs, 10_000),
    });
    this.address = this.#tcp.address;
    this.#decoder = new GpsdDecoder({ onMessage: (message) => this.#onMessage(message) });
    this.#tcp.on('open', () => this.#onOpen());
    this.#tcp.on('down', (problem, detail) => this.#onDown(problem, detail));
    this.#tcp.on('data', (chunk) => this.#decoder.write(chunk));
  }

  /** Lines dropped (not JSON, truncated, wrong shape, over-long) since the driver started. */
  get badSentences(): number {
    return this.#decoder.badLines;
  }

  start(): void {
    if (this.#closed) return;
    this.#tcp.start();
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    clearInterval(this.#watchdog);
    this.#watchdog = undefined;
    clearTimeout(this.#skyTimer);
    await this.#tcp.close();
    this.removeAllListeners();
  }

  #onOpen(): void {
    this.#decoder.reset();
    this.#sky.reset();
    clearTimeout(this.#skyTimer);
    this.#openedAt = performance.now();
    this.#lastTpvAt = undefined;
    this.#watchSent = false;
    this.#devices = undefined;
    this.#lastError = undefined;
    this.#identityKey = undefined;
    this.setConnection({ state: 'connecting' });
    clearInterval(this.#watchdog);
    this.#watchdog = setInterval(() => this.#check(), Math.min(1000, Math.max(50, Math.floor(this.#silenceTimeoutMs / 3))));
  }

  #onDown(problem: TcpProblem, detail: string): void {
    clearInterval(this.#watchdog);
    this.#watchdog = undefined;
    clearTimeout(this.#skyTimer);
    this.setConnection({ state: 'lost', problem: { code: problem, detail: printable(detail, 300) } });
  }

  #onMessage(message: GpsdMessage): void {
    switch (message.class) {
      case 'VERSION':
        this.#release = message.release === undefined ? undefined : printable(message.release, 32);
        this.#emitIdentity();
        this.#sendWatch();
        return;
      case 'DEVICES':
        // Every device gpsd manages; whether one is open shows in the reports that follow.
        this.#devices = message.devices.map((d) => ({ path: d.path, driver: d.driver }));
        this.#emitIdentity();
        return;
      case 'DEVICE': {
        // gpsd announces a device coming or going; an inactive one has no `activated`.
        const others = (this.#devices ?? []).filter((d) => d.path !== message.path);
        const active = message.activated !== undefined && message.activated !== 0;
        this.#devices = active ? [...others, { path: message.path, driver: message.driver }] : others;
        this.#emitIdentity();
        return;
      }
      case 'ERROR':
        this.#lastError = message.message === undefined ? 'error' : printable(message.message, 200);
        return;
      case 'TPV':
        if (!this.#wanted(message.device)) return;
        this.#lastTpvAt = performance.now();
        if (this.connection.state !== 'ready') this.setConnection({ state: 'ready' });
        this.#emitSky(this.#sky.onTpv(message, Date.now()));
        this.#emitReading(tpvReading(message, Date.now()));
        return;
      case 'SKY':
        if (!this.#wanted(message.device)) return;
        // Held until the epoch ends, so the counts do not flicker through gpsd's partial SKYs.
        this.#sky.onSky(message);
        clearTimeout(this.#skyTimer);
        this.#skyTimer = setTimeout(() => this.#emitSky(this.#sky.flush(Date.now())), this.#skyQuietMs);
        return;
      default:
        return; // WATCH echoes our request; other classes are not used
    }
  }

  #wanted(device: string | undefined): boolean {
    return this.#device === undefined || device === undefined || device === this.#device;
  }

  #sendWatch(): void {
    if (this.#watchSent) return;
    this.#watchSent = this.#tcp.write(GPSD_WATCH_COMMAND);
  }

  #emitIdentity(): void {
    const devices = (this.#devices ?? []).filter((d) => this.#wanted(d.path));
    const identity: DeviceIdentity = {};
    const driver = devices.find((d) => d.driver !== undefined)?.driver;
    if (driver !== undefined) identity.model = printable(driver, 64);
    if (this.#release !== undefined) identity.revision = `gpsd ${this.#release}`;
    const key = JSON.stringify(identity);
    if (key === this.#identityKey) return;
    this.#identityKey = key;
    this.safeEmit('identity', identity);
  }

  #emitSky(reading: GnssReading | undefined): void {
    if (!reading) return;
    clearTimeout(this.#skyTimer);
    this.#emitReading(reading);
  }

  #emitReading(reading: GnssReading): void {
    reading.badSentences = this.#decoder.badLines;
    this.#reportedBad = reading.badSentences;
    this.safeEmit('reading', reading);
  }

  #check(): void {
    if (!this.#tcp.isOpen) return;
    const now = performance.now();
    if (this.#decoder.badLines !== this.#reportedBad) this.#emitReading({ at: Date.now() });
    // A gpsd that did not greet us (or whose greeting was garbled) is asked anyway.
    if (!this.#watchSent && now - this.#openedAt >= Math.min(2000, this.#silenceTimeoutMs / 2)) this.#sendWatch();
    if (now - (this.#lastTpvAt ?? this.#openedAt) < this.#silenceTimeoutMs) return;
    const wanted = this.#devices?.filter((d) => this.#wanted(d.path));
    let detail: string;
    if (wanted !== undefined && wanted.length === 0)
      detail = `${this.address}: gpsd has no GNSS receiver${this.#device ? ` at ${this.#device}` : ''}`;
    else if (this.#lastError !== undefined) detail = `${this.address}: gpsd says "${this.#lastError}"`;
    else detail = `${this.address}: no position report (TPV) for over ${seconds(this.#silenceTimeoutMs)}`;
    this.setConnection({ state: 'unresponsive', problem: { code: 'not-responding', detail: printable(detail, 300) } });
  }
}

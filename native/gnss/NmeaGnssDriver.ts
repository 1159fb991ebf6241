import { SerialLink, type SerialProblem } from '../serial/SerialLink';
import { DeviceDriverBase } from '../device/DeviceDriverBase';
import { printable } from '../util/printable';
import { nonEmptyString, positiveInteger, seconds } from './driverOptions';
import type { GnssReading } from './gnssTypes';
import { NmeaDecoder } from './NmeaDecoder';
import type { NmeaSentence } from './nmeaParser';

export interface NmeaGnssDriverOptions {
  /** Serial port of the receiver, e.g. `/dev/ttyACM0` or `COM7`. */
  path: string;
  /** Default 9600 (the reference: 4800 standard, 9600 most common). */
  baudRate?: number;
  /** No valid sentence for this long makes the receiver `unresponsive`. Default 3000 ms. */
  silenceTimeoutMs?: number;
  /** The line quiet for this long ends the epoch in progress. Default 200 ms. */
  epochGapMs?: number;
  /** Longest line kept. Default 256. */
  maxLineLength?: number;
  /** Reopen backoff. Defaults 500 ms .. 10 s. */
  retryInitialMs?: number;
  retryMaxMs?: number;
}

/**
 * Driver for a GNSS receiver sending NMEA 0183 over a serial port. It only listens:
 * sentences are checked (checksum, shape), grouped into epochs and emitted as one reading
 * per epoch, with a running count of dropped sentences. Silence or unreadable data (a
 * wrong baud rate) makes the receiver `unresponsive` while the port stays open; a port
 * that goes away is `lost` and reopened with backoff. Knows nothing of storage or UI.
 */
export class NmeaGnssDriver extends DeviceDriverBase<GnssReading> {
  readonly path: string;
  readonly #silenceTimeoutMs: number;
  readonly #epochGapMs: number;
  readonly #serial: SerialLink;
  readonly #decoder: NmeaDecoder;
  #watchdog: NodeJS.Timeout | undefined;
  #gapTimer: NodeJS.Timeout | undefined;
  /** Monotonic times (performance.now) of the port opening, the last valid sentence, the last byte. */
  #openedAt = 0;
  #lastValidAt: number | undefined;
  #lastByteAt: number | undefined;
  /** Whether this port session has named the receiver yet. */
  #identified = false;
  /** The identity last emitted: a reopened port with the same receiver emits nothing new. */
  #identityKey: string | undefined;
  #reportedBad = 0;
  #closed = false;

  constructor(options: NmeaGnssDriverOptions) {
    super();
    this.path = nonEmptyString('path', options.path);
    this.#silenceTimeoutMs = positiveInteger('silenceTimeoutMs', options.silenceTimeoutMs, 3000);
    this.#epochGapMs = positiveInteger('epochGapMs', options.epochGapMs, 200);
    this.#serial = new SerialLink({
      path: this.path,
      baudRate: positiveInteger('baudRate', options.baudRate, 9600),
      retryInitialMs: positiveInteger('retryInitialMs', options.retryInitialMs, 500),
      retryMaxMs: positiveInteger('retryMaxMs', options.retryMaxMs, 10_000),
    });
    this.#decoder = new NmeaDecoder({
      maxLineLength: positiveInteger('maxLineLength', options.maxLineLength, 256),
      onSentence: (sentence) => this.#onSentence(sentence),
      onReading: (reading) => this.#emitReading(reading),
    });
    this.#serial.on('open', () => this.#onOpen());
    this.#serial.on('down', (problem, detail) => this.#onDown(problem, detail));
    this.#serial.on('data', (chunk) => this.#onData(chunk));
  }

  /** Sentences dropped (bad checksum or shape, noise, over-long lines) since the driver started. */
  get badSentences(): number {
    return this.#decoder.badSentences;
  }

  start(): void {
    if (this.#closed) return;
    this.#serial.start();
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#stopTimers();
    await this.#serial.close();
    this.removeAllListeners();
  }

  #onOpen(): void {
    // The first line is likely the tail of a sentence sent before we listened: a fresh
    // decoder rejects it like any line without `$` and checksum.
    this.#decoder.reset();
    this.#openedAt = performance.now();
    this.#lastValidAt = undefined;
    this.#lastByteAt = undefined;
    this.#identified = false;
    this.setConnection({ state: 'connecting' });
    clearInterval(this.#watchdog);
    this.#watchdog = setInterval(() => this.#checkSilence(), Math.min(1000, Math.max(50, Math.floor(this.#silenceTimeoutMs / 3))));
  }

  #onDown(problem: SerialProblem, detail: string): void {
    this.#stopTimers();
    this.#decoder.reset();
    this.setConnection({
      state: 'lost',
      problem: { code: problem, detail: printable(detail.includes(this.path) ? detail : `${this.path}: ${detail}`, 300) },
    });
  }

  #onData(chunk: Buffer): void {
    this.#lastByteAt = performance.now();
    this.#decoder.write(chunk);
    clearTimeout(this.#gapTimer);
    this.#gapTimer = setTimeout(() => this.#decoder.flush(), this.#epochGapMs);
  }

  #onSentence(sentence: NmeaSentence): void {
    this.#lastValidAt = performance.now();
    if (this.connection.state !== 'ready') this.setConnection({ state: 'ready' });
    // The receiver is named once per port session, by the talker of its first GGA, GNS or RMC.
    // Receivers that send a GGA per constellation (GPGGA, GLGGA, GNRMC…) switch talker every
    // sentence; that is the same receiver, not a new identity.
    if (this.#identified || (sentence.type !== 'GGA' && sentence.type !== 'GNS' && sentence.type !== 'RMC')) return;
    this.#identified = true;
    const identity = { model: printable(`NMEA 0183 (${sentence.talker})`, 64) };
    const key = JSON.stringify(identity);
    if (key === this.#identityKey) return;
    this.#identityKey = key;
    this.safeEmit('identity', identity);
  }

  #emitReading(reading: GnssReading): void {
    this.#reportedBad = this.#decoder.badSentences;
    this.safeEmit('reading', reading);
  }

  #checkSilence(): void {
    if (!this.#serial.isOpen) return;
    const now = performance.now();
    // Sentences dropped while no epoch completes (noise, garbage) still show up.
    if (this.#decoder.badSentences !== this.#reportedBad) this.#emitReading({ at: Date.now(), badSentences: this.#decoder.badSentences });
    const since = this.#lastValidAt ?? this.#openedAt;
    if (now - since < this.#silenceTimeoutMs) return;
    // Bytes still arrive but none forms a valid sentence: most likely the wrong baud rate.
    const noisy = this.#lastByteAt !== undefined && now - this.#lastByteAt < this.#silenceTimeoutMs;
    const limit = seconds(this.#silenceTimeoutMs);
    const detail = noisy
      ? `${this.path}: only unreadable data for over ${limit} (wrong baud rate?)`
      : `${this.path}: no data for over ${limit}`;
    this.setConnection({ state: 'unresponsive', problem: { code: 'not-responding', detail: printable(detail, 300) } });
  }

  #stopTimers(): void {
    clearInterval(this.#watchdog);
    this.#watchdog = undefined;
    clearTimeout(this.#gapTimer);
    this.#gapTimer = undefined;
  }
}

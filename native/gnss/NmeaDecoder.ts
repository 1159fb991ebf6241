import { LineSplitter } from '../framing/LineSplitter';
import type { GnssReading } from './gnssTypes';
import { NmeaEpochAssembler, epochReading, type NmeaEpoch } from './nmeaEpoch';
import { parseNmeaSentence, type NmeaSentence } from './nmeaParser';

export interface NmeaDecoderOptions {
  /** Called with each finished epoch as a reading (`badSentences` filled in). */
  onReading: (reading: GnssReading) => void;
  /** Called for every sentence that passed its checksum and shape checks. */
  onSentence?: (sentence: NmeaSentence) => void;
  /** Longest line kept; NMEA allows 82 bytes, some receivers send longer proprietary ones. Default 256. */
  maxLineLength?: number;
  /** Sentences per epoch before it is closed anyway. Default 64. */
  maxEpochSentences?: number;
  /** Clock for `at`. Default `Date.now`. */
  now?: () => number;
}

/**
 * Bytes from a receiver to readings: bounded line framing, checksum and shape checks
 * (bad sentences are counted and dropped), epoch grouping. Synchronous and free of
 * timers and I/O, so the driver owns the clock and tests can feed it directly.
 */
export class NmeaDecoder {
  readonly #onReading: (reading: GnssReading) => void;
  readonly #onSentence: ((sentence: NmeaSentence) => void) | undefined;
  readonly #maxLineLength: number;
  readonly #now: () => number;
  readonly #epochs: NmeaEpochAssembler;
  #splitter: LineSplitter;
  /** Lines dropped by earlier splitters (each port open gets a fresh one). */
  #overflowBefore = 0;
  #rejected = 0;

  constructor(options: NmeaDecoderOptions) {
    this.#onReading = options.onReading;
    this.#onSentence = options.onSentence;
    this.#maxLineLength = options.maxLineLength ?? 256;
    this.#now = options.now ?? Date.now;
    this.#epochs = new NmeaEpochAssembler(options.maxEpochSentences ?? 64, this.#now);
    this.#splitter = this.#newSplitter();
  }

  /** Sentences dropped since the decoder was made: bad checksum, no checksum, bad shape, noise, over-long lines. */
  get badSentences(): number {
    return this.#rejected + this.#overflowBefore + this.#splitter.overflowCount;
  }

  /** Characters held for the line in progress; never more than `maxLineLength`. */
  get pendingLength(): number {
    return this.#splitter.pendingLength;
  }

  write(chunk: Buffer | string): void {
    this.#splitter.write(chunk);
  }

  /** Ends the epoch in progress and emits it (the line went quiet). */
  flush(): void {
    this.#emit(this.#epochs.flush());
  }

  /**
   * Forgets the partial line and epoch (the port was reopened: what came before is from
   * another session); the bad-sentence count runs on.
   */
  reset(): void {
    this.#overflowBefore += this.#splitter.overflowCount;
    this.#splitter.destroy();
    this.#splitter = this.#newSplitter();
    this.#epochs.reset();
  }

  #newSplitter(): LineSplitter {
    const splitter = new LineSplitter({ maxLineLength: this.#maxLineLength });
    splitter.on('data', (line: string) => this.#onLine(line));
    return splitter;
  }

  #onLine(line: string): void {
    const result = parseNmeaSentence(line);
    if (!result.ok) {
      this.#rejected++;
      return;
    }
    if (result.noise) this.#rejected++;
    const sentence = result.sentence;
    this.#onSentence?.(sentence);
    if (sentence.type === 'other') return;
    this.#emit(this.#epochs.add(sentence));
  }

  #emit(epoch: NmeaEpoch | undefined): void {
    if (!epoch) return;
    const reading = epochReading(epoch, this.#now());
    reading.badSentences = this.badSentences;
    this.#onReading(reading);
  }
}

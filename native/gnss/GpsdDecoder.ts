import { LineSplitter } from '../framing/LineSplitter';
import { GPSD_MAX_LINE, parseGpsdLine, type GpsdMessage, type GpsdProblem } from './gpsdParser';

export interface GpsdDecoderOptions {
  onMessage: (message: GpsdMessage) => void;
  /** Called for each line dropped, with why. */
  onBadLine?: (problem: GpsdProblem, detail: string | undefined) => void;
  /** Default 10 240 (gpsd's own limit). */
  maxLineLength?: number;
}

/**
 * Bytes from gpsd to JSON objects: bounded line framing (CRLF-terminated objects of at most
 * 10 240 characters), guarded parsing and shape checks; bad lines are counted and dropped.
 * Synchronous and free of I/O, so tests can feed it directly.
 */
export class GpsdDecoder {
  readonly #onMessage: (message: GpsdMessage) => void;
  readonly #onBadLine: GpsdDecoderOptions['onBadLine'];
  readonly #maxLineLength: number;
  #splitter: LineSplitter;
  #overflowBefore = 0;
  #rejected = 0;

  constructor(options: GpsdDecoderOptions) {
    this.#onMessage = options.onMessage;
    this.#onBadLine = options.onBadLine;
    this.#maxLineLength = options.maxLineLength ?? GPSD_MAX_LINE;
    this.#splitter = this.#newSplitter();
  }

  /** Lines dropped since the decoder was made: not JSON, truncated, wrong shape, over-long. */
  get badLines(): number {
    return this.#rejected + this.#overflowBefore + this.#splitter.overflowCount;
  }

  /** Characters held for the line in progress; never more than `maxLineLength`. */
  get pendingLength(): number {
    return this.#splitter.pendingLength;
  }

  write(chunk: Buffer | string): void {
    this.#splitter.write(chunk);
  }

  /** Forgets a partial line (new connection); the bad-line count runs on. */
  reset(): void {
    this.#overflowBefore += this.#splitter.overflowCount;
    this.#splitter.destroy();
    this.#splitter = this.#newSplitter();
  }

  #newSplitter(): LineSplitter {
    const splitter = new LineSplitter({ maxLineLength: this.#maxLineLength });
    splitter.on('data', (line: string) => {
      const result = parseGpsdLine(line);
      if (result.ok) this.#onMessage(result.message);
      else {
        this.#rejected++;
        this.#onBadLine?.(result.problem, result.detail);
      }
    });
    return splitter;
  }
}

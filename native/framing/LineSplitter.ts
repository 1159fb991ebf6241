import { StringDecoder } from 'node:string_decoder';
import { Transform, type TransformCallback, type TransformOptions } from 'node:stream';

export interface LineSplitterOptions extends TransformOptions {
  /**
   * Longest line kept, in characters. Bytes past it up to the next line end are
   * dropped and counted, so endless garbage without line endings cannot grow memory.
   * Default 2048.
   */
  maxLineLength?: number;
}

/**
 * Splits a device's byte stream into lines: AT modems, NMEA receivers, rigctld, gpsd.
 * A line ends at CR, LF or CRLF (V.250 says CR LF, but modems and simulators also send
 * a lone CR or LF); lines are trimmed and empty ones skipped.
 * `@serialport/parser-readline` and `-regex` buffer without limit, hence this small
 * Transform with a cap.
 */
export class LineSplitter extends Transform {
  readonly #maxLineLength: number;
  readonly #decoder = new StringDecoder('utf8');
  #partial = '';
  #discarding = false;
  /** Lines dropped because they exceeded `maxLineLength`. */
  overflowCount = 0;

  /** Characters held for the line in progress; never more than `maxLineLength`. */
  get pendingLength(): number {
    return this.#partial.length;
  }

  constructor(options: LineSplitterOptions = {}) {
    const { maxLineLength = 2048, ...rest } = options;
    if (!Number.isInteger(maxLineLength) || maxLineLength < 1) {
      throw new TypeError('"maxLineLength" must be a positive integer');
    }
    super({ ...rest, readableObjectMode: true });
    this.#maxLineLength = maxLineLength;
  }

  override _transform(chunk: Buffer | string, _encoding: BufferEncoding, callback: TransformCallback): void {
    const text = typeof chunk === 'string' ? chunk : this.#decoder.write(chunk);
    let start = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c !== 13 && c !== 10) continue;
      this.#append(text.slice(start, i));
      this.#endLine();
      start = i + 1;
    }
    this.#append(text.slice(start));
    callback();
  }

  override _flush(callback: TransformCallback): void {
    this.#append(this.#decoder.end());
    this.#endLine();
    callback();
  }

  #append(piece: string): void {
    if (this.#discarding || piece.length === 0) return;
    if (this.#partial.length + piece.length > this.#maxLineLength) {
      this.#partial = '';
      this.#discarding = true;
      this.overflowCount++;
      return;
    }
    this.#partial += piece;
  }

  #endLine(): void {
    const line = this.#partial.trim();
    this.#partial = '';
    this.#discarding = false;
    if (line.length > 0) this.push(line);
  }
}

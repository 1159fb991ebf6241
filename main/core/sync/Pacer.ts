import { Transform, type TransformCallback } from 'node:stream';

/** Pieces are released at most this big, so a pause or a rate change takes effect quickly. */
const PIECE_BYTES = 2048;
/** A held stream still lets a piece through this often: below the upload's 30 s idle timeout. */
const MAX_SILENCE_MS = 10_000;

/**
 * Paces a byte stream to a bitrate (a token bucket with a small burst), and can be held
 * still. An upload paced at the link's bulk budget does not fill the radio's buffers,
 * so an urgent request sent beside it is not stuck behind seconds of queued bulk; while
 * an urgent exchange is in flight the upload holds still altogether.
 */
export class Pacer extends Transform {
  #bytesPerSecond: number;
  #tokens = 0;
  #last = performance.now();
  #held = false;
  #resume: (() => void) | undefined;
  #lastPiece = performance.now();
  /** Bytes let through so far. */
  passed = 0;

  constructor(kbps: number) {
    super();
    this.#bytesPerSecond = Math.max(1, (kbps * 1000) / 8);
  }

  setRate(kbps: number): void {
    this.#refill();
    this.#bytesPerSecond = Math.max(1, (kbps * 1000) / 8);
  }

  hold(held: boolean): void {
    this.#held = held;
    if (!held) this.#resume?.();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    void this.#release(chunk).then(() => callback(), callback);
  }

  async #release(chunk: Buffer): Promise<void> {
    for (let at = 0; at < chunk.length; at += PIECE_BYTES) {
      const piece = chunk.subarray(at, at + PIECE_BYTES);
      for (;;) {
        if (this.destroyed) return;
        const silentMs = performance.now() - this.#lastPiece;
        if (this.#held && silentMs < MAX_SILENCE_MS) {
          // Held, but a piece goes now and then so the request is not taken for a stalled link.
          await new Promise<void>((resolve) => {
            this.#resume = resolve;
            setTimeout(resolve, MAX_SILENCE_MS - silentMs).unref();
          });
          this.#resume = undefined;
          this.#last = performance.now();
          continue;
        }
        this.#refill();
        if (this.#tokens >= piece.length) break;
        const waitMs = Math.max(5, ((piece.length - this.#tokens) / this.#bytesPerSecond) * 1000);
        await new Promise((resolve) => setTimeout(resolve, Math.min(waitMs, 250)));
      }
      this.#tokens -= piece.length;
      this.#lastPiece = performance.now();
      this.passed += piece.length;
      this.push(piece);
    }
  }

  #refill(): void {
    const now = performance.now();
    // At most a quarter second of burst, so a pause is not followed by a flood.
    this.#tokens = Math.min(
      this.#tokens + ((now - this.#last) / 1000) * this.#bytesPerSecond,
      Math.max(PIECE_BYTES, this.#bytesPerSecond / 4),
    );
    this.#last = now;
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.#resume?.();
    callback(error);
  }
}

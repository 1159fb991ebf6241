import { open, type FileHandle } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { isDiskFull } from '../../platform/sqlite/DatabaseError';

export interface UploadSinkOptions {
  /** Sync and record the offset after this many new bytes. Default 64 KiB. */
  syncBytes?: number;
  /** …and at least this often while bytes wait unsynced (a stalled client). Default 1000 ms. */
  syncIntervalMs?: number;
}

/**
 * How a body ended: all of it read; more bytes than the upload's size (the excess is
 * dropped); cut off (client gone, stalled, or taken over); the disk is full; or the
 * file could not be written for another reason.
 */
export type SinkEnd = 'end' | 'beyond' | 'interrupted' | 'disk-full' | 'failed';

export interface SinkResult {
  end: SinkEnd;
  /** Bytes durably in the file and recorded by `checkpoint`. */
  offset: number;
  error?: unknown;
}

/**
 * Streams a request body into an upload's `.part` file from its durable offset. Every
 * ~64 KiB, every second while bytes wait, and when the body ends in any way, it fsyncs
 * the file and only then calls `checkpoint(offset)`, so the recorded offset never
 * counts a byte that is not on disk, whatever happens next (a cut, a stall, SIGKILL).
 */
export class UploadSink {
  readonly #handle: FileHandle;
  readonly #checkpoint: (offset: number) => Promise<void>;
  readonly #syncBytes: number;
  readonly #syncIntervalMs: number;
  #position: number;
  #durable: number;
  #lastSync = Date.now();
  #chain: Promise<void> = Promise.resolve();
  #timerFailure: unknown;
  /** The last error of a file operation (as opposed to one of the body stream). */
  #fileFailure: unknown;
  #stream: Readable | undefined;

  private constructor(handle: FileHandle, offset: number, checkpoint: (offset: number) => Promise<void>, options: UploadSinkOptions) {
    this.#handle = handle;
    this.#position = offset;
    this.#durable = offset;
    this.#checkpoint = checkpoint;
    this.#syncBytes = options.syncBytes ?? 64 * 1024;
    this.#syncIntervalMs = options.syncIntervalMs ?? 1000;
  }

  /** Opens the `.part` file and cuts it to `offset` (bytes past the recorded offset were never promised). */
  static async open(
    path: string,
    offset: number,
    checkpoint: (offset: number) => Promise<void>,
    options: UploadSinkOptions = {},
  ): Promise<UploadSink> {
    const handle = await open(path, 'r+');
    try {
      await handle.truncate(offset);
    } catch (error) {
      await handle.close();
      throw error;
    }
    return new UploadSink(handle, offset, checkpoint, options);
  }

  /** Stops reading the body (a newer request for the same upload takes over); `consume` then ends as interrupted. */
  abort(): void {
    this.#stream?.destroy();
  }

  /** Writes the body up to `size` bytes in all; resolves after the final checkpoint, never rejects for the body's sake. */
  async consume(body: Readable, size: number): Promise<SinkResult> {
    this.#stream = body;
    let end: SinkEnd = 'end';
    let error: unknown;
    const timer = setInterval(
      () => {
        if (this.#position > this.#durable && Date.now() - this.#lastSync >= this.#syncIntervalMs) {
          this.#enqueue(() => this.#sync()).catch((failure: unknown) => (this.#timerFailure ??= failure));
        }
      },
      Math.max(50, Math.floor(this.#syncIntervalMs / 2)),
    );
    try {
      // Leaving the loop early (beyond the size) must not destroy the request: the client still gets its 400.
      for await (const chunk of body.iterator({ destroyOnReturn: false }) as AsyncIterable<Buffer>) {
        if (this.#timerFailure !== undefined) throw this.#timerFailure;
        const room = size - this.#position;
        const part = chunk.length > room ? chunk.subarray(0, room) : chunk;
        if (part.length > 0) await this.#enqueue(() => this.#write(part));
        if (chunk.length > room) {
          end = 'beyond';
          break;
        }
        if (this.#position - this.#durable >= this.#syncBytes || Date.now() - this.#lastSync >= this.#syncIntervalMs)
          await this.#enqueue(() => this.#sync());
      }
    } catch (failure) {
      end = isDiskFull(failure) ? 'disk-full' : failure === this.#fileFailure ? 'failed' : 'interrupted';
      error = failure;
    } finally {
      clearInterval(timer);
    }
    try {
      await this.#enqueue(() => this.#sync());
    } catch (failure) {
      if (end === 'end' || end === 'beyond') end = isDiskFull(failure) ? 'disk-full' : 'failed';
      error ??= failure;
    }
    await this.#handle.close().catch(() => undefined);
    return { end, offset: this.#durable, ...(error !== undefined ? { error } : {}) };
  }

  #enqueue(step: () => Promise<void>): Promise<void> {
    const run = this.#chain.then(step).catch((failure: unknown) => {
      this.#fileFailure = failure;
      throw failure;
    });
    this.#chain = run.catch(() => undefined);
    return run;
  }

  async #write(chunk: Buffer): Promise<void> {
    let done = 0;
    while (done < chunk.length) {
      const { bytesWritten } = await this.#handle.write(chunk, done, chunk.length - done, this.#position);
      done += bytesWritten;
      this.#position += bytesWritten;
    }
  }

  async #sync(): Promise<void> {
    this.#lastSync = Date.now();
    const target = this.#position;
    if (target === this.#durable) return;
    await this.#handle.sync();
    await this.#checkpoint(target);
    this.#durable = target;
  }
}

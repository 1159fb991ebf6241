import { open, type FileHandle } from 'node:fs/promises';

/**
 * The disk's own commit latency while the bench runs: every `everyMs`, 4 KiB appended to a
 * file beside the center's database and `fdatasync`ed (what a WAL commit with
 * synchronous=FULL waits for), on libuv's thread pool so it never blocks the bench's loop.
 * An exchange cannot be answered faster than this; a p99 above the goal with a probe p99
 * near it is the disk's, not the center's.
 */
export class FsyncProbe {
  readonly samples: number[] = [];
  #timer: NodeJS.Timeout | undefined;
  #file: FileHandle | undefined;
  #busy = false;

  static async start(path: string, everyMs = 100): Promise<FsyncProbe> {
    const probe = new FsyncProbe();
    probe.#file = await open(path, 'a');
    const block = Buffer.alloc(4096, 0x5a);
    probe.#timer = setInterval(() => {
      if (probe.#busy || !probe.#file) return;
      probe.#busy = true;
      const started = performance.now();
      const file = probe.#file;
      void file
        .write(block)
        .then(() => file.datasync())
        .then(
          () => probe.samples.push(performance.now() - started),
          () => undefined,
        )
        .finally(() => (probe.#busy = false));
    }, everyMs);
    return probe;
  }

  async stop(): Promise<void> {
    clearInterval(this.#timer);
    await this.#file?.close();
    this.#file = undefined;
  }
}

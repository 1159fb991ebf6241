import type { types as ms } from 'mediasoup';
import type { Logger } from '../../../platform/log/logger';
import { MediaBackendError, reasonOf } from './errors';

/** Waits before starting a replacement worker again after a failed start: 1 s, 2 s, 4 s… up to 30 s. */
const RETRY_BASE_MS = 1000;
const RETRY_MAX_MS = 30_000;
/** How long `close()` waits for each worker process to exit. */
const CLOSE_WAIT_MS = 3000;

export type CreateWorker = () => Promise<ms.Worker>;

/**
 * A fixed number of mediasoup workers, one slot each. `pick()` hands them out round-robin
 * (each new room's router goes to the next live worker). A worker that dies is logged and
 * its slot refilled by a new worker; mediasoup has already closed the routers on it (their
 * transports report `closed`). A replacement that fails to start is tried again with a
 * growing wait, for as long as the pool is open.
 */
export class WorkerPool {
  readonly #slots: Array<ms.Worker | undefined>;
  readonly #create: CreateWorker;
  readonly #log: Logger;
  readonly #timers = new Set<NodeJS.Timeout>();
  #next = 0;
  #closed = false;

  constructor(workers: ms.Worker[], create: CreateWorker, log: Logger) {
    this.#slots = [...workers];
    this.#create = create;
    this.#log = log;
    workers.forEach((worker, slot) => this.#watch(worker, slot));
  }

  /** Workers that run now (a slot waiting for its replacement has none). */
  get live(): ms.Worker[] {
    return this.#slots.filter((worker): worker is ms.Worker => worker !== undefined && !worker.closed);
  }

  /** The next live worker, round-robin. */
  pick(): ms.Worker {
    const count = this.#slots.length;
    for (let i = 0; i < count; i++) {
      const slot = (this.#next + i) % count;
      const worker = this.#slots[slot];
      if (worker && !worker.closed) {
        this.#next = (slot + 1) % count;
        return worker;
      }
    }
    throw new MediaBackendError(
      this.#closed ? 'the media backend is closed' : 'no mediasoup worker is running (a replacement is starting; try again shortly)',
    );
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
    const workers = this.live;
    this.#slots.fill(undefined);
    await Promise.all(workers.map((worker) => closeWorker(worker, this.#log)));
  }

  #watch(worker: ms.Worker, slot: number): void {
    worker.on('died', (error) => {
      if (this.#slots[slot] === worker) this.#slots[slot] = undefined;
      if (this.#closed) return;
      this.#log.error(
        `mediasoup worker ${worker.pid} died (${reasonOf(error)}); the rooms on it lost their media and rejoin; starting a replacement`,
      );
      this.#replace(slot, 0);
    });
  }

  #replace(slot: number, failures: number): void {
    const started = (worker: ms.Worker) => {
      if (this.#closed) {
        void closeWorker(worker, this.#log);
        return;
      }
      this.#slots[slot] = worker;
      this.#watch(worker, slot);
      this.#log.info(`mediasoup worker ${worker.pid} started in place of the dead one`);
    };
    const failed = (error: unknown) => {
      if (this.#closed) return;
      const wait = Math.min(RETRY_BASE_MS * 2 ** failures, RETRY_MAX_MS);
      this.#log.error(`a replacement mediasoup worker did not start (${reasonOf(error)}); trying again in ${wait / 1000} s`);
      const timer = setTimeout(() => {
        this.#timers.delete(timer);
        this.#replace(slot, failures + 1);
      }, wait);
      timer.unref();
      this.#timers.add(timer);
    };
    // Through a promise, so that a create() that throws synchronously counts as failed too.
    Promise.resolve()
      .then(() => this.#create())
      .then(started, failed);
  }
}

/** Closes a worker and waits (bounded) for its process to exit. */
export async function closeWorker(worker: ms.Worker, log: Logger): Promise<void> {
  try {
    worker.close();
  } catch (error) {
    log.warn(`mediasoup worker ${worker.pid}: close failed`, error);
    return;
  }
  if (worker.subprocessClosed) return;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, CLOSE_WAIT_MS);
    timer.unref();
    worker.once('subprocessclose', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

import type { ExchangePlan } from './exchangePlan';
import type { LinkRoute } from './linkRoute';

/** A stream frame carries about this much of the link's time, and never less than MIN_FRAME_BYTES. */
const FRAME_SECONDS = 1;
const MIN_FRAME_BYTES = 256;
const MAX_FRAME_BYTES = 4096;

/** Bytes of items one stream exchange carries on `link`: about a second of the link, so a flash item never waits long behind one. */
export function streamFrameBytes(link: Pick<LinkRoute, 'capacityKbps'>): number {
  return Math.min(MAX_FRAME_BYTES, Math.max(MIN_FRAME_BYTES, (link.capacityKbps * 1000 * FRAME_SECONDS) / 8));
}

/**
 * Bytes of items on their way (sent, not yet answered) at most: the link's round trip of
 * data and a second more keeps it busy while answers travel back, and no more, so an
 * urgent item written now waits behind little.
 */
export function streamWindowBytes(link: Pick<LinkRoute, 'capacityKbps' | 'latencyMs'>): number {
  return Math.max(2 * streamFrameBytes(link), (link.capacityKbps * 1000 * (link.latencyMs / 1000 + FRAME_SECONDS)) / 8);
}

interface Running {
  seqs: readonly number[];
  bytes: number;
  done: Promise<void>;
}

/**
 * Exchanges over a narrow link's stream that are on their way at once (docs/sync.md,
 * "Narrow links"): the engine plans the next while earlier ones await their answers, up to
 * the link's window. Their items are not planned again meanwhile; each answer is applied
 * by the exchange's own round as it comes (in order: the center answers a stream in order).
 */
export class ExchangePipeline {
  readonly #running = new Set<Running>();
  readonly #controller = new AbortController();

  /** Items on their way: the planner leaves them out. */
  get seqs(): ReadonlySet<number> {
    return new Set([...this.#running].flatMap((r) => r.seqs));
  }

  get busy(): boolean {
    return this.#running.size > 0;
  }

  /** Aborted when the engine closes (each exchange's answer is dropped; the center keeps what it got). */
  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  /**
   * Starts `run` for `plan` without waiting for its answer, if the window has room; else
   * waits for the oldest answer and starts nothing (the engine plans afresh then, so an
   * urgent item written meanwhile goes next). `onSettled` follows each answer; `wireRatio`
   * is the stream's wire bytes per byte of items (StreamChannel.wireRatio). Always true: the
   * engine goes on at once.
   */
  async launch(plan: ExchangePlan, run: () => Promise<unknown>, onSettled: () => void, wireRatio = 1): Promise<true> {
    const bytes = plan.encoded.reduce((sum, b) => sum + b.length, 0);
    // The window is of the link's bytes: what is on its way counts as it goes on the wire (deflated).
    if (this.#running.size > 0 && (this.#inFlightBytes() + bytes) * wireRatio > streamWindowBytes(plan.link)) {
      await Promise.race([...this.#running].map((r) => r.done));
      return true;
    }
    const running: Running = {
      seqs: plan.entries.map((e) => e.seq),
      bytes,
      done: run().then(
        () => undefined,
        () => undefined,
      ),
    };
    this.#running.add(running);
    void running.done.then(() => {
      this.#running.delete(running);
      onSettled();
    });
    return true;
  }

  /** Stops every exchange on its way and waits for them to settle. */
  async close(): Promise<void> {
    this.#controller.abort();
    await Promise.all([...this.#running].map((r) => r.done));
  }

  #inFlightBytes(): number {
    let bytes = 0;
    for (const r of this.#running) bytes += r.bytes;
    return bytes;
  }
}

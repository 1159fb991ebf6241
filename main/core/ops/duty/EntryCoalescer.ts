/**
 * Keeps a flapping source from filling the duty log: per key (one link, say) at most one
 * entry per window. The first event of a quiet key is written at once; events inside the
 * window after it are counted, and when the window has passed one summary is written
 * (how many changes, and the latest). Pure: the caller passes the time and writes.
 */
export interface Coalesced<E> {
  key: string;
  /** The latest event. */
  event: E;
  /** How many events the entry stands for (1: a single change). */
  count: number;
}

interface KeyState<E> {
  lastWrittenAt: number;
  pending: { event: E; count: number } | undefined;
}

export class EntryCoalescer<E> {
  readonly #windowMs: number;
  readonly #keys = new Map<string, KeyState<E>>();

  /** @param windowMs at most one entry per key in this time. Default one minute. */
  constructor(windowMs = 60_000) {
    this.#windowMs = windowMs;
  }

  /** An event: returns the entry to write now, or undefined when it is held for the summary. */
  offer(key: string, event: E, now: number): Coalesced<E> | undefined {
    const state = this.#keys.get(key);
    if (!state || (state.pending === undefined && now - state.lastWrittenAt >= this.#windowMs)) {
      this.#keys.set(key, { lastWrittenAt: now, pending: undefined });
      return { key, event, count: 1 };
    }
    state.pending = { event, count: (state.pending?.count ?? 0) + 1 };
    return undefined;
  }

  /** Summaries whose window has passed; call it now and then (a timer). */
  due(now: number): Coalesced<E>[] {
    const out: Coalesced<E>[] = [];
    for (const [key, state] of this.#keys) {
      if (!state.pending || now - state.lastWrittenAt < this.#windowMs) continue;
      out.push({ key, event: state.pending.event, count: state.pending.count });
      this.#keys.set(key, { lastWrittenAt: now, pending: undefined });
    }
    return out;
  }

  /** When the next summary falls due (undefined: nothing held). */
  nextDueAt(): number | undefined {
    let next: number | undefined;
    for (const state of this.#keys.values()) if (state.pending) next = Math.min(next ?? Infinity, state.lastWrittenAt + this.#windowMs);
    return next;
  }
}

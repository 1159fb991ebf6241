import type { SbdMoRetryConfig } from '../../protocol/config/linkConfig';
import type { SbdSession } from '../../protocol/links/sbd';
import { WAIT_AFTER_REGISTRATION_MS } from './iridiumAtTables';
import { moRetryDelayMs } from './moBackoff';
import { classifyMoStatus } from './moStatusTable';
import type { MoAttemptEvent, MoAttemptProblemCode, MoOutcome } from './sbdMoTypes';

/** What one attempt came to: a session result, or why there was none. */
export type MoAttemptResult = { session: SbdSession } | { problem: { code: MoAttemptProblemCode; detail: string } };

export interface SbdMoQueueOptions {
  retry: SbdMoRetryConfig;
  /** [0, 1); Math.random in the driver. */
  random: () => number;
  /** Writes the message, runs a session, clears the MO buffer. Must not reject (problems come back as results). */
  attempt: (bytes: Uint8Array) => Promise<MoAttemptResult>;
  onAttempt: (event: MoAttemptEvent) => void;
}

interface Entry {
  id: number;
  bytes: Uint8Array;
  attempts: number;
  resolve: (outcome: MoOutcome) => void;
  /** The sender no longer wants it sent (the item went another way): resolved as withdrawn at the next chance. */
  withdrawn: boolean;
}

/**
 * Binary MO messages, one at a time in the order given (the transceiver has one MO
 * buffer). Each attempt's MO status decides (moStatusTable): sent and parked end the
 * message, anything else waits out the retry schedule (moBackoff; at least 3 minutes after
 * status 36, as the ISU asks) and tries again. A message is resolved exactly once.
 */
export class SbdMoQueue {
  readonly #o: SbdMoQueueOptions;
  readonly #entries: Entry[] = [];
  #nextId = 1;
  #busy = false;
  #timer: NodeJS.Timeout | undefined;
  #closed = false;

  constructor(options: SbdMoQueueOptions) {
    this.#o = options;
  }

  /** Messages waiting or in flight. */
  get length(): number {
    return this.#entries.length;
  }

  /**
   * Queues a message. Aborting `signal` withdraws it: at once while it waits, or after the
   * session in flight (a message already on the air may still come back as sent).
   */
  add(bytes: Uint8Array, signal?: AbortSignal): Promise<MoOutcome> {
    return new Promise<MoOutcome>((resolve) => {
      const entry: Entry = { id: this.#nextId++, bytes, attempts: 0, resolve, withdrawn: false };
      this.#entries.push(entry);
      signal?.addEventListener('abort', () => this.#withdraw(entry), { once: true });
      if (signal?.aborted) return this.#withdraw(entry);
      if (!this.#timer) void this.#runHead();
    });
  }

  #withdraw(entry: Entry): void {
    entry.withdrawn = true;
    const index = this.#entries.indexOf(entry);
    // In a session now: its result decides (see #runHead).
    if (index < 0 || (index === 0 && this.#busy)) return;
    this.#entries.splice(index, 1);
    entry.resolve(this.#withdrawnOutcome(entry));
    if (index === 0 && this.#timer) {
      clearTimeout(this.#timer);
      this.#timer = undefined;
      void this.#runHead();
    }
  }

  #withdrawnOutcome(entry: Entry): MoOutcome {
    const detail = 'withdrawn by the sender before it went';
    return { status: 'cancelled', id: entry.id, reason: 'withdrawn', detail, attempts: entry.attempts, at: Date.now() };
  }

  /** Resolves every waiting message as cancelled; the queue takes no more attempts. */
  close(reason: string): void {
    if (this.#closed) return;
    this.#closed = true;
    clearTimeout(this.#timer);
    for (const entry of this.#entries.splice(0)) {
      entry.resolve({ status: 'cancelled', id: entry.id, reason: 'sbd-closed', detail: reason, attempts: entry.attempts, at: Date.now() });
    }
  }

  async #runHead(): Promise<void> {
    if (this.#busy || this.#closed) return;
    const entry = this.#entries[0];
    if (!entry) return;
    this.#busy = true;
    entry.attempts++;
    const result = await this.#o
      .attempt(entry.bytes)
      .catch((error: unknown): MoAttemptResult => ({ problem: { code: 'no-session-answer', detail: String(error) } }));
    this.#busy = false;
    if (this.#closed || this.#entries[0] !== entry) return;
    const now = Date.now();
    const base = { id: entry.id, attempt: entry.attempts, size: entry.bytes.length, at: now };
    if ('session' in result) {
      const { moStatus, momsn } = result.session;
      const verdict = classifyMoStatus(moStatus);
      if (verdict.disposition === 'sent') {
        this.#o.onAttempt({ ...base, result: 'sent', moStatus, reason: verdict.outcome, detail: verdict.meaning });
        return this.#done({ status: 'sent', id: entry.id, moStatus, momsn, attempts: entry.attempts, at: now });
      }
      if (verdict.disposition === 'park') {
        this.#o.onAttempt({ ...base, result: 'parked', moStatus, reason: verdict.outcome, detail: verdict.meaning });
        const { outcome: reason, meaning: detail } = verdict;
        return this.#done({ status: 'parked', id: entry.id, moStatus, reason, detail, attempts: entry.attempts, at: now });
      }
      if (entry.withdrawn) return this.#done(this.#withdrawnOutcome(entry));
      const floor = moStatus === 36 ? WAIT_AFTER_REGISTRATION_MS : 0;
      return this.#retry(entry, { ...base, moStatus, reason: verdict.outcome, detail: verdict.meaning }, floor);
    }
    if (entry.withdrawn) return this.#done(this.#withdrawnOutcome(entry));
    this.#retry(entry, { ...base, reason: result.problem.code, detail: result.problem.detail }, 0);
  }

  #retry(entry: Entry, event: Omit<MoAttemptEvent, 'result' | 'retryAt'>, floorMs: number): void {
    const delay = Math.max(floorMs, moRetryDelayMs(entry.attempts, this.#o.retry, this.#o.random));
    this.#o.onAttempt({ ...event, result: 'retry', retryAt: event.at + delay });
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      void this.#runHead();
    }, delay);
  }

  #done(outcome: MoOutcome): void {
    const entry = this.#entries.shift();
    entry?.resolve(outcome);
    if (!this.#timer) void this.#runHead();
  }
}

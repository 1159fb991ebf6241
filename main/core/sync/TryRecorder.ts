import type { MessageView } from '../../../protocol/api/messaging';
import type { SyncProblemCode } from '../../../protocol/api/syncProblems';
import { syncProblemCodeOf } from './syncProblemCodeOf';
import { DatabaseError } from '../../../platform/sqlite/DatabaseError';
import { messagesForSeqs } from '../store/messagesRepo';
import { parkOutbox, recordAttempt } from '../store/outboxRepo';
import type { Store } from '../store/Store';
import { storeError } from '../store/StoreError';
import type { LinkRoute } from './linkRoute';
import type { RetryState } from './RetryState';

export interface TryRecorderOptions {
  store: Store;
  retry: RetryState;
  /** Messages whose delivery changed, for the UI. */
  announce: (messages: MessageView[]) => void;
  /** An item was parked (the SBD lane counts the items still queued). */
  parked?: () => void;
}

/**
 * What the sync engine writes down about each try and tells the UI: a failed try is
 * counted on its items with its code (the UI shows "2 tries failed" and why, and is told) and handed to the retry state; an
 * item refused for good is parked with its code and reason; messages whose delivery
 * changed are announced. A store that fails here is itself a failure the retry state
 * pauses for.
 */
export class TryRecorder {
  readonly #options: TryRecorderOptions;

  constructor(options: TryRecorderOptions) {
    this.#options = options;
  }

  failed(error: unknown, link: LinkRoute | undefined, seqs: readonly number[]): void {
    const { store, retry } = this.#options;
    if (seqs.length > 0 && !(error instanceof DatabaseError)) {
      try {
        recordAttempt(store.db, seqs, { code: syncProblemCodeOf(error), message: error instanceof Error ? error.message : String(error) });
        // The Messages view shows "retrying (n)" and, as its tooltip, why the last try failed.
        this.announce(seqs);
      } catch (failure) {
        retry.failed(failure instanceof DatabaseError ? failure : storeError(failure, store.file), undefined);
        return;
      }
    }
    retry.failed(error, link);
  }

  /** Refused for good: kept and shown with why, not retried until the operator asks. */
  park(seq: number, code: SyncProblemCode, reason: string): void {
    this.#withStore(() => parkOutbox(this.#options.store.db, seq, code, reason));
    this.#options.parked?.();
    this.announce([seq]);
    this.#options.retry.noted(code, reason);
  }

  announce(seqs: readonly number[]): void {
    if (seqs.length === 0) return;
    const messages = this.#withStore(() => messagesForSeqs(this.#options.store.db, seqs));
    if (messages.length > 0) this.#options.announce(messages);
  }

  #withStore<T>(work: () => T): T {
    try {
      return work();
    } catch (error) {
      throw storeError(error, this.#options.store.file);
    }
  }
}

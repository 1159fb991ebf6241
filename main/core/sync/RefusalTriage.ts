import { createLogger } from '../../../platform/log/logger';
import type { SyncProblemCode } from '../../../protocol/api/syncProblems';
import type { OutboxEntry } from '../store/outboxRepo';
import { CenterRequestError } from './CenterRequestError';
import { MAX_BATCH_ITEMS } from './exchangePlan';
import type { LinkRoute } from './linkRoute';

const log = createLogger('sync');

/** A lone item whose request the center refused, until an empty exchange tells whether the item was the trouble. */
interface Suspect {
  entry: OutboxEntry;
  error: CenterRequestError;
}

export interface RefusalTriageOptions {
  /** Refused for good: park the item with the center's code and reason. */
  park: (seq: number, code: SyncProblemCode, reason: string) => void;
}

/**
 * Finds the item a whole request was refused for (400/413/415 with the center's own
 * code) without parking its innocent neighbours: the batch halves until the culprit goes
 * alone; a lone refused item becomes the suspect, and is parked only if an empty
 * exchange on its route then goes through — else the trouble is not the item (a proxy,
 * a center in trouble) and it stays queued.
 */
export class RefusalTriage {
  readonly #options: RefusalTriageOptions;
  #batchLimit = MAX_BATCH_ITEMS;
  #suspect: Suspect | undefined;

  constructor(options: RefusalTriageOptions) {
    this.#options = options;
  }

  /** How many items the next exchange may carry. */
  get batchLimit(): number {
    return this.#batchLimit;
  }

  /** A suspect waits for its verdict: nothing else goes before it. */
  get suspecting(): boolean {
    return this.#suspect !== undefined;
  }

  /** A request went through: batches may be full again. */
  exchanged(): void {
    this.#batchLimit = MAX_BATCH_ITEMS;
  }

  /**
   * The center refused the whole request carrying `entries` (at least one). Several:
   * the next batch is half as big. One: it becomes the suspect, and the answer is
   * `suspect` (the center did answer, so the link is fine).
   */
  refused(error: CenterRequestError, entries: readonly OutboxEntry[]): 'halved' | 'suspect' {
    const [lone] = entries;
    if (lone && entries.length === 1) {
      this.#suspect = { entry: lone, error };
      return 'suspect';
    }
    this.#batchLimit = Math.max(1, Math.floor(entries.length / 2));
    return 'halved';
  }

  /**
   * The suspect's verdict: `probe` sends an empty exchange on the suspect's route (from
   * `routeOf`) and says whether it went through; if it did, the suspect is parked. The
   * suspect is let go either way (a second refusal makes it the suspect again). True if
   * it was parked (look for more work at once).
   */
  async judgeSuspect(
    routeOf: (entry: OutboxEntry) => LinkRoute | undefined,
    probe: (link: LinkRoute) => Promise<boolean>,
  ): Promise<boolean> {
    const suspect = this.#suspect;
    this.#suspect = undefined;
    if (!suspect) return false;
    const link = routeOf(suspect.entry);
    if (!link || !(await probe(link))) return false;
    this.#options.park(suspect.entry.seq, suspect.error.code, suspect.error.message);
    log.warn(`item ${suspect.entry.seq} parked: ${suspect.error.message}`);
    return true;
  }
}

/** How an upload ended badly: the center will never take the file as it is, a failure to retry, or stopped on purpose. */
export type UploadFailure = { kind: 'refused'; error: CenterRequestError } | { kind: 'failed' } | { kind: 'stopped' };

/**
 * Sorts an upload's failure. `offset-mismatch` is the center's own code but not a
 * refusal (another run got further; the next run asks where it stands); a stop (the
 * policy moved bulk, the engine closes) is no failure at all.
 */
export function sortUploadFailure(error: unknown): UploadFailure {
  if (error instanceof CenterRequestError && error.kind === 'refused' && error.code !== 'offset-mismatch')
    return { kind: 'refused', error };
  if (error instanceof CenterRequestError && error.code === 'cancelled') return { kind: 'stopped' };
  return { kind: 'failed' };
}

import type { SyncProblemCode } from '../../../protocol/api/syncProblems';
import type { SyncState } from '../../../protocol/api/syncStatus';
import { DatabaseError } from '../../../platform/sqlite/DatabaseError';
import { createLogger } from '../../../platform/log/logger';
import { backoffMs } from './backoff';
import { CenterRequestError } from './CenterRequestError';
import { syncProblemCodeOf } from './syncProblemCodeOf';

const log = createLogger('sync');

/** A refused token is tried again this rarely (the operator may fix the center's side). */
const AUTH_RETRY_MS = 5 * 60_000;

/**
 * What went wrong lately and when to try again: a backoff per link (a failing satellite
 * link does not slow the 5G one), and a pause of everything when the trouble is not the
 * link's (token refused, a full disk here or at the center).
 */
export class RetryState {
  readonly #backoff = new Map<string, { failures: number; until: number }>();
  readonly #now: () => number;
  readonly #random: () => number;
  #pausedUntil = 0;
  #problem: { state: SyncState; detail: string } | undefined;
  lastError: { at: number; code: SyncProblemCode; message: string } | null = null;

  constructor(now: () => number, random: () => number) {
    this.#now = now;
    this.#random = random;
  }

  get problem(): { state: SyncState; detail: string } | undefined {
    return this.#problem;
  }

  get paused(): boolean {
    return this.#now() < this.#pausedUntil;
  }

  get backingOff(): boolean {
    const now = this.#now();
    return this.paused || [...this.#backoff.values()].some((b) => b.until > now);
  }

  linkReady(linkId: string): boolean {
    const backoff = this.#backoff.get(linkId);
    return !backoff || backoff.until <= this.#now();
  }

  /** A link came up or moved: everything may be tried at once. */
  reset(): void {
    this.#backoff.clear();
  }

  setProblem(problem: { state: SyncState; detail: string } | undefined): void {
    this.#problem = problem;
  }

  /** A request went through: the link's backoff ends, and (unless `onlyLink`, as for an upload) any pause or problem. */
  succeeded(linkId: string, { onlyLink = false }: { onlyLink?: boolean } = {}): void {
    this.#backoff.delete(linkId);
    if (onlyLink) return;
    if (this.#problem?.state !== 'not-configured') this.#problem = undefined;
    this.#pausedUntil = 0;
  }

  /** A failure that changes no timing (an item refused): shown as the last one. */
  noted(code: SyncProblemCode, message: string): void {
    this.lastError = { at: this.#now(), code, message };
  }

  /** Records a failure and decides the wait: per link for the link's troubles, for all otherwise. */
  failed(error: unknown, link: { linkId: string; linkName: string } | undefined): void {
    const now = this.#now();
    const message = error instanceof Error ? error.message : String(error);
    const code = syncProblemCodeOf(error);
    this.lastError = { at: now, code, message };
    if (error instanceof DatabaseError) {
      this.#problem = error.problem === 'full' ? { state: 'store-full', detail: message } : { state: 'backoff', detail: message };
      this.#pausedUntil = now + backoffMs(3, 30_000, this.#random);
      log.error(message);
    } else if (error instanceof CenterRequestError && error.kind === 'auth') {
      this.#problem = { state: 'unauthorized', detail: message };
      this.#pausedUntil = now + AUTH_RETRY_MS;
      log.warn(`the center refused this vehicle's token: ${message}`);
    } else if (error instanceof CenterRequestError && error.kind === 'center-full') {
      this.#problem = { state: 'center-full', detail: message };
      this.#pausedUntil = now + backoffMs(4, 60_000, this.#random);
    } else {
      if (!(error instanceof CenterRequestError)) log.error('sync failed', error);
      if (!link) return;
      const failures = (this.#backoff.get(link.linkId)?.failures ?? 0) + 1;
      const until = now + backoffMs(failures, 60_000, this.#random);
      this.#backoff.set(link.linkId, { failures, until });
      log.debug(`via ${link.linkName}: ${message}; retry in ${Math.round((until - now) / 1000)} s`);
    }
  }

  /** When the earliest wait ends, if any. */
  nextAt(): number | undefined {
    const now = this.#now();
    const times = [...this.#backoff.values()].map((b) => b.until).filter((t) => t > now);
    if (this.#pausedUntil > now) times.push(this.#pausedUntil);
    return times.length > 0 ? Math.min(...times) : undefined;
  }
}

/** Uploads back off under their own key, apart from the exchanges on the same link: a failing file must not hold back flash items. */
export function uploadBackoffKey(linkId: string): string {
  return `upload:${linkId}`;
}

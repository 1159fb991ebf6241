import type { SbdSession } from '../../protocol/links/sbd';
import { WAIT_AFTER_REGISTRATION_MS } from './iridiumAtTables';
import type { SessionTrigger } from './iridiumTypes';
import { isSessionSuccess } from './sbdOutcome';

export interface SbdSessionPlanOptions {
  /** Mailbox check interval; 0 = none. */
  mailboxCheckIntervalMs: number;
  /** Least wait after a failed automatic session before the next automatic one. */
  retryMs: number;
}

/**
 * Decides when the driver runs a session on its own; no I/O and no clock of its own (the
 * time is passed in), so the rules are tested without a device:
 * - `SBDRING` asks for a fetch at once (answered with `AT+SBDIXA`); after a failed fetch
 *   it is retried every `retryMs` until a session succeeds; after a message was received
 *   with more still queued, or a ring came in while a session ran, it fetches again at once.
 * - With `mailboxCheckIntervalMs` > 0, a mailbox check runs when the transceiver first
 *   becomes ready and then that long after the last session of any kind (every session
 *   checks the mailbox).
 * - MO status 36 holds every automatic session for three minutes, as the ISU asks.
 */
export class SbdSessionPlan {
  readonly #mailboxMs: number;
  readonly #retryMs: number;
  #nextMailboxAt: number | undefined;
  #fetchWanted = false;
  #fetchAt = 0;
  #holdUntil = 0;
  #ringAt = Number.NEGATIVE_INFINITY;

  constructor(options: SbdSessionPlanOptions) {
    this.#mailboxMs = options.mailboxCheckIntervalMs;
    this.#retryMs = options.retryMs;
  }

  /** Whether a fetch is wanted (a ring alert or queued messages not yet fetched). */
  get fetchWanted(): boolean {
    return this.#fetchWanted;
  }

  /** The transceiver became ready; the first mailbox check is due now (once per plan, not after every re-init). */
  ready(now: number): void {
    if (this.#mailboxMs > 0 && this.#nextMailboxAt === undefined) this.#nextMailboxAt = now;
  }

  /** `SBDRING` arrived: fetch now, unless a hold is in force. */
  ringAlert(now: number): void {
    this.#fetchWanted = true;
    this.#fetchAt = now;
    this.#ringAt = now;
  }

  /**
   * A session ended: with its result, or `undefined` when it gave none (timeout, ERROR,
   * port lost). `startedAt` (default `now`) tells a ring that came in during the session.
   */
  sessionDone(session: SbdSession | undefined, now: number, startedAt = now): void {
    if (this.#mailboxMs > 0) this.#nextMailboxAt = now + this.#mailboxMs;
    if (session && isSessionSuccess(session.moStatus) && session.mtStatus !== 2) {
      // Fetched one with more waiting: fetch again at once. A ring that came in while this
      // session ran may be for a message it missed: fetch again too. Otherwise the mailbox is drained.
      const ringDuringSession = this.#ringAt > startedAt && session.mtStatus !== 1;
      this.#fetchWanted = (session.mtStatus === 1 && session.mtQueued > 0) || ringDuringSession;
      this.#fetchAt = now;
      return;
    }
    this.#fetchAt = now + this.#retryMs;
    if (session?.moStatus === 36) this.#holdUntil = now + WAIT_AFTER_REGISTRATION_MS;
  }

  /** The automatic session due now, if any; a fetch goes before a mailbox check. */
  due(now: number): SessionTrigger | undefined {
    if (now < this.#holdUntil) return undefined;
    if (this.#fetchWanted && now >= this.#fetchAt) return 'ring';
    if (this.#nextMailboxAt !== undefined && now >= this.#nextMailboxAt) return 'mailbox';
    return undefined;
  }

  /** When the next automatic session falls due (ms since epoch), or undefined when none is planned. */
  nextDueAt(): number | undefined {
    const candidates = [this.#fetchWanted ? this.#fetchAt : undefined, this.#nextMailboxAt].filter((t): t is number => t !== undefined);
    if (candidates.length === 0) return undefined;
    return Math.max(Math.min(...candidates), this.#holdUntil);
  }
}

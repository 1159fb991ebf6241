import type { SbdOutcome } from '../../protocol/links/sbd';
import type { SbdErrorCode } from './sbdErrors';

/** How a binary MO message handed to `sendMo` ended. */
export type MoOutcome =
  /** The gateway has it (MO status 0–4). `momsn` is its MO sequence number. */
  | { status: 'sent'; id: number; moStatus: number; momsn: number; attempts: number; at: number }
  /**
   * Never retried: the transceiver gave a status that retrying cannot cure (12, 14, 15,
   * 16). `reason` is the outcome name, `detail` the status's meaning in words.
   */
  | { status: 'parked'; id: number; moStatus: number; reason: SbdOutcome; detail: string; attempts: number; at: number }
  /** The driver was closed before the message went, or the sender withdrew it (`sendMo`'s signal). */
  | { status: 'cancelled'; id: number; reason: 'sbd-closed' | 'withdrawn'; detail: string; attempts: number; at: number };

/** Why an attempt did not reach a session result. */
export type MoAttemptProblemCode = SbdErrorCode | 'not-ready' | 'no-session-answer';

/** One attempt at an MO message, as the `moAttempt` event reports it. */
export interface MoAttemptEvent {
  id: number;
  /** 1 for the first attempt. */
  attempt: number;
  /** Size of the message, bytes. */
  size: number;
  /** What the attempt led to: done (sent or parked), or another try at `retryAt`. */
  result: 'sent' | 'parked' | 'retry';
  /** The session's MO status, when a session ran. */
  moStatus?: number;
  /** The outcome name, or the problem code when no session result came. */
  reason: SbdOutcome | MoAttemptProblemCode;
  detail: string;
  /** When the next attempt is planned (ms since epoch), for `retry`. */
  retryAt?: number;
  at: number;
}

/** A mobile-terminated message read in binary with `AT+SBDRB`, checksum verified. */
export interface SbdMt {
  /** MT message sequence number from `+SBDIX`. */
  mtmsn: number;
  bytes: Uint8Array;
  /** Messages still waiting at the gateway after this one. */
  queued: number;
  at: number;
}

/** An MT message the gateway delivered but that could not be read intact (bad checksum or length, twice). */
export interface SbdMtUnreadable {
  mtmsn: number;
  detail: string;
  at: number;
}

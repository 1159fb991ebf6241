/**
 * Why the Iridium driver refused or could not do something, as a stable code a caller
 * (the sync engine, a test) can branch on; the message says it in words.
 */
export type SbdErrorCode =
  /** `sendMo` was given something other than a Uint8Array. */
  | 'sbd-mo-not-bytes'
  /** `sendMo` was given no bytes. */
  | 'sbd-mo-empty'
  /** More than 340 bytes: one SBD message cannot carry it (never split here). */
  | 'sbd-mo-too-large'
  /** `AT-MSSTM` said there is no network time; no session was run. */
  | 'sbd-no-network-time'
  /** `AT+SBDWB` did not store the message (status 1 timeout, 2 checksum, 3 size, or ERROR). */
  | 'sbd-mo-write-failed'
  /** The MT buffer read by `AT+SBDRB` had a wrong checksum or length, twice. */
  | 'sbd-mt-unreadable'
  /** The driver was closed. */
  | 'sbd-closed';

export class SbdError extends Error {
  readonly code: SbdErrorCode;
  constructor(code: SbdErrorCode, message: string) {
    super(message);
    this.name = 'SbdError';
    this.code = code;
  }
}

import type { SbdRadio } from '../../protocol/links/sbd';
import type { DeviceDriverEvents, DeviceReading } from '../device/deviceTypes';
import type { MoAttemptEvent, SbdMt, SbdMtUnreadable } from './sbdMoTypes';
export type { MoAttemptEvent, MoOutcome, SbdMt, SbdMtUnreadable } from './sbdMoTypes';
export type { DeviceConnection, DeviceIdentity } from '../device/deviceTypes';

/**
 * What the Iridium driver reports: the fields of the protocol's `SbdRadio` section. A
 * field is absent when this reading did not measure it, and `null` when the transceiver
 * said it has no value now (`AT+CSQF` answered ERROR).
 */
export type SbdReading = DeviceReading<SbdRadio>;

/** A mobile-terminated message read from the MT buffer after a session received it. */
export interface SbdMtMessage {
  /** MT message sequence number from `+SBDIX`. */
  mtmsn: number;
  /** The message's bytes (`AT+SBDRB`) decoded as UTF-8, for text users; binary users take the `mt` event. */
  text: string;
  /** When it was read (ms since epoch). */
  at: number;
}

export interface IridiumSbdDriverEvents extends DeviceDriverEvents<SbdReading> {
  /** A message arrived from the gateway during a session (only when `readMessages` is on). */
  message: [message: SbdMtMessage];
  /** The same message as bytes, checksum verified, with the count still queued at the gateway. */
  mt: [mt: SbdMt];
  /** A message arrived but could not be read intact (bad checksum or length on both reads). */
  mtUnreadable: [problem: SbdMtUnreadable];
  /** Each attempt at a `sendMo` message: sent, parked (with the reason), or retried (when). */
  moAttempt: [event: MoAttemptEvent];
}

/** Why an automatic session runs: a mailbox check on the interval, or fetching after `SBDRING`. */
export type SessionTrigger = 'mailbox' | 'ring';

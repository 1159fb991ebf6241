import type { SbdRadio } from '../../protocol/links/sbd';
import type { DeviceDriverEvents, DeviceReading } from '../device/deviceTypes';
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
  /** The message as text (`AT+SBDRT`); binary payloads need `AT+SBDRB` (not read yet). */
  text: string;
  /** When it was read (ms since epoch). */
  at: number;
}

export interface IridiumSbdDriverEvents extends DeviceDriverEvents<SbdReading> {
  /** A message arrived from the gateway during a session (only when `readMessages` is on). */
  message: [message: SbdMtMessage];
}

/** Why an automatic session runs: a mailbox check on the interval, or fetching after `SBDRING`. */
export type SessionTrigger = 'mailbox' | 'ring';

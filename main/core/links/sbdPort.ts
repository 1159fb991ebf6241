import type { MoOutcome, SbdMt } from '../../../native/iridium/sbdMoTypes';

/**
 * What the sync engine needs of an Iridium SBD link to send and receive binary messages,
 * without knowing the driver: one MO message at a time (the transceiver has one buffer),
 * and the MT messages its sessions bring.
 */
export interface SbdPort {
  /** Sends one payload (≤ 340 bytes); aborting `signal` withdraws it if it has not gone. Rejects when the link cannot take it now. */
  sendMo(bytes: Uint8Array, options?: { signal?: AbortSignal }): Promise<MoOutcome>;
  /** Calls `listener` for every MT message read intact; returns the unsubscribe. */
  onMt(listener: (mt: SbdMt) => void): () => void;
}

import type { SbdOutcome } from '../../protocol/links/sbd';
import { sbdOutcome } from './sbdOutcome';

/**
 * What to do with an MO message after an `+SBDIX` session, by its MO status (table in
 * ../shared/reference/operations-maps-sbd.md §1.11 and devices.md §4):
 * - `sent`: 0–4, the gateway has it (1: a queued MT message was too big, 2: the
 *   location update was refused, 3–4 reserved as success).
 * - `park`: the message cannot go as it is, or this unit may not send at all, and
 *   retrying only spends power and sessions until someone acts: 12 too many segments and
 *   14 invalid segment size (the message), 15 access denied (the account, e.g. no
 *   credit or not provisioned), 16 ISU locked (needs the unlock code, `+CULK`). The first
 *   three and 16 are what mikalhart/IridiumSBD treats as fatal; 15 is our addition.
 * - `retry`: everything else — gateway and radio trouble that passes (10 call timeout,
 *   11 MO queue full, 13 session incomplete, 17 gateway not responding, 18 RF drop, 19 link
 *   failure, 32 no network service, 35 busy, 36 wait after registration, 37 SBD disabled
 *   for now, 38 traffic management), hardware faults an operator can clear without us
 *   knowing (33 antenna, 34 radio disabled, 64 band violation, 65 PLL lock), and every
 *   reserved or unknown code (5–8, 9, 20–31, 39–63, 66+).
 */
export type MoDisposition = 'sent' | 'park' | 'retry';

export interface MoStatusVerdict {
  disposition: MoDisposition;
  outcome: SbdOutcome;
  /** The status's meaning in English, for logs and the park reason. */
  meaning: string;
}

const FATAL = new Set([12, 14, 15, 16]);

const MEANINGS: Readonly<Record<number, string>> = {
  0: 'sent',
  1: 'sent; the queued MT message was too big to receive',
  2: 'sent; the location update was not accepted',
  10: 'the gateway reported that the call did not complete in time',
  11: 'the MO message queue at the gateway is full',
  12: 'the MO message has too many segments',
  13: 'the gateway reported that the session did not complete',
  14: 'invalid segment size',
  15: 'access denied by the gateway (account or provisioning)',
  16: 'the transceiver is locked and may not make SBD calls (+CULK)',
  17: 'the gateway is not responding (local session timeout)',
  18: 'the connection was lost (RF drop)',
  19: 'link failure (a protocol error ended the call)',
  32: 'no network service',
  33: 'antenna fault',
  34: 'the radio is disabled (*R0)',
  35: 'the transceiver is busy',
  36: 'three minutes must pass after the last registration',
  37: 'SBD service is temporarily disabled',
  38: 'traffic management period (+SBDLOE)',
  64: 'band violation (transmitting outside the permitted band)',
  65: 'PLL lock failure (hardware error during the attempt)',
};

/** The verdict for one MO status; never throws (a code outside 0–255 is an unknown failure, retried). */
export function classifyMoStatus(moStatus: number): MoStatusVerdict {
  const outcome = sbdOutcome(moStatus);
  const valid = Number.isInteger(moStatus) && moStatus >= 0;
  const meaning =
    (valid ? MEANINGS[moStatus] : undefined) ??
    (valid && moStatus <= 4 ? 'sent (reserved success code)' : `failed (reserved or unknown MO status ${String(moStatus)})`);
  if (outcome === 'success') return { disposition: 'sent', outcome, meaning };
  return { disposition: valid && FATAL.has(moStatus) ? 'park' : 'retry', outcome, meaning };
}

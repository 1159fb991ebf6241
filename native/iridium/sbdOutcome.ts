import type { SbdOutcome } from '../../protocol/links/sbd';

/**
 * `+SBDIX` MO status → what the session came to (Iridium ISU AT Command Reference v2.45,
 * `+SBDIX`). 0–4 mean the MO part succeeded (1: the queued MT message was too big, 2: the
 * location update was refused, 3–4 reserved as success); 5–8 and 10–15 are gateway-side
 * failures; 16 and up are the transceiver's own reasons. Unlisted codes (9, 20–31, 39–63,
 * 66+) are `unknown`.
 */
export function sbdOutcome(moStatus: number): SbdOutcome {
  if (!Number.isInteger(moStatus) || moStatus < 0) return 'unknown';
  if (moStatus <= 4) return 'success';
  if (moStatus <= 8) return 'gateway-failure';
  return OUTCOME_BY_STATUS[moStatus] ?? 'unknown';
}

const OUTCOME_BY_STATUS: Readonly<Record<number, SbdOutcome>> = {
  10: 'call-timeout',
  11: 'mo-queue-full',
  12: 'gateway-failure', // too many segments
  13: 'gateway-failure', // session did not complete
  14: 'gateway-failure', // invalid segment size
  15: 'access-denied',
  16: 'locked', // +CULK
  17: 'gateway-not-responding', // local session timeout
  18: 'rf-drop',
  19: 'link-failure',
  32: 'no-network-service',
  33: 'antenna-fault',
  34: 'radio-disabled', // *R0
  35: 'busy',
  36: 'wait-after-registration', // three minutes since the last registration
  37: 'sbd-disabled',
  38: 'traffic-management', // +SBDLOE
  64: 'band-violation',
  65: 'pll-lock-failure',
};

/** MO status 0–4: the session went through (the MO message, if any, was delivered). */
export function isSessionSuccess(moStatus: number): boolean {
  return Number.isInteger(moStatus) && moStatus >= 0 && moStatus <= 4;
}

/**
 * The gateway's status codes (reference §1.3 and §1.9), with what each means, for logs,
 * the store and the desk.
 */

/** MO session status in the MO header. */
export const MO_SESSION_STATUS: Readonly<Record<number, string>> = {
  0: 'session completed successfully',
  1: 'MO ok, but the queued MT message is too large for one session',
  2: 'MO ok, but the reported location was of unacceptable quality',
  10: 'session timed out before completion',
  12: 'MO message too large for one session',
  13: 'RF link lost during the session',
  14: 'IMEI/device protocol anomaly',
  15: 'IMEI prohibited from accessing the gateway',
};

export function moSessionMeaning(status: number): string {
  return MO_SESSION_STATUS[status] ?? `unknown session status ${status}`;
}

/** Statuses under 10 delivered the payload whole; 10 and above still may carry one (stored with its status). */
export function moSessionSucceeded(status: number): boolean {
  return status < 10;
}

/** Negative MT confirmation statuses; 0–50 is success and the message's place in the modem's MT queue. */
export const MT_CONFIRMATION_STATUS: Readonly<Record<number, string>> = {
  [-1]: 'invalid IMEI (too few or non-numeric characters)',
  [-2]: 'unknown IMEI (not provisioned at the gateway)',
  [-3]: 'payload size exceeded maximum',
  [-4]: 'payload expected but none received',
  [-5]: 'MT queue full (max 50)',
  [-6]: 'MT resources unavailable',
  [-7]: 'MT DirectIP protocol violation',
  [-8]: 'ring alerts disabled for this IMEI',
  [-9]: 'IMEI not attached (not set to receive ring alerts)',
  [-10]: 'source IP rejected by MT filter',
  [-11]: 'MTMSN out of range (valid 1–65535)',
  [-12]: 'client SSL/TLS certificate rejected',
};

/** Short codes for the negative statuses (for the desk's translations). */
export const MT_CONFIRMATION_CODES: Readonly<Record<number, string>> = {
  [-1]: 'invalid-imei',
  [-2]: 'unknown-imei',
  [-3]: 'payload-too-large',
  [-4]: 'payload-missing',
  [-5]: 'queue-full',
  [-6]: 'resources-unavailable',
  [-7]: 'protocol-violation',
  [-8]: 'ring-alerts-disabled',
  [-9]: 'imei-not-attached',
  [-10]: 'source-rejected',
  [-11]: 'mtmsn-out-of-range',
  [-12]: 'certificate-rejected',
};

export function mtQueued(status: number): boolean {
  return status >= 0 && status <= 50;
}

/** "queued at the Iridium gateway, position 2" or what the refusal means. */
export function mtConfirmationMeaning(status: number): string {
  if (mtQueued(status)) return `queued at the Iridium gateway, position ${status}`;
  return MT_CONFIRMATION_STATUS[status] ?? `refused with unknown status ${status}`;
}

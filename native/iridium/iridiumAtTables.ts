/** Commands, limits and URC prefixes of the Iridium 9602/9603 (ISU AT Command Reference v2.45). */

/** Line starts that are never the answer to a command without a prefix (AT+CGMI, AT+CGSN, AT+SBDRT). */
export const URC_PREFIXES = ['+CIEV:', 'SBDRING', '+AREG:'];

/** Longest line kept by the framing: an echoed `AT+SBDWT=` of 340 bytes fits, runaway garbage does not. */
export const MAX_LINE_LENGTH = 1024;

/** Largest mobile-originated message of the 9602/9603, bytes. */
export const MO_MAX_BYTES = 340;
/** Largest mobile-terminated message, bytes. */
export const MT_MAX_BYTES = 270;

/** MO status 36 asks for three minutes' wait after a registration before the next session. */
export const WAIT_AFTER_REGISTRATION_MS = 180_000;

/** `AT+CIER?` is asked every this many polls, to notice indicators switched off by a power cycle that kept echo off. */
export const INDICATOR_CHECK_EVERY_POLLS = 6;

/** Indicator reporting with the antenna indicator (9602/9603), and without it for units that refuse the 4th parameter. */
export const CIER_WITH_ANTENNA = 'AT+CIER=1,1,1,1';
export const CIER_WITHOUT_ANTENNA = 'AT+CIER=1,1,1';

/**
 * Longest text for the one-line form `AT+SBDWT=<text>` ("limited to 120 bytes … due to the
 * length limit on the AT command line", ISU AT Command Reference v2.45). Longer texts go
 * through `AT+SBDWT` → `READY` → text + CR → `0`.
 */
export const SBDWT_INLINE_MAX_BYTES = 120;

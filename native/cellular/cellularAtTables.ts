/** The command and URC tables of the cellular driver (3GPP TS 27.007 plus Quectel). */

/** Lines that only a (re)booting modem sends; seeing one means init must run again. */
export const BOOT_URCS = [/^RDY$/, /^\+QIND: (SMS|PB) DONE$/, /^\+QUSIM: 1$/, /^\+CFUN: 1$/, /^\+CPIN: READY$/];
/** Line starts that are never the answer to a command without a prefix (ATI, AT+CGMM). */
export const URC_PREFIXES = [
  '+CREG:',
  '+CGREG:',
  '+CEREG:',
  '+C5GREG:',
  'RDY',
  '+QIND:',
  '+QUSIM:',
  '+CFUN:',
  '+CPIN:',
  '+QSTAT',
  'RING',
  '+CMTI:',
];
/** A command answered as unsupported is tried again after this many polls. */
export const UNSUPPORTED_RETRY_POLLS = 60;
/** Commands that may take longer than the default timeout (27.007 notes; SIM and network access). */
export const SLOW_COMMANDS: Readonly<Record<string, number>> = { 'AT+CPIN?': 5000, 'AT+COPS?': 10_000 };
/** A `+CPIN: READY` this soon after our own `AT+CPIN?` is its late answer, not a boot sign. */
export const LATE_ANSWER_WINDOW_MS = 30_000;

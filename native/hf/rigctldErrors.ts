/**
 * Errors of the rigctld request channel. rigctld reports a failed command as
 * `RPRT -<n>` with n from Hamlib's `rig_errcode_e` (include/hamlib/rig.h); each code
 * decodes to its name so callers branch on `name` ('EPOWER', 'ETIMEOUT', …), in the
 * style of the AT channel's decoded `+CME ERROR`.
 */

/** Hamlib `rig_errcode_e`, by positive code: name and meaning. */
export const RIG_ERRORS: Readonly<Record<number, { name: string; description: string }>> = {
  1: { name: 'EINVAL', description: 'invalid parameter' },
  2: { name: 'ECONF', description: 'invalid configuration' },
  3: { name: 'ENOMEM', description: 'memory shortage' },
  4: { name: 'ENIMPL', description: 'function not implemented' },
  5: { name: 'ETIMEOUT', description: 'communication with the rig timed out' },
  6: { name: 'EIO', description: 'I/O error on the rig port' },
  7: { name: 'EINTERNAL', description: 'internal Hamlib error' },
  8: { name: 'EPROTO', description: 'protocol error' },
  9: { name: 'ERJCTED', description: 'command rejected by the rig' },
  10: { name: 'ETRUNC', description: 'command performed, argument truncated' },
  11: { name: 'ENAVAIL', description: 'function not available' },
  12: { name: 'ENTARGET', description: 'VFO not targetable' },
  13: { name: 'BUSERROR', description: 'error talking on the bus' },
  14: { name: 'BUSBUSY', description: 'collision on the bus' },
  15: { name: 'EARG', description: 'invalid argument' },
  16: { name: 'EVFO', description: 'invalid VFO' },
  17: { name: 'EDOM', description: 'argument out of domain' },
  18: { name: 'EDEPRECATED', description: 'function deprecated' },
  19: { name: 'ESECURITY', description: 'security error' },
  20: { name: 'EPOWER', description: 'rig not powered on' },
  21: { name: 'ELIMIT', description: 'limit exceeded' },
  22: { name: 'EACCESS', description: 'access denied' },
};

export interface DecodedRprt {
  /** Positive Hamlib error code (rigctld sends it negated). */
  code: number;
  /** `EINVAL` … `EACCESS`, or `E<n>` for a code this table does not know. */
  name: string;
  description: string;
}

/** Decodes the number of a non-zero `RPRT n` line (sign ignored: some servers omit the minus). */
export function decodeRprt(value: number): DecodedRprt {
  const code = Math.abs(Math.trunc(value));
  const known = RIG_ERRORS[code];
  return known ? { code, ...known } : { code, name: `E${code}`, description: `unknown Hamlib error ${code}` };
}

/** rigctld answered `RPRT -n` (n ≠ 0). */
export class RigctldError extends Error {
  readonly command: string;
  /** Positive Hamlib error code. */
  readonly code: number;
  /** Hamlib name of the code, e.g. `ETIMEOUT`. */
  readonly errorName: string;

  constructor(command: string, rprt: number) {
    const decoded = decodeRprt(rprt);
    super(`${command}: ${decoded.description} (RPRT -${decoded.code} ${decoded.name})`);
    this.name = 'RigctldError';
    this.command = command;
    this.code = decoded.code;
    this.errorName = decoded.name;
  }

  /** ENIMPL or ENAVAIL: this rig (or this Hamlib backend) cannot do it; asking again is pointless. */
  get unsupported(): boolean {
    return this.code === 4 || this.code === 11;
  }
}

/** The answer did not have the shape the command's answers have (garbage, or a line of another answer). */
export class RigctldProtocolError extends Error {
  readonly command: string;
  constructor(command: string, detail: string) {
    super(`${command}: ${detail}`);
    this.name = 'RigctldProtocolError';
    this.command = command;
  }
}

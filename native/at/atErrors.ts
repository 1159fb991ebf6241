/**
 * Errors of the AT command channel that are its own: a decoded error final (`+CME ERROR`).
 * Timeouts and a closed channel are the shared DeviceTimeoutError / DeviceClosedError.
 */

/** 3GPP TS 27.007 §9.2 `+CME ERROR` codes the console reacts to or shows. */
export const CME_ERRORS: Readonly<Record<number, string>> = {
  0: 'phone failure',
  3: 'operation not allowed',
  4: 'operation not supported',
  10: 'SIM not inserted',
  11: 'SIM PIN required',
  12: 'SIM PUK required',
  13: 'SIM failure',
  14: 'SIM busy',
  15: 'SIM wrong',
  16: 'incorrect password',
  30: 'no network service',
  31: 'network timeout',
  32: 'network not allowed - emergency calls only',
  50: 'incorrect parameters',
  100: 'unknown',
  111: 'PLMN not allowed',
  112: 'location area not allowed',
};

const CME_CODE_BY_TEXT = new Map(Object.entries(CME_ERRORS).map(([code, text]) => [text.toLowerCase(), Number(code)]));

export type AtErrorKind = 'error' | 'cme' | 'cms' | 'final';

/** The modem answered with a final result other than OK. */
export class AtCommandError extends Error {
  readonly command: string;
  readonly kind: AtErrorKind;
  /** Numeric code of a `+CME ERROR`/`+CMS ERROR`, also when the modem sent the text form. */
  readonly code: number | undefined;
  /** The final result line as received. */
  readonly result: string;

  constructor(command: string, result: string) {
    const decoded = decodeFinalError(result);
    super(`${command}: ${decoded.description}`);
    this.name = 'AtCommandError';
    this.command = command;
    this.kind = decoded.kind;
    this.code = decoded.code;
    this.result = result;
  }

  /** `ERROR` or `+CME ERROR: 4`: the command does not exist on this modem. */
  get unsupported(): boolean {
    return this.kind === 'error' || (this.kind === 'cme' && this.code === 4);
  }
}

interface DecodedFinal {
  kind: AtErrorKind;
  code: number | undefined;
  description: string;
}

export function decodeFinalError(line: string): DecodedFinal {
  const match = /^\+(CME|CMS) ERROR:\s*(.*)$/i.exec(line);
  if (!match) {
    return { kind: line.toUpperCase() === 'ERROR' ? 'error' : 'final', code: undefined, description: line };
  }
  const kind = match[1]!.toUpperCase() === 'CME' ? 'cme' : 'cms';
  const body = match[2]!.trim();
  if (/^\d+$/.test(body)) {
    const code = Number(body);
    const text = kind === 'cme' ? CME_ERRORS[code] : undefined;
    return { kind, code, description: text ? `${text} (+${kind.toUpperCase()} ERROR ${code})` : line };
  }
  const code = kind === 'cme' ? CME_CODE_BY_TEXT.get(body.toLowerCase()) : undefined;
  return { kind, code, description: body || line };
}

import type { SbdSession } from '../../protocol/links/sbd';
import { atFields, intField } from '../at/atFields';
import { sbdOutcome } from './sbdOutcome';

/**
 * Pure parsers for the Iridium 9602/9603 (RockBLOCK) AT answers and unsolicited codes.
 * They never throw: a line that does not match its documented shape gives undefined,
 * so a garbled line costs one value, never the driver. Shapes: Iridium ISU AT Command
 * Reference v2.45 and ../shared/reference/devices.md §4.
 */

/**
 * Signal bars 0..5 from `+CSQ:<n>` (the answer to `AT+CSQ`) or `+CSQF:<n>` (`AT+CSQF`;
 * the reference's transcript shows `+CSQ:` for it too). A space after the colon is
 * allowed. The test form `+CSQ:(0-5)` and values above 5 give undefined.
 */
export function parseSignalBars(line: string): number | undefined {
  const match = /^\+CSQF?:\s*(\d{1,3})$/.exec(line);
  if (!match) return undefined;
  const bars = Number(match[1]);
  return bars <= 5 ? bars : undefined;
}

/** An indicator event (`+CIEV:<indicator>,<value>`) the driver tracks. */
export type SbdIndicatorEvent =
  { kind: 'signal'; bars: number } | { kind: 'service'; available: boolean } | { kind: 'antenna'; fault: boolean };

/**
 * `+CIEV:0,<0..5>` signal bars, `+CIEV:1,<0|1>` network service available,
 * `+CIEV:2,<0|1>` antenna fault (9602/9603). Other indicator numbers (3 = beam
 * coordinates on 9603) and out-of-range values give undefined.
 */
export function parseIndicatorEvent(line: string): SbdIndicatorEvent | undefined {
  const fields = atFields(line, '+CIEV:');
  if (!fields || fields.length < 2) return undefined;
  const indicator = intField(fields[0]);
  const value = intField(fields[1]);
  if (value === undefined) return undefined;
  switch (indicator) {
    case 0:
      return fields.length === 2 && value >= 0 && value <= 5 ? { kind: 'signal', bars: value } : undefined;
    case 1:
      return fields.length === 2 && (value === 0 || value === 1) ? { kind: 'service', available: value === 1 } : undefined;
    case 2:
      return fields.length === 2 && (value === 0 || value === 1) ? { kind: 'antenna', fault: value === 1 } : undefined;
    default:
      return undefined;
  }
}

/** `SBDRING`: the gateway holds a mobile-terminated message (ring alerts on, `AT+SBDMTA=1`). */
export function isRingAlert(line: string): boolean {
  return line === 'SBDRING';
}

/** An automatic registration event, `+AREG:<event>,<reg error>` (after `AT+SBDAREG`). */
export interface SbdRegistrationEvent {
  kind: 'registration';
  /** 0 detached, 1 not registered, 2 registered, 3 registration denied. */
  event: number;
  error: number;
}

export function parseRegistrationEvent(line: string): SbdRegistrationEvent | undefined {
  const fields = atFields(line, '+AREG:');
  if (!fields || fields.length !== 2) return undefined;
  const event = intField(fields[0]);
  const error = intField(fields[1]);
  if (event === undefined || error === undefined || event < 0 || event > 3 || error < 0) return undefined;
  return { kind: 'registration', event, error };
}

export type SbdUnsolicited = SbdIndicatorEvent | SbdRegistrationEvent | { kind: 'ring' };

/** Classifies an unsolicited line; anything not an Iridium URC gives undefined. */
export function parseUnsolicited(line: string): SbdUnsolicited | undefined {
  if (isRingAlert(line)) return { kind: 'ring' };
  return parseIndicatorEvent(line) ?? parseRegistrationEvent(line);
}

const SBDIX_LIMITS = [
  ['moStatus', 255],
  ['momsn', 65535],
  ['mtStatus', 2],
  ['mtmsn', 65535],
  ['mtLength', 2000],
  ['mtQueued', 65535],
] as const;

/**
 * `+SBDIX: <MO status>, <MOMSN>, <MT status>, <MTMSN>, <MT length>, <MT queued>` (the
 * answer to `AT+SBDIX` and `AT+SBDIXA`; spaces after the commas). All six fields must be
 * integers in range, or the line is rejected as a whole.
 */
export function parseSessionResult(line: string): SbdSession | undefined {
  const fields = atFields(line, '+SBDIX:');
  if (!fields || fields.length !== 6) return undefined;
  const values: number[] = [];
  for (const [index, [, max]] of SBDIX_LIMITS.entries()) {
    const value = intField(fields[index]);
    if (value === undefined || value < 0 || value > max) return undefined;
    values.push(value);
  }
  const [moStatus, momsn, mtStatus, mtmsn, mtLength, mtQueued] = values as [number, number, number, number, number, number];
  return { moStatus, outcome: sbdOutcome(moStatus), momsn, mtStatus, mtmsn, mtLength, mtQueued };
}

/** The IMEI from the answer to `AT+CGSN`: a bare 15-digit line (14–16 digits tolerated, optional `+CGSN:`). */
export function parseImei(line: string): string | undefined {
  const match = /^(?:\+CGSN:\s*)?"?(\d{14,16})"?$/.exec(line);
  return match?.[1];
}

/** `+CIER:<mode>,<sigind>,<svcind>[,<antind>[,<beamind>]]`, the answer to `AT+CIER?`. */
export interface IndicatorSettings {
  mode: number;
  signal: boolean;
  service: boolean;
  antenna: boolean | undefined;
}

export function parseIndicatorSettings(line: string): IndicatorSettings | undefined {
  const fields = atFields(line, '+CIER:');
  if (!fields || fields.length < 3 || fields.length > 5) return undefined;
  const numbers = fields.map(intField);
  if (numbers.some((n) => n === undefined || n < 0 || n > 1)) return undefined;
  const [mode, signal, service, antenna] = numbers as number[];
  return { mode: mode!, signal: signal === 1, service: service === 1, antenna: antenna === undefined ? undefined : antenna === 1 };
}

/**
 * The text of the MT buffer from the answer lines of `AT+SBDRT` (`+SBDRT:` then the text
 * on the following line(s); some firmware puts it after the colon). Lines are joined with
 * `\n` (the line framing cannot tell CR from LF inside a message). Undefined without
 * the `+SBDRT:` line.
 */
export function parseMtText(lines: readonly string[]): string | undefined {
  const start = lines.findIndex((line) => line.startsWith('+SBDRT:'));
  if (start < 0) return undefined;
  const first = lines[start]!.slice('+SBDRT:'.length).trim();
  return [...(first === '' ? [] : [first]), ...lines.slice(start + 1)].join('\n');
}

/**
 * The firmware revision from the answer to `AT+CGMR`, which lists several versions
 * (`Call Processor Version: TA16005`, `Modem DSP Version: …`, …): the call processor's,
 * else the first line.
 */
export function parseRevision(lines: readonly string[]): string | undefined {
  const callProcessor = lines.map((line) => /^Call Processor Version:\s*(.+)$/i.exec(line)?.[1]).find((v) => v !== undefined);
  return callProcessor ?? lines.find((line) => line.length > 0);
}

/** The answer to `AT-MSSTM`: Iridium system time in 90 ms ticks, or none yet. */
export type SbdSystemTime = { kind: 'time'; ticks: number } | { kind: 'none' };

/**
 * `-MSSTM: <8 hex digits>` (90 ms ticks since the Iridium epoch) or `-MSSTM: no network
 * service` (the ISU has no valid network time: Iridium asks hosts not to start a session
 * then). A space after the colon is optional; anything else gives undefined.
 */
export function parseSystemTime(line: string): SbdSystemTime | undefined {
  const match = /^-MSSTM:\s*(.*)$/i.exec(line);
  if (!match) return undefined;
  const value = match[1]!.trim();
  if (/^no network service$/i.test(value)) return { kind: 'none' };
  if (/^[0-9a-f]{1,8}$/i.test(value)) return { kind: 'time', ticks: Number.parseInt(value, 16) };
  return undefined;
}

/** The status digit after `AT+SBDWB` (0 stored, 1 timeout, 2 checksum mismatch, 3 size out of range), from the answer lines. */
export function parseWriteStatus(lines: readonly string[]): number | undefined {
  const line = lines.find((l) => /^[0-3]$/.test(l));
  return line === undefined ? undefined : Number(line);
}

/**
 * The rigctld network protocol (Hamlib `rigctld(1)`, PROTOCOL; `tests/rigctl_parse.c`),
 * as pure functions and one small line-fed state machine. Nothing here throws, whatever
 * the line.
 *
 * Default form: a get answers its values one per line with no `RPRT` on success; a set
 * answers `RPRT 0`; a failure is a single `RPRT -n`.
 * Extended form (command prefixed with `+`, or with another punctuation character that
 * then separates the parts instead of LF): the echoed long command name and its
 * arguments (`get_level: STRENGTH`), the values as `Key: value` records (bare values
 * for `get_level`), then `RPRT n` on success and failure alike.
 */

export type RigctldProtocolForm = 'extended' | 'default';

/** One value line of an answer: `Frequency: 14074000` → key and value; `-12` → value only. */
export interface RigctldRecord {
  key?: string;
  value: string;
}

/** What a line of rigctld output is, without knowing which command it answers. */
export type RigctldLine =
  { kind: 'header'; name: string; args: string } | { kind: 'rprt'; code: number } | { kind: 'record'; key?: string; value: string };

const RPRT = /^RPRT\s+([+-]?\d{1,6})$/;
/** An extended-form header: a Hamlib long command name (lower case, `_`) and a colon. */
const HEADER = /^([a-z][a-z0-9_]{0,31}):(?:\s(.*))?$/;
/** Record keys as Hamlib prints them: `Frequency`, `Power Status`, `TX VFO`, `Level Value`. */
const RECORD = /^([A-Za-z][A-Za-z0-9 _/().-]{0,31}):\s?(.*)$/;

/** `RPRT -5` → -5; anything else → undefined. */
export function parseRprt(line: string): number | undefined {
  const match = RPRT.exec(line);
  return match ? Number(match[1]) : undefined;
}

/** Splits `Key: value` (the first colon); a line without a key is a bare value. */
export function parseRecord(line: string): RigctldRecord {
  const match = RECORD.exec(line);
  if (!match || match[1]!.trim() === '') return { value: line.trim() };
  return { key: match[1]!.trim(), value: match[2]!.trim() };
}

/** Classifies one line (the parser benchmark's entry point). */
export function parseRigctldLine(line: string): RigctldLine {
  const code = parseRprt(line);
  if (code !== undefined) return { kind: 'rprt', code };
  const header = HEADER.exec(line);
  if (header) return { kind: 'header', name: header[1]!, args: (header[2] ?? '').trim() };
  return { kind: 'record', ...parseRecord(line) };
}

/**
 * The parts of one line of extended output. With a separator other than LF
 * (`|\get_mode` → `get_mode:|Mode: USB|Passband: 2400|RPRT 0`) one line holds the
 * whole answer; with `+` (LF) the line is one part.
 */
export function splitExtendedLine(line: string, separator: string): string[] {
  if (separator === '\n' || separator === '' || !line.includes(separator)) return [line];
  return line
    .split(separator)
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

/** A VFO name as rigctld echoes it in VFO mode (`--vfo`). */
const VFO_WORD = /^(VFO[A-C]?|Main[A-C]?|Sub[A-C]?|currVFO|MEM|TX|RX)$/;

/**
 * Whether `line` is the extended header of `name` with `args` (`get_level: STRENGTH`).
 * A rigctld started with `--vfo` echoes the VFO even for a command that takes none
 * (`get_powerstat: currVFO`, `dump_state: currVFO`), so with `vfoEcho` one extra leading
 * VFO word is accepted (without it, `get_freq: VFOA` is no answer to `get_freq`).
 */
export function isHeaderFor(line: string, name: string, args: readonly string[] = [], vfoEcho = false): boolean {
  if (!line.startsWith(`${name}:`)) return false;
  let rest = line
    .slice(name.length + 1)
    .trim()
    .split(/\s+/)
    .filter((word) => word !== '');
  if (vfoEcho && rest.length === args.length + 1 && VFO_WORD.test(rest[0]!)) rest = rest.slice(1);
  return rest.length === args.length && rest.every((word, i) => word.toUpperCase() === args[i]!.toUpperCase());
}

/**
 * A VFO name on a line of its own. Some rigctld versions (per the man page) answer `f`
 * with the frequency and then the VFO; in the default form that extra line would be
 * taken for the next answer, so a VFO name where an answer starts is dropped.
 */
const VFO_LINE = /^(VFO[A-C]?|Main[A-C]?|Sub[A-C]?|currVFO|MEM|TX|RX)$/;

export interface RigctldExpectation {
  form: RigctldProtocolForm;
  /** Hamlib long command name, e.g. `get_level`. */
  name: string;
  args?: readonly string[];
  /** Default form: lines a successful answer has (0 for a set, answered `RPRT 0`). */
  valueLines: number;
  /** rigctld runs with `--vfo`: its headers may echo a VFO the command did not name. */
  vfoEcho?: boolean;
}

export type RigctldReadResult =
  /** The line belongs to no answer of this command (late answer, garbage, unsolicited). */
  | { kind: 'stray'; line: string }
  | { kind: 'more' }
  | { kind: 'answer'; records: RigctldRecord[] }
  | { kind: 'error'; rprt: number }
  /** More lines than any answer of ours has: not our answer (or garbage). */
  | { kind: 'overflow' };

/**
 * Collects the answer to one command from complete lines. Extended: lines before the
 * command's own header are strays (a late answer to an earlier command carries that
 * command's header), then records until `RPRT n`. Default: `valueLines` lines, or
 * one `RPRT n` line. Holds at most `maxRecords` records.
 */
export class RigctldResponseReader {
  readonly #expect: RigctldExpectation;
  readonly #maxRecords: number;
  readonly #records: RigctldRecord[] = [];
  #headerSeen = false;

  /** @param maxRecords default 512 (a `dump_state` block is about 40 lines). */
  constructor(expect: RigctldExpectation, maxRecords = 512) {
    this.#expect = expect;
    this.#maxRecords = maxRecords;
  }

  /** Whether the answer has started (extended: header seen; default: a value line taken). */
  get started(): boolean {
    return this.#expect.form === 'extended' ? this.#headerSeen : this.#records.length > 0;
  }

  feed(line: string): RigctldReadResult {
    return this.#expect.form === 'extended' ? this.#feedExtended(line) : this.#feedDefault(line);
  }

  #feedExtended(line: string): RigctldReadResult {
    if (!this.#headerSeen) {
      if (!isHeaderFor(line, this.#expect.name, this.#expect.args, this.#expect.vfoEcho)) return { kind: 'stray', line };
      this.#headerSeen = true;
      return { kind: 'more' };
    }
    const rprt = parseRprt(line);
    if (rprt === 0) return { kind: 'answer', records: this.#records };
    if (rprt !== undefined) return { kind: 'error', rprt };
    return this.#add(line);
  }

  #feedDefault(line: string): RigctldReadResult {
    const rprt = parseRprt(line);
    if (rprt !== undefined) {
      // A get answered only `RPRT 0` (rigctld does this when the rig is off): no values.
      if (rprt === 0) return { kind: 'answer', records: this.#records };
      return { kind: 'error', rprt };
    }
    if (this.#expect.valueLines === 0) return { kind: 'stray', line };
    if (this.#records.length === 0 && VFO_LINE.test(line)) return { kind: 'stray', line };
    const result = this.#add(line);
    if (result.kind === 'more' && this.#records.length >= this.#expect.valueLines) return { kind: 'answer', records: this.#records };
    return result;
  }

  #add(line: string): RigctldReadResult {
    if (this.#records.length >= this.#maxRecords) return { kind: 'overflow' };
    this.#records.push(parseRecord(line));
    return { kind: 'more' };
  }
}

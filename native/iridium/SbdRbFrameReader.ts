import { sbdChecksum } from './sbdChecksum';

/** What `AT+SBDRB` delivered: the MT message, or why it cannot be trusted. */
export type MtFrameResult = { ok: true; bytes: Buffer } | { ok: false; problem: 'checksum' | 'length' | 'incomplete'; detail: string };

const CR = 0x0d;
const LF = 0x0a;
const ECHO_START = 0x41; // 'A' of an echoed "AT+SBDRB\r"
const LONGEST_ECHO = 16;

type State = 'idle' | 'start' | 'frame' | 'done';

/**
 * Takes the raw answer of `AT+SBDRB` out of the serial byte stream: a 2-byte length (high
 * byte first), the message, a 2-byte checksum — no line framing — followed by the usual
 * `OK` line. Armed when the command is written; until then, and after the frame, bytes
 * pass through to the line framing untouched. Line ends before the frame and an echo of
 * the command are passed on as lines. A length over `maxLength` means the answer is text
 * (`ERROR` reads as 0x4552), so everything is passed on and the AT layer sees the error.
 * A ws-style state machine: states `idle`, `start`, `frame`, `done`.
 */
export class SbdRbFrameReader {
  readonly #maxLength: number;
  #state: State = 'idle';
  #held: Buffer = Buffer.alloc(0);
  #result: MtFrameResult | undefined;

  /** @param maxLength the longest MT message (270 on the 9602/9603). */
  constructor(maxLength: number) {
    this.#maxLength = maxLength;
  }

  /** Whether bytes are being taken for a frame now. */
  get active(): boolean {
    return this.#state === 'start' || this.#state === 'frame';
  }

  /** `AT+SBDRB` is being written: the next bytes are its frame. */
  arm(): void {
    this.#state = 'start';
    this.#held = Buffer.alloc(0);
    this.#result = undefined;
  }

  /** Gives up on the frame (timeout, port lost); the reader passes everything through again. */
  disarm(): void {
    this.#state = 'idle';
    this.#held = Buffer.alloc(0);
  }

  /** The frame's verdict once the command's `OK` has arrived; `incomplete` when it never came whole. Disarms. */
  take(): MtFrameResult {
    const result = this.#result ?? { ok: false, problem: 'incomplete', detail: `only ${this.#held.length} bytes arrived` };
    this.disarm();
    this.#result = undefined;
    return result;
  }

  /** Bytes from the port; returns, in order, the pieces that belong to the line framing. */
  push(chunk: Buffer): Buffer[] {
    if (!this.active) return [chunk];
    const out: Buffer[] = [];
    this.#held = Buffer.concat([this.#held, chunk]);
    if (this.#state === 'start') this.#skipToFrame(out);
    if (this.#state === 'frame') this.#readFrame(out);
    return out;
  }

  #skipToFrame(out: Buffer[]): void {
    while (this.#held.length > 0) {
      const first = this.#held[0]!;
      if (first === CR || first === LF) {
        this.#held = this.#held.subarray(1);
        continue;
      }
      if (first === ECHO_START) {
        const end = this.#held.indexOf(CR);
        if (end < 0 && this.#held.length < LONGEST_ECHO) return; // wait for the rest of the echo
        if (end >= 0 && end < LONGEST_ECHO) {
          out.push(Buffer.concat([this.#held.subarray(0, end), Buffer.from('\r\n')]));
          this.#held = this.#held.subarray(end + 1);
          continue;
        }
      }
      this.#state = 'frame';
      return;
    }
  }

  #readFrame(out: Buffer[]): void {
    if (this.#held.length < 2) return;
    const length = this.#held.readUInt16BE(0);
    if (length > this.#maxLength) {
      this.#finish({ ok: false, problem: 'length', detail: `length ${length} is over ${this.#maxLength}` });
      out.push(this.#held);
      this.#held = Buffer.alloc(0);
      return;
    }
    if (this.#held.length < length + 4) return;
    const bytes = Buffer.from(this.#held.subarray(2, 2 + length));
    const sent = this.#held.readUInt16BE(2 + length);
    const rest = this.#held.subarray(length + 4);
    const sum = sbdChecksum(bytes);
    this.#finish(
      sum === sent
        ? { ok: true, bytes }
        : { ok: false, problem: 'checksum', detail: `checksum 0x${hex4(sent)} does not match the bytes (0x${hex4(sum)})` },
    );
    this.#held = Buffer.alloc(0);
    if (rest.length > 0) out.push(rest);
  }

  #finish(result: MtFrameResult): void {
    this.#result = result;
    this.#state = 'done';
  }
}

function hex4(n: number): string {
  return n.toString(16).padStart(4, '0');
}

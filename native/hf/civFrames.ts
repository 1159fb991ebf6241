/**
 * Icom CI-V framing (Hamlib `rigs/icom/icom_defs.h`, `frame.c`):
 * `FE FE <to> <from> <cmd> [<sub>] [data] FD`. The radio answers a read with the same
 * command and its data, a set with `FB` (OK) or `FA` (NG); `FC` on the one-wire bus
 * means two senders collided.
 */

export const CIV_PREAMBLE = 0xfe;
export const CIV_END = 0xfd;
export const CIV_OK = 0xfb;
export const CIV_NG = 0xfa;
export const CIV_COLLISION = 0xfc;
/** The address transceive broadcasts from the radio go to. */
export const CIV_BROADCAST = 0x00;

export interface CivFrame {
  to: number;
  from: number;
  /** Command byte (`0x03`), or `FB`/`FA` for OK/NG. */
  command: number;
  /** Everything between the command and `FD`: sub-command and data. */
  body: Buffer;
}

/** Builds `FE FE to from command body… FD`. */
export function encodeCivFrame(to: number, from: number, command: number, body: ArrayLike<number> = []): Buffer {
  const frame = Buffer.alloc(6 + body.length);
  frame[0] = CIV_PREAMBLE;
  frame[1] = CIV_PREAMBLE;
  frame[2] = to;
  frame[3] = from;
  frame[4] = command;
  for (let i = 0; i < body.length; i++) frame[5 + i] = body[i]!;
  frame[5 + body.length] = CIV_END;
  return frame;
}

export type CivParserEvent = { kind: 'frame'; frame: CivFrame } | { kind: 'collision' };

export interface CivFrameParserOptions {
  /**
   * Longest frame payload kept (command, sub-command and data), in bytes. A longer run
   * is dropped up to the next `FD` or preamble and counted, so bytes without `FD`
   * cannot grow memory. Default 64 (the largest answer polled here is 8).
   */
  maxPayload?: number;
}

// Parser states, named as in ws's Receiver: each consumes bytes until the next state.
const SEEK_PREAMBLE = 0;
const SECOND_PREAMBLE = 1;
const GET_TO = 2;
const GET_FROM = 3;
const GET_PAYLOAD = 4;
const DISCARD = 5;
type ParserState = typeof SEEK_PREAMBLE | typeof SECOND_PREAMBLE | typeof GET_TO | typeof GET_FROM | typeof GET_PAYLOAD | typeof DISCARD;

/**
 * A bounded state machine from bytes to CI-V frames. Drops junk until the next
 * `FE FE`, takes extra preamble bytes, starts over at a preamble inside a frame (the
 * sender began again), reports a run of `FC` as one collision, and never holds more
 * than `maxPayload` bytes. Never throws.
 */
export class CivFrameParser {
  readonly #payload: Buffer;
  #state: ParserState = SEEK_PREAMBLE;
  #length = 0;
  #to = 0;
  #from = 0;
  #inCollision = false;
  /** Bytes that belonged to no frame. */
  droppedBytes = 0;
  /** Frames dropped for exceeding `maxPayload`. */
  overflowCount = 0;

  constructor(options: CivFrameParserOptions = {}) {
    const maxPayload = options.maxPayload ?? 64;
    if (!Number.isInteger(maxPayload) || maxPayload < 1) throw new TypeError('"maxPayload" must be a positive integer');
    this.#payload = Buffer.alloc(maxPayload);
  }

  /** Payload bytes held for the frame in progress; never more than `maxPayload`. */
  get pendingLength(): number {
    return this.#length;
  }

  /** Feeds bytes; calls `onEvent` for every complete frame and collision, in order. */
  push(chunk: Uint8Array, onEvent: (event: CivParserEvent) => void): void {
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i]!;
      if (byte === CIV_COLLISION) {
        this.#abandon();
        this.#state = SEEK_PREAMBLE;
        if (!this.#inCollision) onEvent({ kind: 'collision' });
        this.#inCollision = true;
        continue;
      }
      this.#inCollision = false;
      this.#step(byte, onEvent);
    }
  }

  /** The next `FC` is a new collision even without another byte between (we sent a frame since the last jam). */
  endCollisionRun(): void {
    this.#inCollision = false;
  }

  /** Forgets a frame in progress (e.g. when the port reopens). */
  reset(): void {
    this.#state = SEEK_PREAMBLE;
    this.#length = 0;
    this.#inCollision = false;
  }

  #step(byte: number, onEvent: (event: CivParserEvent) => void): void {
    switch (this.#state) {
      case SEEK_PREAMBLE:
        if (byte === CIV_PREAMBLE) this.#state = SECOND_PREAMBLE;
        else this.droppedBytes++;
        return;
      case SECOND_PREAMBLE:
        if (byte === CIV_PREAMBLE) this.#state = GET_TO;
        else {
          this.droppedBytes += 2;
          this.#state = SEEK_PREAMBLE;
        }
        return;
      case GET_TO:
        if (byte === CIV_PREAMBLE) return; // a longer preamble (radios waking from power-off get many)
        if (byte === CIV_END) return this.#drop(2);
        this.#to = byte;
        this.#state = GET_FROM;
        return;
      case GET_FROM:
        if (byte === CIV_PREAMBLE) return this.#restart(3);
        if (byte === CIV_END) return this.#drop(3);
        this.#from = byte;
        this.#length = 0;
        this.#state = GET_PAYLOAD;
        return;
      case GET_PAYLOAD:
        if (byte === CIV_END) return this.#complete(onEvent);
        if (byte === CIV_PREAMBLE) return this.#restart(4 + this.#length);
        if (this.#length >= this.#payload.length) {
          this.overflowCount++;
          this.droppedBytes += 4 + this.#length;
          this.#length = 0;
          this.#state = DISCARD;
          return;
        }
        this.#payload[this.#length++] = byte;
        return;
      case DISCARD:
        this.droppedBytes++;
        if (byte === CIV_END) this.#state = SEEK_PREAMBLE;
        else if (byte === CIV_PREAMBLE) this.#state = SECOND_PREAMBLE;
        return;
    }
  }

  #complete(onEvent: (event: CivParserEvent) => void): void {
    const length = this.#length;
    this.#length = 0;
    this.#state = SEEK_PREAMBLE;
    if (length === 0) {
      this.droppedBytes += 5; // FE FE to from FD: no command
      return;
    }
    onEvent({
      kind: 'frame',
      frame: { to: this.#to, from: this.#from, command: this.#payload[0]!, body: Buffer.from(this.#payload.subarray(1, length)) },
    });
  }

  /** A preamble byte inside a frame: the frame so far is junk, and this may be the next frame's first FE. */
  #restart(dropped: number): void {
    this.droppedBytes += dropped;
    this.#length = 0;
    this.#state = SECOND_PREAMBLE;
  }

  #drop(dropped: number): void {
    this.droppedBytes += dropped;
    this.#length = 0;
    this.#state = SEEK_PREAMBLE;
  }

  #abandon(): void {
    if (this.#state === GET_PAYLOAD) this.droppedBytes += 4 + this.#length;
    this.#length = 0;
  }
}

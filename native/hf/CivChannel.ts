import { SafeEmitter } from '../../platform/events/SafeEmitter';
import { CommandQueue } from '../device/CommandQueue';
import { CIV_BROADCAST, CIV_NG, CIV_OK, CivFrameParser, encodeCivFrame, type CivFrame } from './civFrames';

export interface CivRequest {
  command: number;
  subcommand?: number;
  data?: ArrayLike<number>;
  /** Default: the channel's `defaultTimeoutMs`. */
  timeoutMs?: number;
}

export type CivReply = { kind: 'data'; frame: CivFrame } | { kind: 'ok' } | { kind: 'ng' };

export interface CivChannelOptions {
  write: (data: Buffer) => void;
  /** The radio's CI-V address. */
  radioAddress: number;
  /** Our address on the bus. */
  controllerAddress: number;
  /** Default 2000 ms. */
  defaultTimeoutMs?: number;
  /** Times a request is sent again after a bus collision (`FC`). Default 3. */
  collisionRetries?: number;
}

export interface CivChannelEvents {
  /** A frame from the radio that answers no request (transceive broadcast, late answer). */
  unsolicited: [frame: CivFrame];
  /** Our own frame, back from the one-wire bus. */
  echo: [frame: CivFrame];
  collision: [];
}

/** Every try collided on the bus. */
export class CivCollisionError extends Error {
  constructor(label: string, tries: number) {
    super(`${label}: bus collision on all ${tries} tries`);
    this.name = 'CivCollisionError';
  }
}

interface QueuedFrame {
  request: CivRequest;
  frame: Buffer;
  label: string;
  timeoutMs: number;
  tries: number;
}

/**
 * One CI-V request at a time over a byte stream: frames it, drops our own echo and
 * frames of other devices on the bus, matches the answer by command (and sub-command),
 * takes `FB`/`FA` as OK/NG, sends again after a collision, and times out a silent radio.
 */
export class CivChannel extends SafeEmitter<CivChannelEvents> {
  readonly #radio: number;
  readonly #controller: number;
  readonly #defaultTimeoutMs: number;
  readonly #collisionRetries: number;
  readonly #parser = new CivFrameParser();
  readonly #queue: CommandQueue<QueuedFrame, CivReply>;
  #retryTimer: NodeJS.Timeout | undefined;
  /** Collisions seen, since the channel was made. */
  collisionCount = 0;

  constructor(options: CivChannelOptions) {
    super();
    if (typeof options.write !== 'function') throw new TypeError('"write" must be a function');
    const write = options.write;
    this.#radio = options.radioAddress;
    this.#controller = options.controllerAddress;
    this.#defaultTimeoutMs = options.defaultTimeoutMs ?? 2000;
    this.#collisionRetries = options.collisionRetries ?? 3;
    // No resync: every CI-V answer names its command, so a late one cannot shift the next.
    this.#queue = new CommandQueue({
      transmit: (queued) => {
        queued.tries++;
        this.#parser.endCollisionRun();
        write(queued.frame);
      },
    });
  }

  /** Bytes the parser holds for a frame in progress (bounded). */
  get pendingBytes(): number {
    return this.#parser.pendingLength;
  }

  send(request: CivRequest): Promise<CivReply> {
    const body = [...(request.subcommand === undefined ? [] : [request.subcommand]), ...Array.from(request.data ?? [])];
    const frame = encodeCivFrame(this.#radio, this.#controller, request.command, body);
    const label = `CI-V ${[request.command, ...body].map((b) => b.toString(16).padStart(2, '0')).join(' ')}`;
    return this.#queue.enqueue({ request, frame, label, timeoutMs: request.timeoutMs ?? this.#defaultTimeoutMs, tries: 0 });
  }

  /** Bytes from the port. */
  feed(chunk: Uint8Array): void {
    this.#parser.push(chunk, (event) => {
      if (event.kind === 'collision') this.#onCollision();
      else this.#onFrame(event.frame);
    });
  }

  /** Rejects every waiting request and forgets a partial frame, e.g. when the port closed. */
  reset(reason: string): void {
    this.#stopRetry();
    this.#queue.reset(reason);
    this.#parser.reset();
  }

  #onFrame(frame: CivFrame): void {
    if (frame.from === this.#controller) {
      this.safeEmit('echo', frame);
      return;
    }
    // Another radio, or a frame for another controller on the same bus.
    if (frame.from !== this.#radio || (frame.to !== this.#controller && frame.to !== CIV_BROADCAST)) return;
    const active = this.#queue.active;
    if (active && frame.to === this.#controller) {
      const reply = this.#match(active.request, frame);
      if (reply) {
        this.#stopRetry();
        this.#queue.resolve(reply);
        return;
      }
    }
    this.safeEmit('unsolicited', frame);
  }

  #match(request: CivRequest, frame: CivFrame): CivReply | undefined {
    if (frame.command === CIV_OK && frame.body.length === 0) return { kind: 'ok' };
    if (frame.command === CIV_NG && frame.body.length === 0) return { kind: 'ng' };
    if (frame.command !== request.command) return undefined;
    if (request.subcommand !== undefined && frame.body[0] !== request.subcommand) return undefined;
    return { kind: 'data', frame };
  }

  #onCollision(): void {
    this.collisionCount++;
    this.safeEmit('collision');
    const active = this.#queue.active;
    if (!active || this.#retryTimer) return;
    this.#queue.holdTimeout();
    if (active.tries > this.#collisionRetries) {
      this.#queue.reject(new CivCollisionError(active.label, active.tries));
      return;
    }
    // Both senders back off; a random wait keeps them from colliding again.
    this.#retryTimer = setTimeout(
      () => {
        this.#retryTimer = undefined;
        if (this.#queue.active === active) this.#queue.retransmit();
      },
      10 + Math.floor(Math.random() * 40),
    );
  }

  #stopRetry(): void {
    clearTimeout(this.#retryTimer);
    this.#retryTimer = undefined;
  }
}

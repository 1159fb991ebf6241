import { SafeEmitter } from '../../platform/events/SafeEmitter';
import { DeviceClosedError, DeviceTimeoutError } from '../device/deviceErrors';
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

interface Pending {
  request: CivRequest;
  frame: Buffer;
  label: string;
  timeoutMs: number;
  tries: number;
  resolve: (reply: CivReply) => void;
  reject: (error: Error) => void;
  timer?: NodeJS.Timeout;
}

/**
 * One CI-V request at a time over a byte stream: frames it, drops our own echo and
 * frames of other devices on the bus, matches the answer by command (and sub-command),
 * takes `FB`/`FA` as OK/NG, sends again after a collision, and times out a silent radio.
 */
export class CivChannel extends SafeEmitter<CivChannelEvents> {
  readonly #write: (data: Buffer) => void;
  readonly #radio: number;
  readonly #controller: number;
  readonly #defaultTimeoutMs: number;
  readonly #collisionRetries: number;
  readonly #parser = new CivFrameParser();
  readonly #queue: Pending[] = [];
  #active: Pending | undefined;
  #retryTimer: NodeJS.Timeout | undefined;
  /** Collisions seen, since the channel was made. */
  collisionCount = 0;

  constructor(options: CivChannelOptions) {
    super();
    if (typeof options.write !== 'function') throw new TypeError('"write" must be a function');
    this.#write = options.write;
    this.#radio = options.radioAddress;
    this.#controller = options.controllerAddress;
    this.#defaultTimeoutMs = options.defaultTimeoutMs ?? 2000;
    this.#collisionRetries = options.collisionRetries ?? 3;
  }

  /** Bytes the parser holds for a frame in progress (bounded). */
  get pendingBytes(): number {
    return this.#parser.pendingLength;
  }

  send(request: CivRequest): Promise<CivReply> {
    const body = [...(request.subcommand === undefined ? [] : [request.subcommand]), ...Array.from(request.data ?? [])];
    const frame = encodeCivFrame(this.#radio, this.#controller, request.command, body);
    const label = `CI-V ${[request.command, ...body].map((b) => b.toString(16).padStart(2, '0')).join(' ')}`;
    return new Promise<CivReply>((resolve, reject) => {
      this.#queue.push({ request, frame, label, timeoutMs: request.timeoutMs ?? this.#defaultTimeoutMs, tries: 0, resolve, reject });
      this.#next();
    });
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
    const all = this.#active ? [this.#active, ...this.#queue] : [...this.#queue];
    this.#queue.length = 0;
    if (this.#active) this.#finish(this.#active);
    this.#parser.reset();
    for (const pending of all) pending.reject(new DeviceClosedError(pending.label, reason));
  }

  #onFrame(frame: CivFrame): void {
    if (frame.from === this.#controller) {
      this.safeEmit('echo', frame);
      return;
    }
    // Another radio, or a frame for another controller on the same bus.
    if (frame.from !== this.#radio || (frame.to !== this.#controller && frame.to !== CIV_BROADCAST)) return;
    const active = this.#active;
    if (active && frame.to === this.#controller) {
      const reply = this.#match(active.request, frame);
      if (reply) {
        this.#finish(active);
        active.resolve(reply);
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
    const active = this.#active;
    if (!active || this.#retryTimer) return;
    clearTimeout(active.timer);
    if (active.tries > this.#collisionRetries) {
      this.#finish(active);
      active.reject(new CivCollisionError(active.label, active.tries));
      return;
    }
    // Both senders back off; a random wait keeps them from colliding again.
    this.#retryTimer = setTimeout(
      () => {
        this.#retryTimer = undefined;
        if (this.#active === active) this.#transmit(active);
      },
      10 + Math.floor(Math.random() * 40),
    );
  }

  #finish(pending: Pending): void {
    clearTimeout(pending.timer);
    clearTimeout(this.#retryTimer);
    this.#retryTimer = undefined;
    if (this.#active === pending) this.#active = undefined;
    queueMicrotask(() => this.#next());
  }

  #next(): void {
    if (this.#active || this.#queue.length === 0) return;
    const pending = this.#queue.shift()!;
    this.#active = pending;
    this.#transmit(pending);
  }

  #transmit(pending: Pending): void {
    pending.tries++;
    this.#parser.endCollisionRun();
    clearTimeout(pending.timer);
    pending.timer = setTimeout(() => {
      this.#finish(pending);
      pending.reject(new DeviceTimeoutError(pending.label, pending.timeoutMs));
    }, pending.timeoutMs);
    try {
      this.#write(pending.frame);
    } catch (error) {
      this.#finish(pending);
      pending.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }
}

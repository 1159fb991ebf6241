import { DeviceClosedError, DeviceTimeoutError } from './deviceErrors';

/** One queued command: what the channel needs to send it and to match its answer. */
export interface QueuedCommand {
  /** The command as sent, for errors and logs (`AT+CSQ`, `+\get_freq`, `CI-V 03`). */
  readonly label: string;
  readonly timeoutMs: number;
}

export interface CommandQueueOptions<C extends QueuedCommand> {
  /** Writes the command to the device; a throw rejects the command with that error. */
  transmit: (command: C) => void;
  /**
   * After a timeout, how long the line must stay quiet before the next command goes out,
   * so a late answer drains instead of being taken for the next command's. Every line
   * that arrives meanwhile (`noteIdleLine`) restarts the wait, up to `resyncMaxMs`.
   * 0 = no resync (CI-V frames carry their command, nothing can shift). Default 0.
   */
  resyncMs?: number;
  /** Longest wait for a late answer to drain. Default 2000 ms. */
  resyncMaxMs?: number;
  /** Whether a timeout starts a resync. Default true (only when `resyncMs` > 0). */
  resyncAfterTimeout?: boolean;
}

interface Entry<C, T> {
  command: C;
  resolve: (value: T) => void;
  reject: (error: Error) => void;
  timer?: NodeJS.Timeout;
}

/**
 * One command at a time to a device: queues commands, times out a silent one
 * (DeviceTimeoutError), holds the next one back until a late answer has drained (resync),
 * and rejects everything waiting when the channel closes (DeviceClosedError). The
 * channels that use it (AtChannel, RigctldChannel, CivChannel) keep only their framing
 * and how an answer is matched to the active command.
 */
export class CommandQueue<C extends QueuedCommand, T> {
  readonly #transmit: (command: C) => void;
  readonly #resyncMs: number;
  readonly #resyncMaxMs: number;
  readonly #resyncAfterTimeout: boolean;
  readonly #queue: Entry<C, T>[] = [];
  #active: Entry<C, T> | undefined;
  #quietUntil = 0;
  #resyncDeadline = 0;
  #resyncTimer: NodeJS.Timeout | undefined;

  constructor(options: CommandQueueOptions<C>) {
    this.#transmit = options.transmit;
    this.#resyncMs = options.resyncMs ?? 0;
    this.#resyncMaxMs = options.resyncMaxMs ?? 2000;
    this.#resyncAfterTimeout = options.resyncAfterTimeout ?? true;
  }

  /** Commands waiting or running. */
  get pending(): number {
    return this.#queue.length + (this.#active ? 1 : 0);
  }

  /** The command whose answer is awaited, if any. */
  get active(): C | undefined {
    return this.#active?.command;
  }

  /** True while a late answer may still be draining after a timeout. */
  get draining(): boolean {
    return Date.now() < this.#quietUntil;
  }

  /** Queues a command; settles with what the channel passes to `resolve`/`reject`. */
  enqueue(command: C): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#queue.push({ command, resolve, reject });
      this.#next();
    });
  }

  /** The active command was answered. */
  resolve(value: T): void {
    const active = this.#active;
    if (!active) return;
    this.#finish(active);
    active.resolve(value);
  }

  /** The active command failed; with `resync`, the next one waits for the line to go quiet. */
  reject(error: Error, options: { resync?: boolean } = {}): void {
    const active = this.#active;
    if (!active) return;
    if (options.resync) this.#startResync();
    this.#finish(active);
    active.reject(error);
  }

  /** A line arrived while no command was active: a drain in progress waits longer. */
  noteIdleLine(): void {
    const now = Date.now();
    if (!this.#active && now < this.#quietUntil) this.#quietUntil = Math.min(now + this.#resyncMs, this.#resyncDeadline);
  }

  /** Stops the active command's timeout (e.g. while waiting to send it again after a collision). */
  holdTimeout(): void {
    clearTimeout(this.#active?.timer);
  }

  /** Sends the active command again with a fresh timeout. */
  retransmit(): void {
    if (this.#active) this.#send(this.#active);
  }

  /** Rejects every waiting command, e.g. when the port closed. */
  reset(reason: string): void {
    const all = this.#active ? [this.#active, ...this.#queue] : [...this.#queue];
    this.#queue.length = 0;
    if (this.#active) this.#finish(this.#active);
    clearTimeout(this.#resyncTimer);
    this.#resyncTimer = undefined;
    this.#quietUntil = 0;
    for (const entry of all) entry.reject(new DeviceClosedError(entry.command.label, reason));
  }

  #startResync(): void {
    if (this.#resyncMs <= 0) return;
    const now = Date.now();
    this.#quietUntil = now + this.#resyncMs;
    this.#resyncDeadline = now + this.#resyncMaxMs;
  }

  #finish(entry: Entry<C, T>): void {
    clearTimeout(entry.timer);
    if (this.#active === entry) this.#active = undefined;
    queueMicrotask(() => this.#next());
  }

  #next(): void {
    if (this.#active || this.#queue.length === 0 || this.#resyncTimer) return;
    const wait = this.#quietUntil - Date.now();
    if (wait > 0) {
      this.#resyncTimer = setTimeout(() => {
        this.#resyncTimer = undefined;
        this.#next();
      }, wait);
      return;
    }
    const entry = this.#queue.shift()!;
    this.#active = entry;
    this.#send(entry);
  }

  #send(entry: Entry<C, T>): void {
    clearTimeout(entry.timer);
    entry.timer = setTimeout(() => {
      if (this.#active !== entry) return;
      this.reject(new DeviceTimeoutError(entry.command.label, entry.command.timeoutMs), { resync: this.#resyncAfterTimeout });
    }, entry.command.timeoutMs);
    try {
      this.#transmit(entry.command);
    } catch (error) {
      if (this.#active !== entry) return;
      this.#finish(entry);
      entry.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }
}

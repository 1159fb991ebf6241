import { SafeEmitter } from '../../platform/events/SafeEmitter';
import { DeviceClosedError, DeviceTimeoutError } from '../device/deviceErrors';
import { RigctldError, RigctldProtocolError } from './rigctldErrors';
import { RigctldResponseReader, splitExtendedLine, type RigctldProtocolForm, type RigctldRecord } from './rigctldProtocol';

export interface RigctldRequest {
  /** Hamlib long command name, e.g. `get_level`; the extended form sends `+\get_level`. */
  name: string;
  /** Arguments, e.g. `['STRENGTH']`. */
  args?: readonly string[];
  /** What the default form sends, e.g. `l STRENGTH`. Default: `\name args`. */
  short?: string;
  /** Default form: value lines of a successful answer (`m` → 2). */
  valueLines: number;
  /** Checks a successful answer's values; false → RigctldProtocolError and a resync. */
  validate?: (records: readonly RigctldRecord[]) => boolean;
  /** Default: the channel's `defaultTimeoutMs`. */
  timeoutMs?: number;
  /**
   * Sent as `\name` and read as the default form reads, whatever the channel's form:
   * rigctld answers `chk_vfo` with one line and never a header or `RPRT`. (Never `+\chk_vfo`
   * in the default form: rigctld 4.5.4 then answers the next command in the extended form
   * too.) Default false.
   */
  headerless?: boolean;
}

export interface RigctldChannelOptions {
  /** Writes to rigctld. */
  write: (data: string) => void;
  /** Default 'extended'. */
  form?: RigctldProtocolForm;
  /**
   * Extended form: `+` (parts on separate lines) or another punctuation character that
   * rigctld then uses as separator on one line (`;`, `|`, `,`). Default '+'.
   */
  extendedPrefix?: string;
  /** Default 2000 ms. */
  defaultTimeoutMs?: number;
  /**
   * Default form, after a timeout or a malformed answer: how long the line must stay
   * quiet before the next command goes out, so a late answer drains instead of being
   * taken for the next one (the default form has no header to tell answers apart).
   * Every line meanwhile restarts the wait, up to `resyncMaxMs`. Default 250 ms.
   */
  resyncMs?: number;
  /** Default 2000 ms. */
  resyncMaxMs?: number;
  /** Longest answer, in records. Default 512. */
  maxRecords?: number;
}

export interface RigctldChannelEvents {
  /** A line no waiting command claimed (late answer, garbage). */
  stray: [line: string];
}

interface Pending {
  request: RigctldRequest;
  label: string;
  timeoutMs: number;
  reader: RigctldResponseReader;
  resolve: (records: RigctldRecord[]) => void;
  reject: (error: Error) => void;
  timer?: NodeJS.Timeout;
}

/**
 * One rigctld command at a time over a line stream: queues requests, reads each answer
 * in the configured form, decodes `RPRT` errors, times out silent requests, and keeps
 * a late or stray line from shifting later answers (extended: by the echoed command
 * name; default: by draining after a timeout and checking each answer's shape).
 */
export class RigctldChannel extends SafeEmitter<RigctldChannelEvents> {
  readonly #write: (data: string) => void;
  readonly #form: RigctldProtocolForm;
  readonly #prefix: string;
  readonly #separator: string;
  readonly #defaultTimeoutMs: number;
  readonly #resyncMs: number;
  readonly #resyncMaxMs: number;
  readonly #maxRecords: number;
  readonly #queue: Pending[] = [];
  #active: Pending | undefined;
  #quietUntil = 0;
  #resyncDeadline = 0;
  #resyncTimer: NodeJS.Timeout | undefined;
  /** Lines no command claimed, since the channel was made. */
  strayCount = 0;
  /** rigctld runs with `--vfo` (it echoes the VFO in every header); set once the driver knows. */
  vfoEcho = false;

  constructor(options: RigctldChannelOptions) {
    super();
    if (typeof options.write !== 'function') throw new TypeError('"write" must be a function');
    const prefix = options.extendedPrefix ?? '+';
    if (!/^[!-/:-@[-`{-~]$/.test(prefix) || '\\_#()?'.includes(prefix))
      throw new TypeError('"extendedPrefix" must be + or one punctuation character other than \\ _ # ( ) ?');
    this.#write = options.write;
    this.#form = options.form ?? 'extended';
    this.#prefix = prefix;
    this.#separator = prefix === '+' ? '\n' : prefix;
    this.#defaultTimeoutMs = options.defaultTimeoutMs ?? 2000;
    this.#resyncMs = options.resyncMs ?? 250;
    this.#resyncMaxMs = options.resyncMaxMs ?? 2000;
    this.#maxRecords = options.maxRecords ?? 512;
  }

  get form(): RigctldProtocolForm {
    return this.#form;
  }

  /** Requests waiting or running. */
  get pending(): number {
    return this.#queue.length + (this.#active ? 1 : 0);
  }

  /** Resolves with the answer's records; rejects with RigctldError (`RPRT -n`), a timeout, a protocol or a closed error. */
  send(request: RigctldRequest): Promise<RigctldRecord[]> {
    const text = this.#commandText(request);
    if (/[\r\n]/.test(text)) return Promise.reject(new TypeError(`not a single rigctld command: ${JSON.stringify(text)}`));
    return new Promise<RigctldRecord[]>((resolve, reject) => {
      this.#queue.push({
        request,
        label: text,
        timeoutMs: request.timeoutMs ?? this.#defaultTimeoutMs,
        reader: new RigctldResponseReader(
          {
            form: request.headerless ? 'default' : this.#form,
            name: request.name,
            args: request.args,
            valueLines: request.valueLines,
            vfoEcho: this.vfoEcho,
          },
          this.#maxRecords,
        ),
        resolve,
        reject,
      });
      this.#next();
    });
  }

  /** Feeds one complete line from rigctld (already split and trimmed). */
  feedLine(line: string): void {
    const parts = this.#form === 'extended' ? splitExtendedLine(line, this.#separator) : [line];
    for (const part of parts) this.#feedPart(part);
  }

  /** Rejects every waiting request, e.g. when the connection closed. */
  reset(reason: string): void {
    const all = this.#active ? [this.#active, ...this.#queue] : [...this.#queue];
    this.#queue.length = 0;
    if (this.#active) this.#finish(this.#active);
    clearTimeout(this.#resyncTimer);
    this.#resyncTimer = undefined;
    this.#quietUntil = 0;
    for (const pending of all) pending.reject(new DeviceClosedError(pending.label, reason));
  }

  #commandText(request: RigctldRequest): string {
    const args = request.args && request.args.length > 0 ? ` ${request.args.join(' ')}` : '';
    if (request.headerless) return `\\${request.name}${args}`;
    if (this.#form === 'extended') return `${this.#prefix}\\${request.name}${args}`;
    return request.short ?? `\\${request.name}${args}`;
  }

  #feedPart(line: string): void {
    const active = this.#active;
    if (!active) {
      const now = Date.now();
      if (now < this.#quietUntil) this.#quietUntil = Math.min(now + this.#resyncMs, this.#resyncDeadline);
      this.#stray(line);
      return;
    }
    const result = active.reader.feed(line);
    switch (result.kind) {
      case 'more':
        return;
      case 'stray':
        this.#stray(line);
        return;
      case 'error':
        this.#finish(active);
        active.reject(new RigctldError(active.label, result.rprt));
        return;
      case 'overflow':
        this.#fail(active, new RigctldProtocolError(active.label, 'answer too long'));
        return;
      case 'answer':
        if (active.request.validate && !active.request.validate(result.records)) {
          this.#fail(
            active,
            new RigctldProtocolError(active.label, `unexpected answer ${JSON.stringify(result.records.map((r) => r.value)).slice(0, 120)}`),
          );
          return;
        }
        this.#finish(active);
        active.resolve(result.records);
    }
  }

  #stray(line: string): void {
    this.strayCount++;
    this.safeEmit('stray', line);
  }

  /** Ends a request whose answer could not be trusted; the default form then drains. */
  #fail(pending: Pending, error: Error): void {
    if (this.#form === 'default') this.#startResync();
    this.#finish(pending);
    pending.reject(error);
  }

  #startResync(): void {
    const now = Date.now();
    this.#quietUntil = now + this.#resyncMs;
    this.#resyncDeadline = now + this.#resyncMaxMs;
  }

  #finish(pending: Pending): void {
    clearTimeout(pending.timer);
    if (this.#active === pending) this.#active = undefined;
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
    const pending = this.#queue.shift()!;
    this.#active = pending;
    pending.timer = setTimeout(() => {
      // The extended form recognises a late answer by its header; the default form must drain it.
      this.#fail(pending, new DeviceTimeoutError(pending.label, pending.timeoutMs));
    }, pending.timeoutMs);
    try {
      this.#write(`${pending.label}\n`);
    } catch (error) {
      this.#finish(pending);
      pending.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }
}

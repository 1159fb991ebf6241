import { SafeEmitter } from '../../platform/events/SafeEmitter';
import { CommandQueue } from '../device/CommandQueue';
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

interface QueuedRequest {
  request: RigctldRequest;
  label: string;
  timeoutMs: number;
  reader: RigctldResponseReader;
}

/**
 * One rigctld command at a time over a line stream: queues requests, reads each answer
 * in the configured form, decodes `RPRT` errors, times out silent requests, and keeps
 * a late or stray line from shifting later answers (extended: by the echoed command
 * name; default: by draining after a timeout and checking each answer's shape).
 */
export class RigctldChannel extends SafeEmitter<RigctldChannelEvents> {
  readonly #form: RigctldProtocolForm;
  readonly #prefix: string;
  readonly #separator: string;
  readonly #defaultTimeoutMs: number;
  readonly #maxRecords: number;
  readonly #queue: CommandQueue<QueuedRequest, RigctldRecord[]>;
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
    const write = options.write;
    this.#form = options.form ?? 'extended';
    this.#prefix = prefix;
    this.#separator = prefix === '+' ? '\n' : prefix;
    this.#defaultTimeoutMs = options.defaultTimeoutMs ?? 2000;
    this.#maxRecords = options.maxRecords ?? 512;
    this.#queue = new CommandQueue({
      transmit: (queued) => write(`${queued.label}\n`),
      resyncMs: options.resyncMs ?? 250,
      resyncMaxMs: options.resyncMaxMs ?? 2000,
      // The extended form recognises a late answer by its header; the default form must drain it.
      resyncAfterTimeout: this.#form === 'default',
    });
  }

  get form(): RigctldProtocolForm {
    return this.#form;
  }

  /** Requests waiting or running. */
  get pending(): number {
    return this.#queue.pending;
  }

  /** Resolves with the answer's records; rejects with RigctldError (`RPRT -n`), a timeout, a protocol or a closed error. */
  send(request: RigctldRequest): Promise<RigctldRecord[]> {
    const text = this.#commandText(request);
    if (/[\r\n]/.test(text)) return Promise.reject(new TypeError(`not a single rigctld command: ${JSON.stringify(text)}`));
    const reader = new RigctldResponseReader(
      {
        form: request.headerless ? 'default' : this.#form,
        name: request.name,
        args: request.args,
        valueLines: request.valueLines,
        vfoEcho: this.vfoEcho,
      },
      this.#maxRecords,
    );
    return this.#queue.enqueue({ request, label: text, timeoutMs: request.timeoutMs ?? this.#defaultTimeoutMs, reader });
  }

  /** Feeds one complete line from rigctld (already split and trimmed). */
  feedLine(line: string): void {
    const parts = this.#form === 'extended' ? splitExtendedLine(line, this.#separator) : [line];
    for (const part of parts) this.#feedPart(part);
  }

  /** Rejects every waiting request, e.g. when the connection closed. */
  reset(reason: string): void {
    this.#queue.reset(reason);
  }

  #commandText(request: RigctldRequest): string {
    const args = request.args && request.args.length > 0 ? ` ${request.args.join(' ')}` : '';
    if (request.headerless) return `\\${request.name}${args}`;
    if (this.#form === 'extended') return `${this.#prefix}\\${request.name}${args}`;
    return request.short ?? `\\${request.name}${args}`;
  }

  #feedPart(line: string): void {
    const active = this.#queue.active;
    if (!active) {
      this.#queue.noteIdleLine();
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
        this.#queue.reject(new RigctldError(active.label, result.rprt));
        return;
      case 'overflow':
        this.#fail(new RigctldProtocolError(active.label, 'answer too long'));
        return;
      case 'answer':
        if (active.request.validate && !active.request.validate(result.records)) {
          this.#fail(
            new RigctldProtocolError(active.label, `unexpected answer ${JSON.stringify(result.records.map((r) => r.value)).slice(0, 120)}`),
          );
          return;
        }
        this.#queue.resolve(result.records);
    }
  }

  #stray(line: string): void {
    this.strayCount++;
    this.safeEmit('stray', line);
  }

  /** Ends a request whose answer could not be trusted; the default form then drains. */
  #fail(error: Error): void {
    this.#queue.reject(error, { resync: this.#form === 'default' });
  }
}

import { SafeEmitter } from '../../platform/events/SafeEmitter';
import { CommandQueue } from '../device/CommandQueue';
import { AtCommandError } from './atErrors';

export interface AtCommand {
  /** The command without the trailing CR, e.g. `AT+CSQ`. */
  command: string;
  /**
   * Prefix of the answer lines, e.g. `+CSQ:`. Other lines that arrive while the command
   * runs are unsolicited result codes. Without a prefix every line that is not a known
   * URC is taken as the answer (ATI, AT+CGMM).
   */
  prefix?: string;
  /** For answers whose prefix a URC shares (`+CEREG:`): true when the line is the URC. */
  isUnsolicited?: (line: string) => boolean;
  /** Default: the channel's `defaultTimeoutMs`. */
  timeoutMs?: number;
}

export interface AtResponse {
  command: string;
  /** Answer lines in order, final result excluded. */
  lines: string[];
}

export interface AtChannelOptions {
  /** Writes bytes to the device. */
  write: (data: string) => void;
  /** Default 2000 ms. */
  defaultTimeoutMs?: number;
  /**
   * After a timeout, how long the line must stay quiet before the next command goes out,
   * so a late answer drains instead of being taken for the next command's. Every line
   * that arrives meanwhile restarts the wait, up to `resyncMaxMs`. Default 250 ms.
   */
  resyncMs?: number;
  /** Longest wait for a late answer to drain. Default 2000 ms. */
  resyncMaxMs?: number;
  /** Line starts that are always unsolicited, whatever command runs. */
  urcPrefixes?: readonly string[];
}

export interface AtChannelEvents {
  /** An unsolicited result code (or any line no command claimed). */
  urc: [line: string];
  /** The device echoed a command back (echo is supposed to be off). */
  echo: [line: string];
  /** A final result arrived with no command waiting (late answer after a timeout). */
  stray: [line: string];
}

const FINAL_OK = 'OK';
const FINAL_ERRORS = /^(ERROR|\+CME ERROR:.*|\+CMS ERROR:.*|NO CARRIER|NO DIALTONE|BUSY|NO ANSWER|COMMAND NOT SUPPORT)$/i;

interface QueuedAt {
  spec: AtCommand;
  label: string;
  timeoutMs: number;
  lines: string[];
}

/**
 * One AT command at a time over a line stream: queues commands, matches answers,
 * drops echo, routes unsolicited result codes apart, decodes error finals and times
 * out silent commands (3GPP TS 27.007 / ITU-T V.250 framing). The queue, its timeouts
 * and the resync after a timeout are the shared CommandQueue.
 */
export class AtChannel extends SafeEmitter<AtChannelEvents> {
  readonly #write: (data: string) => void;
  readonly #defaultTimeoutMs: number;
  readonly #urcPrefixes: readonly string[];
  readonly #queue: CommandQueue<QueuedAt, AtResponse>;
  #lastCommand = '';

  constructor(options: AtChannelOptions) {
    super();
    if (typeof options.write !== 'function') throw new TypeError('"write" must be a function');
    this.#write = options.write;
    this.#defaultTimeoutMs = options.defaultTimeoutMs ?? 2000;
    this.#urcPrefixes = options.urcPrefixes ?? [];
    this.#queue = new CommandQueue({
      transmit: (command) => {
        this.#lastCommand = command.label;
        this.#write(`${command.label}\r`);
      },
      resyncMs: options.resyncMs ?? 250,
      resyncMaxMs: options.resyncMaxMs ?? 2000,
    });
  }

  /** Number of commands waiting or running. */
  get pending(): number {
    return this.#queue.pending;
  }

  send(spec: AtCommand): Promise<AtResponse> {
    if (!/^AT/i.test(spec.command) || /[\r\n]/.test(spec.command)) {
      return Promise.reject(new TypeError(`not a single AT command: ${JSON.stringify(spec.command)}`));
    }
    return this.#queue.enqueue({ spec, label: spec.command, timeoutMs: spec.timeoutMs ?? this.#defaultTimeoutMs, lines: [] });
  }

  /** Feeds one complete line from the device (already split and trimmed). */
  feedLine(line: string): void {
    const active = this.#queue.active;
    this.#queue.noteIdleLine();
    if (line === this.#lastCommand && (active || this.#queue.draining)) {
      this.safeEmit('echo', line);
      return;
    }
    if (!active) {
      if (line === FINAL_OK || FINAL_ERRORS.test(line)) this.safeEmit('stray', line);
      else this.safeEmit('urc', line);
      return;
    }
    if (line === FINAL_OK) this.#queue.resolve({ command: active.label, lines: active.lines });
    else if (FINAL_ERRORS.test(line)) this.#queue.reject(new AtCommandError(active.label, line));
    else if (this.#isAnswer(active.spec, line)) active.lines.push(line);
    else this.safeEmit('urc', line);
  }

  /** Rejects every waiting command, e.g. when the port closed. */
  reset(reason: string): void {
    this.#queue.reset(reason);
  }

  #isAnswer(spec: AtCommand, line: string): boolean {
    if (spec.prefix !== undefined) {
      return line.startsWith(spec.prefix) && !(spec.isUnsolicited?.(line) ?? false);
    }
    return !this.#urcPrefixes.some((prefix) => line.startsWith(prefix));
  }
}

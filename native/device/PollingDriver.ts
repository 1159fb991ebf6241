import type { LinkReasonCode } from '../../protocol/links/linkStatus';
import type { Logger } from '../../platform/log/logger';
import { LineSplitter } from '../framing/LineSplitter';
import { printable } from '../util/printable';
import { DeviceDriverBase } from './DeviceDriverBase';
import { isDeviceLifeError } from './deviceErrors';
import type { DeviceLink } from './ReconnectingLink';
import type { DeviceConnection, DeviceDriverEvents } from './deviceTypes';

export interface PollingDriverOptions {
  /** How often the loop runs (a poll that took longer is followed at once). */
  pollIntervalMs: number;
  /** Unanswered commands in a row before the device counts as unresponsive. */
  unresponsiveAfter: number;
  /** The family's logger; unexpected poll failures go there. */
  log: Logger;
  /** Names the device in log lines and in a lost link's detail (a port path, `host:port`). */
  name: string;
}

/** What `attach` wires to the link besides the driver's own hooks. */
export interface PollingDriverWiring<P extends LinkReasonCode> {
  link: DeviceLink<P>;
  /** The command channel: everything waiting is rejected when the link drops or the driver closes. */
  channel: { reset(reason: string): void };
  /** Line framing: each connection gets a fresh LineSplitter whose lines go here. */
  lines?: { onLine: (line: string) => void; maxLineLength?: number };
}

/**
 * The skeleton every polling driver shares (cellular modem, rigctld, CI-V, Iridium SBD):
 * `start()`/`close()`, a poll loop per connection guarded by a generation number (a loop
 * of an older connection stops on its own), the poll timer, counting unanswered commands
 * up to the unresponsive verdict, the lost state when the link drops, and a log line for
 * what fails unexpectedly. A family keeps only what is its own: `poll()` and what it
 * resets when the link opens or drops.
 */
export abstract class PollingDriver<
  R,
  P extends LinkReasonCode,
  E extends DeviceDriverEvents<R> & Record<keyof E, unknown[]> = DeviceDriverEvents<R>,
> extends DeviceDriverBase<R, E> {
  readonly #skeleton: PollingDriverOptions;
  #wiring: PollingDriverWiring<P> | undefined;
  #splitter: LineSplitter | undefined;
  /** Bumped whenever the link opens or drops, and on close; a loop of an older generation stops. */
  #generation = 0;
  #sleepTimer: NodeJS.Timeout | undefined;
  #wake: (() => void) | undefined;
  #timeouts = 0;
  #closed = false;

  constructor(options: PollingDriverOptions) {
    super();
    this.#skeleton = options;
  }

  /** One turn of the loop: initialise, probe or poll, as the family needs. A throw is logged unless expected. */
  protected abstract poll(generation: number): Promise<void>;
  /** The link opened: reset what the family knows of the previous connection. */
  protected abstract linkOpened(): void;
  /** The link dropped (the channel is reset already, the state becomes `lost` next). */
  protected linkDropped(): void {}
  /** The driver is closing, before the link closes. */
  protected closing(): void {}

  /** Bytes from the link; default: to the line framing. */
  protected onData(chunk: Buffer): void {
    this.#splitter?.write(chunk);
  }

  /** Feeds bytes to the current connection's line framing (for an `onData` that takes some bytes out first). */
  protected writeLines(chunk: Buffer): void {
    this.#splitter?.write(chunk);
  }

  /** Errors that are part of a device's life and need no log line. */
  protected isExpectedError(error: unknown): boolean {
    return isDeviceLifeError(error);
  }

  /** How long to sleep after a turn that started at `started`. Default: the rest of the poll interval. */
  protected nextWaitMs(started: number): number {
    return Math.max(0, this.#skeleton.pollIntervalMs - (Date.now() - started));
  }

  /** Wires the link and the channel; call once from the constructor. */
  protected attach(wiring: PollingDriverWiring<P>): void {
    this.#wiring = wiring;
    wiring.link.listen('open', () => this.#onOpen());
    wiring.link.listen('down', (problem, detail) => this.#onDown(problem, detail));
    wiring.link.listen('data', (chunk) => this.onData(chunk));
  }

  start(): void {
    this.#wiring?.link.start();
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.closing();
    this.#generation++;
    this.#wake?.();
    this.#wiring?.channel.reset('driver closed');
    this.#splitter?.destroy();
    this.#splitter = undefined;
    await this.#wiring?.link.close();
    this.removeAllListeners();
  }

  protected get closed(): boolean {
    return this.#closed;
  }

  /** True while the loop of `generation` is the one that should run. */
  protected isCurrent(generation: number): boolean {
    return generation === this.#generation && !this.#closed;
  }

  /** Cuts the loop's sleep short (something is due now). */
  protected wake(): void {
    this.#wake?.();
  }

  /** A command was answered (even with an error): the count of unanswered ones starts again. */
  protected answered(): void {
    this.#timeouts = 0;
  }

  /**
   * A command went unanswered. At `unresponsiveAfter` in a row the device is called
   * unresponsive with `problem`, and true is returned.
   */
  protected unanswered(problem: NonNullable<DeviceConnection['problem']>): boolean {
    this.#timeouts++;
    if (this.#timeouts < this.#skeleton.unresponsiveAfter) return false;
    this.setConnection({ state: 'unresponsive', problem });
    return true;
  }

  #onOpen(): void {
    this.#generation++;
    this.#wake?.();
    this.#splitter?.destroy();
    this.#splitter = undefined;
    const lines = this.#wiring?.lines;
    if (lines) {
      const splitter = new LineSplitter(lines.maxLineLength === undefined ? {} : { maxLineLength: lines.maxLineLength });
      splitter.on('data', (line: string) => lines.onLine(line));
      this.#splitter = splitter;
    }
    this.#timeouts = 0;
    this.linkOpened();
    this.setConnection({ state: 'connecting' });
    void this.#loop(this.#generation);
  }

  #onDown(problem: P, detail: string): void {
    this.#generation++;
    this.#wake?.();
    this.#splitter?.destroy();
    this.#splitter = undefined;
    this.#wiring?.channel.reset(detail);
    this.linkDropped();
    const name = this.#skeleton.name;
    this.setConnection({
      state: 'lost',
      problem: { code: problem, detail: printable(detail.includes(name) ? detail : `${name}: ${detail}`, 300) },
    });
  }

  async #loop(generation: number): Promise<void> {
    while (this.isCurrent(generation)) {
      const started = Date.now();
      try {
        await this.poll(generation);
      } catch (error) {
        // A timeout is counted already; a closed channel ends this generation; anything else is a bug to see.
        if (this.isCurrent(generation) && !this.isExpectedError(error))
          this.#skeleton.log.warn(`${this.#skeleton.name}: unexpected poll failure`, error);
      }
      if (!this.isCurrent(generation)) return;
      await this.#sleep(this.nextWaitMs(started));
    }
  }

  #sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(this.#sleepTimer);
        this.#sleepTimer = undefined;
        if (this.#wake === wake) this.#wake = undefined;
        resolve();
      };
      this.#wake = wake;
      this.#sleepTimer = setTimeout(wake, ms);
    });
  }
}

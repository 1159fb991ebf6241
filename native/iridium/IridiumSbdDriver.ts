import type { SbdSession } from '../../protocol/links/sbd';
import { AtChannel, type AtResponse } from '../at/AtChannel';
import { AtCommandError } from '../at/atErrors';
import { DeviceNotConnectedError, DeviceTimeoutError } from '../device/deviceErrors';
import { createLogger } from '../../platform/log/logger';
import { SerialLink, type SerialProblem } from '../serial/SerialLink';
import { PollingDriver } from '../device/PollingDriver';
import { isExpectedDeviceError } from './expectedErrors';
import { INDICATOR_CHECK_EVERY_POLLS, MAX_LINE_LENGTH, MT_MAX_BYTES, URC_PREFIXES } from './iridiumAtTables';
import { runIridiumInit } from './iridiumInit';
import { resolveIridiumOptions, type IridiumSbdDriverOptions, type ResolvedIridiumOptions } from './iridiumOptions';
import type { IridiumSbdDriverEvents, SbdReading } from './iridiumTypes';
import { moBytesProblem, moTextProblem } from './moText';
import { SbdError } from './sbdErrors';
import type { MoOutcome } from './sbdMoTypes';
import { SbdMoQueue } from './SbdMoQueue';
import { SbdRbFrameReader } from './SbdRbFrameReader';
import { SbdSessionPlan } from './SbdSessionPlan';
import { SbdSessionRunner } from './SbdSessionRunner';
import { parseIndicatorSettings, parseSignalBars, parseUnsolicited } from './sbdParsers';

const log = createLogger('iridium');

/**
 * Driver for an Iridium 9602/9603 SBD transceiver (or RockBLOCK) over a serial port, 19200
 * 8N1: opens the port (and reopens it after it disappears), initialises indicator event
 * reporting and ring alerts, reads `+CSQF` bars every poll, follows `+CIEV` and `SBDRING`,
 * and runs SBD sessions (`+SBDIX`) on request, for mailbox checks and to fetch after a
 * ring alert — one session at a time, each after `AT-MSSTM` says there is network time.
 * Binary MO messages (`sendMo`, `AT+SBDWB`) wait in a queue and are retried by the MO
 * status table and the retry schedule; MT messages are read in binary (`AT+SBDRB`) and
 * emitted as `mt`. Emits typed readings; knows nothing of storage or UI.
 */
export class IridiumSbdDriver extends PollingDriver<SbdReading, SerialProblem, IridiumSbdDriverEvents> {
  readonly path: string;
  readonly #options: ResolvedIridiumOptions;
  readonly #serial: SerialLink;
  readonly #channel: AtChannel;
  readonly #plan: SbdSessionPlan;
  readonly #sessions: SbdSessionRunner;
  #needsInit = true;
  #pollCount = 0;
  #nextPollAt = 0;
  #imei: string | undefined;
  /**
   * The last `+CIEV` service and antenna values. The unit reports them only on change, so
   * each poll repeats them while reporting is on (checked by `AT+CIER?`); cleared on init.
   */
  #indicators: { service?: boolean; antennaFault?: boolean } = {};
  /** Text waiting for the transceiver's `READY` (the two-step `AT+SBDWT` form). */
  #moTextForReady: string | undefined;
  /** Bytes and checksum waiting for the `READY` of `AT+SBDWB`. */
  #moBytesForReady: Buffer | undefined;
  /** Takes the unframed answer of `AT+SBDRB` out of the byte stream. */
  readonly #mtFrames = new SbdRbFrameReader(MT_MAX_BYTES);
  readonly #moQueue: SbdMoQueue;

  /** @throws TypeError naming the first bad option. */
  constructor(options: IridiumSbdDriverOptions) {
    const resolved = resolveIridiumOptions(options);
    super({ pollIntervalMs: resolved.pollIntervalMs, unresponsiveAfter: resolved.unresponsiveAfter, log, name: resolved.path });
    this.#options = resolved;
    this.path = this.#options.path;
    this.#plan = new SbdSessionPlan({
      mailboxCheckIntervalMs: this.#options.mailboxCheckIntervalMs,
      retryMs: this.#options.sessionRetryMs,
    });
    this.#serial = new SerialLink({
      path: this.path,
      baudRate: this.#options.baudRate,
      retryInitialMs: this.#options.retryInitialMs,
      retryMaxMs: this.#options.retryMaxMs,
    });
    this.#channel = new AtChannel({
      write: (data) => {
        // Armed as the command goes out, not when it is queued: the answer of a command
        // still running before it (a poll's +CSQF) must reach the line framing.
        if (data === 'AT+SBDRB\r') this.#mtFrames.arm();
        if (!this.#serial.write(data)) {
          this.#mtFrames.disarm();
          throw new DeviceNotConnectedError(`${this.path}: port is not open`);
        }
      },
      defaultTimeoutMs: this.#options.commandTimeoutMs,
      urcPrefixes: URC_PREFIXES,
    });
    this.#sessions = new SbdSessionRunner({
      send: (command, prefix, timeoutMs) => this.#send(command, prefix, timeoutMs),
      armText: (text) => (this.#moTextForReady = text),
      armBytes: (bytes) => (this.#moBytesForReady = bytes),
      takeMtFrame: () => this.#mtFrames.take(),
      checkNetworkTime: this.#options.checkNetworkTime,
      onMt: (mt) => this.safeEmit('mt', mt),
      onMtUnreadable: (problem) => this.safeEmit('mtUnreadable', problem),
      plan: this.#plan,
      sessionTimeoutMs: this.#options.sessionTimeoutMs,
      readMessages: this.#options.readMessages,
      onReading: (reading) => this.safeEmit('reading', reading),
      onMessage: (message) => this.safeEmit('message', message),
      afterSession: () => this.wake(),
      name: this.path,
    });
    this.#moQueue = new SbdMoQueue({
      retry: this.#options.moRetry,
      random: this.#options.random,
      attempt: (bytes) => {
        const notReady = this.#notReady();
        if (notReady) return Promise.resolve({ problem: { code: 'not-ready', detail: notReady.message } });
        return this.#sessions.sendMo(bytes);
      },
      onAttempt: (event) => this.safeEmit('moAttempt', event),
    });
    this.#channel.on('urc', (line) => this.#onUrc(line));
    this.#channel.on('echo', (line) => {
      // Echo is off after ATE0; any other echoed command means the transceiver was power-cycled.
      if (line.toUpperCase() !== 'ATE0') this.#restarted('transceiver restarted (echo back on)');
    });
    this.attach({
      link: this.#serial,
      channel: this.#channel,
      lines: { onLine: (line) => this.#onLine(line), maxLineLength: MAX_LINE_LENGTH },
    });
  }

  /**
   * Runs one SBD session now (`AT+SBDIX`, a mailbox check), after any session already
   * running or queued. Resolves with its result whatever the outcome (check `outcome`);
   * rejects when the transceiver is not ready, gave no `+SBDIX` line, or went away.
   */
  session(): Promise<SbdSession> {
    const notReady = this.#notReady();
    if (notReady) return Promise.reject(notReady);
    return this.#sessions.session();
  }

  /**
   * Sends a text message: writes it to the MO buffer (`AT+SBDWT`), runs a session, and
   * clears the MO buffer again so a later mailbox check never re-sends it. At most 340
   * bytes (UTF-8), no control characters; rejects otherwise without touching the device.
   * Resolves with the session's result (delivered when `outcome` is `success`).
   */
  sendText(text: string): Promise<SbdSession> {
    const problem = moTextProblem(text) ?? this.#notReady();
    if (problem) return Promise.reject(problem);
    return this.#sessions.sendText(text);
  }

  /**
   * Sends bytes as one binary MO message (1–340 bytes; larger is refused with SbdError
   * `sbd-mo-too-large`, never split). Queued behind earlier messages; each attempt is
   * `AT-MSSTM`, `AT+SBDWB`, `AT+SBDIX`, `AT+SBDD0`. Resolves once: `sent` (MO status
   * 0–4), `parked` with the reason (12, 14, 15, 16: never retried), or `cancelled` when the
   * driver closes. Other statuses, no network time and a transceiver not ready are retried
   * on the `moRetry` schedule (each attempt is reported as `moAttempt`). Aborting `signal`
   * withdraws a message that has not gone yet (resolved `cancelled`, reason `withdrawn`).
   */
  sendMo(bytes: Uint8Array, options: { signal?: AbortSignal } = {}): Promise<MoOutcome> {
    const problem = moBytesProblem(bytes) ?? (this.closed ? new SbdError('sbd-closed', `${this.path}: driver closed`) : undefined);
    if (problem) return Promise.reject(problem);
    return this.#moQueue.add(Uint8Array.from(bytes), options.signal);
  }

  protected override closing(): void {
    this.#moQueue.close('driver closed');
  }

  protected override onData(chunk: Buffer): void {
    for (const piece of this.#mtFrames.push(chunk)) this.writeLines(piece);
  }

  protected override isExpectedError(error: unknown): boolean {
    return isExpectedDeviceError(error);
  }

  #notReady(): Error | undefined {
    if (this.closed) return new Error(`${this.path}: driver closed`);
    if (this.connection.state !== 'ready')
      return new Error(`${this.path}: the Iridium transceiver is not ready (${this.connection.state})`);
    return undefined;
  }

  #restarted(detail: string): void {
    this.#needsInit = true;
    if (this.connection.state === 'ready') this.setConnection({ state: 'connecting', problem: { code: 'connecting', detail } });
  }

  protected linkOpened(): void {
    this.#needsInit = true;
    this.#nextPollAt = 0;
  }

  protected override linkDropped(): void {
    this.#moTextForReady = undefined;
    this.#moBytesForReady = undefined;
    this.#mtFrames.disarm();
    this.#indicators = {};
  }

  #onLine(line: string): void {
    // AT+SBDWB: after READY the transceiver takes exactly n bytes and the checksum.
    if (line === 'READY' && this.#moBytesForReady !== undefined) {
      const bytes = this.#moBytesForReady;
      this.#moBytesForReady = undefined;
      this.#serial.write(bytes);
    }
    // The two-step AT+SBDWT: the transceiver says READY, then takes the text up to CR.
    if (line === 'READY' && this.#moTextForReady !== undefined) {
      const text = this.#moTextForReady;
      this.#moTextForReady = undefined;
      this.#serial.write(`${text}\r`);
    }
    this.#channel.feedLine(line);
  }

  protected async poll(generation: number): Promise<void> {
    const started = Date.now();
    try {
      if (this.connection.state === 'unresponsive') await this.#probe();
      else if (this.#needsInit) await this.#initialise();
      else {
        if (started >= this.#nextPollAt) await this.#poll();
        const trigger = this.#plan.due(Date.now());
        if (trigger && this.isCurrent(generation) && !this.#needsInit && this.connection.state === 'ready')
          await this.#sessions.automatic();
      }
    } catch (error) {
      this.#nextPollAt = Math.max(this.#nextPollAt, started + this.#options.pollIntervalMs);
      throw error;
    }
  }

  /** Sleeps until the next poll, or an automatic session due earlier; a floor keeps an unforeseen "due now" that does not run from spinning the loop. */
  protected override nextWaitMs(): number {
    const wakeAt =
      this.connection.state !== 'ready' || this.#needsInit
        ? this.#nextPollAt
        : Math.min(this.#nextPollAt, this.#plan.nextDueAt() ?? this.#nextPollAt);
    return Math.max(20, wakeAt - Date.now());
  }

  /**
   * Sends one command, counting unanswered ones. Resolves with the answer, or with the
   * AtCommandError when the transceiver answered an error final; throws on timeout or close.
   */
  async #send(command: string, prefix?: string, timeoutMs?: number): Promise<AtResponse | AtCommandError> {
    try {
      const response = await this.#channel.send({ command, prefix, timeoutMs });
      this.answered();
      return response;
    } catch (error) {
      if (error instanceof AtCommandError) {
        this.answered();
        return error;
      }
      if (error instanceof DeviceTimeoutError) this.unanswered({ code: 'not-responding', detail: this.path });
      throw error;
    }
  }

  async #probe(): Promise<void> {
    // Any final result, even ERROR, proves the transceiver answers again; init re-reads its state.
    await this.#send('AT');
    this.#needsInit = true;
    this.setConnection({ state: 'connecting' });
  }

  async #initialise(): Promise<void> {
    this.#needsInit = false;
    try {
      await this.#runInit();
    } catch (error) {
      this.#needsInit = true;
      throw error;
    }
  }

  async #runInit(): Promise<void> {
    this.#pollCount = 0;
    this.#indicators = {};
    const { identity, imei } = await runIridiumInit((command) => this.#send(command));
    this.safeEmit('identity', identity);
    this.#imei = imei;
    if (this.#needsInit) return; // restarted again during init
    // Ready only once a full poll has been read, so the link is never judged on what the
    // transceiver said before it went away or restarted.
    await this.#poll();
    if (this.#needsInit) return;
    this.setConnection({ state: 'ready' });
    this.#plan.ready(Date.now());
  }

  async #poll(): Promise<void> {
    this.#nextPollAt = Date.now() + this.#options.pollIntervalMs;
    const reading: SbdReading = { at: 0 };
    // +CSQF answers at once with the last bars; +CSQ may take 50 s and then say ERROR.
    const csq = await this.#send('AT+CSQF', '+CSQ');
    if (csq instanceof AtCommandError) reading.bars = null;
    else {
      const bars = csq.lines.map(parseSignalBars).find((v) => v !== undefined);
      if (bars !== undefined) reading.bars = bars;
    }
    if (this.#pollCount++ % INDICATOR_CHECK_EVERY_POLLS === INDICATOR_CHECK_EVERY_POLLS - 1) await this.#checkIndicators();
    if (this.#imei !== undefined) reading.imei = this.#imei;
    if (this.#indicators.service !== undefined) reading.service = this.#indicators.service;
    if (this.#indicators.antennaFault !== undefined) reading.antennaFault = this.#indicators.antennaFault;
    reading.at = Date.now();
    if (this.#needsInit) return;
    this.safeEmit('reading', reading);
  }

  /** A power cycle with echo stored off is seen only here: indicator reporting is off again. */
  async #checkIndicators(): Promise<void> {
    const answer = await this.#send('AT+CIER?', '+CIER:');
    if (answer instanceof AtCommandError) return;
    const settings = answer.lines.map(parseIndicatorSettings).find((v) => v !== undefined);
    if (settings && (settings.mode === 0 || !settings.signal || !settings.service))
      this.#restarted('transceiver restarted (indicator reporting off)');
  }

  #onUrc(line: string): void {
    const urc = parseUnsolicited(line);
    if (!urc || urc.kind === 'registration') return;
    const reading: SbdReading = { at: Date.now() };
    if (urc.kind === 'signal') reading.bars = urc.bars;
    else if (urc.kind === 'service') reading.service = this.#indicators.service = urc.available;
    else if (urc.kind === 'antenna') reading.antennaFault = this.#indicators.antennaFault = urc.fault;
    else {
      reading.ringPending = true;
      this.#plan.ringAlert(Date.now());
      this.wake();
    }
    this.safeEmit('reading', reading);
  }
}

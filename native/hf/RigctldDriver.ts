import { TcpLink, type TcpProblem } from '../net/TcpLink';
import { printable } from '../util/printable';
import { PollingDriver } from '../device/PollingDriver';
import type { HfReading } from './hfTypes';
import { RigctldChannel, type RigctldRequest } from './RigctldChannel';
import { createLogger } from '../../platform/log/logger';
import {
  CHK_VFO,
  DUMP_STATE,
  POLL_ORDER,
  RIG_REQUESTS,
  applyAnswer,
  applyPowerstat,
  decodeChkVfo,
  identityFromDumpState,
  rigRequests,
  type RigQuantity,
} from './rigctldCommands';
import { RigctldError, RigctldProtocolError } from './rigctldErrors';
import { DeviceNotConnectedError, DeviceTimeoutError } from '../device/deviceErrors';
import type { RigctldProtocolForm, RigctldRecord } from './rigctldProtocol';
import { POLLING_OPTIONS, backoffOptions, integerOptions, oneOfOption, positive } from '../device/driverOptions';
import { VFO_SETTINGS, decideVfoMode, type RigctldVfoSetting } from './rigctldVfoMode';

const log = createLogger('hf');

export interface RigctldDriverOptions {
  /** Default '127.0.0.1'. */
  host?: string;
  /** Default 4532. */
  port?: number;
  /** Answer form rigctld is asked for. Default 'extended'. */
  protocol?: RigctldProtocolForm;
  /** VFO mode (`rigctld --vfo`): follow rigctld's `\chk_vfo` (`auto`), or expect it `on`/`off`. Default 'auto'. */
  vfoMode?: RigctldVfoSetting;
  /** Default 1000 ms. */
  pollIntervalMs?: number;
  /** How long one command may take before it counts as unanswered. Default 2000 ms. */
  commandTimeoutMs?: number;
  /** Unanswered commands in a row before rigctld counts as unresponsive. Default 3. */
  unresponsiveAfter?: number;
  /** TcpLink connect timeout and reconnect backoff. Defaults 5000 ms; 500 ms doubling to 10 s. */
  connectTimeoutMs?: number;
  retryInitialMs?: number;
  retryMaxMs?: number;
}

/** An unsupported quantity is asked again after this many polls (rigctld may have been restarted for another rig). */
const UNSUPPORTED_RETRY_POLLS = 60;
/** Polls in a row in which one command went unanswered while others were answered: it is then not asked any more. */
const SILENT_COMMAND_LIMIT = 3;

type Outcome =
  { kind: 'value'; records: RigctldRecord[] } | { kind: 'rig-error'; error: RigctldError } | { kind: 'no-answer' } | { kind: 'garbled' };

interface PollTally {
  values: number;
  responses: number;
  garbled: number;
  powerOff: boolean;
  /** Commands answered with success but no value (rigctld 4.5 does this for every get while the rig is off). */
  empty: number;
  etimeout?: RigctldError;
  eio?: RigctldError;
  silent: RigQuantity[];
}

/**
 * Driver for an HF radio behind Hamlib's rigctld over TCP: connects (and reconnects
 * with backoff when rigctld restarts), polls power, frequency, mode and passband,
 * STRENGTH, PTT and RFPOWER one command at a time, and maps rigctld's `RPRT` errors to
 * the connection state (EPOWER → reading powerOn false; ETIMEOUT → radio-silent; EIO →
 * rig-error). Emits typed readings; knows nothing of storage or UI.
 */
export class RigctldDriver extends PollingDriver<HfReading, TcpProblem> {
  /** `host:port`. */
  readonly address: string;
  readonly #form: RigctldProtocolForm;
  readonly #commandTimeoutMs: number;
  readonly #tcp: TcpLink;
  readonly #channel: RigctldChannel;
  readonly #vfoSetting: RigctldVfoSetting;
  #vfoMode = false;
  #requests = RIG_REQUESTS;
  #needVfoCheck = true;
  #pollCount = 0;
  #needIdentity = true;
  readonly #unsupported = new Set<RigQuantity>();
  readonly #silentStreak = new Map<RigQuantity, number>();

  constructor(options: RigctldDriverOptions = {}) {
    const o = integerOptions(options, {
      ...POLLING_OPTIONS,
      connectTimeoutMs: positive(5000),
    });
    const protocol = oneOfOption('protocol', options.protocol, ['extended', 'default'] as const, 'extended');
    const vfoSetting = oneOfOption('vfoMode', options.vfoMode, VFO_SETTINGS, 'auto');
    const tcp = new TcpLink({
      host: options.host ?? '127.0.0.1',
      port: options.port ?? 4532,
      connectTimeoutMs: o.connectTimeoutMs,
      ...backoffOptions(options),
    });
    super({ pollIntervalMs: o.pollIntervalMs, unresponsiveAfter: o.unresponsiveAfter, log, name: tcp.address });
    this.#tcp = tcp;
    this.#form = protocol;
    this.#vfoSetting = vfoSetting;
    this.#commandTimeoutMs = o.commandTimeoutMs;
    this.address = this.#tcp.address;
    this.#channel = new RigctldChannel({
      write: (data) => {
        if (!this.#tcp.write(data)) throw new DeviceNotConnectedError(`${this.address}: rigctld is not connected`);
      },
      form: protocol,
      defaultTimeoutMs: this.#commandTimeoutMs,
    });
    this.attach({ link: tcp, channel: this.#channel, lines: { onLine: (line) => this.#channel.feedLine(line) } });
  }

  /** Lines rigctld sent that answered nothing we asked (late answers, garbage). */
  get strayLines(): number {
    return this.#channel.strayCount;
  }

  /** Whether commands are sent in rigctld's VFO mode (`--vfo`), as decided on this connection. */
  get vfoMode(): boolean {
    return this.#vfoMode;
  }

  protected linkOpened(): void {
    this.#needIdentity = this.#form === 'extended';
    this.#needVfoCheck = true;
    this.#pollCount = 0;
    this.#unsupported.clear();
    this.#silentStreak.clear();
  }

  protected async poll(generation: number): Promise<void> {
    // In the other VFO mode than the link is set to, nothing is polled (answers would be shifted): asked again next interval.
    if (this.#needVfoCheck) await this.#checkVfo();
    if (this.#needVfoCheck) return;
    if (this.#needIdentity) await this.#identify();
    if (this.connection.state !== 'unresponsive' || (await this.#probe())) await this.#poll(generation);
  }

  /** Sends one request; throws only on close, or when unanswered requests in a row reach the limit. */
  async #ask(request: RigctldRequest): Promise<Outcome> {
    try {
      const records = await this.#channel.send(request);
      this.answered();
      this.#tcp.markUseful(); // rigctld speaks: a later drop reconnects at once, not after the grown backoff
      return { kind: 'value', records };
    } catch (error) {
      if (error instanceof RigctldError) {
        this.answered();
        this.#tcp.markUseful();
        return { kind: 'rig-error', error };
      }
      if (error instanceof RigctldProtocolError) return { kind: 'garbled' };
      if (!(error instanceof DeviceTimeoutError)) throw error;
      if (!this.unanswered({ code: 'not-responding', detail: `${this.address}: rigctld does not answer` })) return { kind: 'no-answer' };
      throw error;
    }
  }

  /** Asks rigctld whether it runs with `--vfo` and picks the requests to match (see rigctldVfoMode.ts). */
  async #checkVfo(): Promise<void> {
    const outcome = await this.#ask(CHK_VFO);
    const decision = decideVfoMode(this.#vfoSetting, outcome.kind === 'value' ? decodeChkVfo(outcome.records) : undefined);
    if (decision.kind === 'mismatch') {
      this.setConnection({
        state: 'unresponsive',
        problem: { code: 'rig-error', detail: printable(`${this.address}: ${decision.detail}`, 300) },
      });
      return;
    }
    this.#needVfoCheck = false;
    this.#vfoMode = decision.vfoMode;
    this.#requests = rigRequests(decision.vfoMode);
    this.#channel.vfoEcho = decision.vfoMode;
    log.info(`rigctld ${this.address}: ${decision.note}`);
  }

  async #identify(): Promise<void> {
    this.#needIdentity = false;
    const outcome = await this.#ask({ ...DUMP_STATE, timeoutMs: 2 * this.#commandTimeoutMs });
    const identity = outcome.kind === 'value' ? identityFromDumpState(outcome.records) : undefined;
    if (identity) this.safeEmit('identity', identity);
  }

  /** While unresponsive, one cheap command per interval; true when the rig answers again and a full poll should follow. */
  async #probe(): Promise<boolean> {
    const outcome = await this.#ask(this.#requests.frequency);
    if (outcome.kind === 'no-answer' || outcome.kind === 'garbled') return false;
    if (outcome.kind === 'rig-error' && (outcome.error.errorName === 'ETIMEOUT' || outcome.error.errorName === 'EIO')) {
      this.#setRigProblem(outcome.error);
      return false;
    }
    return true;
  }

  async #poll(generation: number): Promise<void> {
    this.#pollCount++;
    if (this.#pollCount % UNSUPPORTED_RETRY_POLLS === 0) this.#unsupported.clear();
    const reading: HfReading = { at: 0 };
    const tally: PollTally = { values: 0, responses: 0, garbled: 0, powerOff: false, empty: 0, silent: [] };
    const straysBefore = this.#channel.strayCount;
    for (const quantity of POLL_ORDER) {
      if (this.#unsupported.has(quantity)) continue;
      const outcome = await this.#ask(this.#requests[quantity]);
      if (!this.isCurrent(generation)) return;
      if (outcome.kind === 'no-answer' && tally.responses === 0 && (await this.#silentBecauseOff(quantity))) {
        tally.powerOff = true;
        tally.responses++;
      } else if (outcome.kind === 'no-answer') tally.silent.push(quantity);
      else {
        tally.responses++;
        this.#silentStreak.delete(quantity);
        if (outcome.kind === 'garbled') tally.garbled++;
      }
      if (outcome.kind === 'value') {
        if (quantity === 'powerstat') tally.powerOff = await this.#powerstatSaysOff(outcome.records, reading, tally);
        else if (applyAnswer(quantity, outcome.records, reading)) tally.values++;
        else if (outcome.records.length === 0) tally.empty++;
      }
      if (outcome.kind === 'rig-error') this.#noteError(quantity, outcome.error, tally);
      // An off rig answers nothing else; a rig rigctld cannot reach (no value yet) or whose port is
      // gone would make every further command wait for rigctld's own timeout.
      if (tally.powerOff || tally.eio || (tally.etimeout && tally.values === 0)) break;
    }
    this.#noteSilentCommands(tally);
    // The default form has no header to tie an answer to its command: after a timeout, a
    // malformed answer or a line nobody asked for, the poll's answers may be shifted, so none
    // is trusted. (A shift always breaks `m`, asked last, so it cannot hide; see POLL_ORDER.)
    const disturbed = tally.garbled > 0 || tally.silent.length > 0 || this.#channel.strayCount !== straysBefore;
    if (this.#form === 'default' && disturbed) return;
    // A rig without get_powerstat, off: every get succeeds with no value (never READY with empty readings).
    if (!tally.powerOff && tally.values === 0 && tally.empty > 0 && !tally.eio && !tally.etimeout) tally.powerOff = true;
    if (tally.powerOff) {
      Object.assign(reading, {
        powerOn: false,
        frequencyHz: null,
        mode: null,
        passbandHz: null,
        strengthDb: null,
        ptt: null,
        rfPower: null,
      });
    } else if (tally.eio) {
      return this.#setRigProblem(tally.eio);
    } else if (tally.etimeout && tally.values === 0) {
      return this.#setRigProblem(tally.etimeout);
    } else if (tally.responses === 0) {
      return; // nothing usable came back (garbage, or every command timed out): no verdict from this poll
    } else if (reading.powerOn === undefined && tally.values > 0) {
      reading.powerOn = true; // it answered with values, so it is on (rigs without get_powerstat)
    }
    reading.at = Date.now();
    this.safeEmit('reading', reading);
    this.setConnection({ state: 'ready' });
  }

  /**
   * rigctld 4.5 answers `get_powerstat` of an off rig with success and no value (extended:
   * header and `RPRT 0`); older ones and other backends say `0`.
   */
  async #powerstatSaysOff(records: readonly RigctldRecord[], reading: HfReading, tally: PollTally): Promise<boolean> {
    if (records.length === 0) return true;
    return applyPowerstat(records, reading) && (await this.#confirmOff(tally));
  }

  /**
   * Default form: rigctld 4.5 answers nothing at all to a get while the rig is off, so a
   * silent `\get_powerstat` means off when rigctld itself still answers (`\chk_vfo` never
   * touches the rig). The frequency must be silent too (a rigctld-compatible server that
   * lacks get_powerstat is not an off rig), and `chk_vfo` must say the mode found at connect:
   * its bare `0`/`1` could otherwise be a late answer to a get. A rig without get_powerstat
   * is judged by the frequency, the first command it is asked.
   */
  async #silentBecauseOff(quantity: RigQuantity): Promise<boolean> {
    if (this.#form !== 'default' || (quantity !== 'powerstat' && quantity !== 'frequency')) return false;
    if (quantity === 'powerstat' && (await this.#ask(this.#requests.frequency)).kind !== 'no-answer') return false;
    const alive = await this.#ask(CHK_VFO);
    return alive.kind === 'value' && decodeChkVfo(alive.records) === this.#vfoMode;
  }

  /**
   * The default form cannot tell a `0` for powerstat from a shifted `0` of `t`, and an off
   * verdict ends the poll before `m` could expose the shift; so off is asked twice there.
   */
  async #confirmOff(tally: PollTally): Promise<boolean> {
    if (this.#form === 'extended') return true;
    const again = await this.#ask(this.#requests.powerstat);
    if (again.kind === 'value' && applyPowerstat(again.records, { at: 0 })) return true;
    tally.garbled++;
    return false;
  }

  #noteError(quantity: RigQuantity, error: RigctldError, tally: PollTally): void {
    if (error.errorName === 'EPOWER') tally.powerOff = true;
    else if (error.errorName === 'ETIMEOUT') tally.etimeout = error;
    else if (error.errorName === 'EIO') tally.eio = error;
    // rigctld answers EINVAL for a level the rig does not have (get_level checks has_get_level).
    else if (error.unsupported || (error.errorName === 'EINVAL' && RIG_REQUESTS[quantity].name === 'get_level'))
      this.#unsupported.add(quantity);
  }

  /** A command that rigctld never answers while it answers the others (unknown to a rigctld-compatible server) stops being asked. */
  #noteSilentCommands(tally: PollTally): void {
    if (tally.responses === 0) return;
    for (const quantity of tally.silent) {
      const streak = (this.#silentStreak.get(quantity) ?? 0) + 1;
      this.#silentStreak.set(quantity, streak);
      if (streak >= SILENT_COMMAND_LIMIT) this.#unsupported.add(quantity);
    }
  }

  #setRigProblem(error: RigctldError): void {
    const code = error.errorName === 'EIO' ? 'rig-error' : 'radio-silent';
    const what = error.errorName === 'EIO' ? 'rigctld lost the rig port' : 'rigctld cannot reach the rig';
    this.setConnection({
      state: 'unresponsive',
      problem: { code, detail: printable(`${this.address}: ${what} (RPRT -${error.code} ${error.errorName})`, 300) },
    });
  }
}

import { SerialLink, type SerialProblem } from '../serial/SerialLink';
import { PollingDriver } from '../device/PollingDriver';
import { CivChannel, CivCollisionError, type CivReply, type CivRequest } from './CivChannel';
import { DeviceNotConnectedError, DeviceTimeoutError } from '../device/deviceErrors';
import { createLogger } from '../../platform/log/logger';
import type { CivFrame } from './civFrames';
import {
  CIV_COMMANDS,
  ICOM_S_METER,
  SUB_ID,
  SUB_PTT,
  SUB_RF_POWER,
  SUB_S_METER,
  civModelName,
  frequencyFrom,
  idFrom,
  levelFrom,
  meterToDb,
  modeFrom,
  pttFrom,
  type MeterCalibration,
} from './civValues';
import type { HfReading } from './hfTypes';
import { POLLING_OPTIONS, backoffOptions, integerOption, integerOptions, positive, stringOption } from '../device/driverOptions';

const log = createLogger('hf');

export interface CivDriverOptions {
  /** Serial port of the radio's CI-V interface (USB COM port or CI-V cable). */
  path: string;
  /** Default 19200. */
  baudRate?: number;
  /** The radio's CI-V address. Default 0x94 (IC-7300). */
  civAddress?: number;
  /** Our address on the bus. Default 0xE0. */
  controllerAddress?: number;
  /** Default 1000 ms. */
  pollIntervalMs?: number;
  /** How long the radio may take to answer one request. Default 2000 ms. */
  commandTimeoutMs?: number;
  /** Unanswered requests in a row before the radio counts as silent. Default 3. */
  unresponsiveAfter?: number;
  /** Times a request is sent again after a bus collision. Default 3. */
  collisionRetries?: number;
  /** Raw S-meter (0–255) → dB relative to S9. Default: the IC-7300 scale (0 → −54, 120 → 0, 241 → +60). */
  sMeterCalibration?: MeterCalibration;
  /** Reopen backoff. Defaults 500 ms doubling to 10 s. */
  retryInitialMs?: number;
  retryMaxMs?: number;
}

type CivQuantity = 'frequency' | 'mode' | 'strength' | 'ptt' | 'rfPower';

const POLL: ReadonlyArray<[CivQuantity, CivRequest]> = [
  ['frequency', { command: CIV_COMMANDS.readFrequency }],
  ['mode', { command: CIV_COMMANDS.readMode }],
  ['strength', { command: CIV_COMMANDS.meter, subcommand: SUB_S_METER }],
  ['ptt', { command: CIV_COMMANDS.transmit, subcommand: SUB_PTT }],
  ['rfPower', { command: CIV_COMMANDS.level, subcommand: SUB_RF_POWER }],
];
/** NG answers in a row after which an optional reading is not asked for a while. */
const NG_LIMIT = 3;
/** An unsupported reading is asked again after this many polls. */
const UNSUPPORTED_RETRY_POLLS = 60;
const OPTIONAL: ReadonlySet<CivQuantity> = new Set(['strength', 'ptt', 'rfPower']);

/**
 * Driver for an Icom HF radio over CI-V: opens the serial port (and reopens it after it
 * disappears), polls frequency, mode, S-meter, PTT and RF power one frame at a time,
 * takes transceive broadcasts as immediate readings, retries after bus collisions, and
 * calls a radio that stops answering `unresponsive` (radio-silent) until it speaks again.
 */
export class CivDriver extends PollingDriver<HfReading, SerialProblem> {
  readonly path: string;
  readonly #civAddress: number;
  readonly #calibration: MeterCalibration;
  readonly #channel: CivChannel;
  #pollCount = 0;
  #needIdentity = true;
  readonly #ngStreak = new Map<CivQuantity, number>();
  readonly #unsupported = new Set<CivQuantity>();

  constructor(options: CivDriverOptions) {
    const path = stringOption('path', options.path);
    const o = integerOptions(options, {
      ...POLLING_OPTIONS,
      baudRate: positive(19200),
      // CI-V addresses are 0x00..0xEF (0xE0 is the usual controller).
      civAddress: [0x94, 0x00, 0xef],
      controllerAddress: [0xe0, 0x00, 0xef],
    });
    super({ pollIntervalMs: o.pollIntervalMs, unresponsiveAfter: o.unresponsiveAfter, log, name: path });
    this.#civAddress = o.civAddress;
    const controller = o.controllerAddress;
    if (controller === this.#civAddress) throw new TypeError('"controllerAddress" must differ from "civAddress"');
    const retries = integerOption('collisionRetries', options.collisionRetries, 3, 0);
    this.#calibration = options.sMeterCalibration ?? ICOM_S_METER;
    if (!Array.isArray(this.#calibration) || this.#calibration.length === 0)
      throw new TypeError('"sMeterCalibration" must be a non-empty list of [raw, dB] points');
    this.path = path;
    const serial = new SerialLink({ path, baudRate: o.baudRate, ...backoffOptions(options) });
    this.#channel = new CivChannel({
      write: (data) => {
        if (!serial.write(data)) throw new DeviceNotConnectedError(`${this.path}: port is not open`);
      },
      radioAddress: this.#civAddress,
      controllerAddress: controller,
      defaultTimeoutMs: o.commandTimeoutMs,
      collisionRetries: retries,
    });
    this.#channel.on('unsolicited', (frame) => this.#onUnsolicited(frame));
    this.attach({ link: serial, channel: this.#channel });
  }

  /** Bus collisions seen since start. */
  get collisions(): number {
    return this.#channel.collisionCount;
  }

  protected override onData(chunk: Buffer): void {
    this.#channel.feed(chunk);
  }

  protected linkOpened(): void {
    this.#channel.reset('port reopened');
    this.#pollCount = 0;
    this.#needIdentity = true;
    this.#ngStreak.clear();
    this.#unsupported.clear();
  }

  protected async poll(generation: number): Promise<void> {
    if (this.connection.state !== 'unresponsive' || (await this.#probe())) {
      if (this.#needIdentity) await this.#identify();
      await this.#poll(generation);
    }
  }

  /**
   * Sends one request. Resolves with the reply, or undefined when every try collided
   * or the radio did not answer (yet); throws once unanswered requests in a row reach
   * the limit, or when the port closes.
   */
  async #ask(request: CivRequest): Promise<CivReply | undefined> {
    try {
      const reply = await this.#channel.send(request);
      this.answered();
      return reply;
    } catch (error) {
      if (error instanceof CivCollisionError) return undefined;
      if (!(error instanceof DeviceTimeoutError)) throw error;
      const addr = `0x${this.#civAddress.toString(16).toUpperCase()}`;
      if (!this.unanswered({ code: 'radio-silent', detail: `${this.path}: no answer from ${addr} (radio off or CI-V cable loose?)` }))
        return undefined;
      throw error;
    }
  }

  async #probe(): Promise<boolean> {
    return (await this.#ask(POLL[0]![1])) !== undefined;
  }

  async #identify(): Promise<void> {
    const reply = await this.#ask({ command: CIV_COMMANDS.readId, subcommand: SUB_ID });
    if (!reply) return; // unanswered: asked again with the next poll
    this.#needIdentity = false;
    const id = reply.kind === 'data' ? idFrom(reply.frame) : undefined;
    this.safeEmit('identity', { manufacturer: 'Icom', model: civModelName(id ?? this.#civAddress) });
  }

  async #poll(generation: number): Promise<void> {
    this.#pollCount++;
    if (this.#pollCount % UNSUPPORTED_RETRY_POLLS === 0) this.#unsupported.clear();
    const reading: HfReading = { at: 0 };
    let answered = 0;
    for (const [quantity, request] of POLL) {
      if (this.#unsupported.has(quantity)) continue;
      const reply = await this.#ask(request);
      if (!this.isCurrent(generation)) return;
      if (!reply) continue;
      answered++;
      if (reply.kind === 'ng') this.#noteNg(quantity);
      else if (reply.kind === 'data') {
        this.#ngStreak.delete(quantity);
        this.#apply(quantity, reply.frame, reading);
      }
    }
    if (answered === 0) return; // collisions only: no verdict
    // A radio that answers is on; a powered-off Icom is silent on CI-V.
    reading.powerOn = true;
    reading.at = Date.now();
    this.safeEmit('reading', reading);
    this.setConnection({ state: 'ready' });
  }

  #noteNg(quantity: CivQuantity): void {
    const streak = (this.#ngStreak.get(quantity) ?? 0) + 1;
    this.#ngStreak.set(quantity, streak);
    if (OPTIONAL.has(quantity) && streak >= NG_LIMIT) this.#unsupported.add(quantity);
  }

  #apply(quantity: CivQuantity, frame: CivFrame, reading: HfReading): void {
    switch (quantity) {
      case 'frequency': {
        const hz = frequencyFrom(frame);
        if (hz !== undefined) reading.frequencyHz = hz;
        return;
      }
      case 'mode': {
        const mode = modeFrom(frame);
        if (mode) reading.mode = mode.mode;
        return;
      }
      case 'strength': {
        const raw = levelFrom(frame, CIV_COMMANDS.meter, SUB_S_METER);
        const db = raw === undefined ? undefined : meterToDb(raw, this.#calibration);
        if (db !== undefined) reading.strengthDb = db;
        return;
      }
      case 'ptt': {
        const ptt = pttFrom(frame);
        if (ptt !== undefined) reading.ptt = ptt;
        return;
      }
      case 'rfPower': {
        const raw = levelFrom(frame, CIV_COMMANDS.level, SUB_RF_POWER);
        if (raw !== undefined) reading.rfPower = Math.round((raw / 255) * 1000) / 1000;
      }
    }
  }

  /** Transceive broadcasts (frequency or mode changed on the radio) are readings at once. */
  #onUnsolicited(frame: CivFrame): void {
    if (this.connection.state !== 'ready') return;
    if (frame.command === CIV_COMMANDS.transferFrequency) {
      const hz = frequencyFrom(frame);
      if (hz !== undefined) this.safeEmit('reading', { at: Date.now(), frequencyHz: hz });
    } else if (frame.command === CIV_COMMANDS.transferMode) {
      const mode = modeFrom(frame);
      if (mode) this.safeEmit('reading', { at: Date.now(), mode: mode.mode });
    }
  }
}

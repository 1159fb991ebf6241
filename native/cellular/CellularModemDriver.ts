import { LteSinrFormula } from '../../protocol/config/consoleConfig';
import { isRegistered } from '../../protocol/links/cellular';
import { AtChannel, type AtResponse } from '../at/AtChannel';
import { AtCommandError } from '../at/atErrors';
import { DeviceNotConnectedError, DeviceTimeoutError } from '../device/deviceErrors';
import { createLogger } from '../../platform/log/logger';
import { SerialLink, type SerialProblem } from '../serial/SerialLink';
import { PollingDriver } from '../device/PollingDriver';
import { POLLING_OPTIONS, backoffOptions, integerOptions, oneOfOption, positive, stringOption } from '../device/driverOptions';
import type { CellularIdentity, CellularReading, DeviceConnection } from './cellularTypes';
import {
  REGISTRATION_DOMAINS,
  isRegistrationUrc,
  parseCesq,
  parseCops,
  parseCpin,
  parseCsq,
  parseRegistration,
  simStateFromCme,
  type RegistrationAnswer,
  type RegistrationDomain,
} from './cellularParsers';
import { parseQengServingCell } from './quectelServingCell';
import { foldRegistration } from './registrationFold';
import { BOOT_URCS, LATE_ANSWER_WINDOW_MS, SLOW_COMMANDS, UNSUPPORTED_RETRY_POLLS, URC_PREFIXES } from './cellularAtTables';
import { printable } from '../util/printable';

const log = createLogger('cellular');

export interface CellularModemDriverOptions {
  /** Serial port of the AT interface. */
  path: string;
  /** Default 115200. */
  baudRate?: number;
  /** Default 1000 ms. */
  pollIntervalMs?: number;
  /** Default 2000 ms. */
  commandTimeoutMs?: number;
  /** Consecutive unanswered commands before the modem counts as unresponsive. Default 3. */
  unresponsiveAfter?: number;
  /** SIM and operator are asked every this many polls. Default 5. */
  slowPollEvery?: number;
  /** Default 'auto'. */
  lteSinrFormula?: LteSinrFormula;
  /** Reopen backoff. Defaults 500 ms .. 10 s. */
  retryInitialMs?: number;
  retryMaxMs?: number;
}

export interface CellularModemDriverEvents {
  connection: [connection: DeviceConnection];
  identity: [identity: CellularIdentity];
  reading: [reading: CellularReading];
}

/**
 * Driver for a 4G/5G modem speaking AT commands over a serial port: opens the port
 * (and reopens it after it disappears), initialises the modem, polls 3GPP TS 27.007
 * status and Quectel `+QENG`, listens for registration URCs, and re-initialises after
 * the modem reboots. Emits typed readings; knows nothing of storage or UI.
 */
export class CellularModemDriver extends PollingDriver<CellularReading, SerialProblem, CellularModemDriverEvents> {
  readonly path: string;
  readonly #slowPollEvery: number;
  readonly #sinrFormula: LteSinrFormula;
  /** The modem's model (`AT+CGMM`): which Quectel family, hence which LTE SINR scale. */
  #model: string | undefined;
  readonly #channel: AtChannel;
  #needsInit = true;
  #pollCount = 0;
  /** Set when registration comes back, so SIM and operator are asked on the next poll, not up to five polls later. */
  #askSlowSoon = false;
  #wasRegistered = false;
  #cpinAskedAt = 0;
  readonly #commandTimeoutMs: number;
  readonly #unsupported = new Set<string>();
  readonly #registration = new Map<RegistrationDomain, RegistrationAnswer>();

  /** @throws TypeError naming the first bad option. */
  constructor(options: CellularModemDriverOptions) {
    const path = stringOption('path', options.path);
    const o = integerOptions(options, {
      ...POLLING_OPTIONS,
      baudRate: positive(115200),
      slowPollEvery: positive(5),
    });
    super({ pollIntervalMs: o.pollIntervalMs, unresponsiveAfter: o.unresponsiveAfter, log, name: path });
    this.path = path;
    this.#slowPollEvery = o.slowPollEvery;
    this.#sinrFormula = oneOfOption('lteSinrFormula', options.lteSinrFormula, LteSinrFormula.options, 'auto');
    this.#commandTimeoutMs = o.commandTimeoutMs;
    const serial = new SerialLink({ path, baudRate: o.baudRate, ...backoffOptions(options) });
    this.#channel = new AtChannel({
      write: (data) => {
        if (!serial.write(data)) throw new DeviceNotConnectedError(`${this.path}: port is not open`);
      },
      defaultTimeoutMs: this.#commandTimeoutMs,
      urcPrefixes: URC_PREFIXES,
    });
    this.#channel.on('urc', (line) => this.#onUrc(line));
    this.#channel.on('echo', (line) => {
      // Echo is off after ATE0; any other echoed command means the modem restarted.
      if (line.toUpperCase() !== 'ATE0') this.#needsInit = true;
    });
    this.attach({ link: serial, channel: this.#channel, lines: { onLine: (line) => this.#channel.feedLine(line) } });
  }

  protected linkOpened(): void {
    this.#needsInit = true;
  }

  protected override linkDropped(): void {
    this.#registration.clear();
  }

  protected async poll(): Promise<void> {
    if (this.connection.state === 'unresponsive') await this.#probe();
    else if (this.#needsInit) await this.#initialise();
    else await this.#poll();
  }

  /**
   * Sends one command, counting timeouts. Resolves with the answer, or with the
   * AtCommandError when the modem answered an error final; throws on timeout or close.
   */
  async #send(command: string, prefix?: string, isUnsolicited?: (line: string) => boolean): Promise<AtResponse | AtCommandError> {
    const slow = SLOW_COMMANDS[command];
    const timeoutMs = slow === undefined ? undefined : Math.max(slow, this.#commandTimeoutMs);
    if (command === 'AT+CPIN?') this.#cpinAskedAt = Date.now();
    try {
      const response = await this.#channel.send({ command, prefix, isUnsolicited, timeoutMs });
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
    // Any final result, even ERROR, proves the modem answers again; init re-reads its state.
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
    this.#unsupported.clear();
    this.#registration.clear();
    this.#pollCount = 0;
    await this.#send('ATE0');
    await this.#send('AT+CMEE=1');
    for (const domain of REGISTRATION_DOMAINS) {
      const answer = await this.#send(`AT+${domain}=2`);
      if (answer instanceof AtCommandError && answer.unsupported) this.#unsupported.add(domain);
    }
    const identity: CellularIdentity = {
      manufacturer: await this.#identityLine('AT+CGMI'),
      model: await this.#identityLine('AT+CGMM'),
      revision: await this.#identityLine('AT+CGMR'),
    };
    this.#model = identity.model;
    this.safeEmit('identity', identity);
    if (this.#needsInit) return; // rebooted again during init
    // Ready only once a full poll has been read, so the link is never judged on what the
    // modem said before it went away or rebooted.
    await this.#poll();
    if (!this.#needsInit) this.setConnection({ state: 'ready' });
  }

  async #identityLine(command: string): Promise<string | undefined> {
    const answer = await this.#send(command);
    if (answer instanceof AtCommandError) return undefined;
    const line = answer.lines.find((l) => l.length > 0);
    return line === undefined ? undefined : printable(line.replace(/^\+CG(MI|MM|MR):\s*/, ''), 64);
  }

  async #poll(): Promise<void> {
    if (this.#pollCount % UNSUPPORTED_RETRY_POLLS === UNSUPPORTED_RETRY_POLLS - 1) this.#unsupported.clear();
    const slow = this.#pollCount % this.#slowPollEvery === 0 || this.#askSlowSoon;
    this.#askSlowSoon = false;
    this.#pollCount++;
    const reading: CellularReading = { at: 0 };

    if (slow) await this.#pollSim(reading);
    await this.#pollSignal(reading);
    await this.#pollRegistration(reading);
    if (slow) await this.#pollOperator(reading);

    reading.at = Date.now();
    if (this.#needsInit) return;
    this.safeEmit('reading', reading);
  }

  async #pollSim(reading: CellularReading): Promise<void> {
    const answer = await this.#send('AT+CPIN?', '+CPIN:');
    if (answer instanceof AtCommandError) {
      reading.sim = simStateFromCme(answer.code) ?? 'unknown';
      return;
    }
    reading.sim = answer.lines.map(parseCpin).find((s) => s !== undefined) ?? 'unknown';
  }

  async #pollSignal(reading: CellularReading): Promise<void> {
    const csq = await this.#send('AT+CSQ', '+CSQ:');
    if (!(csq instanceof AtCommandError)) {
      const parsed = csq.lines.map(parseCsq).find((v) => v !== undefined);
      if (parsed) reading.rssiDbm = parsed.rssiDbm ?? null;
    } else this.#noteSimError(csq, reading);

    if (!this.#unsupported.has('CESQ')) {
      const cesq = await this.#send('AT+CESQ', '+CESQ:');
      if (cesq instanceof AtCommandError) {
        if (cesq.unsupported) this.#unsupported.add('CESQ');
      } else {
        const parsed = cesq.lines.map(parseCesq).find((v) => v !== undefined);
        if (parsed) {
          reading.rsrpDbm = parsed.rsrpDbm ?? null;
          reading.rsrqDb = parsed.rsrqDb ?? null;
        }
      }
    }

    if (!this.#unsupported.has('QENG')) {
      const qeng = await this.#send('AT+QENG="servingcell"', '+QENG:');
      if (qeng instanceof AtCommandError) {
        if (qeng.unsupported) this.#unsupported.add('QENG');
        return;
      }
      const cell = parseQengServingCell(qeng.lines, this.#sinrFormula, this.#model);
      if (!cell) return;
      const camped = cell.state !== 'SEARCH' && cell.technology !== undefined;
      reading.technology = camped ? cell.technology : null;
      reading.band = cell.band ?? null;
      reading.cellId = cell.cellId ?? null;
      reading.pci = cell.pci ?? null;
      reading.arfcn = cell.arfcn ?? null;
      if (cell.plmn) reading.plmn = cell.plmn;
      reading.rsrpDbm = cell.rsrpDbm ?? reading.rsrpDbm ?? null;
      reading.rsrqDb = cell.rsrqDb ?? reading.rsrqDb ?? null;
      reading.sinrDb = cell.sinrDb ?? null;
      if (cell.rssiDbm !== undefined) reading.rssiDbm = cell.rssiDbm;
      reading.nrRsrpDbm = cell.nr?.rsrpDbm ?? null;
      reading.nrSinrDb = cell.nr?.sinrDb ?? null;
      if (cell.technology === 'nr5g-sa' || cell.technology === 'nr5g-nsa') {
        if (cell.nr?.band) reading.band = cell.technology === 'nr5g-nsa' && cell.band ? `${cell.band}+${cell.nr.band}` : cell.nr.band;
      }
    }
  }

  async #pollRegistration(reading: CellularReading): Promise<void> {
    for (const domain of REGISTRATION_DOMAINS) {
      if (this.#unsupported.has(domain)) continue;
      const answer = await this.#send(`AT+${domain}?`, `+${domain}:`, isRegistrationUrc);
      if (answer instanceof AtCommandError) {
        if (answer.unsupported) this.#unsupported.add(domain);
        else this.#noteSimError(answer, reading);
        continue;
      }
      const parsed = answer.lines.map(parseRegistration).find((r) => r !== undefined);
      if (parsed) this.#registration.set(domain, parsed);
    }
    this.#foldRegistration(reading);
  }

  async #pollOperator(reading: CellularReading): Promise<void> {
    const answer = await this.#send('AT+COPS?', '+COPS:');
    if (answer instanceof AtCommandError) return;
    const cops = answer.lines.map(parseCops).find((c) => c !== undefined);
    if (!cops) return;
    reading.operatorName = cops.operatorName === undefined ? null : printable(cops.operatorName, 64);
    if (cops.plmn) reading.plmn = cops.plmn;
    if (reading.technology === undefined && cops.technology) reading.technology = cops.technology;
  }

  #noteSimError(error: AtCommandError, reading: CellularReading): void {
    const sim = simStateFromCme(error.code);
    if (sim) reading.sim = sim;
  }

  /** Puts the folded registration into a reading; clears the cell's values when not camped. */
  #foldRegistration(reading: CellularReading): void {
    const folded = foldRegistration([...this.#registration.values()]);
    if (!folded) return;
    reading.registration = folded.state;
    const registered = isRegistered(folded.state);
    if (registered && !this.#wasRegistered) this.#askSlowSoon = true;
    this.#wasRegistered = registered;
    if (!registered) {
      // Not camped: the network values of the last cell no longer describe anything.
      reading.technology = null;
      reading.operatorName = null;
      reading.plmn = null;
    } else if ((reading.technology === undefined || reading.technology === null) && folded.technology) {
      reading.technology = folded.technology;
    }
  }

  #onUrc(line: string): void {
    // A `+CPIN: READY` soon after we asked is a late answer, not a boot sign.
    const lateCpin = line.startsWith('+CPIN:') && Date.now() - this.#cpinAskedAt < LATE_ANSWER_WINDOW_MS;
    if (!lateCpin && BOOT_URCS.some((pattern) => pattern.test(line))) {
      this.#needsInit = true;
      if (this.connection.state === 'ready')
        this.setConnection({ state: 'connecting', problem: { code: 'connecting', detail: 'modem restarted' } });
      return;
    }
    const registration = parseRegistration(line);
    if (registration) {
      this.#registration.set(registration.domain, registration);
      const reading: CellularReading = { at: Date.now() };
      this.#foldRegistration(reading);
      this.safeEmit('reading', reading);
    }
  }
}

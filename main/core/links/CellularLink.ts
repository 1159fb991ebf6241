import { staleAfterMs, type CellularLinkConfig } from '../../../protocol/config/consoleConfig';
import type { CellularRadio, DeviceInfo, Metric } from '../../../protocol/links/linkStatus';
import { CellularModemDriver } from '../../../native/cellular/CellularModemDriver';
import type { CellularIdentity, CellularMetricKey, CellularReading, DeviceConnection } from '../../../native/cellular/cellularTypes';
import { SafeEmitter } from '../../../native/util/SafeEmitter';
import { evaluateCellular } from './cellularEvaluation';
import type { LinkSnapshot, LinkSource, LinkSourceEvents, SamplePoint } from './LinkSource';
import { signalBars } from './signalBars';

/** A value, when it was seen (epoch ms, for display and history) and on the monotonic clock (for age). */
type Seen = { value: unknown; at: number; mono: number };

/** Numeric metrics kept in history (bars are derived and stored too). */
const SAMPLED: readonly CellularMetricKey[] = ['rssiDbm', 'rsrpDbm', 'rsrqDb', 'sinrDb', 'nrRsrpDbm', 'nrSinrDb'];
/** Asked only every fifth poll (see the driver), so they may be that much older before they are stale. */
const SLOW_METRICS: ReadonlySet<CellularMetricKey> = new Set(['sim', 'operatorName', 'plmn']);
const SLOW_POLL_EVERY = 5;

/** The driver surface this adapter uses, so tests can drive it without a port. */
export interface CellularDriverLike {
  on(event: 'connection', listener: (connection: DeviceConnection) => void): unknown;
  on(event: 'identity', listener: (identity: CellularIdentity) => void): unknown;
  on(event: 'reading', listener: (reading: CellularReading) => void): unknown;
  readonly connection: DeviceConnection;
  start(): void;
  close(): Promise<void>;
}

/**
 * A cellular modem as a link: keeps the last value of every metric with when it was
 * seen, marks values stale after `staleAfterMs`, and evaluates the link's state.
 */
export class CellularLink extends SafeEmitter<LinkSourceEvents> implements LinkSource {
  readonly id: string;
  readonly name: string;
  readonly kind = 'cellular' as const;
  readonly metered: boolean;
  readonly #config: CellularLinkConfig;
  readonly #driver: CellularDriverLike;
  readonly #values = new Map<CellularMetricKey, Seen>();
  readonly #monotonic: () => number;
  #identity: CellularIdentity = {};

  /**
   * @param monotonic clock for ages: the wall clock of a vehicle PC steps (NTP, GPS) and
   * must not make old values look fresh. Default `performance.now`.
   */
  constructor(config: CellularLinkConfig, driver?: CellularDriverLike, monotonic: () => number = () => performance.now()) {
    super();
    this.#monotonic = monotonic;
    this.id = config.id;
    this.name = config.name;
    this.metered = config.metered;
    this.#config = config;
    this.#driver =
      driver ??
      new CellularModemDriver({
        path: config.port,
        baudRate: config.baudRate,
        pollIntervalMs: config.pollIntervalMs,
        commandTimeoutMs: config.commandTimeoutMs,
        lteSinrFormula: config.lteSinrFormula,
      });
    this.#driver.on('connection', () => this.safeEmit('changed'));
    this.#driver.on('identity', (identity) => {
      this.#identity = identity;
      this.safeEmit('changed');
    });
    this.#driver.on('reading', (reading) => this.#apply(reading));
  }

  start(): void {
    this.#driver.start();
  }

  async close(): Promise<void> {
    await this.#driver.close();
    this.removeAllListeners();
  }

  #apply(reading: CellularReading): void {
    const mono = this.#monotonic();
    for (const [key, value] of Object.entries(reading) as Array<[CellularMetricKey | 'at', unknown]>) {
      if (key === 'at' || value === undefined) continue;
      if (value === null) this.#values.delete(key);
      else this.#values.set(key, { value, at: reading.at, mono });
    }
    this.safeEmit('changed');
  }

  snapshot(): LinkSnapshot {
    const staleAfter = staleAfterMs(this.#config);
    const slowStaleAfter = staleAfter + SLOW_POLL_EVERY * this.#config.pollIntervalMs;
    const monoNow = this.#monotonic();
    const radio: Record<string, Metric<unknown>> = {};
    const samples: Record<string, SamplePoint> = {};
    for (const [key, seen] of this.#values) {
      const stale = monoNow - seen.mono > (SLOW_METRICS.has(key) ? slowStaleAfter : staleAfter);
      radio[key] = { value: seen.value, at: seen.at, stale };
      if (!stale && typeof seen.value === 'number' && SAMPLED.includes(key)) samples[key] = { value: seen.value, at: seen.at };
    }
    const cellular = radio as CellularRadio;
    const fresh = (m: Metric<number> | undefined) => (m && !m.stale ? m.value : undefined);
    const bars = signalBars({ rsrpDbm: fresh(cellular.rsrpDbm), nrRsrpDbm: fresh(cellular.nrRsrpDbm), rssiDbm: fresh(cellular.rssiDbm) });
    if (bars !== undefined) {
      const at = Math.max(...[cellular.rsrpDbm, cellular.nrRsrpDbm, cellular.rssiDbm].filter((m) => m && !m.stale).map((m) => m!.at));
      cellular.bars = { value: bars, at, stale: false };
      samples.bars = { value: bars, at };
    }
    const connection = this.#driver.connection;
    const device: DeviceInfo = {
      driver: this.#config.driver,
      address: this.#config.port,
      ...withoutUndefined(this.#identity),
      connection: connection.state,
    };
    return { device, cellular, evaluation: evaluateCellular(connection, cellular), samples, capacityKbps: 0 };
  }
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

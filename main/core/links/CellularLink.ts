import type { CellularLinkConfig } from '../../../protocol/config/consoleConfig';
import type { CellularRadio, DeviceInfo, Metric } from '../../../protocol/links/linkStatus';
import { CellularModemDriver } from '../../../native/cellular/CellularModemDriver';
import type { CellularIdentity, CellularMetricKey, CellularReading, DeviceConnection } from '../../../native/cellular/cellularTypes';
import { SafeEmitter } from '../../../native/util/SafeEmitter';
import { evaluateCellular } from './cellularEvaluation';
import type { LinkSnapshot, LinkSource, LinkSourceEvents, SamplePoint } from './LinkSource';
import { signalBars } from './signalBars';

type Seen = { value: unknown; at: number };

/** Numeric metrics kept in history (bars are derived and stored too). */
const SAMPLED: readonly CellularMetricKey[] = ['rssiDbm', 'rsrpDbm', 'rsrqDb', 'sinrDb', 'nrRsrpDbm', 'nrSinrDb'];

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
  #identity: CellularIdentity = {};

  constructor(config: CellularLinkConfig, driver?: CellularDriverLike) {
    super();
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
    for (const [key, value] of Object.entries(reading) as Array<[CellularMetricKey | 'at', unknown]>) {
      if (key === 'at' || value === undefined) continue;
      if (value === null) this.#values.delete(key);
      else this.#values.set(key, { value, at: reading.at });
    }
    this.safeEmit('changed');
  }

  snapshot(now: number): LinkSnapshot {
    const staleAfter = this.#config.staleAfterMs;
    const radio: Record<string, Metric<unknown>> = {};
    const samples: Record<string, SamplePoint> = {};
    for (const [key, seen] of this.#values) {
      const stale = now - seen.at > staleAfter;
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
    return { device, cellular, evaluation: evaluateCellular(connection, cellular), samples };
  }
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

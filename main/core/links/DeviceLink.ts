import { refreshIntervalMs, staleAfterMs, type LinkConfig } from '../../../protocol/config/linkConfig';
import type { DeviceInfo, LinkKind, LinkState } from '../../../protocol/links/linkStatus';
import type { DeviceIdentity } from '../../../native/device/deviceTypes';
import { SafeEmitter } from '../../../platform/events/SafeEmitter';
import type { DriverLike, FamilySpec } from './families/family';
import { ipCapacityKbps } from './families/ip';
import type { LinkSnapshot, LinkSource, LinkSourceEvents, SamplePoint } from './LinkSource';
import { MetricBook } from './MetricBook';
import { PathWatch, type ProberLike } from './PathWatch';
import type { SbdPort } from './sbdPort';
import { StateHold, combineEvaluations } from './StateHold';

export interface DeviceLinkOptions {
  config: LinkConfig;
  /** The device family; absent for links known only by their path (IP satellite, wired, Wi-Fi). */
  family?: FamilySpec;
  /** Injected for tests; default: the family's driver for the config. */
  driver?: DriverLike;
  /** Injected for tests; default: a PathProber for `config.probe`. */
  prober?: ProberLike;
  /** Default `performance.now`. */
  monotonic?: () => number;
}

/**
 * One link of the vehicle: a device (any family) and/or a watched path. Keeps the
 * device's values with their age, settles the device's verdict with hysteresis,
 * combines it with the path's, and offers a snapshot for the hub.
 */
export class DeviceLink extends SafeEmitter<LinkSourceEvents> implements LinkSource {
  readonly id: string;
  readonly name: string;
  readonly kind: LinkKind;
  readonly metered: boolean;
  readonly sbdPort: SbdPort | undefined;
  readonly #config: LinkConfig;
  readonly #family: FamilySpec | undefined;
  readonly #driver: DriverLike | undefined;
  readonly #path: PathWatch | undefined;
  readonly #book: MetricBook;
  readonly #hold: StateHold;
  readonly #monotonic: () => number;
  #identity: DeviceIdentity = {};

  constructor(options: DeviceLinkOptions) {
    super();
    const { config, family } = options;
    this.#config = config;
    this.#family = family;
    this.id = config.id;
    this.name = config.name;
    this.kind = config.kind;
    this.metered = config.metered ?? config.kind === 'satellite-ip';
    this.#monotonic = options.monotonic ?? (() => performance.now());
    this.#book = new MetricBook(this.#monotonic);
    // A device's own "better" verdict must hold for three refreshes (at least 3 s) before it shows.
    this.#hold = new StateHold(Math.max(3000, 3 * refreshIntervalMs(config)));
    if (family) {
      const driver = options.driver ?? family.createDriver(config);
      this.#driver = driver;
      this.sbdPort = family.messagePort?.(driver);
      driver.on('connection', () => this.safeEmit('changed'));
      driver.on('identity', (identity) => {
        this.#identity = identity;
        this.safeEmit('changed');
      });
      driver.on('reading', (reading) => {
        this.#book.apply(reading);
        this.safeEmit('changed');
      });
    }
    if (config.probe) {
      this.#path = new PathWatch(config.kind, config.probe, this.#monotonic, options.prober);
      this.#path.on('changed', () => this.safeEmit('changed'));
    }
    if (!family && !this.#path) throw new TypeError(`link ${config.id}: neither a device nor a probe to watch`);
  }

  start(): void {
    this.#driver?.start();
    this.#path?.start();
  }

  async close(): Promise<void> {
    await Promise.all([this.#driver?.close(), this.#path?.close()]);
    this.removeAllListeners();
  }

  snapshot(): LinkSnapshot {
    const staleAfter = staleAfterMs(this.#config);
    const samples: Record<string, SamplePoint> = {};
    const sections: LinkSnapshot['sections'] = {};
    const family = this.#family;
    let deviceVerdict;
    let section: Record<string, unknown> = {};
    if (family && this.#driver) {
      const extra = family.extraStaleMs?.(this.#config) ?? {};
      const view = this.#book.view((key) => staleAfter + (extra[key] ?? 0), new Set(family.sampled));
      section = view.section;
      family.derive?.(section);
      for (const key of family.sampled) {
        const metric = section[key] as { value: unknown; at: number; stale: boolean } | undefined;
        if (metric && !metric.stale && typeof metric.value === 'number') samples[key] = { value: metric.value, at: metric.at };
      }
      Object.assign(sections, { [family.section]: section });
      deviceVerdict = this.#hold.settle(family.evaluate(this.#driver.connection, section, view.ageMs), this.#monotonic());
    }
    // Probes may run slower than the device is polled: the path ages by its own interval.
    const probe = this.#config.probe;
    const pathView = probe ? this.#path?.view(Math.max(staleAfter, 2 * probe.intervalMs + probe.timeoutMs)) : undefined;
    if (pathView) Object.assign(samples, pathView.samples);
    const evaluation = combineEvaluations(deviceVerdict, pathView?.evaluation);
    return {
      device: this.#deviceInfo(),
      evaluation,
      capacityKbps: this.#capacity(section, evaluation.state),
      sections,
      ...(pathView ? { path: pathView.path } : {}),
      samples,
    };
  }

  #capacity(section: Record<string, unknown>, state: LinkState): number {
    if (this.#family) return this.#family.capacityKbps(this.#config, section, state);
    return ipCapacityKbps(this.#config, state);
  }

  #deviceInfo(): DeviceInfo {
    const config = this.#config;
    if (!this.#family || !this.#driver) {
      return { driver: config.driver, address: config.probe?.target, connection: 'ready' };
    }
    const identity = Object.fromEntries(Object.entries(this.#identity).filter(([, v]) => v !== undefined));
    return { driver: config.driver, address: this.#family.address(config), ...identity, connection: this.#driver.connection.state };
  }
}

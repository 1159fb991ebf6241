import type { ProbeConfig } from '../../../protocol/config/linkConfig';
import type { LinkKind } from '../../../protocol/links/linkStatus';
import type { PathHealth } from '../../../protocol/links/path';
import { PathProber } from '../../../native/probe/PathProber';
import type { ProbeResult } from '../../../native/probe/probeTypes';
import { SafeEmitter } from '../../../platform/events/SafeEmitter';
import { healthSettings } from './health/healthDefaults';
import { PathHealthMonitor } from './health/PathHealthMonitor';
import type { Evaluation, SamplePoint } from './LinkSource';

/** Where probe results come from: a real prober, or a test's hand. */
export interface ProberLike {
  on(event: 'probe', listener: (result: ProbeResult) => void): unknown;
  start(): void;
  close(): Promise<void>;
}

/**
 * A link's path, watched by probes: results go into the health state machine, and the
 * latest figures come out as the PathHealth section, an evaluation and history samples.
 */
export class PathWatch extends SafeEmitter<{ changed: [] }> {
  readonly #probe: ProbeConfig;
  readonly #prober: ProberLike;
  readonly #monitor: PathHealthMonitor;
  readonly #monotonic: () => number;
  #lastAt: number | undefined;
  #lastMono = 0;

  constructor(kind: LinkKind, probe: ProbeConfig, monotonic: () => number, prober?: ProberLike) {
    super();
    this.#probe = probe;
    this.#monotonic = monotonic;
    this.#monitor = new PathHealthMonitor(healthSettings(kind, probe));
    this.#prober =
      prober ??
      new PathProber({
        target: probe.target,
        method: probe.method,
        bindAddress: probe.bindAddress,
        intervalMs: probe.intervalMs,
        timeoutMs: probe.timeoutMs,
      });
    this.#prober.on('probe', (result) => {
      this.#monitor.record(result);
      this.#lastAt = result.at;
      this.#lastMono = this.#monotonic();
      this.safeEmit('changed');
    });
  }

  start(): void {
    this.#prober.start();
  }

  async close(): Promise<void> {
    await this.#prober.close();
    this.removeAllListeners();
  }

  /** The path's figures; stale when no probe came back for `staleAfterMs`, when the verdict turns unknown. */
  view(staleAfterMs: number): { path: PathHealth; evaluation: Evaluation; samples: Record<string, SamplePoint> } {
    const figures = this.#monitor.figures;
    const at = this.#lastAt;
    const stale = at === undefined || this.#monotonic() - this.#lastMono > staleAfterMs;
    const path: PathHealth = { method: this.#probe.method, target: this.#probe.target, lostInARow: figures.lostInARow };
    const samples: Record<string, SamplePoint> = {};
    const put = (key: 'latencyMs' | 'jitterMs' | 'lossPct', value: number | undefined) => {
      if (value === undefined || at === undefined) return;
      const rounded = Math.round(value * 10) / 10;
      path[key] = { value: rounded, at, stale };
      if (!stale) samples[key] = { value: rounded, at };
    };
    put('latencyMs', figures.latencyMs);
    put('jitterMs', figures.jitterMs);
    put('lossPct', figures.lossPct);
    const evaluation: Evaluation =
      stale && at !== undefined
        ? { state: 'unknown', reason: { code: 'stale' } }
        : { state: this.#monitor.state, reason: this.#monitor.reason };
    return { path, evaluation, samples };
  }
}

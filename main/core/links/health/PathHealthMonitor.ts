import type { LinkReason, LinkState } from '../../../../protocol/links/linkStatus';
import type { ProbeResult } from '../../../../native/probe/probeTypes';

/** Probes in the window before loss counts (a handful, so one early loss does not degrade a fresh link). */
const MIN_PROBES_FOR_LOSS = 4;

export interface HealthSettings {
  /** Lost probes in a row that take the path down. */
  downAfter: number;
  /** Good probes in a row that bring a down path back. */
  upAfter: number;
  /** Degraded at or above these (window mean RTT, window loss). */
  failureLatencyMs: number;
  failureLossPct: number;
  /** Out of degraded only at or below these. */
  recoveryLatencyMs: number;
  recoveryLossPct: number;
  /** Probes the figures are taken over. */
  windowSize: number;
}

export interface PathFigures {
  latencyMs: number | undefined;
  jitterMs: number | undefined;
  lossPct: number | undefined;
  lostInARow: number;
}

/**
 * Path health with hysteresis, in the spirit of OpenWrt mwan3: a path goes down after
 * `downAfter` lost probes in a row and comes back only after `upAfter` good ones; it is
 * degraded when the window's loss or latency crosses the failure line and recovers only
 * below the (lower) recovery line, so a link near a threshold does not thrash. Fed probe
 * results one by one; a pure state machine with no clock of its own.
 */
export class PathHealthMonitor {
  readonly #settings: HealthSettings;
  readonly #window: ProbeResult[] = [];
  #state: LinkState = 'unknown';
  #reason: LinkReason = { code: 'starting' };
  #lostInARow = 0;
  #goodInARow = 0;

  constructor(settings: HealthSettings) {
    if (settings.failureLatencyMs < settings.recoveryLatencyMs || settings.failureLossPct < settings.recoveryLossPct) {
      throw new TypeError('recovery thresholds must not exceed failure thresholds');
    }
    this.#settings = settings;
  }

  get state(): LinkState {
    return this.#state;
  }

  get reason(): LinkReason {
    return this.#reason;
  }

  get figures(): PathFigures {
    const good = this.#window.filter((r) => r.ok && r.rttMs !== undefined).map((r) => r.rttMs!);
    const latencyMs = good.length > 0 ? good.reduce((a, b) => a + b, 0) / good.length : undefined;
    let jitterMs: number | undefined;
    if (good.length >= 2) {
      let sum = 0;
      for (let i = 1; i < good.length; i++) sum += Math.abs(good[i]! - good[i - 1]!);
      jitterMs = sum / (good.length - 1);
    }
    const lossPct = this.#window.length > 0 ? (100 * this.#window.filter((r) => !r.ok).length) / this.#window.length : undefined;
    return { latencyMs, jitterMs, lossPct, lostInARow: this.#lostInARow };
  }

  record(result: ProbeResult): void {
    if (!result.ok && this.#state !== 'down' && this.#lostInARow + 1 >= this.#settings.downAfter) {
      // Going down: the outage's losses must not hold the link in "degraded" after it recovers.
      this.#window.length = 0;
    }
    this.#window.push(result);
    if (this.#window.length > this.#settings.windowSize) this.#window.shift();
    if (result.ok) {
      this.#goodInARow++;
      this.#lostInARow = 0;
    } else {
      this.#lostInARow++;
      this.#goodInARow = 0;
    }
    this.#step(result);
  }

  #step(result: ProbeResult): void {
    const s = this.#settings;
    if (this.#lostInARow >= s.downAfter) {
      this.#set('down', {
        code: 'probes-lost',
        detail: `${this.#lostInARow} probes lost in a row${result.error && result.error !== 'timeout' ? ` (${result.error})` : ''}`,
      });
      return;
    }
    if (this.#state === 'down') {
      if (this.#goodInARow >= s.upAfter) this.#setQuality(true);
      // Still down because probes were lost (the why), now on its way back (the countdown).
      else
        this.#reason = {
          code: 'probes-lost',
          ...(this.#reason.detail ? { detail: this.#reason.detail } : {}),
          recovery: { done: this.#goodInARow, of: s.upAfter, unit: 'probes' },
        };
      return;
    }
    if (this.#state === 'unknown') {
      // No evidence either way yet: the first good probe is enough to call it usable.
      if (result.ok) this.#setQuality(true);
      return;
    }
    this.#setQuality(false);
  }

  /** Up or degraded by the window's figures, with the hysteresis band in between. */
  #setQuality(fresh: boolean): void {
    const s = this.#settings;
    const { latencyMs, lossPct } = this.figures;
    // Loss is judged only over enough probes: one lost probe of two is not "50 % loss".
    const loss = this.#window.length >= MIN_PROBES_FOR_LOSS ? (lossPct ?? 0) : 0;
    const latency = latencyMs ?? 0;
    const failing = loss >= s.failureLossPct ? 'loss' : latency >= s.failureLatencyMs ? 'latency' : undefined;
    const recovered = loss <= s.recoveryLossPct && latency <= s.recoveryLatencyMs;
    if (failing) {
      this.#set(
        'degraded',
        failing === 'loss'
          ? { code: 'high-loss', detail: `${Math.round(loss)} % lost (≥ ${s.failureLossPct} %)` }
          : { code: 'high-latency', detail: `${Math.round(latency)} ms (≥ ${s.failureLatencyMs} ms)` },
      );
    } else if (recovered || fresh || this.#state === 'up') {
      this.#set('up', { code: 'ok' });
    }
    // else: degraded and between the lines — stay degraded (hysteresis).
  }

  #set(state: LinkState, reason: LinkReason): void {
    this.#state = state;
    this.#reason = reason;
  }
}

import type { LinkState } from '../../../protocol/links/linkStatus';
import type { Evaluation } from './LinkSource';

const RANK: Record<Exclude<LinkState, 'unknown'>, number> = { up: 0, degraded: 1, down: 2 };

/**
 * Hysteresis for a device's own verdict (registration, service, fix): a step to a worse
 * or an unknown state is shown at once — truth first when a link dies — but a step back
 * to a better state must hold for `holdMs` before it is shown, so a flapping link does
 * not make the state thrash. Path probes have their own counters (PathHealthMonitor).
 */
export class StateHold {
  readonly #holdMs: number;
  #shown: Evaluation | undefined;
  /** The last definite state shown, to judge a return from `unknown`. */
  #lastDefinite: Exclude<LinkState, 'unknown'> | undefined;
  /** Since when the candidate has been better than what is shown (whichever better state). */
  #betterSince: number | undefined;

  constructor(holdMs: number) {
    this.#holdMs = holdMs;
  }

  settle(candidate: Evaluation, now: number): Evaluation {
    const shown = this.#shown;
    const reference = shown?.state === 'unknown' ? this.#lastDefinite : (shown?.state as Exclude<LinkState, 'unknown'> | undefined);
    const better = candidate.state !== 'unknown' && reference !== undefined && RANK[candidate.state] < RANK[reference];
    if (!better) {
      this.#betterSince = undefined;
      return this.#show(candidate);
    }
    // One clock for "better", so a candidate alternating between up and degraded still gets through.
    this.#betterSince ??= now;
    const held = now - this.#betterSince;
    if (held >= this.#holdMs) {
      this.#betterSince = undefined;
      return this.#show(candidate);
    }
    const kept = shown ?? candidate;
    // Still shown as it was, for the reason it was: the countdown rides along, the why leads.
    return {
      state: kept.state,
      reason: { ...kept.reason, recovery: { done: Math.floor(held / 1000), of: Math.ceil(this.#holdMs / 1000), unit: 's' } },
    };
  }

  #show(evaluation: Evaluation): Evaluation {
    this.#shown = evaluation;
    if (evaluation.state !== 'unknown') this.#lastDefinite = evaluation.state;
    return evaluation;
  }
}

/**
 * One verdict from the device's and the path's: the worse wins, but `unknown` on one
 * side yields to a definite verdict on the other (the path proves traffic flows even
 * when the modem's control port is gone — the reason then says what is wrong with the
 * modem; the modem proves it is unregistered even before probes notice).
 */
export function combineEvaluations(device: Evaluation | undefined, path: Evaluation | undefined): Evaluation {
  if (!device) return path ?? { state: 'unknown', reason: { code: 'starting' } };
  if (!path) return device;
  // The path still carries traffic while the device is silent: say so, and say why the radio values are missing.
  if (device.state === 'unknown')
    return path.state === 'unknown' ? device : path.state === 'up' ? { state: 'up', reason: device.reason } : path;
  if (path.state === 'unknown') return device;
  return RANK[path.state] > RANK[device.state] ? path : device;
}

import type { CellularRadio, LinkReason, LinkState } from '../../../protocol/links/linkStatus';
import type { DeviceConnection } from '../../../native/cellular/cellularTypes';

export interface Evaluation {
  state: LinkState;
  reason: LinkReason;
}

/** Bars at or below this make a registered link `degraded`. */
export const WEAK_SIGNAL_BARS = 1;

/**
 * The state of a cellular link, as a pure function of what the driver last knew.
 * Order matters: a port that is gone outranks a SIM problem, which outranks
 * registration, which outranks signal. Stale registration is `unknown`: we do not
 * claim a link is up on old news.
 */
export function evaluateCellular(connection: DeviceConnection, radio: CellularRadio): Evaluation {
  switch (connection.state) {
    case 'lost':
      return { state: 'unknown', reason: connection.problem ?? { code: 'port-closed' } };
    case 'unresponsive':
      return { state: 'unknown', reason: connection.problem ?? { code: 'not-responding' } };
    case 'connecting':
      return { state: 'unknown', reason: connection.problem ?? { code: 'connecting' } };
    case 'ready':
      break;
  }

  const sim = radio.sim;
  if (sim && !sim.stale) {
    if (sim.value === 'absent') return { state: 'down', reason: { code: 'no-sim' } };
    if (sim.value === 'pin-required' || sim.value === 'puk-required') return { state: 'down', reason: { code: 'sim-locked' } };
    if (sim.value === 'failure') return { state: 'down', reason: { code: 'sim-failure' } };
  }

  const registration = radio.registration;
  if (!registration) return { state: 'unknown', reason: { code: 'starting' } };
  if (registration.stale) return { state: 'unknown', reason: { code: 'stale' } };
  switch (registration.value) {
    case 'home':
    case 'roaming': {
      const bars = radio.bars;
      if (bars && !bars.stale && bars.value <= WEAK_SIGNAL_BARS) return { state: 'degraded', reason: { code: 'weak-signal' } };
      return { state: 'up', reason: { code: 'ok' } };
    }
    case 'searching':
      return { state: 'down', reason: { code: 'searching' } };
    case 'denied':
      return { state: 'down', reason: { code: 'denied' } };
    case 'emergency-only':
      return { state: 'down', reason: { code: 'emergency-only' } };
    default:
      return { state: 'down', reason: { code: 'not-registered' } };
  }
}

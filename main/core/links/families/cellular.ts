import type { CellularLinkConfig } from '../../../../protocol/config/linkConfig';
import type { AccessTechnology } from '../../../../protocol/links/cellular';
import type { CellularRadio, LinkState, Metric } from '../../../../protocol/links/linkStatus';
import { CellularModemDriver } from '../../../../native/cellular/CellularModemDriver';
import type { DeviceConnection } from '../../../../native/device/deviceTypes';
import type { Evaluation } from '../LinkSource';
import { signalBars } from '../signalBars';
import type { FamilySpec } from './family';
import { connectionEvaluation } from './connection';

/** Bars at or below this make a registered link `degraded`. */
export const WEAK_SIGNAL_BARS = 1;

/**
 * The state of a cellular link, as a pure function of what the driver last knew.
 * Order matters: a port that is gone outranks a SIM problem, which outranks
 * registration, which outranks signal. Stale registration is `unknown`: we do not
 * claim a link is up on old news.
 */
export function evaluateCellular(connection: DeviceConnection, radio: CellularRadio): Evaluation {
  const notReady = connectionEvaluation(connection);
  if (notReady) return notReady;

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

/**
 * Typical usable downlink of each technology on a good signal, kbit/s: planning
 * figures for the link policy, not measurements; scaled down by bars.
 */
const TECHNOLOGY_KBPS: Record<AccessTechnology, number> = {
  gsm: 40,
  umts: 384,
  hspa: 3000,
  lte: 20_000,
  'nb-iot': 30,
  'nr5g-nsa': 60_000,
  'nr5g-sa': 80_000,
  unknown: 1000,
};
const BAR_FACTOR = [0.03, 0.1, 0.25, 0.5, 0.8, 1];

export function cellularCapacityKbps(config: Pick<CellularLinkConfig, 'capacityKbps'>, radio: CellularRadio, state: LinkState): number {
  if (state !== 'up' && state !== 'degraded') return 0;
  const technology = radio.technology && !radio.technology.stale ? radio.technology.value : 'unknown';
  const bars = radio.bars?.value ?? 2;
  const estimate = Math.round(TECHNOLOGY_KBPS[technology] * (BAR_FACTOR[bars] ?? 0.25));
  return config.capacityKbps === undefined ? estimate : Math.min(config.capacityKbps, estimate);
}

/** The cellular modem as a link (driver `at-cellular`). */
export const cellularFamily: FamilySpec<CellularLinkConfig, CellularRadio> = {
  section: 'cellular',
  sampled: ['rssiDbm', 'rsrpDbm', 'rsrqDb', 'sinrDb', 'nrRsrpDbm', 'nrSinrDb', 'bars'],
  // SIM and operator are asked every fifth poll (see the driver).
  extraStaleMs: (config) => ({ sim: 5 * config.pollIntervalMs, operatorName: 5 * config.pollIntervalMs, plmn: 5 * config.pollIntervalMs }),
  address: (config) => config.port,
  createDriver: (config) =>
    new CellularModemDriver({
      path: config.port,
      baudRate: config.baudRate,
      pollIntervalMs: config.pollIntervalMs,
      commandTimeoutMs: config.commandTimeoutMs,
      lteSinrFormula: config.lteSinrFormula,
    }),
  derive(radio) {
    const fresh = (m: Metric<number> | undefined) => (m && !m.stale ? m : undefined);
    const measures = [fresh(radio.rsrpDbm), fresh(radio.nrRsrpDbm), fresh(radio.rssiDbm)];
    const bars = signalBars({ rsrpDbm: measures[0]?.value, nrRsrpDbm: measures[1]?.value, rssiDbm: measures[2]?.value });
    if (bars === undefined) return;
    radio.bars = { value: bars, at: Math.max(...measures.filter((m) => m !== undefined).map((m) => m.at)), stale: false };
  },
  evaluate: evaluateCellular,
  capacityKbps: cellularCapacityKbps,
};

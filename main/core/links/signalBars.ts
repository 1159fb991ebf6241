/**
 * Signal bars (0..5) the operator reads at a glance. Our own thresholds, close to what
 * phones show: RSRP in 10 dB steps from −80 dBm (LTE and NR alike), RSSI (from
 * `+CSQ`, used only when no RSRP exists) in 10 dB steps from −65 dBm.
 */

const RSRP_STEPS = [-80, -90, -100, -110, -120];
const RSSI_STEPS = [-65, -75, -85, -95, -105];

function barsFrom(value: number, steps: readonly number[]): number {
  const index = steps.findIndex((threshold) => value >= threshold);
  return index < 0 ? 0 : steps.length - index;
}

export function barsFromRsrp(rsrpDbm: number): number {
  return barsFrom(rsrpDbm, RSRP_STEPS);
}

export function barsFromRssi(rssiDbm: number): number {
  return barsFrom(rssiDbm, RSSI_STEPS);
}

/** The best of the measures the modem gave; undefined when it gave none. */
export function signalBars(measures: { rsrpDbm?: number; nrRsrpDbm?: number; rssiDbm?: number }): number | undefined {
  const fromRsrp = [measures.rsrpDbm, measures.nrRsrpDbm].filter((v): v is number => v !== undefined).map(barsFromRsrp);
  if (fromRsrp.length > 0) return Math.max(...fromRsrp);
  return measures.rssiDbm === undefined ? undefined : barsFromRssi(measures.rssiDbm);
}

import type { LinkKind } from '../../../../protocol/links/linkStatus';
import type { ProbeConfig } from '../../../../protocol/config/linkConfig';
import type { HealthSettings } from './PathHealthMonitor';

/**
 * Latency lines per kind: mwan3's 1000/500 ms suit terrestrial links; a GEO satellite
 * path is ~600 ms before anything goes wrong, so its lines sit higher.
 */
const LATENCY_LINES: Record<'terrestrial' | 'satellite', { failure: number; recovery: number }> = {
  terrestrial: { failure: 1000, recovery: 500 },
  satellite: { failure: 2000, recovery: 1200 },
};

export function healthSettings(kind: LinkKind, probe: ProbeConfig): HealthSettings {
  const lines = LATENCY_LINES[kind === 'satellite-ip' || kind === 'satellite-sbd' ? 'satellite' : 'terrestrial'];
  const failureLatencyMs = probe.failureLatencyMs ?? lines.failure;
  return {
    downAfter: probe.downAfter,
    upAfter: probe.upAfter,
    failureLatencyMs,
    failureLossPct: probe.failureLossPct,
    recoveryLatencyMs: Math.min(probe.recoveryLatencyMs ?? lines.recovery, failureLatencyMs),
    recoveryLossPct: Math.min(probe.recoveryLossPct, probe.failureLossPct),
    windowSize: probe.windowSize,
  };
}

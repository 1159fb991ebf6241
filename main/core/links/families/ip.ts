import type { LinkConfig } from '../../../../protocol/config/linkConfig';
import type { LinkState } from '../../../../protocol/links/linkStatus';

/** Planning capacity of path-only links when the config gives none, kbit/s. */
const DEFAULT_KBPS: Partial<Record<LinkConfig['kind'], number>> = {
  'satellite-ip': 512,
  wired: 100_000,
  wifi: 20_000,
};

export function ipCapacityKbps(config: LinkConfig, state: LinkState): number {
  if (state !== 'up' && state !== 'degraded') return 0;
  return config.capacityKbps ?? DEFAULT_KBPS[config.kind] ?? 1000;
}

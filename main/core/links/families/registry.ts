import type { LinkConfig } from '../../../../protocol/config/linkConfig';
import { cellularFamily } from './cellular';
import type { FamilySpec } from './family';

/**
 * The device family behind each driver name: the one place a new family is wired into
 * the core. `ip-probe` links have no device, only a watched path.
 */
export function familyFor(config: LinkConfig): FamilySpec | undefined {
  switch (config.driver) {
    case 'at-cellular':
      return cellularFamily as FamilySpec;
    case 'ip-probe':
      return undefined;
    default:
      throw new TypeError(`links[${config.id}]: the ${config.driver} driver is not wired in yet`);
  }
}

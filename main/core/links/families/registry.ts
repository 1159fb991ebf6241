import type { LinkConfig } from '../../../../protocol/config/linkConfig';
import { cellularFamily } from './cellular';
import type { FamilySpec } from './family';
import { gpsdFamily, nmeaFamily } from './gnss';
import { civFamily, rigctldFamily } from './hf';
import { sbdFamily } from './sbd';

/**
 * The device family behind each driver name: the one place a new family is wired into
 * the core. `ip-probe` links have no device, only a watched path.
 */
export function familyFor(config: LinkConfig): FamilySpec | undefined {
  switch (config.driver) {
    case 'at-cellular':
      return cellularFamily as FamilySpec;
    case 'iridium-sbd':
      return sbdFamily as FamilySpec;
    case 'rigctld':
      return rigctldFamily as FamilySpec;
    case 'icom-civ':
      return civFamily as FamilySpec;
    case 'nmea':
      return nmeaFamily as FamilySpec;
    case 'gpsd':
      return gpsdFamily as FamilySpec;
    case 'ip-probe':
      return undefined;
  }
}

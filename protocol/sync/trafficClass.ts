import type { TrafficClass } from '../links/policy';
import type { Priority } from './items';

/**
 * Which traffic class of the link policy an item travels as: flash as `flash`, bulk as
 * `bulk`, everything between as `routine`. Polling for orders and acknowledgements are
 * `control`.
 */
export function trafficClassOf(priority: Priority): TrafficClass {
  if (priority === 'flash') return 'flash';
  if (priority === 'bulk') return 'bulk';
  return 'routine';
}

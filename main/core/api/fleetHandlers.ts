import type { CoreApiHandlers } from '../../../protocol/api/coreApi';
import type { fleetMethods } from '../../../protocol/api/fleet';
import { listFleet } from '../store/fleetRepo';
import type { Store } from '../store/Store';
import { storeError } from '../store/StoreError';

/** The `fleet.*` methods (spread into the console's handlers): other vehicles' positions. */
export function createFleetHandlers(store: Store): Pick<CoreApiHandlers, keyof typeof fleetMethods> {
  return {
    'fleet.positions': () => {
      try {
        return listFleet(store.db);
      } catch (error) {
        throw storeError(error, store.file);
      }
    },
  };
}

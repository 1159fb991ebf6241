import type { CoreApiHandlers } from '../../../protocol/api/coreApi';
import type { dutyMethods } from '../../../protocol/api/duty';
import type { DutyService } from '../ops/duty/DutyService';
import { handoverById, listCalls, listEntries, listHandovers, listShifts } from '../store/dutyRepo';
import { NotFoundError } from '../ops/MessageService';
import type { Store } from '../store/Store';
import { storeError } from '../store/StoreError';

/** The `duty.*` methods (spread into the console's handlers). */
export function createDutyHandlers(
  duty: DutyService,
  store: Store,
  videoSession: (live: boolean, linkName: string | undefined) => void,
): Pick<CoreApiHandlers, keyof typeof dutyMethods> {
  const read = <T>(work: () => T): T => {
    try {
      return work();
    } catch (error) {
      if (error instanceof NotFoundError) throw error;
      throw storeError(error, store.file);
    }
  };
  return {
    'duty.current': () => read(() => duty.current()),
    'duty.startShift': (p) => duty.startShift(p),
    'duty.endShift': () => duty.endShift(),
    'duty.log': (q) => read(() => listEntries(store.db, q)),
    'duty.addEntry': (p) => duty.addEntry(p),
    'duty.calls': ({ shiftId, limit }) => read(() => listCalls(store.db, shiftId, limit)),
    'duty.addCall': (p) => duty.addCall(p),
    'duty.updateCall': (p) => duty.updateCall(p),
    'duty.getCall': ({ id }) => read(() => duty.getCall(id)),
    'duty.handover': () => read(() => duty.handoverPrefill()),
    'duty.signHandover': (p) => duty.signHandover(p),
    'duty.handovers': ({ limit }) => read(() => listHandovers(store.db, limit)),
    'duty.getHandover': ({ id }) => {
      const found = read(() => handoverById(store.db, id));
      if (!found) throw new NotFoundError(`no handover with id ${id}`);
      return found;
    },
    'duty.shifts': ({ limit }) => read(() => listShifts(store.db, limit)),
    'duty.videoSession': ({ live, linkName }) => {
      videoSession(live, linkName);
      return {};
    },
  };
}

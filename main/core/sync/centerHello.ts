import { reconcileWithCenter, setCenterName, type SyncVehicleState } from '../store/syncStateRepo';
import type { Store } from '../store/Store';
import { storeError } from '../store/StoreError';
import type { Logger } from '../../../platform/log/logger';
import { CenterRequestError } from './CenterRequestError';
import { requestLimits, type LinkRoute } from './linkRoute';
import type { SyncCenter } from './SyncCenter';

/**
 * The hello every run of the sync engine starts with: the center says who this token is
 * and where its sequences stand, and the store is squared with that (see
 * `reconcileWithCenter`: first contact, an older copy of this disk, a center restored
 * from a backup). Throws CenterRequestError or DatabaseError.
 */
export async function greetCenter(options: {
  client: Pick<SyncCenter, 'hello'>;
  link: LinkRoute;
  vehicleId: string;
  store: Store;
  log: Logger;
  renumber: boolean;
}): Promise<SyncVehicleState> {
  const { client, link, vehicleId, store, log } = options;
  const hello = await client.hello(link.route, requestLimits(link, 0));
  if (hello.vehicleId !== vehicleId)
    throw new CenterRequestError(
      'auth',
      'unknown-vehicle',
      `the center knows this token as vehicle "${hello.vehicleId}", not "${vehicleId}"`,
    );
  let reconciled;
  try {
    reconciled = reconcileWithCenter(store.db, vehicleId, hello, { renumber: options.renumber });
    setCenterName(store.db, vehicleId, hello.name);
  } catch (error) {
    throw storeError(error, store.file);
  }
  if (reconciled.renumbered)
    log.warn(
      `the center holds items this console never numbered (a restored or copied disk): new items are numbered after seq ${hello.highestSeq}`,
    );
  if (reconciled.requeued > 0)
    log.warn(
      `the center no longer holds ${reconciled.requeued} item(s) this console delivered (restored from a backup?): sending them again`,
    );
  if (reconciled.downAckReset)
    log.warn(`the center's downlink stands at ${hello.downSeq}, behind this console's acknowledgement: taking its numbering`);
  log.info(
    `center at ${link.route.baseUrl} knows this vehicle as "${hello.name}" (${hello.vehicleId}); holding up to seq ${hello.highestSeq}`,
  );
  return reconciled.state;
}

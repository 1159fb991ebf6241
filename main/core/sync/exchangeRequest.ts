import type { ExchangeRequest, LinkSummary } from '../../../protocol/sync/exchange';
import { inboxIdAt } from '../store/inboxRepo';
import { waitingBeside } from '../store/outboxRepo';
import type { Store } from '../store/Store';
import type { SyncVehicleState } from '../store/syncStateRepo';
import type { ExchangePlan } from './exchangePlan';

/**
 * The body of one exchange: the plan's items, the downlink acknowledged (with the id of the
 * item at the ack, so a center restored from a backup is caught), the links' summaries when
 * due, what waits beside these items, and the fleet question when one is asked.
 */
export function exchangeRequest(
  store: Store,
  vehicle: SyncVehicleState,
  plan: ExchangePlan,
  links: LinkSummary[] | undefined,
  fleet: Pick<ExchangeRequest, 'fleetSince'> | undefined,
): ExchangeRequest {
  const { db } = store;
  const downAckId = vehicle.downAck > 0 ? inboxIdAt(db, vehicle.vehicleId, vehicle.downAck) : undefined;
  return {
    v: 1,
    items: plan.encoded,
    downAck: vehicle.downAck,
    ...(downAckId ? { downAckId } : {}),
    ...(links ? { links } : {}),
    queued: waitingBeside(db, plan.entries),
    ...fleet,
  };
}

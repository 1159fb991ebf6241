import type { InboxItemView } from '../../../protocol/api/messaging';
import type { CrewOrderState, Priority } from '../../../protocol/sync/items';
import { refuseCrewStep, type OrderProgress } from '../../../protocol/sync/orderLifecycle';

/** A step the order's state does not allow (already done, cancelled, out of order): HTTP-like 409, shown with its reason. */
export class ConflictError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConflictError';
  }
}

/** Where an order stands at the crew: their furthest step, or delivered (acknowledged if answered the old way). */
export function crewProgress(order: InboxItemView): OrderProgress {
  return order.state ?? (order.ackedBy ? 'acknowledged' : 'delivered');
}

/**
 * How urgent a step travels: the answer to a flash order is flash; acknowledging or refusing
 * is at least immediate (the desk waits on it); progress reports follow the order's own urgency.
 */
export function stepPriority(order: Priority, step: CrewOrderState): Priority {
  if (order === 'flash') return 'flash';
  if (step === 'acknowledged' || step === 'cannot-do') return 'immediate';
  return order === 'immediate' ? 'immediate' : 'priority';
}

/** Throws ConflictError when the crew may not take `step` on `order` now. */
export function checkCrewStep(order: InboxItemView, step: CrewOrderState): void {
  if (order.kind !== 'order') throw new ConflictError(`${order.id} is not an order`);
  const refusal = refuseCrewStep(crewProgress(order), step, order.cancelledAt !== null);
  if (refusal) throw new ConflictError(refusal);
}

import type { SyncItem } from '../../protocol/sync/items';
import type { ExchangeTx } from '../store/CenterStore';
import { applyDutyEffects } from './dutyEffects';

/**
 * What a newly stored uplink item changes beside itself, in the same unit of work: a crew
 * step moves its order, a receipt marks downlink items read, and a message answering an
 * order (how consoles before the order lifecycle acknowledged) counts as its 签收.
 */
export async function applyItemEffects(tx: ExchangeTx, item: SyncItem, vehicleName: string): Promise<void> {
  switch (item.kind) {
    case 'order-state':
      await tx.addOrderStep(item.body.orderId, { state: item.body.state, at: item.createdAt, by: vehicleName, reason: item.body.reason });
      return;
    case 'receipt':
      await tx.markDownlinkRead(item.body.read, item.createdAt);
      return;
    case 'message': {
      const replyTo = item.body.replyTo;
      const order = replyTo === undefined ? undefined : await tx.orderRecipient(replyTo);
      if (replyTo !== undefined && order?.state === 'issued')
        await tx.addOrderStep(replyTo, { state: 'acknowledged', at: item.createdAt, by: vehicleName, reason: item.body.text });
      return;
    }
    case 'duty':
      await applyDutyEffects(tx, item);
      return;
    default:
      return;
  }
}

/** Why an item cannot be taken, for kinds that name something the center must hold; undefined when it can. */
export async function refuseReference(tx: ExchangeTx, item: SyncItem): Promise<string | undefined> {
  if (item.kind === 'order-state' && !(await tx.orderRecipient(item.body.orderId)))
    return `no order ${item.body.orderId} was sent to this vehicle`;
  return undefined;
}

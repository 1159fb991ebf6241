import type { SyncItem } from '../../protocol/sync/items';
import type { ExchangeTx } from '../store/CenterStore';
import { applyDutyEffects } from './dutyEffects';

/**
 * What a newly stored uplink item changes beside itself, in the same unit of work: a crew
 * step moves its order, a receipt marks downlink items read, and a message answering an
 * order (how consoles before the order lifecycle acknowledged) counts as its 签收. A report
 * joins its incident's chain — stored whatever its place in the chain, never refused (see
 * center/store/incidentView.ts) — and a thumbnail is linked to its original.
 */
export async function applyItemEffects(tx: ExchangeTx, item: SyncItem, vehicleName: string, receivedAt = Date.now()): Promise<void> {
  switch (item.kind) {
    case 'report':
      await tx.incidents.addReport({ id: item.id, body: item.body, createdAt: item.createdAt, receivedAt });
      return;
    case 'attachment':
      if (item.body.thumbnailOf !== undefined) await tx.incidents.linkThumbnail(item.body.thumbnailOf, item.body.attachmentId);
      return;
    case 'order-state':
      await tx.addOrderStep(item.body.orderId, {
        state: item.body.state,
        at: item.createdAt,
        by: vehicleName,
        reason: item.body.reason,
        uplinkId: item.id,
      });
      return;
    case 'receipt':
      await tx.markDownlinkRead(item.body.read, item.createdAt);
      return;
    case 'message': {
      const replyTo = item.body.replyTo;
      const order = replyTo === undefined ? undefined : await tx.orderRecipient(replyTo);
      if (replyTo !== undefined && order?.state === 'issued')
        await tx.addOrderStep(replyTo, {
          state: 'acknowledged',
          at: item.createdAt,
          by: vehicleName,
          reason: item.body.text,
          uplinkId: item.id,
        });
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

import type { SyncItem } from '../../protocol/sync/items';
import type { ExchangeTx } from '../store/CenterStore';

/**
 * A vehicle's `duty` item, newly stored: its shift, entry, call or handover joins the
 * center's duty tables in the same unit of work (a copy sent again replaces an older one).
 */
export async function applyDutyEffects(tx: ExchangeTx, item: Extract<SyncItem, { kind: 'duty' }>): Promise<void> {
  await tx.applyDuty(item.body, item.id, item.createdAt);
}

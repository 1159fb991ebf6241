import type { InboxItemView } from '../../../protocol/api/messaging';
import { isFinished } from '../../../protocol/sync/orderLifecycle';
import type { TileCrs } from '../../map/geo';
import { OrderTargetPoints, type OrderTarget } from '../../map/OrderTargetPoints';

/** Where the center's open orders send the crew: the orders in the inbox that have a target and are neither cancelled nor finished. */
export function OrderTargets({ items, crs }: { items: InboxItemView[]; crs: TileCrs }) {
  const targets = items.flatMap((item): OrderTarget[] =>
    item.kind === 'order' && item.body.target && item.cancelledAt === null && !isFinished(item.state ?? 'delivered')
      ? [{ id: item.id, place: item.body.target, text: item.body.text, from: item.body.from }]
      : [],
  );
  return <OrderTargetPoints targets={targets} crs={crs} />;
}

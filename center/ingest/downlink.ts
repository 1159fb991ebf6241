import { encodeItem } from '../../protocol/sync/codec';
import type { DirectoryRequest, OrderRequest } from '../../protocol/sync/desk';
import type { SyncItem } from '../../protocol/sync/items';
import { uuidv7 } from '../../protocol/sync/uuid';
import type { CenterStore, NewDownlinkItem, QueuedDownlinkRecord } from '../store/CenterStore';

/**
 * Puts orders and directories in vehicles' downlink queues, each item encoded once in
 * its wire form with the vehicle's next downlink sequence. `createdAt` is kept to the
 * second, as the wire carries it, so the desk and the vehicle see the same time.
 */

function wholeSeconds(ms: number): number {
  return Math.floor(ms / 1000) * 1000;
}

function downlinkItem(item: SyncItem): NewDownlinkItem {
  return {
    id: item.id,
    kind: item.kind,
    priority: item.priority,
    createdAt: item.createdAt,
    wire: encodeItem(item),
    body: item.body as Record<string, unknown>,
  };
}

export async function queueOrder(
  store: CenterStore,
  vehicleId: string,
  from: string,
  order: OrderRequest,
  now = Date.now(),
): Promise<QueuedDownlinkRecord> {
  const createdAt = wholeSeconds(now);
  const [queued] = await store.queueDownlink([vehicleId], (_vehicle, seq) =>
    downlinkItem({
      kind: 'order',
      seq,
      id: uuidv7(now),
      priority: order.priority,
      createdAt,
      body: { text: order.text, from, requireAck: order.requireAck },
    }),
  );
  return queued!;
}

export function queueDirectory(
  store: CenterStore,
  vehicleIds: readonly string[],
  request: DirectoryRequest,
  now = Date.now(),
): Promise<QueuedDownlinkRecord[]> {
  const createdAt = wholeSeconds(now);
  return store.queueDownlink(vehicleIds, (_vehicle, seq) =>
    downlinkItem({ kind: 'directory', seq, id: uuidv7(now), priority: 'routine', createdAt, body: { entries: request.entries } }),
  );
}

import { encodeItem } from '../../protocol/sync/codec';
import type { DeskMessageRequest, DirectoryRequest, OrderRequest } from '../../protocol/sync/desk';
import type { Priority, SyncItem } from '../../protocol/sync/items';
import { uuidv7 } from '../../protocol/sync/uuid';
import type { CenterStore, NewDownlinkItem, QueuedDownlinkRecord } from '../store/CenterStore';

/**
 * Puts orders, their cancellations, staff messages, receipts and directories in vehicles' downlink queues, each item encoded once in
 * its wire form with the vehicle's next downlink sequence. `createdAt` is kept to the
 * second, as the wire carries it, so the desk and the vehicle see the same time.
 */

export function wholeSeconds(ms: number): number {
  return Math.floor(ms / 1000) * 1000;
}

/** An item in the form the downlink queue keeps: its wire bytes and its decoded body for the desk. */
export function downlinkItem(item: SyncItem): NewDownlinkItem {
  return {
    id: item.id,
    kind: item.kind,
    priority: item.priority,
    createdAt: item.createdAt,
    wire: encodeItem(item),
    body: item.body as Record<string, unknown>,
  };
}

/** Who acts at the desk: the staff member's id and name. */
export interface DeskActor {
  id: string;
  name: string;
}

/**
 * Stores an order and queues one copy to each vehicle (its own item id, so the crew's steps
 * name their copy), in one unit of work. Returns the order's id and what was queued.
 */
export async function composeOrder(
  store: CenterStore,
  vehicleIds: readonly string[],
  staff: DeskActor,
  order: OrderRequest & { incident?: { id: string; title: string } | undefined },
  now = Date.now(),
): Promise<{ orderId: string; queued: QueuedDownlinkRecord[] }> {
  const createdAt = wholeSeconds(now);
  const orderId = uuidv7(now);
  const deadline = order.deadline === undefined ? undefined : wholeSeconds(order.deadline);
  const queued = await store.createOrder(
    {
      id: orderId,
      text: order.text,
      priority: order.priority,
      requireAck: order.requireAck,
      fromName: staff.name,
      fromId: staff.id,
      createdAt,
      deadline,
      target: order.target,
    },
    vehicleIds,
    (_vehicle, seq) =>
      downlinkItem({
        kind: 'order',
        seq,
        id: uuidv7(now),
        priority: order.priority,
        createdAt,
        body: stripUndefined({
          text: order.text,
          from: staff.name,
          requireAck: order.requireAck,
          deadline,
          target: order.target,
          incident: order.incident,
        }),
      }),
  );
  return { orderId, queued };
}

/** Cancels an order: each recipient that has not finished it gets an `order-cancel` naming its copy, as urgent as the order. */
export function cancelOrder(
  store: CenterStore,
  orderId: string,
  staff: DeskActor,
  priority: Priority,
  reason: string | undefined,
  now = Date.now(),
): Promise<QueuedDownlinkRecord[] | undefined> {
  const createdAt = wholeSeconds(now);
  return store.cancelOrder(orderId, { by: staff.name, reason, at: now }, (_vehicle, seq, orderItemId) =>
    downlinkItem({
      kind: 'order-cancel',
      seq,
      id: uuidv7(now),
      priority,
      createdAt,
      body: stripUndefined({ orderId: orderItemId, from: staff.name, reason }),
    }),
  );
}

/** A plain message from staff to one vehicle. */
export async function queueCenterMessage(
  store: CenterStore,
  vehicleId: string,
  staff: DeskActor,
  message: DeskMessageRequest,
  now = Date.now(),
): Promise<QueuedDownlinkRecord> {
  const createdAt = wholeSeconds(now);
  const [queued] = await store.queueDownlink([vehicleId], (_vehicle, seq) =>
    downlinkItem({
      kind: 'center-message',
      seq,
      id: uuidv7(now),
      priority: message.priority,
      createdAt,
      body: { text: message.text, from: staff.name },
    }),
  );
  return queued!;
}

/** Staff read the vehicle's messages: marked, and a receipt goes down (routine: it is news, not a task). */
export function markMessagesRead(
  store: CenterStore,
  vehicleId: string,
  ids: readonly string[],
  staff: DeskActor,
  now = Date.now(),
): Promise<number> {
  return store.markRead(vehicleId, ids, staff.name, now, (seq, newlyRead) =>
    downlinkItem({
      kind: 'receipt',
      seq,
      id: uuidv7(now),
      priority: 'routine',
      createdAt: wholeSeconds(now),
      body: { read: [...newlyRead], by: staff.name },
    }),
  );
}

function stripUndefined<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
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

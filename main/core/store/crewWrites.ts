import type { Database } from 'better-sqlite3';
import type { InboxItemView } from '../../../protocol/api/messaging';
import type { CrewOrderState, OrderStateBody, Priority, ReceiptBody } from '../../../protocol/sync/items';
import { uuidv7 } from '../../../protocol/sync/uuid';
import { estimateWireBytes } from '../sync/outboxItem';
import { markInboxRead, setInboxOrderState } from './inboxRepo';
import { enqueueOutbox } from './outboxRepo';

/** The crew's writes on what the center sent: each with its outbox item, in one transaction. */

/**
 * The crew's step on an order: the inbox entry and its `order-state` outbox item in one
 * transaction (the step is on screen only once it will reach the center). The caller
 * checked that the order's state allows it.
 */
export function recordOrderStep(
  db: Database,
  order: { id: string; priority: Priority },
  step: CrewOrderState,
  reason: string | undefined,
  priority: Priority,
  now: number,
): void {
  const body: OrderStateBody = { orderId: order.id, state: step, ...(reason ? { reason } : {}) };
  const id = uuidv7(now);
  db.transaction(() => {
    // A step on an order nobody opened yet reads it too: its receipt goes up like an opening's.
    if (markInboxRead(db, order.id, now)) enqueueReceipt(db, order.id, now);
    setInboxOrderState(db, order.id, step, now, reason);
    enqueueOutbox(db, {
      id,
      kind: 'order-state',
      priority,
      createdAt: now,
      body,
      bytes: estimateWireBytes({ kind: 'order-state', id, priority, createdAt: now, body }),
    });
  }).immediate();
}

/**
 * Marks an order or staff message read and, the first time, queues the crew's receipt
 * (routine: news for the desk, not a task) in the same transaction. True when it was unread.
 */
export function recordRead(db: Database, entry: InboxItemView, now: number): boolean {
  return db
    .transaction(() => {
      if (!markInboxRead(db, entry.id, now)) return false;
      if (entry.kind === 'directory') return true;
      enqueueReceipt(db, entry.id, now);
      return true;
    })
    .immediate();
}

/** The crew's receipt for one entry they read, as an outbox item (routine: news for the desk, not a task). */
function enqueueReceipt(db: Database, entryId: string, now: number): void {
  const body: ReceiptBody = { read: [entryId] };
  const id = uuidv7(now);
  enqueueOutbox(db, {
    id,
    kind: 'receipt',
    priority: 'routine',
    createdAt: now,
    body,
    bytes: estimateWireBytes({ kind: 'receipt', id, priority: 'routine', createdAt: now, body }),
  });
}

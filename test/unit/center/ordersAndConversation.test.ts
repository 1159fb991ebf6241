import { afterEach, describe, expect, it } from 'vitest';
import { applyExchange } from '../../../center/ingest/applyExchange';
import { cancelOrder, composeOrder, markMessagesRead, queueCenterMessage } from '../../../center/ingest/downlink';
import { hashToken } from '../../../center/credentials/tokens';
import type { SqliteCenterStore } from '../../../center/store/sqlite/SqliteCenterStore';
import { decodeItem } from '../../../protocol/sync/codec';
import type { CrewOrderState, SyncItem } from '../../../protocol/sync/items';
import { uuidv7 } from '../../../protocol/sync/uuid';
import { useTempDirs } from '../../support/tempDir';
import { T0, exchange, message, storeWithVehicle } from './helpers';

const V = 'mcv-07';
const W = 'mcv-08';
const STAFF = { id: 'wang', name: '王 Wang' };
const tempDir = useTempDirs();
const stores: SqliteCenterStore[] = [];
afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
});

async function open(): Promise<SqliteCenterStore> {
  const store = await storeWithVehicle(tempDir(), V);
  await store.addCredential({ role: 'vehicle', id: W, name: 'MCV-08', tokenSha256: hashToken('token-of-w'), createdAt: T0 });
  stores.push(store);
  return store;
}

function step(seq: number, orderId: string, state: CrewOrderState, at: number, reason?: string): SyncItem {
  return {
    kind: 'order-state',
    seq,
    id: uuidv7(at),
    priority: 'immediate',
    createdAt: at,
    body: { orderId, state, ...(reason ? { reason } : {}) },
  };
}

describe('orders at the center', () => {
  it('sends one copy per recipient and follows each through delivery and the crew’s steps', async () => {
    const store = await open();
    const deadline = T0 + 3_600_000;
    const { orderId, queued } = await composeOrder(
      store,
      [V, W],
      STAFF,
      {
        text: '前往江北堤段巡查',
        priority: 'immediate',
        requireAck: true,
        deadline,
        target: { latitude: 30.6, longitude: 114.3, label: '江北' },
      },
      T0,
    );
    expect(queued.map((q) => q.vehicleId)).toEqual([V, W]);
    expect(new Set(queued.map((q) => q.id)).size).toBe(2);

    const first = await applyExchange(store, V, exchange([]), () => T0 + 10_000);
    const copy = decodeItem(first.down[0]!, V);
    expect(copy).toMatchObject({ kind: 'order', body: { deadline, target: { latitude: 30.6, longitude: 114.3, label: '江北' } } });

    // Delivered (the vehicle acks it), then acknowledged, in progress, done — the done step overtaking nothing.
    await applyExchange(store, V, exchange([step(1, copy.id, 'acknowledged', T0 + 20_000)], 1), () => T0 + 21_000);
    await applyExchange(store, V, exchange([step(2, copy.id, 'in-progress', T0 + 30_000), step(3, copy.id, 'done', T0 + 40_000)], 1));
    const [order] = await store.deskOrders({ orderId, limit: 1 }, T0 + 50_000);
    const atV = order!.recipients.find((r) => r.vehicleId === V)!;
    expect(atV.state).toBe('done');
    expect(atV.steps.map((s) => [s.state, s.at, s.by])).toEqual([
      ['issued', T0, '王 Wang'],
      ['delivered', T0 + 21_000, 'MCV-07'],
      ['acknowledged', T0 + 20_000, 'MCV-07'],
      ['in-progress', T0 + 30_000, 'MCV-07'],
      ['done', T0 + 40_000, 'MCV-07'],
    ]);
    const atW = order!.recipients.find((r) => r.vehicleId === W)!;
    expect(atW.state).toBe('issued');
    expect(atW.overdue).toBe(false);
    const [later] = await store.deskOrders({ orderId, limit: 1 }, deadline + 1);
    expect(later!.recipients.map((r) => [r.vehicleId, r.overdue])).toEqual([
      [V, false],
      [W, true],
    ]);
    expect((await store.deskVehicles(deadline + 1)).map((v) => [v.id, v.openOrders, v.overdueOrders])).toEqual([
      [V, 0, 0],
      [W, 1, 1],
    ]);
  });

  it('keeps the furthest step when a late one arrives, and records the reason of cannot-do', async () => {
    const store = await open();
    const { orderId } = await composeOrder(store, [V], STAFF, { text: '转移群众', priority: 'flash', requireAck: true }, T0);
    const copy = decodeItem((await applyExchange(store, V, exchange([]))).down[0]!, V);
    await applyExchange(store, V, exchange([step(1, copy.id, 'cannot-do', T0 + 9_000, '道路塌方，无法通行')], 1));
    await applyExchange(store, V, exchange([step(2, copy.id, 'acknowledged', T0 + 5_000)], 1));
    const [order] = await store.deskOrders({ orderId, limit: 1 }, T0);
    expect(order!.recipients[0]!.state).toBe('cannot-do');
    expect(order!.recipients[0]!.steps.find((s) => s.state === 'cannot-do')?.reason).toBe('道路塌方，无法通行');
  });

  it('refuses a step on an order this vehicle never got, and stores nothing', async () => {
    const store = await open();
    const { queued } = await composeOrder(store, [W], STAFF, { text: 'W only', priority: 'immediate', requireAck: true }, T0);
    const response = await applyExchange(store, V, exchange([step(1, queued[0]!.id, 'acknowledged', T0)]));
    expect(response.rejected).toMatchObject([{ seq: 1, code: 'conflict' }]);
    expect(await store.deskItems({ after: 0, limit: 10 })).toEqual([]);
  });

  it('counts an old console’s reply message as the acknowledgement', async () => {
    const store = await open();
    const { orderId, queued } = await composeOrder(store, [V], STAFF, { text: 'old style', priority: 'immediate', requireAck: true }, T0);
    const reply = { ...message(1, '收到'), body: { text: '收到', replyTo: queued[0]!.id } } as SyncItem;
    await applyExchange(store, V, exchange([reply]));
    const [order] = await store.deskOrders({ orderId, limit: 1 }, T0);
    expect(order!.recipients[0]!.state).toBe('acknowledged');
  });

  it('cancels: unfinished recipients get an order-cancel naming their copy; cancelling twice keeps the first', async () => {
    const store = await open();
    const { orderId, queued } = await composeOrder(store, [V, W], STAFF, { text: '待命', priority: 'priority', requireAck: true }, T0);
    const vCopy = queued.find((q) => q.vehicleId === V)!.id;
    await applyExchange(store, V, exchange([step(1, vCopy, 'acknowledged', T0), step(2, vCopy, 'done', T0 + 1)], 1));
    const cancelled = await cancelOrder(store, orderId, STAFF, 'priority', '任务取消', T0 + 5_000);
    expect(cancelled!.map((q) => q.vehicleId)).toEqual([W]);
    const down = await applyExchange(store, W, exchange([]));
    expect(down.down.map((b) => decodeItem(b, W))).toMatchObject([
      { kind: 'order' },
      { kind: 'order-cancel', priority: 'priority', body: { orderId: queued.find((q) => q.vehicleId === W)!.id, reason: '任务取消' } },
    ]);
    expect(await cancelOrder(store, orderId, { id: 'li', name: 'Li' }, 'priority', undefined, T0 + 9_000)).toEqual([]);
    const [order] = await store.deskOrders({ orderId, limit: 1 }, T0);
    expect(order).toMatchObject({ cancelledAt: T0 + 5_000, cancelledBy: '王 Wang', cancelReason: '任务取消' });
    expect(await store.deskOrders({ open: true, limit: 10 }, T0)).toEqual([]);
    expect(await cancelOrder(store, uuidv7(T0), STAFF, 'priority', undefined)).toBeUndefined();
  });
});

describe('the conversation at the center', () => {
  it('shows both ways with receipts: staff read marks go down as a receipt, the crew’s receipt marks ours read', async () => {
    const store = await open();
    await applyExchange(store, V, exchange([message(1, '已到达现场'), message(2, '需要沙袋')]), () => T0 + 5_000);
    const out = await queueCenterMessage(store, V, STAFF, { text: '沙袋两小时内送到', priority: 'priority' }, T0 + 6_000);
    let conversation = await store.conversation(V, 50);
    expect(conversation.unread).toBe(2);
    expect(conversation.entries.map((e) => [e.direction, e.text, e.from])).toEqual([
      ['in', '已到达现场', 'MCV-07'],
      ['in', '需要沙袋', 'MCV-07'],
      ['out', '沙袋两小时内送到', '王 Wang'],
    ]);
    const inIds = conversation.entries.filter((e) => e.direction === 'in').map((e) => e.id);
    expect(await markMessagesRead(store, V, inIds, STAFF, T0 + 7_000)).toBe(2);
    expect(await markMessagesRead(store, V, inIds, STAFF, T0 + 8_000)).toBe(0);

    const down = (await applyExchange(store, V, exchange([]))).down.map((b) => decodeItem(b, V));
    expect(down.map((i) => i.kind)).toEqual(['center-message', 'receipt']);
    expect(down[1]).toMatchObject({ body: { read: inIds, by: '王 Wang' } });

    const receipt: SyncItem = {
      kind: 'receipt',
      seq: 3,
      id: uuidv7(T0 + 9_000),
      priority: 'routine',
      createdAt: T0 + 9_000,
      body: { read: [out.id] },
    };
    await applyExchange(store, V, exchange([receipt], 2), () => T0 + 10_000);
    conversation = await store.conversation(V, 50);
    expect(conversation.unread).toBe(0);
    expect(conversation.entries.map((e) => [e.direction, e.deliveredAt !== null, e.readAt, e.readBy])).toEqual([
      ['in', true, T0 + 7_000, '王 Wang'],
      ['in', true, T0 + 7_000, '王 Wang'],
      ['out', true, T0 + 9_000, null],
    ]);
    expect((await store.deskVehicles()).find((v) => v.id === V)?.unread).toBe(0);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { ExchangeRefused, MAX_DOWN_ITEMS, applyExchange, ingestExchange } from '../../../center/ingest/applyExchange';
import { composeOrder, queueDirectory } from '../../../center/ingest/downlink';
import type { SqliteCenterStore } from '../../../center/store/sqlite/SqliteCenterStore';
import { decodeItem, encodeCbor, encodeItem, peekSeq } from '../../../protocol/sync/codec';
import { ExchangeResponse } from '../../../protocol/sync/exchange';
import type { SyncItem } from '../../../protocol/sync/items';
import { uuidv7 } from '../../../protocol/sync/uuid';
import { useTempDirs } from '../../support/tempDir';
import { T0, exchange, message, position, storeWithVehicle } from './helpers';

const V = 'mcv-07';
const tempDir = useTempDirs();
const stores: SqliteCenterStore[] = [];
afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
});

async function open(): Promise<SqliteCenterStore> {
  const store = await storeWithVehicle(tempDir(), V);
  stores.push(store);
  return store;
}

async function apply(store: SqliteCenterStore, request: ReturnType<typeof exchange>) {
  const response = await applyExchange(store, V, request, () => T0 + 60_000);
  expect(ExchangeResponse.safeParse(response).success).toBe(true);
  return response;
}

describe('applyExchange: uplink', () => {
  it('acks the highest contiguous seq and lists held seqs above it until the gap is filled', async () => {
    const store = await open();
    const first = await apply(store, exchange([message(1), message(2), message(4), message(5)]));
    expect(first).toMatchObject({ ack: 2, accepted: [4, 5], rejected: [], deferred: [] });

    const gapFilled = await apply(store, exchange([message(3)]));
    expect(gapFilled).toMatchObject({ ack: 5, accepted: [] });
    expect(await store.vehicleState(V)).toMatchObject({ upAck: 5, highestSeq: 5 });
    expect((await store.deskItems({ after: 0, limit: 100 })).map((i) => i.seq)).toEqual([1, 2, 4, 5, 3]);
  });

  it('takes a replay of the same bytes as held without storing it again', async () => {
    const store = await open();
    const items = [message(1), message(2), message(7)];
    const first = await apply(store, exchange(items));
    const again = await apply(store, exchange(items));
    expect(again).toEqual({ ...first, serverTime: again.serverTime });
    expect(again).toMatchObject({ ack: 2, accepted: [7] });
    expect(await store.deskItems({ after: 0, limit: 100 })).toHaveLength(3);
    expect((await store.deskVehicles())[0]!.itemCount).toBe(3);
  });

  it('refuses a different item under a held seq (seq-taken), and holds a held record sent under a new seq once', async () => {
    const store = await open();
    const original = message(1, 'original');
    await apply(store, exchange([original]));
    const response = await apply(store, exchange([message(1, 'rewritten'), { ...original, seq: 2 } as SyncItem]));
    expect(response.ack).toBe(1);
    expect(response.accepted).toEqual([2]);
    expect(response.rejected).toEqual([
      { seq: 1, code: 'seq-taken', message: expect.stringContaining('seq 1 already holds a different item') },
    ]);
    const held = await store.deskItems({ after: 0, limit: 100 });
    expect(held.map((i) => i.body.text)).toEqual(['original']);
    // The same record under its seq, encoded differently (a console update): held, not stored again.
    const reencoded = await apply(store, exchange([{ ...original, body: { ...original.body, latitude: 30.5 } } as SyncItem]));
    expect(reencoded.rejected).toEqual([]);
    expect(reencoded.ack).toBe(1);
    expect((await store.deskItems({ after: 0, limit: 100 })).map((i) => i.body.text)).toEqual(['original']);
  });

  it('rejects downlink kinds as forbidden and unreadable items with their wire code', async () => {
    const store = await open();
    const order: SyncItem = {
      kind: 'order',
      seq: 1,
      id: uuidv7(T0),
      priority: 'immediate',
      createdAt: T0,
      body: { text: 'go', from: 'me', requireAck: false },
    };
    const badBody = encodeCbor([1, 1, 1, 2, 1_790_000, null, 'no id for a message', null, null]);
    const response = await apply(store, {
      v: 1,
      items: [encodeItem(order), badBody, new Uint8Array([0xff, 0x00]), encodeCbor([9, 1, 1, 3, 0, null])],
      downAck: 0,
    });
    expect(response.rejected.map((r) => [r.seq, r.code])).toEqual([
      [1, 'forbidden'],
      [2, 'malformed'],
      [0, 'malformed'],
      [3, 'stale-version'],
    ]);
    expect(response.ack).toBe(0);
    expect(await store.deskItems({ after: 0, limit: 100 })).toEqual([]);
  });

  it('defers an attachment item until its upload is complete, and rejects one whose upload differs', async () => {
    const store = await open();
    const attachmentId = uuidv7(T0);
    const sha256 = 'ab'.repeat(32);
    const item: SyncItem = {
      kind: 'attachment',
      seq: 1,
      id: uuidv7(T0 + 1),
      priority: 'bulk',
      createdAt: T0,
      body: { attachmentId, name: 'p.jpg', mime: 'image/jpeg', size: 10, sha256 },
    };

    expect((await apply(store, exchange([item]))).deferred).toEqual([
      { seq: 1, code: 'upload-incomplete', message: expect.stringContaining('has not been uploaded') },
    ]);
    await store.createUpload({ vehicleId: V, attachmentId, name: 'p.jpg', mime: 'image/jpeg', size: 10, sha256, createdAt: T0 });
    await store.setUploadOffset(V, attachmentId, 4);
    expect((await apply(store, exchange([item]))).deferred).toEqual([
      { seq: 1, code: 'upload-incomplete', message: expect.stringContaining('has 4 of 10 bytes') },
    ]);
    expect(await store.deskItems({ after: 0, limit: 10 })).toEqual([]);

    const otherSize: SyncItem = { ...item, seq: 2, id: uuidv7(T0 + 2), body: { ...item.body, size: 11 } } as SyncItem;
    expect((await apply(store, exchange([otherSize]))).rejected).toMatchObject([{ seq: 2, code: 'conflict' }]);

    await store.completeUpload(V, attachmentId, T0 + 5);
    const done = await apply(store, exchange([item]));
    expect(done).toMatchObject({ ack: 1, deferred: [], rejected: [] });
    expect((await store.deskItems({ after: 0, limit: 10 }))[0]).toMatchObject({ kind: 'attachment', body: { attachmentId, size: 10 } });
  });

  it('keeps the newest position as the last one and records the links', async () => {
    const store = await open();
    const links = [{ id: 'cell-1', name: '5G-1', kind: 'cellular', state: 'up' as const, latencyMs: 48 }];
    await apply(store, exchange([position(V, 1, T0 + 10_000, 31), position(V, 2, T0 + 5_000, 29)], 0, { links }));
    const [vehicle] = await store.deskVehicles();
    expect(vehicle).toMatchObject({
      position: { latitude: 31, longitude: 103.9, fix: '3d', at: T0 + 10_000 },
      links,
      linksAt: T0 + 60_000,
      lastContactAt: T0 + 60_000,
      upAck: 2,
    });
  });

  it('stores nothing when the unit of work fails half-way', async () => {
    const store = await open();
    await expect(
      store.withExchange(V, async (tx) => {
        await tx.insertItem({
          seq: 1,
          id: uuidv7(T0),
          kind: 'message',
          priority: 'flash',
          createdAt: T0,
          receivedAt: T0,
          digest: new Uint8Array(32),
          wire: new Uint8Array(1),
          body: {},
          arrival: { path: 'ip' },
        });
        throw new Error('power cut');
      }),
    ).rejects.toThrow('power cut');
    expect(await store.deskItems({ after: 0, limit: 10 })).toEqual([]);
    expect((await store.deskVehicles())[0]!.itemCount).toBe(0);
  });

  it('reads the seq of an unreadable item when its header can be read', () => {
    expect(peekSeq(encodeCbor([1, 1, 1, 42, 0, null, 'x']))).toBe(42);
    expect(peekSeq(new Uint8Array([0xff]))).toBe(0);
    expect(peekSeq(encodeCbor({ seq: 3 }))).toBe(0);
  });
});

describe('applyExchange: downlink', () => {
  it('returns queued items above downAck, marks acked ones delivered, and refuses a downAck beyond the queue', async () => {
    const store = await open();
    const queued = [];
    for (let i = 0; i < 3; i++)
      queued.push(
        ...(
          await composeOrder(
            store,
            [V],
            { id: 'wang', name: '王 Wang' },
            { text: `order ${i + 1}`, priority: 'immediate', requireAck: true },
            T0 + i,
          )
        ).queued,
      );
    expect(queued.map((q) => q.seq)).toEqual([1, 2, 3]);

    const first = await apply(store, exchange([], 0));
    expect(first.down.map((bytes) => decodeItem(bytes, V))).toMatchObject([
      { kind: 'order', seq: 1, body: { text: 'order 1', from: '王 Wang', requireAck: true } },
      { kind: 'order', seq: 2 },
      { kind: 'order', seq: 3 },
    ]);
    expect(first.moreDown).toBe(false);

    const acked = await apply(store, exchange([], 2));
    expect(acked.down.map((bytes) => decodeItem(bytes, V).seq)).toEqual([3]);
    const list = await store.listDownlink(V);
    expect(list.map((d) => d.deliveredAt)).toEqual([T0 + 60_000, T0 + 60_000, null]);
    expect((await store.deskVehicles())[0]!.downPending).toBe(1);

    await expect(applyExchange(store, V, exchange([message(1)], 4))).rejects.toBeInstanceOf(ExchangeRefused);
    expect(await store.deskItems({ after: 0, limit: 10 })).toEqual([]);
    // An ack naming another item at that seq (a numbering this center no longer has) is refused too, and marks nothing delivered.
    const third = decodeItem(first.down[2]!, V);
    await expect(applyExchange(store, V, { ...exchange([], 3), downAckId: decodeItem(first.down[0]!, V).id })).rejects.toThrow(
      /downlink item 3 here is not/,
    );
    expect((await store.listDownlink(V))[2]!.deliveredAt).toBeNull();
    expect((await apply(store, { ...exchange([], 3), downAckId: third.id })).down).toEqual([]);
    expect((await store.listDownlink(V))[2]!.deliveredAt).not.toBeNull();
  });

  it('sends at most 100 items an answer and says more is waiting', async () => {
    const store = await open();
    for (let i = 0; i < MAX_DOWN_ITEMS + 5; i++)
      await queueDirectory(store, [V], { entries: [{ name: `n${i}`, role: 'r', contact: 'c' }] }, T0);
    const first = await apply(store, exchange([], 0));
    expect(first.down).toHaveLength(MAX_DOWN_ITEMS);
    expect(first.moreDown).toBe(true);
    const second = await apply(store, exchange([], MAX_DOWN_ITEMS));
    expect(second.down.map((bytes) => decodeItem(bytes, V).seq)).toEqual([101, 102, 103, 104, 105]);
    expect(second.moreDown).toBe(false);
  });

  it('caps an answer at 256 KiB of downlink', async () => {
    const store = await open();
    // 45 entries of 1200 UTF-8 bytes: a directory item of about 54 KB, five of them over 256 KiB.
    const entry = { name: '令'.repeat(100), role: '队'.repeat(100), contact: '电'.repeat(200) };
    for (let i = 0; i < 10; i++) await queueDirectory(store, [V], { entries: Array.from({ length: 45 }, () => entry) }, T0);
    const one = (await store.listDownlink(V))[0]!.wire.length;
    const response = await apply(store, exchange([], 0));
    expect(response.moreDown).toBe(true);
    expect(response.down.length).toBe(Math.floor((256 * 1024) / one));
  });
});

describe('ingestExchange: what the live feed announces', () => {
  it('tells the items it newly stored exactly as the desk API shows them, and the downlink it marked delivered', async () => {
    const store = await open();
    const [order] = (
      await composeOrder(store, [V], { id: 'wang', name: 'Desk Wang' }, { text: 'go', priority: 'flash', requireAck: true }, T0)
    ).queued;
    const first = await ingestExchange(store, V, exchange([message(1), position(V, 2, T0 + 2000, 30.1)], order!.seq), () => T0 + 60_000);
    expect(first.effects.stored).toEqual(await store.deskItems({ after: 0, limit: 100 }));
    expect(first.effects.delivered).toEqual([{ seq: order!.seq, id: order!.id, kind: 'order', priority: 'flash' }]);
    expect(first.effects.deliveredAt).toBe(T0 + 60_000);

    const replay = await ingestExchange(store, V, exchange([message(1), position(V, 2, T0 + 2000, 30.1)], order!.seq), () => T0 + 61_000);
    expect(replay.effects).toMatchObject({ stored: [], delivered: [] });
    expect(await store.deskVehicle(V)).toMatchObject({ id: V, itemCount: 2, downPending: 0, position: { latitude: 30.1 } });
  });
});

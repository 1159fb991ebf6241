import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { applyExchange, ingestExchange } from '../../../center/ingest/applyExchange';
import { composeOrder } from '../../../center/ingest/downlink';
import type { UplinkArrival } from '../../../center/store/CenterStore';
import { MIGRATIONS } from '../../../center/store/sqlite/migrations';
import type { SqliteCenterStore } from '../../../center/store/sqlite/SqliteCenterStore';
import { migrate } from '../../../platform/sqlite/migrations';
import { decodeItem } from '../../../protocol/sync/codec';
import { ConversationResponse, DeskItem } from '../../../protocol/sync/desk';
import type { SyncItem } from '../../../protocol/sync/items';
import { uuidv7 } from '../../../protocol/sync/uuid';
import { useTempDirs } from '../../support/tempDir';
import { T0, exchange, message, storeWithVehicle } from './helpers';

const V = 'mcv-07';
const SBD: UplinkArrival = { path: 'sbd', cdrReference: 7001, momsn: 42, sessionAt: T0 + 5000 };
const tempDir = useTempDirs();
const stores: SqliteCenterStore[] = [];
afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
});

async function open(dir = tempDir()): Promise<SqliteCenterStore> {
  const store = await storeWithVehicle(dir, V);
  stores.push(store);
  return store;
}

const byMo = (store: SqliteCenterStore, items: SyncItem[], at: number) => ingestExchange(store, V, exchange(items), () => at, SBD);
const byIp = (store: SqliteCenterStore, items: SyncItem[], at: number) => applyExchange(store, V, exchange(items), () => at);

describe('the path each uplink item first came by (migration 17)', () => {
  it('keeps an item that came by SBD as sbd with its MO session, and notes when the IP copy came without storing it again', async () => {
    const store = await open();
    const flash = message(1, '道路塌方');
    const { effects } = await byMo(store, [flash], T0 + 10_000);
    const sbdVia = { path: 'sbd', cdrReference: 7001, momsn: 42, sessionAt: T0 + 5000, otherPathAt: null };
    expect(effects.stored.map((i) => i.via)).toEqual([sbdVia]);

    const replay = await byIp(store, [flash, message(2)], T0 + 20_000);
    expect(replay.ack).toBe(2);
    const items = await store.deskItems({ after: 0, limit: 10 });
    expect(items.map((i) => [i.seq, i.via])).toEqual([
      [1, { ...sbdVia, otherPathAt: T0 + 20_000 }],
      [2, { path: 'ip', cdrReference: null, momsn: null, sessionAt: null, otherPathAt: null }],
    ]);
    expect(items.every((i) => DeskItem.safeParse(i).success)).toBe(true);
    expect((await store.vehicleState(V))?.highestSeq).toBe(2);

    // A third copy changes nothing: the first later copy's time stays, and an SBD copy of an SBD item is no "other path".
    await byIp(store, [flash], T0 + 30_000);
    await byMo(store, [flash], T0 + 40_000);
    expect((await store.deskItems({ after: 0, limit: 1 }))[0]?.via?.otherPathAt).toBe(T0 + 20_000);
  });

  it('notes an SBD copy of an item that came over IP first', async () => {
    const store = await open();
    const item = message(1);
    await byIp(store, [item], T0 + 10_000);
    await byMo(store, [item], T0 + 11_000);
    expect((await store.deskItems({ after: 0, limit: 1 }))[0]?.via).toEqual({
      path: 'ip',
      cdrReference: null,
      momsn: null,
      sessionAt: null,
      otherPathAt: T0 + 11_000,
    });
  });

  it('shows the path on the conversation (messages in, none on staff messages out) and on the crew steps of an order', async () => {
    const store = await open();
    const { orderId } = await composeOrder(
      store,
      [V],
      { id: 'wang', name: 'Wang' },
      { text: 'go', priority: 'flash', requireAck: true },
      T0,
    );
    const copy = decodeItem((await applyExchange(store, V, exchange([]), () => T0 + 1000)).down[0]!, V);
    const ack: SyncItem = {
      kind: 'order-state',
      seq: 2,
      id: uuidv7(T0 + 2000),
      priority: 'flash',
      createdAt: T0 + 2000,
      body: { orderId: copy.id, state: 'acknowledged' },
    };
    await byMo(store, [message(1, 'on our way'), ack], T0 + 3000);

    const conversation = ConversationResponse.parse(await store.conversation(V, 10));
    expect(conversation.entries.map((e) => [e.direction, e.via?.path])).toEqual([
      ['out', undefined],
      ['in', 'sbd'],
    ]);
    const [order] = await store.deskOrders({ orderId, limit: 1 }, T0 + 4000);
    expect(order?.recipients[0]?.steps.map((s) => [s.state, s.via?.path, s.via?.momsn])).toEqual([
      ['issued', undefined, undefined],
      ['acknowledged', 'sbd', 42],
    ]);
  });

  it('leaves items held before migration 17 without a path (it was not recorded), and notes nothing on them', async () => {
    const file = join(tempDir(), 'center.db');
    const old = new Database(file);
    migrate(old, MIGRATIONS, 16);
    old.close();
    const store = await open(join(file, '..'));
    const item = message(1);
    await byIp(store, [item], T0 + 1000);
    // As an item of the old schema would be: no path.
    const db = new Database(file);
    db.prepare('UPDATE uplink_items SET via = NULL').run();
    db.close();
    await byMo(store, [item], T0 + 2000);
    const [held] = await store.deskItems({ after: 0, limit: 1 });
    expect(held?.id).toBe(item.id);
    expect(held?.via).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { listInbox } from '../../../../../main/core/store/inboxRepo';
import { adoptSyncVehicle, syncVehicle } from '../../../../../main/core/store/syncStateRepo';
import { CenterRequestError } from '../../../../../main/core/sync/CenterRequestError';
import type { InboxItemView, MessageView } from '../../../../../protocol/api/messaging';
import { uuidv7 } from '../../../../../protocol/sync/uuid';
import { useSyncEngineRig, VEHICLE_ID } from '../../../../support/syncEngineRig';
import { waitFor } from '../../../../support/waitFor';

const settle = () => new Promise((resolve) => setTimeout(resolve, 30));
/** The center refusing a whole request with its own code (a 400 the item caused, say). */
const malformed = () => CenterRequestError.fromStatus(400, 'malformed', 'item 3 is not a message');

describe("SyncEngine and the center's answers (scripted center)", () => {
  const rig = useSyncEngineRig();

  it("parks a lone refused item with the center's code once an empty exchange on its route goes through", async () => {
    const { engine, center, message, outbox } = rig();
    const refusal = malformed();
    center.when((call) => (call.method === 'exchange' && call.items.length > 0 ? { fail: refusal } : undefined));
    const seq = message('garbled');
    const announced: MessageView[] = [];
    engine.on('messages', (messages) => announced.push(...messages));
    engine.start();
    await waitFor('parked', () => outbox(seq).state === 'parked', 2000, 5);
    expect(center.describe()).toBe(`hello@5g exchange@5g[${seq}] exchange@5g[]`);
    expect(outbox(seq)).toMatchObject({ parkCode: 'malformed', parkReason: refusal.message });
    expect(announced.map((m) => m.text)).toEqual(['garbled']);
  });

  it('keeps a lone refused item queued when the empty exchange after it fails too (the trouble is not the item)', async () => {
    const { engine, center, message, outbox } = rig();
    center.when((call) =>
      call.method !== 'exchange'
        ? undefined
        : { fail: call.items.length > 0 ? malformed() : CenterRequestError.fromStatus(502, undefined, 'bad gateway') },
    );
    const seq = message('garbled');
    engine.start();
    await center.waitForCalls(3);
    await settle();
    expect(center.describe()).toBe(`hello@5g exchange@5g[${seq}] exchange@5g[]`);
    expect(outbox(seq)).toMatchObject({ state: 'queued', parkCode: null });
  });

  it('halves a refused batch until the culprit goes alone, and parks only the culprit', async () => {
    const { engine, center, message, outbox } = rig();
    const seqs = [1, 2, 3, 4].map((n) => message(`report ${n}`));
    const culprit = seqs[2]!;
    center.when((call) => (call.items.some((item) => item.seq === culprit) ? { fail: malformed() } : undefined));
    engine.start();
    await waitFor('all settled', () => seqs.every((seq) => outbox(seq).state !== 'queued'), 2000, 5);
    const [a, b, c, d] = seqs;
    const batches = center.calls.filter((call) => call.method === 'exchange').map((call) => call.items.map((item) => item.seq));
    // 4 refused → 2 go; full batches again → 2 refused → the culprit alone, refused → an empty exchange goes → parked; the last one goes.
    expect(batches).toEqual([[a, b, c, d], [a, b], [c, d], [c], [], [d]]);
    expect(seqs.map((seq) => outbox(seq).state)).toEqual(['delivered', 'delivered', 'parked', 'delivered']);
  });

  it('after seq-taken greets the center again to renumber, and sends the items numbered after its highest', async () => {
    const { engine, center, message, outbox, store } = rig({ prepare: (s) => adoptSyncVehicle(s.db, VEHICLE_ID, 0) });
    // Another copy of this disk already delivered seqs 1 and 2 with other records.
    center.held.set(1, uuidv7());
    center.held.set(2, uuidv7());
    const seqs = [message('one'), message('two'), message('three')];
    engine.start();
    await waitFor('all delivered', () => seqs.every((seq) => outbox(seq).state === 'delivered'), 2000, 5);
    // 1 and 2 are taken, 3 is held; after the renumbering hello the center's highest is 3, so 1 and 2 go as 4 and 5.
    expect(center.describe()).toBe('hello@5g exchange@5g[1,2,3] hello@5g exchange@5g[4,5]');
    expect(syncVehicle(store.db, VEHICLE_ID)?.seqOffset).toBe(3);
    expect([...center.held.keys()].sort((x, y) => x - y)).toEqual([1, 2, 3, 4, 5]);
  });

  it('stores orders in the inbox and acknowledges them at once with a follow-up exchange', async () => {
    const { engine, center, store } = rig();
    const order = center.order('proceed to sector 4');
    const added: InboxItemView[] = [];
    engine.on('inbox', (items) => added.push(...items));
    engine.start();
    await center.waitForCalls(3);
    await settle();
    // A poll brings the order; the follow-up acknowledges it by seq and id; nothing more is due.
    expect(center.describe()).toBe('hello@5g exchange@5g[] exchange@5g[]');
    expect(center.calls.slice(1).map((call) => [call.downAck, call.downAckId])).toEqual([
      [0, undefined],
      [1, order.id],
    ]);
    expect(listInbox(store.db, 10)).toMatchObject([{ id: order.id, kind: 'order', downSeq: 1, body: { text: 'proceed to sector 4' } }]);
    expect(added.map((item) => item.id)).toEqual([order.id]);
    expect(syncVehicle(store.db, VEHICLE_ID)?.downAck).toBe(1);
  });
});

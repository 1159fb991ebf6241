import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { applyExchangeOutcome } from '../../../../../main/core/store/exchangeOutcome';
import { maintainHistory } from '../../../../../main/core/store/historyRepo';
import { listInbox, storeDownlink, type DownlinkEntry } from '../../../../../main/core/store/inboxRepo';
import { insertMessage, listMessages } from '../../../../../main/core/store/messagesRepo';
import { migrate } from '../../../../../platform/sqlite/migrations';
import { MIGRATIONS } from '../../../../../main/core/store/migrations/index';
import { dueOutbox, enqueueOutbox, markDelivered, queueCounts, requeueParked } from '../../../../../main/core/store/outboxRepo';
import { adoptSyncVehicle, reconcileWithCenter, syncVehicle } from '../../../../../main/core/store/syncStateRepo';
import type { ExchangeResponse } from '../../../../../protocol/sync/exchange';
import type { Priority } from '../../../../../protocol/sync/items';
import { uuidv7 } from '../../../../../protocol/sync/uuid';

const NOW = 1_800_000_000_000;

function db() {
  const d = new Database(':memory:');
  migrate(d, MIGRATIONS);
  return d;
}

function message(d: Database.Database, text: string, priority: Priority = 'routine', at = NOW) {
  const id = uuidv7(at);
  insertMessage(d, { id, createdAt: at, priority, body: { text }, bytes: 40 });
  return id;
}

const response = (patch: Partial<ExchangeResponse>): ExchangeResponse => ({
  ack: 0,
  accepted: [],
  rejected: [],
  deferred: [],
  down: [],
  moreDown: false,
  serverTime: NOW,
  ...patch,
});

describe('outbox', () => {
  it('writes a message and its outbox item together, and serves the most urgent first', () => {
    const d = db();
    message(d, 'routine one', 'routine', NOW);
    message(d, 'bulk one', 'bulk', NOW + 1);
    message(d, 'flash one', 'flash', NOW + 2);
    message(d, 'routine two', 'routine', NOW + 3);
    expect(dueOutbox(d, NOW + 10, 10).map((e) => e.body.text)).toEqual(['flash one', 'routine one', 'routine two', 'bulk one']);
    const counts = queueCounts(d);
    expect(counts.queued.find((l) => l.priority === 'routine')).toEqual({ priority: 'routine', count: 2, bytes: 80 });
    expect(listMessages(d, 10).map((m) => [m.text, m.delivery.state])).toEqual([
      ['routine two', 'queued'],
      ['flash one', 'queued'],
      ['bulk one', 'queued'],
      ['routine one', 'queued'],
    ]);
  });

  it('rolls back the message when its outbox item cannot be written', () => {
    const d = db();
    const id = message(d, 'first');
    // The same record id twice violates the outbox's unique id: neither row may stay.
    expect(() => insertMessage(d, { id, createdAt: NOW, priority: 'routine', body: { text: 'again' }, bytes: 1 })).toThrow();
    expect(listMessages(d, 10)).toHaveLength(1);
    expect(dueOutbox(d, NOW, 10)).toHaveLength(1);
  });

  it('never reuses a sequence number', () => {
    const d = db();
    const a = enqueueOutbox(d, { id: uuidv7(), kind: 'message', priority: 'routine', createdAt: NOW, body: { text: 'a' }, bytes: 1 });
    d.prepare('DELETE FROM outbox WHERE seq = ?').run(a);
    const b = enqueueOutbox(d, { id: uuidv7(), kind: 'message', priority: 'routine', createdAt: NOW, body: { text: 'b' }, bytes: 1 });
    expect(b).toBe(a + 1);
  });
});

describe('applyExchangeOutcome', () => {
  it('delivers what the center holds, parks what it refused, defers what it deferred, through the vehicle offset', () => {
    const d = db();
    for (let i = 1; i <= 5; i++) message(d, `m${i}`, 'routine', NOW + i);
    adoptSyncVehicle(d, 'veh-1', 100);
    const outcome = applyExchangeOutcome(d, {
      vehicleId: 'veh-1',
      seqOffset: 100,
      sentSeqs: [1, 2, 3, 4, 5],
      response: response({
        ack: 102,
        accepted: [104],
        rejected: [{ seq: 103, code: 'conflict', message: 'seq 103 already holds a different item' }],
        deferred: [{ seq: 105, code: 'upload-incomplete', message: 'file not complete' }],
      }),
      down: [],
      now: NOW + 100,
      deferMs: 5000,
    });
    expect(outcome.delivered).toBe(3);
    expect(outcome.changedSeqs.sort()).toEqual([1, 2, 3, 4, 5]);
    const states = Object.fromEntries(listMessages(d, 10).map((m) => [m.text, m.delivery.state]));
    expect(states).toEqual({ m1: 'delivered', m2: 'delivered', m3: 'parked', m4: 'delivered', m5: 'queued' });
    expect(dueOutbox(d, NOW + 100, 10)).toHaveLength(0);
    expect(dueOutbox(d, NOW + 5100, 10).map((e) => e.seq)).toEqual([5]);
    expect(syncVehicle(d, 'veh-1')?.lastContactAt).toBe(NOW + 100);
    expect(requeueParked(d)).toBe(1);
    expect(dueOutbox(d, NOW + 100, 10).map((e) => e.seq)).toEqual([3]);
  });

  it('stores the downlink once and moves the downlink ack over each item in turn', () => {
    const d = db();
    adoptSyncVehicle(d, 'veh-1', 0);
    const order = (seq: number, id = uuidv7(NOW + seq)): DownlinkEntry => ({
      seq,
      item: {
        kind: 'order',
        seq,
        id,
        priority: 'immediate',
        createdAt: NOW,
        body: { text: `order ${seq}`, from: 'desk', requireAck: true },
      },
    });
    const first = [order(1), order(2)];
    expect(storeDownlink(d, 'veh-1', first, NOW).downAck).toBe(2);
    // The same items again (the ack was lost): nothing doubled.
    const again = storeDownlink(d, 'veh-1', [...first, order(3)], NOW);
    expect(again.added.map((i) => i.downSeq)).toEqual([3]);
    expect(again.downAck).toBe(3);
    // An unreadable item does not hold the ack back; a gap (never sent by the center) does.
    const past = storeDownlink(d, 'veh-1', [{ seq: 4, item: undefined }, order(5), order(7)], NOW);
    expect(past.added.map((i) => i.downSeq)).toEqual([5]);
    expect(past.downAck).toBe(5);
    expect(listInbox(d, 10)).toHaveLength(4);
  });

  it('takes Iridium MT items out of order by id, moving the ack only over a contiguous run; IP later applies nothing twice', () => {
    const d = db();
    adoptSyncVehicle(d, 'veh-1', 0);
    const order = (seq: number): DownlinkEntry => ({
      seq,
      item: {
        kind: 'order',
        seq,
        id: `0190a000-0000-7000-8000-00000000000${seq}`,
        priority: 'flash',
        createdAt: NOW,
        body: { text: `o${seq}`, from: 'desk', requireAck: true },
      },
    });
    const byMt = storeDownlink(d, 'veh-1', [order(3)], NOW, true);
    expect(byMt.added.map((i) => i.downSeq)).toEqual([3]);
    expect(byMt.downAck).toBe(0);
    // In order (over IP) a gap still stops the run, as before.
    expect(storeDownlink(d, 'veh-1', [order(2)], NOW).downAck).toBe(0);
    const overIp = storeDownlink(d, 'veh-1', [order(1), order(2), order(3)], NOW);
    expect(overIp.added.map((i) => i.downSeq)).toEqual([1, 2]);
    expect(overIp.downAck).toBe(3);
    expect(listInbox(d, 10)).toHaveLength(3);
  });

  it('keeps an order that reuses a seq after the center was restored from a backup', () => {
    const d = db();
    adoptSyncVehicle(d, 'veh-1', 0);
    const order = (seq: number, text: string): DownlinkEntry => ({
      seq,
      item: { kind: 'order', seq, id: uuidv7(), priority: 'immediate', createdAt: NOW, body: { text, from: 'desk', requireAck: true } },
    });
    storeDownlink(d, 'veh-1', [order(1, 'before'), order(2, 'lost by the center')], NOW);
    reconcileWithCenter(d, 'veh-1', { ack: 0, highestSeq: 0, downSeq: 1 });
    expect(syncVehicle(d, 'veh-1')?.downAck).toBe(1);
    const after = storeDownlink(d, 'veh-1', [order(2, 'new after the restore')], NOW);
    expect(after.added.map((i) => i.kind === 'order' && i.body.text)).toEqual(['new after the restore']);
    expect(listInbox(d, 10)).toHaveLength(3);
  });

  it('squares a store with the center at hello: first contact, an older copy, a center restored from a backup', () => {
    const d = db();
    message(d, 'a');
    message(d, 'b');
    // First contact: the center already holds 10 items of this vehicle (an earlier install).
    expect(reconcileWithCenter(d, 'veh-1', { ack: 10, highestSeq: 10, downSeq: 0 })).toMatchObject({
      state: { seqOffset: 10 },
      renumbered: false,
      requeued: 0,
    });
    applyExchangeOutcome(d, {
      vehicleId: 'veh-1',
      seqOffset: 10,
      sentSeqs: [1, 2],
      response: response({ ack: 12 }),
      down: [],
      now: NOW,
      deferMs: 0,
    });
    // The center is as we left it: nothing changes.
    expect(reconcileWithCenter(d, 'veh-1', { ack: 12, highestSeq: 12, downSeq: 0 })).toMatchObject({
      state: { seqOffset: 10 },
      renumbered: false,
      requeued: 0,
      downAckReset: false,
    });
    // The center restored from a backup holding up to 11, and since then took wire 13 from
    // elsewhere: its ack went back from 12 to 11, so item 2 (wire 12) goes again.
    expect(reconcileWithCenter(d, 'veh-1', { ack: 11, highestSeq: 12, downSeq: 0 })).toMatchObject({ requeued: 1 });
    expect(dueOutbox(d, NOW, 10).map((e) => e.seq)).toEqual([2]);
    // This store is an older copy: the center holds up to 20, so the waiting item is numbered after it.
    const copy = reconcileWithCenter(d, 'veh-1', { ack: 20, highestSeq: 20, downSeq: 0 });
    expect(copy).toMatchObject({ renumbered: true, state: { seqOffset: 19 } });
    expect(2 + copy.state.seqOffset).toBe(21);
  });

  it('prunes delivered position reports with the track, keeping messages and anything undelivered', () => {
    const d = db();
    const old = NOW - 91 * 86_400_000;
    const position = (at: number) =>
      enqueueOutbox(d, {
        id: uuidv7(at),
        kind: 'position',
        priority: 'routine',
        createdAt: at,
        body: { latitude: 30, longitude: 104, fix: '3d' },
        bytes: 30,
      });
    const delivered = position(old);
    const waiting = position(old);
    message(d, 'old message', 'routine', old);
    markDelivered(d, [delivered, 3], old);
    maintainHistory(d, NOW);
    expect(d.prepare('SELECT seq, kind, state FROM outbox ORDER BY seq').all()).toEqual([
      { seq: waiting, kind: 'position', state: 'queued' },
      { seq: 3, kind: 'message', state: 'delivered' },
    ]);
    // Numbers are never given out again.
    expect(reconcileWithCenter(d, 'veh-1', { ack: 0, highestSeq: 0, downSeq: 0 }).state.seqOffset).toBe(-(waiting - 1));
  });
});

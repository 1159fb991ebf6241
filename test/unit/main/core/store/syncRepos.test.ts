import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { applyExchangeOutcome } from '../../../../../main/core/store/exchangeOutcome';
import { listInbox, storeDownlink } from '../../../../../main/core/store/inboxRepo';
import { insertMessage, listMessages } from '../../../../../main/core/store/messagesRepo';
import { migrate } from '../../../../../main/core/store/migrations/index';
import { dueOutbox, enqueueOutbox, queueCounts, requeueParked } from '../../../../../main/core/store/outboxRepo';
import { adoptSyncVehicle, syncVehicle } from '../../../../../main/core/store/syncStateRepo';
import type { ExchangeResponse } from '../../../../../protocol/sync/exchange';
import type { Priority, SyncItem } from '../../../../../protocol/sync/items';
import { uuidv7 } from '../../../../../protocol/sync/uuid';

const NOW = 1_800_000_000_000;

function db() {
  const d = new Database(':memory:');
  migrate(d);
  return d;
}

function message(d: Database.Database, text: string, priority: Priority = 'routine', at = NOW) {
  const id = uuidv7(at);
  insertMessage(d, { id, createdAt: at, priority, body: { text }, bytes: 40 });
  return id;
}

const response = (patch: Partial<ExchangeResponse>): ExchangeResponse => ({ ack: 0, accepted: [], rejected: [], deferred: [], down: [], moreDown: false, serverTime: NOW, ...patch });

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

  it('stores the downlink once and advances the contiguous downlink ack', () => {
    const d = db();
    adoptSyncVehicle(d, 'veh-1', 0);
    const order = (seq: number): SyncItem => ({ kind: 'order', seq, id: uuidv7(NOW + seq), priority: 'immediate', createdAt: NOW, body: { text: `order ${seq}`, from: 'desk', requireAck: true } });
    expect(storeDownlink(d, 'veh-1', [order(1), order(2)], NOW).downAck).toBe(2);
    // The same items again (the ack was lost): nothing doubled.
    const again = storeDownlink(d, 'veh-1', [order(1), order(2), order(3)], NOW);
    expect(again.added.map((i) => i.downSeq)).toEqual([3]);
    expect(again.downAck).toBe(3);
    expect(listInbox(d, 10)).toHaveLength(3);
  });
});

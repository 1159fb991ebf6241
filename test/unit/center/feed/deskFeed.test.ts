import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { DeskFeed, type DeskFeedOptions } from '../../../../center/feed/DeskFeed';
import type { FeedSink } from '../../../../center/feed/FeedSubscriber';
import type { DeskVehicle } from '../../../../protocol/sync/desk';
import { SseParser } from '../../../../renderer/desk/sseParser';

/** A sink whose buffer takes `room` writes before it is full; `drain()` empties it as a socket would. */
class FakeSink extends EventEmitter implements FeedSink {
  readonly chunks: string[] = [];
  writableFinished = false;
  ended = false;
  destroyed = false;
  #queued = 0;
  constructor(public room = Infinity) {
    super();
  }
  write(chunk: string): boolean {
    this.chunks.push(chunk);
    this.#queued++;
    return this.#queued < this.room;
  }
  drain(): void {
    this.#queued = 0;
    this.emit('drain');
  }
  end(): void {
    this.ended = true;
  }
  destroy(): void {
    this.destroyed = true;
  }
  frames() {
    return new SseParser().push(this.chunks.join(''));
  }
  events(kind?: string) {
    return this.frames().filter((f) => f.event !== 'center' && (kind === undefined || f.event === kind));
  }
}

const quiet = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };
const center = { ingest: { ok: true, reason: null }, media: { on: false, reason: 'not configured' }, version: 'test' };
const feeds: DeskFeed[] = [];
function makeFeed(options: Partial<DeskFeedOptions> = {}): DeskFeed {
  const feed = new DeskFeed({ log: quiet, center, firstId: 1000, ...options });
  feeds.push(feed);
  return feed;
}
afterEach(() => feeds.splice(0).forEach((f) => f.close()));

const tick = () => new Promise((resolve) => setImmediate(resolve));
const all = () => true;
const vehicle = (id: string, itemCount: number): DeskVehicle => ({
  id,
  name: id,
  lastContactAt: 1,
  position: null,
  links: [],
  linksAt: null,
  upAck: itemCount,
  itemCount,
  downPending: 0,
  queued: null,
  queuedAt: null,
  unread: 0,
  openOrders: 0,
  overdueOrders: 0,
});
const downlink = (vehicleId: string, seq: number) =>
  ({ vehicleId, seq, id: `d-${seq}`, kind: 'order', priority: 'flash', state: 'queued', deliveredAt: null }) as const;

describe('DeskFeed', () => {
  it('gives events increasing ids and sends the center health first, with the position to resume from', async () => {
    const feed = makeFeed();
    const sink = new FakeSink();
    feed.connect(sink, { sees: all, label: 't' });
    feed.publish('downlink', downlink('a', 1), 'a');
    feed.publish('downlink', downlink('a', 2), 'a');
    await tick();
    const frames = sink.frames();
    expect(frames[0]).toMatchObject({ event: 'center', id: '999' });
    expect(frames.slice(1).map((f) => [f.event, f.id])).toEqual([
      ['downlink', '1000'],
      ['downlink', '1001'],
    ]);
    expect(feed.newestId).toBe(1001);
  });

  it('sends a desk only the vehicles its filter lets through, and center-wide events to all', async () => {
    const feed = makeFeed();
    const sink = new FakeSink();
    feed.connect(sink, { sees: (id) => id === 'a', label: 't' });
    feed.publish('downlink', downlink('a', 1), 'a');
    feed.publish('downlink', downlink('b', 1), 'b');
    feed.setCenter({ ...center, ingest: { ok: false, reason: 'disk full' } });
    await tick();
    expect(sink.events().map((f) => JSON.parse(f.data).vehicleId ?? f.event)).toEqual(['a']);
    expect(sink.frames().filter((f) => f.event === 'center')).toHaveLength(2);
  });

  it('resumes after Last-Event-ID from the ring, and answers reset when that id is no longer held or never was', () => {
    const feed = makeFeed({ historyEvents: 10 });
    for (let i = 1; i <= 25; i++) feed.publish('downlink', downlink('a', i), 'a');
    const resumed = new FakeSink();
    feed.connect(resumed, { sees: all, lastEventId: 1020, label: 't' });
    expect(resumed.events().map((f) => f.id)).toEqual(['1021', '1022', '1023', '1024']);

    const old = new FakeSink();
    feed.connect(old, { sees: all, lastEventId: 1005, label: 't' });
    expect(old.frames()[0]).toMatchObject({ event: 'reset', id: '1024', data: '{"reason":"too-old"}' });
    expect(old.events('downlink')).toHaveLength(0);

    const future = new FakeSink();
    feed.connect(future, { sees: all, lastEventId: 5000, label: 't' });
    expect(future.frames()[0]).toMatchObject({ event: 'reset', data: '{"reason":"unknown-id"}' });
    expect(feed.stats()).toMatchObject({ heldEvents: 10 });
  });

  it('keeps the ring within its byte bound', () => {
    const feed = makeFeed({ historyEvents: 1000, historyBytes: 2000 });
    for (let i = 1; i <= 100; i++) feed.publish('downlink', downlink('a', i), 'a');
    expect(feed.stats().heldBytes).toBeLessThanOrEqual(2000);
    expect(feed.stats().heldEvents).toBeGreaterThan(5);
  });

  it('holds no copy for a desk whose sink is full, then sends what it missed with only the newest row of each vehicle', async () => {
    const feed = makeFeed();
    const sink = new FakeSink(1);
    feed.connect(sink, { sees: all, label: 't' }); // the preamble fills it
    for (let i = 1; i <= 5; i++) {
      feed.publish('vehicle', { vehicle: vehicle('a', i) }, 'a');
      feed.publish('vehicle', { vehicle: vehicle('b', i) }, 'b');
      feed.publish('downlink', downlink('a', i), 'a');
    }
    await tick();
    expect(sink.chunks).toHaveLength(1);
    sink.room = Infinity;
    sink.drain();
    const events = sink.events();
    expect(events.filter((f) => f.event === 'downlink')).toHaveLength(5);
    expect(events.filter((f) => f.event === 'vehicle').map((f) => JSON.parse(f.data).vehicle)).toEqual([
      expect.objectContaining({ id: 'a', itemCount: 5 }),
      expect.objectContaining({ id: 'b', itemCount: 5 }),
    ]);
    const ids = events.map((f) => Number(f.id));
    expect([...ids].sort((x, y) => x - y)).toEqual(ids);
  });

  it('sends every row of a vehicle to a desk that keeps up', async () => {
    const feed = makeFeed();
    const sink = new FakeSink();
    feed.connect(sink, { sees: all, label: 't' });
    for (let i = 1; i <= 3; i++) {
      feed.publish('vehicle', { vehicle: vehicle('a', i) }, 'a');
      await tick();
    }
    expect(sink.events('vehicle')).toHaveLength(3);
  });

  it('drops a desk that falls more than maxLagEvents behind, with a reason, and ends its stream', async () => {
    const warnings: string[] = [];
    const feed = makeFeed({ maxLagEvents: 20, log: { ...quiet, warn: (m: string) => warnings.push(m) } });
    const slow = new FakeSink(1);
    const fast = new FakeSink();
    feed.connect(slow, { sees: all, label: 'staff slow' });
    feed.connect(fast, { sees: all, label: 'staff fast' });
    for (let i = 1; i <= 30; i++) {
      feed.publish('downlink', downlink('a', i), 'a');
      await tick();
    }
    expect(slow.ended).toBe(true);
    expect(slow.frames().at(-1)).toMatchObject({ event: 'closing', data: '{"reason":"slow"}' });
    expect(warnings.join()).toMatch(/dropped staff slow, 2\d events behind/);
    expect(feed.stats()).toMatchObject({ subscribers: 1, dropped: 1 });
    expect(fast.events('downlink')).toHaveLength(30);
    expect(fast.ended).toBe(false);
  });

  it('writes a heartbeat comment to each desk and ends every stream on close()', async () => {
    const feed = makeFeed({ heartbeatMs: 20 });
    const sink = new FakeSink();
    feed.connect(sink, { sees: all, label: 't' });
    await new Promise((resolve) => setTimeout(resolve, 70));
    expect(sink.chunks.filter((c) => c === ': heartbeat\n\n').length).toBeGreaterThanOrEqual(2);
    feed.close();
    expect(sink.ended).toBe(true);
    expect(sink.frames().at(-1)).toMatchObject({ event: 'closing', data: '{"reason":"shutdown"}' });
    feed.publish('downlink', downlink('a', 1), 'a');
    expect(feed.newestId).toBe(999);
  });

  it('stops sending to a desk whose connection closed', async () => {
    const feed = makeFeed();
    const sink = new FakeSink();
    const connection = feed.connect(sink, { sees: all, label: 't' });
    connection.close();
    feed.publish('downlink', downlink('a', 1), 'a');
    await tick();
    expect(sink.events()).toHaveLength(0);
    expect(feed.stats().subscribers).toBe(0);
  });
});

import { request as httpRequest, type IncomingMessage } from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeItem } from '../../../protocol/sync/codec';
import { QueuedDownlinkResponse } from '../../../protocol/sync/desk';
import { DESK_FEED_PATH, type DeskFeedData, type DeskFeedEvent, type DeskFeedKind } from '../../../protocol/sync/deskFeed';
import type { ExchangeRequest, LinkSummary } from '../../../protocol/sync/exchange';
import type { SyncItem } from '../../../protocol/sync/items';
import { uuidv7 } from '../../../protocol/sync/uuid';
import { DeskFeedClient } from '../../../renderer/desk/deskFeed';
import { SseParser, type SseFrame } from '../../../renderer/desk/sseParser';
import { startCenter, type CenterProcess } from '../../support/centerProcess';
import { bearer, call, desk, exchangeOk, json } from './centerHttp';

/** The desk's live feed against the real center process: what a desk sees after exchanges and orders, resume, slow desks, auth. */

const MAX_LAG = 200;
let center: CenterProcess;
let seq = 0;
let configDir: string;
beforeAll(async () => {
  configDir = mkdtempSync(join(tmpdir(), 'mcv-feed-'));
  const config = join(configDir, 'center.json');
  writeFileSync(config, JSON.stringify({ feed: { historyEvents: 2000, maxLagEvents: MAX_LAG } }));
  center = await startCenter({ args: ['--config', config], echo: false });
});
afterAll(async () => {
  await center?.dispose();
  rmSync(configDir, { recursive: true, force: true });
});

const message = (text: string): SyncItem => {
  seq++;
  return { kind: 'message', seq, id: uuidv7(), priority: 'immediate', createdAt: Math.floor(Date.now() / 1000) * 1000, body: { text } };
};
const exchange = (items: SyncItem[], extra: Partial<ExchangeRequest> = {}) =>
  exchangeOk(center.url, center.vehicleToken, { v: 1, items: items.map(encodeItem), downAck: 0, ...extra });

/** A desk following the feed with the renderer's own client, every event kept with the time it arrived. */
function follow(lastEventId?: number) {
  const events: Array<DeskFeedEvent & { at: number }> = [];
  const client = new DeskFeedClient({
    token: center.staffToken,
    baseUrl: center.url,
    onEvent: (event) => events.push({ ...event, at: Date.now() }),
    onProblem: (problem) => {
      throw new Error(problem);
    },
    ...(lastEventId !== undefined ? { lastEventId } : {}),
  });
  client.start();
  type Seen<K extends DeskFeedKind> = { kind: K; id: number | undefined; data: DeskFeedData<K>; at: number };
  const find = <K extends DeskFeedKind>(kind: K, match: (data: DeskFeedData<K>) => boolean) =>
    events.find((e) => e.kind === kind && match(e.data as DeskFeedData<K>)) as Seen<K> | undefined;
  const waitFor = async <K extends DeskFeedKind>(kind: K, match: (data: DeskFeedData<K>) => boolean, timeoutMs = 5000) => {
    await expect.poll(() => find(kind, match), { timeout: timeoutMs, interval: 10 }).toBeDefined();
    return find(kind, match)!;
  };
  const ready = () => waitFor('center', () => true);
  return { client, events, waitFor, ready };
}

/** A raw feed request with node:http (any headers); frames parsed as they come. */
function rawFeed(headers: Record<string, string>) {
  const frames: SseFrame[] = [];
  const parser = new SseParser();
  return new Promise<{ res: IncomingMessage; frames: SseFrame[]; body: () => string; ended: Promise<void>; destroy: () => void }>(
    (resolve, reject) => {
      let body = '';
      const req = httpRequest(new URL(DESK_FEED_PATH, center.url), { headers, agent: false }, (res) => {
        res.setEncoding('utf8');
        res.on('data', (text: string) => {
          body += text;
          if (res.statusCode === 200) frames.push(...parser.push(text));
        });
        res.on('error', () => undefined);
        const ended = new Promise<void>((done) => res.once('close', () => done()));
        resolve({ res, frames, body: () => body, ended, destroy: () => req.destroy() });
      });
      req.on('error', reject);
      req.end();
    },
  );
}

describe('the desk live feed', () => {
  it('shows a vehicle message item and its contact and links within a moment of the exchange', async () => {
    const desk1 = follow();
    await desk1.ready();
    const links: LinkSummary[] = [{ id: '5g', name: '5G modem', kind: 'cellular', state: 'up', latencyMs: 42 }];
    const item = message('桥梁受损，请求支援');
    await exchange([item], { links });
    const answeredAt = Date.now();
    const got = await desk1.waitFor('item', (data) => data.item.id === item.id);
    expect(got.data.item).toMatchObject({
      vehicleId: center.vehicleId,
      seq: item.seq,
      kind: 'message',
      body: { text: '桥梁受损，请求支援' },
    });
    const row = await desk1.waitFor('vehicle', (data) => data.vehicle.itemCount >= 1 && data.vehicle.links.length === 1);
    expect(row.data.vehicle).toMatchObject({ id: center.vehicleId, links, lastContactAt: expect.any(Number) });
    expect(Math.max(got.at, row.at) - answeredAt).toBeLessThan(1000);
    desk1.client.close();
  });

  it('shows an order queued by the desk and its delivery when the vehicle acknowledges it', async () => {
    const desk1 = follow();
    await desk1.ready();
    const answer = await desk(center.url, center.staffToken, `/desk/v1/vehicles/${center.vehicleId}/orders`, { text: '立即前往3号桥' });
    expect(answer.status).toBe(201);
    const [queued] = QueuedDownlinkResponse.parse(json(answer)).queued;
    const seen = await desk1.waitFor('downlink', (data) => data.id === queued!.id && data.state === 'queued');
    expect(seen.data).toMatchObject({
      vehicleId: center.vehicleId,
      seq: queued!.seq,
      kind: 'order',
      priority: 'immediate',
      deliveredAt: null,
    });
    await desk1.waitFor('vehicle', (data) => data.vehicle.downPending === 1);

    await exchange([], { downAck: queued!.seq });
    const delivered = await desk1.waitFor('downlink', (data) => data.id === queued!.id && data.state === 'delivered');
    expect(delivered.data.deliveredAt).toEqual(expect.any(Number));
    await desk1.waitFor('vehicle', (data) => data.vehicle.downPending === 0);
    desk1.client.close();
  });

  it('resumes after Last-Event-ID with the events it missed, and says reset for an id it does not hold', async () => {
    const desk1 = follow();
    await desk1.ready();
    const first = message('before the cut');
    await exchange([first]);
    const seen = await desk1.waitFor('item', (data) => data.item.id === first.id);
    desk1.client.close();

    const missed = [message('missed one'), message('missed two')];
    await exchange(missed);
    const desk2 = follow(seen.id);
    for (const item of missed) await desk2.waitFor('item', (data) => data.item.id === item.id);
    expect(desk2.events.find((e) => e.kind === 'item' && e.data.item.id === first.id)).toBeUndefined();
    expect(desk2.events.find((e) => e.kind === 'reset')).toBeUndefined();
    desk2.client.close();

    const stale = follow(1);
    await stale.waitFor('reset', (data) => data.reason === 'too-old');
    stale.client.close();
    const bad = await call(center.url, DESK_FEED_PATH, { headers: { ...bearer(center.staffToken), 'last-event-id': 'yesterday' } });
    expect(bad.status).toBe(400);
  });

  it('refuses a request without a token (401) and a vehicle token (403)', async () => {
    const none = await rawFeed({});
    expect(none.res.statusCode).toBe(401);
    const vehicle = await rawFeed(bearer(center.vehicleToken));
    expect(vehicle.res.statusCode).toBe(403);
    await vehicle.ended;
    expect(JSON.parse(vehicle.body())).toMatchObject({ code: 'forbidden' });
  });

  it('cuts a desk that reads nothing once it falls behind, while the center and other desks go on', async () => {
    const slow = await rawFeed(bearer(center.staffToken));
    expect(slow.res.statusCode).toBe(200);
    expect(slow.res.headers['content-type']).toMatch(/^text\/event-stream/);
    slow.res.pause();
    const desk1 = follow();
    await desk1.ready();
    const text = 'x'.repeat(2000);
    let last: SyncItem | undefined;
    for (let round = 0; round < 60 && !/dropped staff/.test(center.output()); round++) {
      const items = Array.from({ length: 100 }, () => message(text));
      last = items.at(-1);
      await exchange(items);
    }
    expect(center.output()).toMatch(new RegExp(`dropped staff ${center.staffId}, \\d+ events behind \\(over ${MAX_LAG}\\)`));
    slow.res.resume();
    await slow.ended;
    expect(slow.frames.at(-1)).toMatchObject({ event: 'closing', data: '{"reason":"slow"}' });
    await desk1.waitFor('item', (data) => data.item.id === last!.id, 10_000);
    expect((await call(center.url, '/healthz')).status).toBe(200);
    desk1.client.close();
  });

  it('ends open feeds with closing: shutdown on SIGTERM and exits 0', async () => {
    const desk1 = follow();
    await desk1.ready();
    const started = Date.now();
    expect(await center.stop()).toBe(0);
    expect(Date.now() - started).toBeLessThan(4000);
    await desk1.waitFor('closing', (data) => data.reason === 'shutdown');
    desk1.client.close();
  });
});

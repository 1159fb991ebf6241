import { createHash } from 'node:crypto';
import { createSocket } from 'node:dgram';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import DatabaseConstructor from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeItem, encodeCbor, encodeItem } from '../../../protocol/sync/codec';
import { DeskDownlinkResponse, DeskItemsResponse, DeskVehiclesResponse, QueuedDownlinkResponse } from '../../../protocol/sync/desk';
import { HelloResponse, MAX_EXCHANGE_BYTES, type ExchangeRequest } from '../../../protocol/sync/exchange';
import type { SyncItem } from '../../../protocol/sync/items';
import { derivedUuidv7, uuidv7 } from '../../../protocol/sync/uuid';
import { DESK_PATHS, SYNC_PATHS } from '../../../protocol/sync/http';
import { addCredential, runCenterCli, startCenter, type CenterProcess } from '../../support/centerProcess';
import { bearer, call, cborOf, desk, errorOf, exchangeOk, json, postChunked, postExchange } from './centerHttp';

/** The built center as a process: credentials, the sync exchange, the desk API, the UDP echo. */

let center: CenterProcess;
beforeAll(async () => {
  center = await startCenter();
});
afterAll(async () => {
  const code = await center?.stop();
  expect(code).toBe(0); // SIGTERM closes gracefully
  await center?.dispose();
});

const T = Math.floor(Date.now() / 1000) * 1000 - 60_000;
const message = (seq: number, text: string, id = uuidv7(T + seq)): SyncItem => ({
  kind: 'message',
  seq,
  id,
  priority: 'immediate',
  createdAt: T + seq * 1000,
  body: { text },
});
const position = (vehicleId: string, seq: number, latitude: number): SyncItem => ({
  kind: 'position',
  seq,
  id: derivedUuidv7(vehicleId, seq, T + seq * 1000),
  priority: 'routine',
  createdAt: T + seq * 1000,
  body: { latitude, longitude: 103.61, fix: '3d' },
});
const request = (items: SyncItem[], downAck = 0, extra: Partial<ExchangeRequest> = {}): ExchangeRequest => ({
  v: 1,
  items: items.map(encodeItem),
  downAck,
  ...extra,
});

async function vehicleView(id: string) {
  const answer = await desk(center.url, center.staffToken, DESK_PATHS.vehicles);
  expect(answer.status).toBe(200);
  return DeskVehiclesResponse.parse(json(answer)).vehicles.find((v) => v.id === id);
}

describe('center credentials and authentication', () => {
  it('prints a new token once, takes it at once (while running), and keeps only its hash', async () => {
    const added = await addCredential(center.dataDir, 'vehicles', '应急二号');
    expect(added.id).toMatch(/^v-[0-9a-f]{6}$/);
    expect(added.stdout.split(added.token)).toHaveLength(2);
    const hello = await call(center.url, SYNC_PATHS.hello, { headers: bearer(added.token) });
    expect(hello.status).toBe(200);
    expect(HelloResponse.parse(cborOf(hello))).toMatchObject({ vehicleId: added.id, name: '应急二号', ack: 0, highestSeq: 0, downSeq: 0 });

    const db = new DatabaseConstructor(join(center.dataDir, 'center.db'), { readonly: true });
    const row = db.prepare("SELECT token_sha256 FROM credentials WHERE role = 'vehicle' AND id = ?").get(added.id) as {
      token_sha256: Buffer;
    };
    db.close();
    expect(row.token_sha256.toString('hex')).toBe(createHash('sha256').update(added.token).digest('hex'));
    const secret = added.token.split('.')[2]!;
    for (const file of ['center.db', 'center.db-wal']) {
      let bytes: Buffer;
      try {
        bytes = readFileSync(join(center.dataDir, file));
      } catch {
        continue;
      }
      expect(bytes.includes(secret)).toBe(false);
    }
    const list = await runCenterCli(['vehicles', 'list', '--data-dir', center.dataDir]);
    expect(list.stdout).toContain(`${added.id}\t应急二号`);
    expect(list.stdout).not.toContain(secret);
  });

  it('answers a missing, malformed, wrong or revoked token with the same 401 and stores nothing', async () => {
    const added = await addCredential(center.dataDir, 'vehicles', 'MCV-401');
    const wrong = `${added.token.slice(0, -4)}AAAA`;
    const body = request([message(1, 'must not land')]);
    const answers = [
      await postExchange(center.url, undefined, body),
      await postExchange(center.url, 'not-a-token', body),
      await postExchange(center.url, wrong, body),
      await postExchange(center.url, 'mcv-v.nobody.' + 'A'.repeat(43), body),
    ];
    const revoke = await runCenterCli(['vehicles', 'revoke', added.id, '--data-dir', center.dataDir]);
    expect(revoke.code).toBe(0);
    answers.push(await postExchange(center.url, added.token, body));
    for (const answer of answers) {
      expect(answer.status).toBe(401);
      expect(answer.headers['www-authenticate']).toMatch(/^Bearer/);
      expect(errorOf(answer)).toEqual({ code: 'unauthorized', message: 'a valid bearer token is required' });
    }
    const items = DeskItemsResponse.parse(json(await desk(center.url, center.staffToken, `${DESK_PATHS.vehicles}/${added.id}/items`)));
    expect(items.items).toEqual([]);
    expect(await vehicleView(added.id)).toBeUndefined(); // revoked vehicles leave the desk list
    expect((await call(center.url, DESK_PATHS.vehicles)).status).toBe(401);
  });

  it('refuses a staff token on sync and a vehicle token on the desk with 403', async () => {
    const staffOnSync = await postExchange(center.url, center.staffToken, request([]));
    expect(staffOnSync.status).toBe(403);
    expect(errorOf(staffOnSync).code).toBe('forbidden');
    const vehicleOnDesk = await desk(center.url, center.vehicleToken, DESK_PATHS.vehicles);
    expect(vehicleOnDesk.status).toBe(403);
  });
});

describe('center sync exchange', () => {
  it('holds messages and positions exactly once, shows them on the desk with the last position and links, and answers a replay the same', async () => {
    const { url, vehicleToken, vehicleId, staffToken } = center;
    const links = [
      { id: 'cell-1', name: '5G-1', kind: 'cellular', state: 'up' as const, latencyMs: 42 },
      { id: 'sbd-1', name: 'Iridium', kind: 'satellite-sbd', state: 'degraded' as const },
    ];
    const items = [
      message(1, '道路塌方，请求支援'),
      position(vehicleId, 2, 30.99),
      position(vehicleId, 3, 31.01),
      message(5, 'after a gap'),
    ];
    const first = await exchangeOk(url, vehicleToken, request(items, 0, { links }));
    expect(first).toMatchObject({ ack: 3, accepted: [5], rejected: [], deferred: [], down: [], moreDown: false });
    expect(Math.abs(first.serverTime - Date.now())).toBeLessThan(5000);

    const replay = await exchangeOk(url, vehicleToken, request(items, 0, { links }));
    expect({ ...replay, serverTime: 0 }).toEqual({ ...first, serverTime: 0 });

    const held = DeskItemsResponse.parse(json(await desk(url, staffToken, `${DESK_PATHS.vehicles}/${vehicleId}/items`)));
    expect(held.items.map((i) => [i.seq, i.kind])).toEqual([
      [1, 'message'],
      [2, 'position'],
      [3, 'position'],
      [5, 'message'],
    ]);
    expect(held.items[0]!.body).toEqual({ text: '道路塌方，请求支援' });
    expect(held.next).toBe(held.items.at(-1)!.cursor);

    const view = await vehicleView(vehicleId);
    expect(view).toMatchObject({
      name: 'MCV-07',
      upAck: 3,
      itemCount: 4,
      links,
      position: { latitude: 31.01, longitude: 103.61, fix: '3d', at: T + 3000 },
    });
    expect(view!.lastContactAt).toBeGreaterThan(Date.now() - 10_000);

    const gapFilled = await exchangeOk(url, vehicleToken, request([message(4, 'the gap')]));
    expect(gapFilled).toMatchObject({ ack: 5, accepted: [] });
    const conflict = await exchangeOk(url, vehicleToken, request([message(4, 'rewritten')]));
    expect(conflict.rejected).toEqual([
      { seq: 4, code: 'seq-taken', message: expect.stringContaining('seq 4 already holds a different item') },
    ]);

    const positions = DeskItemsResponse.parse(json(await desk(url, staffToken, `${DESK_PATHS.items}?kind=position&limit=1`)));
    expect(positions.items.map((i) => i.seq)).toEqual([2]);
    const page2 = DeskItemsResponse.parse(json(await desk(url, staffToken, `${DESK_PATHS.items}?kind=position&after=${positions.next}`)));
    expect(page2.items.map((i) => i.seq)).toEqual([3]);
    expect((await desk(url, staffToken, `${DESK_PATHS.items}?limit=0`)).status).toBe(400);
    expect(errorOf(await desk(url, staffToken, `${DESK_PATHS.items}?colour=red`)).message).toContain('colour');
  });

  it('refuses broken exchanges with a clear 4xx and stores nothing', async () => {
    const { url, vehicleToken } = center;
    const before = (await vehicleView(center.vehicleId))!.itemCount;

    const notCbor = await postExchange(url, vehicleToken, new TextEncoder().encode('{"v":1}'));
    expect(notCbor.status).toBe(400);
    expect(errorOf(notCbor)).toMatchObject({ code: 'malformed', message: expect.stringContaining('not CBOR') });

    const badEnvelope = await postExchange(url, vehicleToken, encodeCbor({ v: 1, items: [encodeItem(message(90, 'x'))], downAck: -1 }));
    expect(badEnvelope.status).toBe(400);
    expect(errorOf(badEnvelope).message).toContain('downAck');

    const wrongType = await postExchange(url, vehicleToken, request([]), { 'content-type': 'application/json' });
    expect(wrongType.status).toBe(415);
    expect(errorOf(wrongType).code).toBe('unsupported-media-type');

    const aheadOfQueue = await postExchange(url, vehicleToken, request([message(91, 'x')], 999));
    expect(aheadOfQueue.status).toBe(409);
    expect(errorOf(aheadOfQueue)).toMatchObject({ code: 'down-mismatch', message: expect.stringContaining('downAck 999') });

    const huge = await postExchange(url, vehicleToken, new Uint8Array(MAX_EXCHANGE_BYTES + 1));
    expect(huge.status).toBe(413);
    expect(errorOf(huge).code).toBe('too-large');

    const streamed = await postChunked(
      url,
      SYNC_PATHS.exchange,
      { ...bearer(vehicleToken), 'content-type': 'application/cbor' },
      3 * 1024 * 1024,
    );
    expect('status' in streamed && streamed.status).toBe(413);
    // A client that hangs up half-way through a body does not disturb the center.
    expect(
      await postChunked(
        url,
        SYNC_PATHS.exchange,
        { ...bearer(vehicleToken), 'content-type': 'application/cbor' },
        3 * 1024 * 1024,
        256 * 1024,
      ),
    ).toEqual({ error: 'hung up' });

    // A deflate bomb: 1 KB on the wire, over 4 MiB inflated.
    const bomb = await postExchange(url, vehicleToken, deflateSync(Buffer.alloc(5 * 1024 * 1024)), { 'content-encoding': 'deflate' });
    expect(bomb.status).toBe(413);
    expect(errorOf(bomb).message).toContain('inflated');

    const badDeflate = await postExchange(url, vehicleToken, encodeCbor(request([])), { 'content-encoding': 'deflate' });
    expect(badDeflate.status).toBe(400);
    expect((await vehicleView(center.vehicleId))!.itemCount).toBe(before);
    // The center is fine after all that.
    expect(json(await call(url, '/healthz'))).toEqual({ ok: true, version: expect.any(String) });
  });

  it('takes a deflated request and deflates a large answer for a client that accepts it', async () => {
    const added = await addCredential(center.dataDir, 'vehicles', 'MCV-deflate');
    const items = Array.from({ length: 40 }, (_, i) => message(i + 1, `routine status report number ${i + 1}: all crews accounted for`));
    const body = deflateSync(encodeCbor(request(items)));
    const answer = await postExchange(center.url, added.token, body, { 'content-encoding': 'deflate', 'accept-encoding': 'deflate' });
    expect(answer.status).toBe(200);
    expect(cborOf(answer)).toMatchObject({ ack: 40 });

    await desk(center.url, center.staffToken, DESK_PATHS.directory, {
      entries: Array.from({ length: 30 }, (_, i) => ({
        name: `Crew ${i}`,
        role: 'rescue',
        contact: `+86 138 0000 ${String(i).padStart(4, '0')}`,
      })),
      vehicleIds: [added.id],
    });
    const withDown = await postExchange(center.url, added.token, request([]), { 'accept-encoding': 'gzip, deflate' });
    expect(withDown.headers['content-encoding']).toBe('deflate');
    expect((cborOf(withDown) as { down: unknown[] }).down).toHaveLength(1);
  });
});

describe('center downlink and desk', () => {
  it('queues orders from the desk, delivers them in down, and shows deliveredAt once acked', async () => {
    const { url, vehicleToken, vehicleId, staffToken } = center;
    const queuedAnswer = await desk(url, staffToken, `${DESK_PATHS.vehicles}/${vehicleId}/orders`, { text: '前往映秀镇集合点' });
    expect(queuedAnswer.status).toBe(201);
    const queued = QueuedDownlinkResponse.parse(json(queuedAnswer)).queued;
    const dir = QueuedDownlinkResponse.parse(
      json(await desk(url, staffToken, DESK_PATHS.directory, { entries: [{ name: '张三', role: '队长', contact: '13800000000' }] })),
    ).queued;
    expect(dir.map((q) => q.vehicleId)).toContain(vehicleId);

    const hello = HelloResponse.parse(cborOf(await call(url, SYNC_PATHS.hello, { headers: bearer(vehicleToken) })));
    expect(hello.downSeq).toBe(2);

    const first = await exchangeOk(url, vehicleToken, request([], 0));
    const down = first.down.map((bytes) => decodeItem(bytes, vehicleId));
    expect(down).toMatchObject([
      {
        kind: 'order',
        seq: 1,
        id: queued[0]!.id,
        priority: 'immediate',
        body: { text: '前往映秀镇集合点', from: 'Desk Wang', requireAck: true },
      },
      { kind: 'directory', seq: 2, body: { entries: [{ name: '张三', role: '队长', contact: '13800000000' }] } },
    ]);
    let orders = DeskDownlinkResponse.parse(json(await desk(url, staffToken, `${DESK_PATHS.vehicles}/${vehicleId}/orders`))).items;
    expect(orders.map((o) => o.deliveredAt)).toEqual([null, null]);
    expect((await vehicleView(vehicleId))!.downPending).toBe(2);

    const acked = await exchangeOk(url, vehicleToken, request([], 1));
    expect(acked.down.map((bytes) => decodeItem(bytes, vehicleId).seq)).toEqual([2]);
    orders = DeskDownlinkResponse.parse(json(await desk(url, staffToken, `${DESK_PATHS.vehicles}/${vehicleId}/orders`))).items;
    expect(orders[0]!.deliveredAt).toBeGreaterThan(Date.now() - 10_000);
    expect(orders[1]!.deliveredAt).toBeNull();
    expect((await vehicleView(vehicleId))!.downPending).toBe(1);
  });

  it('validates desk input and names unknown vehicles', async () => {
    const { url, staffToken } = center;
    expect(errorOf(await desk(url, staffToken, `${DESK_PATHS.vehicles}/nope/orders`, { text: 'x' }))).toMatchObject({
      code: 'unknown-vehicle',
    });
    expect((await desk(url, staffToken, `${DESK_PATHS.vehicles}/${center.vehicleId}/orders`, { text: '   ' })).status).toBe(400);
    expect((await desk(url, staffToken, DESK_PATHS.directory, { entries: [], vehicleIds: ['ghost'] })).status).toBe(404);
    const big = await desk(url, staffToken, `${DESK_PATHS.vehicles}/${center.vehicleId}/orders`, { text: 'x'.repeat(70 * 1024) });
    expect(big.status).toBe(413);
    const notJson = await call(url, `${DESK_PATHS.vehicles}/${center.vehicleId}/orders`, {
      method: 'POST',
      headers: { ...bearer(staffToken), 'content-type': 'application/json' },
      body: '{',
    });
    expect(errorOf(notJson)).toMatchObject({ code: 'malformed' });
    expect(errorOf(await call(url, '/nowhere'))).toMatchObject({ code: 'not-found' });
    const healthHead = await call(url, '/healthz', { method: 'HEAD' });
    expect([healthHead.status, healthHead.body.length]).toEqual([200, 0]);
    const wrongMethod = await call(url, SYNC_PATHS.exchange, { method: 'GET' });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.allow).toBe('POST');
  });
});

describe('center UDP echo', () => {
  it('echoes MCVP probes only, and at most about 50 a second per source', async () => {
    const socket = createSocket('udp4');
    const received: Buffer[] = [];
    socket.on('message', (m) => received.push(m));
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', () => resolve()));
    const send = (payload: Buffer) =>
      new Promise<void>((resolve, reject) => socket.send(payload, center.echoPort, '127.0.0.1', (e) => (e ? reject(e) : resolve())));
    const probe = Buffer.alloc(16);
    probe.writeUInt32BE(0x4d435650, 0);
    probe.writeUInt32BE(7, 8);
    await send(probe);
    await send(Buffer.from('not a probe, just text to bounce'));
    await send(probe.subarray(0, 12)); // magic but too short
    await send(Buffer.concat([probe, Buffer.alloc(1500)])); // too long
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(received).toHaveLength(1);
    expect(received[0]!.equals(probe)).toBe(true);

    received.length = 0;
    const started = performance.now();
    for (let i = 0; i < 120; i++) await send(probe);
    const seconds = (performance.now() - started) / 1000;
    await new Promise((resolve) => setTimeout(resolve, 300));
    // A burst of 50, refilled at 50 a second while the 120 went out (a loaded machine sends slower).
    expect(received.length).toBeGreaterThanOrEqual(40);
    expect(received.length).toBeLessThanOrEqual(Math.min(120, Math.ceil(50 + 50 * seconds) + 2));
    expect(received.length).toBeLessThan(120);
    socket.close();
  });
});

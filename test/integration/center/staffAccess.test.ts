import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import DatabaseConstructor from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken, issueToken } from '../../../center/credentials/tokens';
import { MIGRATIONS } from '../../../center/store/sqlite/migrations';
import { SqliteCenterStore } from '../../../center/store/sqlite/SqliteCenterStore';
import { dataFiles } from '../../../center/config/dataDir';
import { migrate } from '../../../platform/sqlite/migrations';
import { MEDIA_ROOMS_PATH, MEDIA_TICKET_PATH, MediaRooms } from '../../../protocol/media/signaling';
import { DeskMe } from '../../../protocol/sync/desk';
import {
  DeskDownlinkResponse,
  DeskItemsResponse,
  DeskOrdersResponse,
  DeskVehiclesResponse,
  QueuedDownlinkResponse,
  type DeskOrder,
} from '../../../protocol/sync/desk';
import type { DeskFeedEvent } from '../../../protocol/sync/deskFeed';
import { DeskFeedClient } from '../../../renderer/desk/deskFeed';
import { DESK_PATHS } from '../../../protocol/sync/http';
import { uuidv7 } from '../../../protocol/sync/uuid';
import { FakeMediaBackend } from '../../support/fakeMediaBackend';
import { startMediaCenter, type MediaCenter } from '../../support/mediaCenter';
import { addCredential, runCenterCli, startCenter, type CenterProcess } from '../../support/centerProcess';
import { exchange, message } from '../../unit/center/helpers';
import { Peer, WebSocketTransport } from 'protoo-client';
import { call, desk, errorOf, exchangeOk, json, type Answer } from './centerHttp';

/**
 * Staff roles and vehicle groups against the real center process over real HTTP: a desk
 * staff member of group A is refused every route for a vehicle of group B (and for one
 * that does not exist, the same way), sees only A's vehicles and items in lists; an
 * admin sees all; desk staff in no group see empty lists; media rooms follow the rule.
 */

const ORDER = { text: 'Move to the north gate', priority: 'immediate' };
const DIRECTORY = { entries: [{ name: 'Team 1', role: 'rescue', contact: '110' }] };

/** Every staff route that names a vehicle, as [what, request]. */
function vehicleRoutes(vehicleId: string): Array<[string, (base: string, token: string) => Promise<Answer>]> {
  const v = `${DESK_PATHS.vehicles}/${vehicleId}`;
  const post = (path: string, body: unknown) => (base: string, token: string) => desk(base, token, path, body);
  const get = (path: string) => (base: string, token: string) => desk(base, token, path);
  return [
    ['GET items', get(`${v}/items`)],
    ['POST orders', post(`${v}/orders`, ORDER)],
    ['GET orders', get(`${v}/orders`)],
    ['GET attachment', get(`${v}/attachments/${uuidv7()}`)],
    ['POST directory', post(DESK_PATHS.directory, { ...DIRECTORY, vehicleIds: [vehicleId] })],
    ['POST media ticket', post(MEDIA_TICKET_PATH, { roomId: vehicleId })],
    ['POST order to a set', post(DESK_PATHS.orders, { ...ORDER, to: { vehicleIds: [vehicleId] } })],
    ['GET orders of a vehicle', get(`${DESK_PATHS.orders}?vehicleId=${vehicleId}`)],
    ['GET conversation', get(`${v}/conversation`)],
    ['POST message', post(`${v}/messages`, { text: 'Report in' })],
    ['POST read marks', post(`${v}/read`, { ids: [uuidv7()] })],
  ];
}

/**
 * A center with vehicles in groups a (A1), b (B1) and both (AB), the helper's admin (its
 * vehicle mcv-07 in no group), and a desk staff member of group a; more staff by name → groups.
 */
async function groupedCenter(tokens: Record<string, string>, moreStaff: Record<string, string[]> = {}): Promise<CenterProcess> {
  const center = await startCenter({ echo: false });
  tokens.admin = center.staffToken;
  const add = async (kind: 'vehicles' | 'staff', name: string, extra: string[]) =>
    (await addCredential(center.dataDir, kind, name, extra)).token;
  tokens.a1 = await add('vehicles', 'A1', ['--groups', 'a']);
  tokens.b1 = await add('vehicles', 'B1', ['--groups', 'b']);
  tokens.ab = await add('vehicles', 'AB', ['--groups', 'a,b']);
  tokens.deskA = await add('staff', 'Desk A', ['--groups', 'a']);
  for (const [key, [name, ...extra]] of Object.entries(moreStaff)) tokens[key] = await add('staff', name!, extra);
  return center;
}

describe('staff access on the desk and media routes (real center)', () => {
  let center: CenterProcess;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    center = await groupedCenter(tokens, { deskNone: ['Desk None'] });
    let seq = 0;
    for (const vehicle of ['a1', 'b1', 'ab', 'b1']) {
      seq += 1;
      await exchangeOk(center.url, tokens[vehicle]!, exchange([message(seq, `from ${vehicle}`)]));
    }
  });
  afterAll(async () => {
    await center?.dispose();
  });

  const vehicleIds = async (token: string) =>
    DeskVehiclesResponse.parse(json(await desk(center.url, token, DESK_PATHS.vehicles))).vehicles.map((v) => v.id);
  const itemVehicles = async (token: string, path: string = DESK_PATHS.items) =>
    DeskItemsResponse.parse(json(await desk(center.url, token, path))).items.map((i) => i.vehicleId);

  it('refuses desk staff of group A every route for a vehicle of group B with 403 vehicle-not-in-your-groups, changing nothing', async () => {
    for (const [what, send] of vehicleRoutes('b1')) {
      const answer = await send(center.url, tokens.deskA!);
      expect(answer.status, what).toBe(403);
      expect(errorOf(answer), what).toMatchObject({
        code: 'vehicle-not-in-your-groups',
        message: 'vehicle "b1" is not in your groups (a)',
      });
    }
    // A directory naming one visible and one hidden vehicle queues nothing at all.
    const mixed = await desk(center.url, tokens.deskA!, DESK_PATHS.directory, { ...DIRECTORY, vehicleIds: ['a1', 'b1'] });
    expect(mixed.status).toBe(403);
    const b1 = DeskDownlinkResponse.parse(json(await desk(center.url, tokens.admin!, `${DESK_PATHS.vehicles}/b1/orders`)));
    const a1 = DeskDownlinkResponse.parse(json(await desk(center.url, tokens.admin!, `${DESK_PATHS.vehicles}/a1/orders`)));
    expect([...b1.items, ...a1.items]).toEqual([]);
  });

  it('answers a vehicle that does not exist the same way, so desk staff cannot probe for ids; an admin gets 404', async () => {
    for (const [what, send] of vehicleRoutes('ghost')) {
      const answer = await send(center.url, tokens.deskA!);
      expect([what, answer.status, errorOf(answer).code]).toEqual([what, 403, 'vehicle-not-in-your-groups']);
    }
    const admin = await desk(center.url, tokens.admin!, `${DESK_PATHS.vehicles}/ghost/items`);
    expect([admin.status, errorOf(admin).code]).toEqual([404, 'unknown-vehicle']);
  });

  it('lets desk staff of group A use every route for the vehicles of A', async () => {
    for (const vehicleId of ['a1', 'ab']) {
      const answers = Object.fromEntries(
        await Promise.all(vehicleRoutes(vehicleId).map(async ([what, send]) => [what, (await send(center.url, tokens.deskA!)).status])),
      );
      // The attachment does not exist (404) and this center runs no media backend (503): both past the access check.
      expect(answers, vehicleId).toEqual({
        'GET items': 200,
        'POST orders': 201,
        'GET orders': 200,
        'GET attachment': 404,
        'POST directory': 201,
        'POST media ticket': 503,
        'POST order to a set': 201,
        'GET orders of a vehicle': 200,
        'GET conversation': 200,
        'POST message': 201,
        'POST read marks': 200,
      });
    }
    expect(await itemVehicles(tokens.deskA!, `${DESK_PATHS.vehicles}/a1/items`)).toEqual(['a1']);
  });

  it('shows desk staff only the vehicles, items and directory targets of their groups; an admin all of them', async () => {
    expect(await vehicleIds(tokens.deskA!)).toEqual(['a1', 'ab']);
    expect(await vehicleIds(tokens.admin!)).toEqual(['a1', 'ab', 'b1', 'mcv-07']);
    expect(await itemVehicles(tokens.deskA!)).toEqual(['a1', 'ab']);
    expect(await itemVehicles(tokens.admin!)).toEqual(['a1', 'b1', 'ab', 'b1']);
    // Paging through visible items only: a page of one, then the next, then nothing.
    const first = DeskItemsResponse.parse(json(await desk(center.url, tokens.deskA!, `${DESK_PATHS.items}?limit=1`)));
    const second = DeskItemsResponse.parse(json(await desk(center.url, tokens.deskA!, `${DESK_PATHS.items}?limit=1&after=${first.next}`)));
    expect([...first.items, ...second.items].map((i) => i.vehicleId)).toEqual(['a1', 'ab']);
    // A directory "to all" goes to all the vehicles this staff member sees.
    const queued = QueuedDownlinkResponse.parse(json(await desk(center.url, tokens.deskA!, DESK_PATHS.directory, DIRECTORY)));
    expect(queued.queued.map((q) => q.vehicleId).sort()).toEqual(['a1', 'ab']);
    const rooms = MediaRooms.parse(json(await desk(center.url, tokens.deskA!, MEDIA_ROOMS_PATH)));
    expect(rooms.rooms).toEqual([]);
  });

  it('gives desk staff in no group empty lists, not errors, and says who they are so the desk can explain', async () => {
    expect(await vehicleIds(tokens.deskNone!)).toEqual([]);
    expect(await itemVehicles(tokens.deskNone!)).toEqual([]);
    const queued = QueuedDownlinkResponse.parse(json(await desk(center.url, tokens.deskNone!, DESK_PATHS.directory, DIRECTORY)));
    expect(queued.queued).toEqual([]);
    expect(DeskMe.parse(json(await desk(center.url, tokens.deskNone!, DESK_PATHS.me))).staff).toEqual({
      id: 'desk-none',
      name: 'Desk None',
      role: 'desk',
      groups: [],
    });
    expect(DeskMe.parse(json(await desk(center.url, tokens.admin!, DESK_PATHS.me))).staff).toMatchObject({ role: 'admin' });
    const refused = await desk(center.url, tokens.deskNone!, `${DESK_PATHS.vehicles}/a1/items`);
    expect(errorOf(refused)).toMatchObject({ code: 'vehicle-not-in-your-groups', message: expect.stringMatching(/in no vehicle group/) });
  });

  it('applies a change of groups made with the CLI while the center runs from the next request on', async () => {
    const set = await runCenterCli(['staff', 'set', 'desk-none', '--groups', 'b', '--data-dir', center.dataDir]);
    expect(set.code).toBe(0);
    expect(await vehicleIds(tokens.deskNone!)).toEqual(['ab', 'b1']);
    await runCenterCli(['staff', 'set', 'desk-none', '--groups', '', '--data-dir', center.dataDir]);
    expect(await vehicleIds(tokens.deskNone!)).toEqual([]);
  });
});

describe('media rooms follow the same rule', () => {
  let media: MediaCenter;
  const peers: Peer[] = [];
  const deskA = issueToken('staff', 'desk-a');
  const deskB = issueToken('staff', 'desk-b');

  beforeAll(async () => {
    media = await startMediaCenter(new FakeMediaBackend());
    // Staff and groups added beside the running center, as the CLI does.
    const store = SqliteCenterStore.open({ file: dataFiles(media.center.settings.dataDir).database });
    await store.setAccess('vehicle', media.vehicleId, { groups: ['b'] });
    for (const [id, token, group] of [
      ['desk-a', deskA, 'a'],
      ['desk-b', deskB, 'b'],
    ] as const)
      await store.addCredential({
        role: 'staff',
        staffRole: 'desk',
        id,
        name: id,
        tokenSha256: hashToken(token),
        createdAt: Date.now(),
        groups: [group],
      });
    await store.close();
    // The vehicle opens its room.
    const { socketUrl } = await media.ticket(media.vehicleToken);
    const peer = new Peer(new WebSocketTransport(socketUrl, { retry: { retries: 0 } }));
    peers.push(peer);
    await new Promise<void>((resolve, reject) => {
      peer.once('open', resolve);
      peer.once('failed', () => reject(new Error('socket failed')));
    });
  });
  afterAll(async () => {
    for (const peer of peers) peer.close();
    await media?.close();
  });

  const rooms = async (token: string) =>
    MediaRooms.parse(json(await call(media.url, MEDIA_ROOMS_PATH, { headers: { authorization: `Bearer ${token}` } }))).rooms.map(
      (r) => r.roomId,
    );
  const ticket = (token: string) =>
    call(media.url, MEDIA_TICKET_PATH, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ roomId: media.vehicleId }),
    });

  it('lists a vehicle’s room only to staff who may see the vehicle, and gives tickets only to them', async () => {
    expect(await rooms(media.staffToken)).toEqual([media.vehicleId]);
    expect(await rooms(deskB)).toEqual([media.vehicleId]);
    expect(await rooms(deskA)).toEqual([]);
    const refused = await ticket(deskA);
    expect([refused.status, errorOf(refused).code]).toEqual([403, 'vehicle-not-in-your-groups']);
    expect((await ticket(deskB)).status).toBe(201);
  });
});

describe('upgrading a center whose database predates staff roles', () => {
  let dir: string;
  let center: CenterProcess | undefined;
  afterAll(async () => {
    await center?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps every existing staff member’s access: they become admins and see every vehicle', async () => {
    dir = mkdtempSync(join(tmpdir(), 'mcv-upgrade-'));
    const staffToken = issueToken('staff', 'old-wang');
    const vehicleToken = issueToken('vehicle', 'old-07');
    // The schema as the center before roles left it (version 10), with a staff member and a vehicle.
    const db = new DatabaseConstructor(dataFiles(dir).database);
    db.pragma('journal_mode = WAL');
    migrate(db, MIGRATIONS, 10);
    const insert = db.prepare('INSERT INTO credentials (role, id, name, token_sha256, created_at) VALUES (?, ?, ?, ?, ?)');
    insert.run('staff', 'old-wang', 'Old Wang', hashToken(staffToken), Date.now());
    insert.run('vehicle', 'old-07', 'OLD-07', hashToken(vehicleToken), Date.now());
    db.prepare('INSERT INTO vehicles (id) VALUES (?)').run('old-07');
    db.close();

    // The first program to open it migrates it (here the CLI that adds the helper's vehicle and admin).
    center = await startCenter({ dataDir: dir, echo: false });
    const seen = DeskVehiclesResponse.parse(json(await desk(center.url, staffToken, DESK_PATHS.vehicles))).vehicles.map((v) => v.id);
    expect(seen).toEqual(['mcv-07', 'old-07']);
    expect(DeskMe.parse(json(await desk(center.url, staffToken, DESK_PATHS.me))).staff).toEqual({
      id: 'old-wang',
      name: 'Old Wang',
      role: 'admin',
      groups: [],
    });
    expect((await desk(center.url, staffToken, `${DESK_PATHS.vehicles}/old-07/orders`, ORDER)).status).toBe(201);
  });
});

describe('orders and the live feed follow the same rule (real center)', () => {
  let center: CenterProcess;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    center = await groupedCenter(tokens);
  });
  afterAll(async () => {
    await center?.dispose();
  });

  it('shows desk staff only their recipients of an order, sends "all" only to their vehicles, and lets only who commands every recipient cancel', async () => {
    const issued = json<{ order: DeskOrder }>(
      await desk(center.url, tokens.admin!, DESK_PATHS.orders, { ...ORDER, to: { vehicleIds: ['a1', 'b1'] } }),
    ).order;
    const seen = DeskOrdersResponse.parse(json(await desk(center.url, tokens.deskA!, DESK_PATHS.orders))).orders.find(
      (o) => o.id === issued.id,
    );
    expect(seen?.recipients.map((r) => r.vehicleId)).toEqual(['a1']);
    const cancel = await desk(center.url, tokens.deskA!, `${DESK_PATHS.orders}/${issued.id}/cancel`, {});
    expect([cancel.status, errorOf(cancel).code]).toEqual([403, 'vehicle-not-in-your-groups']);
    const toAll = json<{ order: DeskOrder }>(
      await desk(center.url, tokens.deskA!, DESK_PATHS.orders, { ...ORDER, to: { all: true } }),
    ).order;
    expect(toAll.recipients.map((r) => r.vehicleId).sort()).toEqual(['a1', 'ab']);
    const onlyB = json<{ order: DeskOrder }>(
      await desk(center.url, tokens.admin!, DESK_PATHS.orders, { ...ORDER, to: { vehicleIds: ['b1'] } }),
    ).order;
    const hidden = await desk(center.url, tokens.deskA!, `${DESK_PATHS.orders}/${onlyB.id}`);
    expect([hidden.status, errorOf(hidden).code]).toEqual([404, 'unknown-order']);
  });

  it('filters the live feed: desk staff of group A get no event about a vehicle of group B', async () => {
    const events: DeskFeedEvent[] = [];
    const client = new DeskFeedClient({ token: tokens.deskA!, baseUrl: center.url, onEvent: (event) => events.push(event) });
    client.start();
    try {
      await expect.poll(() => events.some((e) => e.kind === 'center'), { timeout: 5000 }).toBe(true);
      await exchangeOk(center.url, tokens.b1!, exchange([message(100, 'from b1, secret')]));
      await exchangeOk(center.url, tokens.a1!, exchange([message(101, 'from a1')]));
      const aboutVehicle = (e: DeskFeedEvent) =>
        e.kind === 'item'
          ? e.data.item.vehicleId
          : e.kind === 'vehicle'
            ? e.data.vehicle.id
            : e.kind === 'downlink'
              ? e.data.vehicleId
              : undefined;
      await expect.poll(() => events.some((e) => aboutVehicle(e) === 'a1'), { timeout: 5000 }).toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(events.map(aboutVehicle).filter((id) => id !== undefined && id !== 'a1' && id !== 'ab')).toEqual([]);
    } finally {
      client.close();
    }
  });
});

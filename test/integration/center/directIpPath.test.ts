import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeskIridiumResponse, deskIridiumPath } from '../../../protocol/sbd/deskIridium';
import { encodeSbdPayload } from '../../../protocol/sbd/sbdPayload';
import { encodeItem } from '../../../protocol/sync/codec';
import { ConversationResponse, DeskItemsResponse, DeskOrdersResponse, QueuedDownlinkResponse } from '../../../protocol/sync/desk';
import { DeskIncidentDetail } from '../../../protocol/sync/deskIncidents';
import type { SyncItem } from '../../../protocol/sync/items';
import { uuidv7 } from '../../../protocol/sync/uuid';
import { decodeItem } from '../../../protocol/sync/codec';
import { desk, exchangeOk, json } from './centerHttp';
import { startDirectIpRig, type DirectIpRig } from './directIpRig';

/**
 * The real center with DirectIP on: the path each item first came by (docs/center.md, "The
 * path an item came by"). Items that came in an MO session are `sbd` with that session's
 * MOMSN; the same items again over HTTP are held once and stay `sbd`.
 */

const IMEI = '300234010753371';
let rig: DirectIpRig;

beforeAll(async () => {
  rig = await startDirectIpRig(IMEI);
});

afterAll(async () => {
  expect(await rig?.dispose()).toBe(0);
});

async function get<T>(path: string, schema: { parse(value: unknown): T }): Promise<T> {
  const answer = await desk(rig.center.url, rig.center.staffToken, path);
  expect(answer.status).toBe(200);
  return schema.parse(json(answer));
}

describe('the path each uplink item came by', () => {
  it('keeps items of an MO as sbd with the MOMSN, shows it on items, conversation, order steps and reports, and an IP replay changes nothing but otherPathAt', async () => {
    const { center, gateway } = rig;
    const vehicle = center.vehicleId;
    const ordered = await desk(center.url, center.staffToken, `/desk/v1/vehicles/${vehicle}/orders`, {
      text: '前往北川中学',
      priority: 'flash',
    });
    expect(ordered.status).toBe(201);
    const orderItemId = QueuedDownlinkResponse.parse(json(ordered)).queued[0]!.id;
    // The vehicle takes the order over IP, then loses every IP link: its answer goes by Iridium.
    const down = await exchangeOk(center.url, center.vehicleToken, { v: 1, items: [], downAck: 0 });
    expect(down.down.map((wire) => decodeItem(wire, vehicle).id)).toEqual([orderItemId]);

    const t = Math.floor(Date.now() / 1000) * 1000 - 30_000;
    const incidentId = uuidv7(t);
    const sent: SyncItem[] = [
      { kind: 'message', seq: 1, id: uuidv7(t + 1), priority: 'flash', createdAt: t + 1, body: { text: '道路塌方，请求支援' } },
      {
        kind: 'order-state',
        seq: 2,
        id: uuidv7(t + 2),
        priority: 'flash',
        createdAt: t + 2,
        body: { orderId: orderItemId, state: 'acknowledged' },
      },
      {
        kind: 'report',
        seq: 3,
        id: uuidv7(t + 3),
        priority: 'immediate',
        createdAt: t + 3,
        body: {
          incidentId,
          stage: 'first',
          number: 0,
          text: '山体滑坡',
          incident: { category: 'natural', type: 'landslide', level: 'III', title: '北川滑坡', occurredAt: t },
        },
      },
    ];
    const mo = await gateway.deliverMo({ imei: IMEI, payload: encodeSbdPayload('mo', vehicle, sent.map(encodeItem)) });
    expect(mo.confirmations).toEqual([true]);
    const [session] = (await get(deskIridiumPath(vehicle), DeskIridiumResponse)).mo;
    expect(session).toMatchObject({ cdrReference: mo.cdrReference, items: 3, held: 3 });
    const sbd = { path: 'sbd', cdrReference: mo.cdrReference, momsn: session!.momsn, sessionAt: session!.sessionAt, otherPathAt: null };

    const items = await get(`/desk/v1/vehicles/${vehicle}/items`, DeskItemsResponse);
    expect(items.items.map((i) => [i.seq, i.via])).toEqual([
      [1, sbd],
      [2, sbd],
      [3, sbd],
    ]);
    const conversation = await get(`/desk/v1/vehicles/${vehicle}/conversation`, ConversationResponse);
    expect(conversation.entries.map((e) => [e.direction, e.kind, e.via?.path ?? null])).toEqual([
      ['in', 'message', 'sbd'],
      ['out', 'order', null],
    ]);
    const { orders } = await get(`/desk/v1/orders?vehicleId=${vehicle}`, DeskOrdersResponse);
    const steps = orders[0]!.recipients[0]!.steps;
    expect(steps.map((s) => [s.state, s.via?.path ?? null, s.via?.momsn ?? null])).toEqual([
      ['issued', null, null],
      ['acknowledged', 'sbd', session!.momsn],
    ]);
    const incident = await get(`/desk/v1/incidents/${incidentId}`, DeskIncidentDetail);
    expect(incident.reports.map((r) => r.via)).toEqual([sbd]);

    // The IP link is back: the console sends the same items again. Held once, still sbd, the IP copy noted.
    const before = Date.now();
    const replay = await exchangeOk(center.url, center.vehicleToken, { v: 1, items: sent.map(encodeItem), downAck: 1 });
    expect(replay.ack).toBe(3);
    expect(replay.rejected).toEqual([]);
    const after = await get(`/desk/v1/vehicles/${vehicle}/items`, DeskItemsResponse);
    expect(after.items).toHaveLength(3);
    for (const item of after.items) {
      expect(item.via).toMatchObject({ path: 'sbd', cdrReference: mo.cdrReference, momsn: session!.momsn });
      expect(item.via!.otherPathAt).toBeGreaterThanOrEqual(before);
    }

    // A new item over IP is `ip`.
    const ipItem: SyncItem = {
      kind: 'message',
      seq: 4,
      id: uuidv7(),
      priority: 'routine',
      createdAt: Date.now(),
      body: { text: 'IP back' },
    };
    await exchangeOk(center.url, center.vehicleToken, { v: 1, items: [encodeItem(ipItem)], downAck: 1 });
    const last = (await get(`/desk/v1/vehicles/${vehicle}/items?after=${after.items[2]!.cursor}`, DeskItemsResponse)).items;
    expect(last.map((i) => [i.seq, i.via?.path])).toEqual([[4, 'ip']]);
  });
});

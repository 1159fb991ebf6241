import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { IridiumSbdSimulator } from '../../../fixtures/devices/iridium/IridiumSbdSimulator';
import { IsuBridge } from '../../../fixtures/iridium-gateway/IsuBridge';
import { DeskIridiumResponse, deskIridiumPath } from '../../../protocol/sbd/deskIridium';
import { decodeSbdItems, packSbdItems } from '../../../protocol/sbd/sbdPayload';
import { encodeItem } from '../../../protocol/sync/codec';
import { DeskItemsResponse, QueuedDownlinkResponse } from '../../../protocol/sync/desk';
import type { SyncItem } from '../../../protocol/sync/items';
import { uuidv7 } from '../../../protocol/sync/uuid';
import { desk, exchangeOk, json } from './centerHttp';
import { startDirectIpRig, type DirectIpRig } from './directIpRig';

/**
 * The whole Iridium path without the console: the transceiver simulator (the modem, driven
 * here with its AT commands), the gateway simulator bridged to it, and the real center.
 */

const IMEI = '300434063219840';
let rig: DirectIpRig;
let modem: IridiumSbdSimulator;
let bridge: IsuBridge;
let fromModem = Buffer.alloc(0);

beforeAll(async () => {
  rig = await startDirectIpRig(IMEI);
  modem = new IridiumSbdSimulator({
    write: (data) => (fromModem = Buffer.concat([fromModem, Buffer.from(data)])),
    echo: false,
    initial: { imei: IMEI, sessionMs: 20, csqMs: 10 },
  });
  bridge = new IsuBridge(modem, rig.gateway);
});
afterAll(async () => {
  bridge?.close();
  modem?.close();
  expect(await rig?.dispose()).toBe(0);
});

/** Sends to the modem and resolves with what it answers up to `until`. */
async function talk(data: string | Buffer, until: RegExp = /\r\n(OK|ERROR)\r\n$/): Promise<Buffer> {
  fromModem = Buffer.alloc(0);
  modem.receive(data);
  await vi.waitFor(() => expect(fromModem.toString('latin1')).toMatch(until), { timeout: 5000, interval: 5 });
  return fromModem;
}

function checksum(bytes: Uint8Array): Buffer {
  const sum = bytes.reduce((a, b) => a + b, 0) & 0xffff;
  return Buffer.from([sum >> 8, sum & 0xff]);
}

async function session(): Promise<number[]> {
  const answer = (await talk('AT+SBDIX\r')).toString('latin1');
  return /\+SBDIX: ([-\d, ]+)/
    .exec(answer)![1]!
    .split(',')
    .map((n) => Number(n.trim()));
}

describe('through the modem and the gateway to the center', () => {
  it('a flash message reaches the center once while SBDIX fails with 32, 35 and 17 before succeeding, and IP does not double it', async () => {
    const text = '北川县城道路塌方，车辆无法通行，伤员三名需要直升机转运，请求工程机械支援。'.padEnd(70, '援');
    const item: SyncItem = {
      kind: 'message',
      seq: 1,
      id: uuidv7(),
      priority: 'flash',
      createdAt: Math.floor(Date.now() / 1000) * 1000,
      body: { text, latitude: 31.8336, longitude: 104.4606 },
    };
    const { payload } = packSbdItems('mo', rig.center.vehicleId, [item]);
    expect(payload!.length).toBeLessThanOrEqual(340);
    expect((await talk(`AT+SBDWB=${payload!.length}\r`, /READY\r\n$/)).toString()).toContain('READY');
    expect((await talk(Buffer.concat([payload!, checksum(payload!)]))).toString()).toBe('\r\n0\r\n\r\nOK\r\n');

    modem.forceSessionResults([32, 35, 17]);
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await session())[0]);
    expect(statuses).toEqual([32, 35, 17, 0]);
    // The host did not get its answer and runs the session again: a second delivery, another CDR.
    expect((await session())[0]).toBe(0);

    const results = await vi.waitFor(
      async () => {
        const settled = await bridge.settled();
        expect(settled).toHaveLength(2);
        return settled;
      },
      { timeout: 5000, interval: 20 },
    );
    expect(results.map((r) => r.confirmations)).toEqual([[true], [true]]);
    const items = async () =>
      DeskItemsResponse.parse(
        json(await desk(rig.center.url, rig.center.staffToken, `/desk/v1/vehicles/${rig.center.vehicleId}/items?limit=10`)),
      ).items;
    expect((await items()).map((i) => [i.seq, i.id, i.priority, (i.body as { text: string }).text])).toEqual([[1, item.id, 'flash', text]]);
    const iridium = DeskIridiumResponse.parse(
      json(await desk(rig.center.url, rig.center.staffToken, deskIridiumPath(rig.center.vehicleId))),
    );
    expect(iridium.mo.map((m) => m.held)).toEqual([1, 1]);

    const answer = await exchangeOk(rig.center.url, rig.center.vehicleToken, { v: 1, items: [encodeItem(item)], downAck: 0 });
    expect(answer.ack).toBe(1);
    expect(await items()).toHaveLength(1);
  });

  it('an order goes down as MT, rings the modem, and is read with SBDRB', async () => {
    const posted = await desk(rig.center.url, rig.center.staffToken, `/desk/v1/vehicles/${rig.center.vehicleId}/orders`, {
      text: '立即前往北川中学集合',
      priority: 'flash',
      requireAck: true,
    });
    const { id } = QueuedDownlinkResponse.parse(json(posted)).queued[0]!;
    await vi.waitFor(() => expect(modem.gateway.mtQueue).toHaveLength(1), { timeout: 5000, interval: 20 });

    const [moStatus, , mtStatus, , mtLength, mtQueued] = await session();
    expect([moStatus, mtStatus, mtQueued]).toEqual([0, 1, 0]);
    const frame = await talk('AT+SBDRB\r');
    const length = frame.readUInt16BE(0);
    expect(length).toBe(mtLength);
    const bytes = frame.subarray(2, 2 + length);
    expect(frame.readUInt16BE(2 + length)).toBe(checksum(bytes).readUInt16BE(0));
    const [order] = decodeSbdItems(new Uint8Array(bytes), 'mt', rig.center.vehicleId);
    expect(order).toMatchObject({ kind: 'order', id, priority: 'flash', body: { text: '立即前往北川中学集合', requireAck: true } });
  });
});

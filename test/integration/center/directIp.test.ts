import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { GatewaySimulator } from '../../../fixtures/iridium-gateway/GatewaySimulator';
import { DeskIridiumResponse, deskIridiumPath } from '../../../protocol/sbd/deskIridium';
import { IEI, encodeDirectIp } from '../../../protocol/sbd/directIpFrame';
import { encodeMoMessage } from '../../../protocol/sbd/directIpMo';
import { decodeSbdItems, encodeSbdPayload } from '../../../protocol/sbd/sbdPayload';
import { encodeItem } from '../../../protocol/sync/codec';
import { DeskItemsResponse, QueuedDownlinkResponse } from '../../../protocol/sync/desk';
import type { SyncItem } from '../../../protocol/sync/items';
import { uuidv7 } from '../../../protocol/sync/uuid';
import { addCredential, runCenterCli, type CenterProcess } from '../../support/centerProcess';
import { desk, exchangeOk, json } from './centerHttp';
import { startDirectIpRig, type DirectIpRig } from './directIpRig';

/** The real center with DirectIP on, and the gateway simulator in front of it (docs/center.md, Iridium SBD). */

const IMEI = '300234010753370';
const IMEI_UNKNOWN_AT_GATEWAY = '300234010759999';
const T = Math.floor(Date.now() / 1000) * 1000 - 60_000;

let rig: DirectIpRig;
let center: CenterProcess;
let gateway: GatewaySimulator;
let otherVehicle: string;

const message = (seq: number, text: string): SyncItem => ({
  kind: 'message',
  seq,
  id: uuidv7(T + seq),
  priority: 'flash',
  createdAt: T + seq * 1000,
  body: { text, latitude: 30.99, longitude: 103.62 },
});

async function items(vehicleId = center.vehicleId) {
  const answer = await desk(center.url, center.staffToken, `/desk/v1/vehicles/${vehicleId}/items?limit=100`);
  return DeskItemsResponse.parse(json(answer)).items;
}

async function iridium(vehicleId = center.vehicleId) {
  return DeskIridiumResponse.parse(json(await desk(center.url, center.staffToken, deskIridiumPath(vehicleId))));
}

async function logged(text: string | RegExp) {
  await vi.waitFor(() => expect(center.output()).toMatch(text), { timeout: 5000, interval: 50 });
}

beforeAll(async () => {
  rig = await startDirectIpRig(IMEI);
  ({ center, gateway } = rig);
  otherVehicle = (await addCredential(center.dataDir, 'vehicles', 'MCV-09', ['--imei', IMEI_UNKNOWN_AT_GATEWAY])).id;
});

afterAll(async () => {
  expect(await rig?.dispose()).toBe(0);
  expect(center.output()).toMatch(/DirectIP MO: \d+ taken, \d+ refused, 1 from sources not allowed/);
});

describe('IMEI mapping on the command line', () => {
  it('maps an IMEI, refuses one another vehicle has, and one that is not 15 digits', async () => {
    const again = await runCenterCli(['vehicles', 'set', center.vehicleId, '--imei', IMEI, '--data-dir', center.dataDir]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(`Vehicle ${center.vehicleId}: Iridium modem IMEI ${IMEI}`);
    const taken = await runCenterCli(['vehicles', 'add', 'MCV-10', '--imei', IMEI, '--data-dir', center.dataDir]);
    expect(taken.code).toBe(1);
    expect(taken.stderr).toContain(`already the modem of vehicle ${center.vehicleId}`);
    const bad = await runCenterCli(['vehicles', 'set', center.vehicleId, '--imei', '12345', '--data-dir', center.dataDir]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--imei must be the modem's 15 digits");
    const staff = await runCenterCli(['staff', 'set', center.staffId, '--imei', IMEI, '--data-dir', center.dataDir]);
    expect(staff.code).toBe(2);
  });
});

describe('DirectIP MO', () => {
  it('stores an MO with two items once, even when the gateway delivers it twice, and an IP replay does not double it', async () => {
    const sent = [message(1, '道路塌方，请求支援'), message(2, 'second item')];
    const payload = encodeSbdPayload('mo', center.vehicleId, sent.map(encodeItem));
    gateway.faults = { duplicateMo: true, moDelayMs: 50 };
    const result = await gateway.deliverMo({ imei: IMEI, payload, location: { latitude: 31, longitude: 103.5, cepKm: 3 } });
    gateway.faults = {};
    expect(result.confirmations).toEqual([true, true]);

    const stored = await items();
    expect(stored.map((i) => [i.seq, i.id, (i.body as { text: string }).text])).toEqual(
      sent.map((i) => [i.seq, i.id, (i.body as { text: string }).text]),
    );
    const sessions = (await iridium()).mo;
    expect(sessions).toHaveLength(1);
    expect(sessions[0]).toMatchObject({ cdrReference: result.cdrReference, items: 2, held: 2, momsn: 1, payloadBytes: payload.length });
    expect(sessions[0]!.location).toEqual({ latitude: 31, longitude: 103.5, cepKm: 3 });
    await logged(`CDR ${result.cdrReference} from IMEI ${IMEI} (127.0.0.1): delivered again`);

    // The same items come again over IP once a link is back: held, nothing doubled.
    const answer = await exchangeOk(center.url, center.vehicleToken, { v: 1, items: sent.map(encodeItem), downAck: 0 });
    expect(answer.ack).toBe(2);
    expect(answer.rejected).toEqual([]);
    expect(await items()).toHaveLength(2);
  });

  it('refuses malformed DirectIP, logs why, stores nothing, and keeps serving', async () => {
    const before = (await items()).length;
    const goodPayload = encodeSbdPayload('mo', center.vehicleId, [encodeItem(message(3, 'after the refusals'))]);
    const good = encodeMoMessage({
      header: { cdrReference: 77, imei: IMEI, sessionStatus: 0, momsn: 9, mtmsn: 0, timeOfSession: T / 1000 },
      payload: goodPayload,
    });
    const refused = [0x01, 0x00, 0x04, 0x05, 0x00, 0x01, 0x00];

    const longer = Uint8Array.from([...good, 0xaa]);
    expect(Array.from((await gateway.sendRaw(longer))!)).toEqual(refused);
    await logged(/refused: bad-length: 1 bytes beyond/);

    const header = good.subarray(6, 34);
    const unknownIe = encodeDirectIp([
      { iei: IEI.moHeader, content: header },
      { iei: 0x07, content: Uint8Array.of(1) },
    ]);
    expect(Array.from((await gateway.sendRaw(unknownIe))!)).toEqual(refused);
    await logged(/refused: unknown-ie: IE 0x07/);

    expect(await gateway.sendRaw(good.subarray(0, 20), { endAfterWrite: true })).toBeNull();
    await logged(/refused: truncated: the connection ended after 20 of/);

    expect(Array.from((await gateway.sendRaw(Uint8Array.of(0x01, 0xea, 0x60, 0x01)))!)).toEqual(refused);
    await logged(/refused: too-large: the message announces 60003 bytes/);

    expect(await gateway.sendRaw(good.subarray(0, 10))).toBeNull();
    await logged(/refused: no whole message within 1000 ms/);

    const bentPayload = good.slice();
    bentPayload[bentPayload.length - 1] = bentPayload[bentPayload.length - 1]! ^ 0xff;
    expect(Array.from((await gateway.sendRaw(bentPayload))!)).toEqual(refused);
    await logged(/CDR 77 from IMEI 300234010753370 \(127\.0\.0\.1\): payload refused \(bad-check\)/);

    const stranger = await gateway.deliverMo({
      imei: '300234010750000',
      payload: encodeSbdPayload('mo', 'x', [encodeItem(message(4, 'who'))]),
    });
    expect(stranger.confirmations).toEqual([false]);
    await logged(/IMEI 300234010750000 .*no vehicle has this IMEI/);

    gateway.localAddress = '127.0.0.2';
    expect(await gateway.sendRaw(good)).toBeNull();
    gateway.localAddress = undefined;
    await logged('DirectIP MO refused: source 127.0.0.2 is not in iridium.directIp.allow');

    expect(await items()).toHaveLength(before);
    expect((await iridium()).mo.map((s) => s.cdrReference)).not.toContain(77);
    // Still serving: the good message goes through, and so does HTTP.
    expect((await gateway.deliverMo({ imei: IMEI, cdrReference: 77, payload: goodPayload })).confirmations).toEqual([true]);
    expect((await items()).map((i) => i.seq)).toEqual([1, 2, 3]);
  });
});

describe('DirectIP MT', () => {
  async function order(vehicleId: string, text: string) {
    const answer = await desk(center.url, center.staffToken, `/desk/v1/vehicles/${vehicleId}/orders`, {
      text,
      priority: 'flash',
      requireAck: true,
    });
    expect(answer.status).toBe(201);
    return QueuedDownlinkResponse.parse(json(answer)).queued[0]!;
  }

  it('sends a flash order to a vehicle with no IP link as MT and records the gateway queue position', async () => {
    const first = await order(center.vehicleId, '立即前往北川中学集合');
    const [mt1] = await gateway.waitForMt(1);
    expect(mt1!.message.imei).toBe(IMEI);
    expect(mt1!.message.priority).toBe(1);
    const down = decodeSbdItems(mt1!.message.payload!, 'mt', center.vehicleId);
    expect(down.map((i) => [i.kind, i.id])).toEqual([['order', first.id]]);
    expect(mt1!.status).toBe(1);

    const second = await order(center.vehicleId, 'second order');
    const [, mt2] = await gateway.waitForMt(2);
    expect(decodeSbdItems(mt2!.message.payload!, 'mt', center.vehicleId)[0]!.id).toBe(second.id);
    await vi.waitFor(
      async () => {
        const [latest] = (await iridium()).mt;
        expect(latest).toMatchObject({ state: 'queued', status: 2, code: 'queued', itemIds: [second.id] });
        expect(latest!.detail).toBe('queued at the Iridium gateway, position 2');
      },
      { timeout: 5000, interval: 100 },
    );
    await logged(/MT 2 to mcv-07 \(IMEI 300234010753370, 1 items, \d+ bytes\): queued at the Iridium gateway, position 2/);
  });

  it('records "IMEI unknown" when the gateway refuses, and does not try that item again', async () => {
    const sent = await order(otherVehicle, 'to a modem the gateway does not know');
    await vi.waitFor(
      async () => {
        const [refused] = (await iridium(otherVehicle)).mt;
        expect(refused).toMatchObject({ state: 'refused', status: -2, code: 'unknown-imei', itemIds: [sent.id] });
        expect(refused!.detail).toBe('unknown IMEI (not provisioned at the gateway)');
      },
      { timeout: 5000, interval: 100 },
    );
    const count = gateway.mt.length;
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(gateway.mt.length).toBe(count);
    expect((await iridium(otherVehicle)).mt).toHaveLength(1);
  });
});

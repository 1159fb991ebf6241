import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { GatewaySimulator } from '../../../fixtures/iridium-gateway/GatewaySimulator';
import { downlinkItem } from '../../../center/ingest/downlink';
import { DirectIpMoListener } from '../../../center/iridium/DirectIpMoListener';
import { MtDispatcher } from '../../../center/iridium/MtDispatcher';
import { deskMt } from '../../../center/http/deskIridiumRoutes';
import type { SqliteCenterStore } from '../../../center/store/sqlite/SqliteCenterStore';
import type { Logger } from '../../../platform/log/logger';
import { encodeMoMessage, type MoMessage } from '../../../protocol/sbd/directIpMo';
import { decodeSbdPayload, SBD_MT_MAX_BYTES } from '../../../protocol/sbd/sbdPayload';
import type { Priority } from '../../../protocol/sync/items';
import { uuidv7 } from '../../../protocol/sync/uuid';
import { T0, storeWithVehicle } from './helpers';

const IMEI = '300234010753370';
const lines: string[] = [];
const log: Logger = {
  debug: () => undefined,
  info: (m: string) => lines.push(m),
  warn: (m: string) => lines.push(m),
  error: (m: string) => lines.push(m),
};
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const step of cleanups.splice(0).reverse()) await step();
  lines.length = 0;
});

const MO: MoMessage = {
  header: { cdrReference: 5, imei: IMEI, sessionStatus: 0, momsn: 3, mtmsn: 0, timeOfSession: T0 / 1000 },
  payload: Uint8Array.of(1, 2, 3),
};

async function listener(timeoutMs = 2000) {
  const taken: Array<{ message: MoMessage; source: string }> = [];
  const running = await DirectIpMoListener.start({
    host: '127.0.0.1',
    port: 0,
    allow: ['::ffff:127.0.0.1'],
    timeoutMs,
    log,
    onMessage: async (message, source) => {
      taken.push({ message, source });
      return { taken: true, reason: `CDR ${message.header.cdrReference}` };
    },
  });
  cleanups.push(() => running.close());
  return { running, taken };
}

/** Writes `pieces` one after another on one connection and resolves with every byte that came back. */
function converse(port: number, pieces: Uint8Array[], localAddress?: string): Promise<number[]> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port, ...(localAddress ? { localAddress } : {}) });
    const got: number[] = [];
    socket.on('error', () => undefined);
    socket.on('data', (chunk: Buffer) => got.push(...chunk));
    socket.once('close', () => resolve(got));
    socket.once('connect', async () => {
      for (const piece of pieces) {
        socket.write(piece);
        await new Promise((r) => setImmediate(r));
      }
    });
  });
}

describe('DirectIpMoListener', () => {
  it('reads a message split at awkward boundaries and answers the confirmation', async () => {
    const { running, taken } = await listener();
    const bytes = encodeMoMessage(MO);
    const answer = await converse(running.port, [bytes.subarray(0, 1), bytes.subarray(1, 2), bytes.subarray(2, 30), bytes.subarray(30)]);
    expect(answer).toEqual([0x01, 0x00, 0x04, 0x05, 0x00, 0x01, 0x01]);
    expect(taken.map((t) => [t.message, t.source])).toEqual([[MO, '127.0.0.1']]);
    expect(running.stats).toEqual({ taken: 1, refused: 0, notAllowed: 0 });
  });

  it('closes a source outside the allow-list unread, and one that stalls', async () => {
    const { running, taken } = await listener(300);
    expect(await converse(running.port, [encodeMoMessage(MO)], '127.0.0.3')).toEqual([]);
    expect(await converse(running.port, [encodeMoMessage(MO).subarray(0, 12)])).toEqual([]);
    expect(taken).toEqual([]);
    expect(running.stats).toEqual({ taken: 0, refused: 1, notAllowed: 1 });
    expect(lines).toContain('DirectIP MO refused: source 127.0.0.3 is not in iridium.directIp.allow; closed unread');
    expect(lines).toContain('DirectIP MO from 127.0.0.1 refused: no whole message within 300 ms; nothing stored');
  });

  it('refuses a wrong revision and a header IE of the wrong length with the reason', async () => {
    const { running } = await listener();
    const bytes = encodeMoMessage(MO);
    const rev2 = bytes.slice();
    rev2[0] = 2;
    expect(await converse(running.port, [rev2])).toEqual([0x01, 0x00, 0x04, 0x05, 0x00, 0x01, 0x00]);
    const shortHeader = Uint8Array.from([0x01, 0x00, 0x1e, 0x01, 0x00, 0x1b, ...bytes.subarray(6, 33)]);
    expect(await converse(running.port, [shortHeader])).toEqual([0x01, 0x00, 0x04, 0x05, 0x00, 0x01, 0x00]);
    expect(lines).toEqual([
      'DirectIP MO from 127.0.0.1 refused: bad-revision: protocol revision 2; only revision 1 is spoken; nothing stored',
      'DirectIP MO from 127.0.0.1 refused: bad-ie-length: MO header IE has 27 bytes of content; it must have 28; nothing stored',
    ]);
  });
});

describe('MtDispatcher', () => {
  async function rig(now: { at: number }) {
    const dir = mkdtempSync(join(tmpdir(), 'mt-dispatcher-'));
    const store: SqliteCenterStore = await storeWithVehicle(dir);
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    cleanups.push(() => store.close());
    await store.iridium.setImei('mcv-07', IMEI);
    const gateway = await GatewaySimulator.start({});
    cleanups.push(() => gateway.close());
    const dispatcher = new MtDispatcher({
      store,
      gateway: { host: '127.0.0.1', port: gateway.mtPort, timeoutMs: 2000 },
      rule: { priorities: ['flash', 'immediate'], quietSeconds: 60, checkSeconds: 60 },
      log,
      now: () => now.at,
    });
    cleanups.push(() => dispatcher.close());
    const order = async (priority: Priority, text: string) =>
      (
        await store.queueDownlink(['mcv-07'], (_v, seq) =>
          downlinkItem({
            kind: 'order',
            seq,
            id: uuidv7(T0 + seq),
            priority,
            createdAt: T0,
            body: { text, from: 'Desk', requireAck: true },
          }),
        )
      )[0]!.id;
    return { store, gateway, dispatcher, order };
  }

  it("packs a vehicle's items into as few MT messages as fit, most urgent priority first, and leaves oversized ones for IP", async () => {
    const now = { at: T0 + 3_600_000 };
    const { store, gateway, dispatcher, order } = await rig(now);
    const ids = [
      await order('immediate', '集合'.repeat(10)),
      await order('flash', '出发'.repeat(10)),
      await order('immediate', '撤离'.repeat(10)),
    ];
    const huge = await order('flash', '长'.repeat(120));
    expect(await dispatcher.runOnce()).toBe(2);
    const sent = gateway.mt.map((m) => ({
      items: decodeSbdPayload(m.message.payload!, { direction: 'mt', vehicleId: 'mcv-07' }).items.length,
      priority: m.message.priority,
      flags: m.message.flags,
      size: m.message.payload!.length,
    }));
    expect(sent.map((s) => [s.items, s.priority, s.flags])).toEqual([
      [2, 1, 0x10],
      [1, 2, 0],
    ]);
    for (const s of sent) expect(s.size).toBeLessThanOrEqual(SBD_MT_MAX_BYTES);
    const records = await store.iridium.mtMessages('mcv-07', 10);
    expect(records.flatMap((r) => r.itemIds).sort()).toEqual([...ids].sort());
    expect(records.flatMap((r) => r.itemIds)).not.toContain(huge);
    expect(lines.some((l) => l.includes(`order ${huge} for mcv-07`) && l.includes('too large for one MT message; it waits for IP'))).toBe(
      true,
    );
    expect(records.map((r) => deskMt(r).detail)).toEqual([
      'queued at the Iridium gateway, position 2',
      'queued at the Iridium gateway, position 1',
    ]);
    // Nothing goes twice.
    expect(await dispatcher.runOnce()).toBe(0);
  });

  it('records a gateway that does not answer, and tries the item again only after the retry time', async () => {
    const now = { at: T0 + 3_600_000 };
    const { store, gateway, dispatcher, order } = await rig(now);
    await gateway.close();
    const id = await order('flash', 'go');
    expect(await dispatcher.runOnce()).toBe(1);
    const [failed] = await store.iridium.mtMessages('mcv-07', 10);
    expect(deskMt(failed!)).toMatchObject({ state: 'failed', code: 'no-confirmation', itemIds: [id] });
    expect(failed!.error).toMatch(/ECONNREFUSED/);
    expect(await dispatcher.runOnce()).toBe(0);
    now.at += 5 * 60_000 + 1000;
    expect(await dispatcher.runOnce()).toBe(1);
  });

  it('records a refusal by the gateway as final', async () => {
    const now = { at: T0 + 3_600_000 };
    const { store, gateway, dispatcher, order } = await rig(now);
    gateway.faults = { mtStatus: -5 };
    await order('flash', 'go');
    expect(await dispatcher.runOnce()).toBe(1);
    const [refused] = await store.iridium.mtMessages('mcv-07', 10);
    expect(deskMt(refused!)).toMatchObject({ state: 'refused', status: -5, code: 'queue-full', detail: 'MT queue full (max 50)' });
  });
});

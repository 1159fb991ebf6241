import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolveServeSettings } from '../../../center/config/loadCenterConfig';
import { DeskFeed } from '../../../center/feed/DeskFeed';
import { ROCKBLOCK_SESSION_BASE, ingestRockblockPush, rockblockSessionNumber } from '../../../center/iridium/rockblockIngest';
import type { SqliteCenterStore } from '../../../center/store/sqlite/SqliteCenterStore';
import { RockblockClaims, transmitTimeMs } from '../../../protocol/sbd/rockblockPush';
import { encodeSbdPayload } from '../../../protocol/sbd/sbdPayload';
import { encodeItem } from '../../../protocol/sync/codec';
import { T0, message, storeWithVehicle } from './helpers';

const IMEI = '300234010753370';
const quiet = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };
let dir: string;
let store: SqliteCenterStore;
let feed: DeskFeed;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'rockblock-ingest-'));
  store = await storeWithVehicle(dir);
  await store.iridium.setImei('mcv-07', IMEI);
  feed = new DeskFeed({ log: quiet, center: { ingest: { ok: true, reason: null }, media: { on: false, reason: 'off' }, version: 't' } });
});
afterEach(async () => {
  feed.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Claims as the verifier returns them (Rock7's strings parsed). */
function claims(momsn: number, payload: Uint8Array, imei = IMEI): RockblockClaims {
  return RockblockClaims.parse({
    iss: 'Rock 7',
    iat: T0 / 1000,
    imei,
    momsn: String(momsn),
    transmit_time: '26-09-21 14:40:00',
    data: Buffer.from(payload).toString('hex'),
    iridium_latitude: '31.2504',
    iridium_longitude: '103.6',
    iridium_cep: '3.4',
  });
}

const deps = () => ({ store, feed, log: quiet });
const SESSION_AT = transmitTimeMs('26-09-21 14:40:00')!;

describe('the session number of a push', () => {
  it('lies above every DirectIP CDR reference (u32) and below 2^53, and is the same for the same message', () => {
    const number = rockblockSessionNumber(IMEI, 7, SESSION_AT);
    expect(number).toBeGreaterThanOrEqual(ROCKBLOCK_SESSION_BASE);
    expect(number).toBeLessThan(ROCKBLOCK_SESSION_BASE + 2 ** 48);
    expect(Number.isSafeInteger(number)).toBe(true);
    expect(rockblockSessionNumber(IMEI, 7, SESSION_AT)).toBe(number);
    expect(rockblockSessionNumber(IMEI, 8, SESSION_AT)).not.toBe(number);
    expect(rockblockSessionNumber(IMEI, 7, SESSION_AT + 1000)).not.toBe(number);
  });
});

describe('ingesting a verified push', () => {
  it('stores its items by the path sbd with the session, and a repeat stores nothing twice', async () => {
    const payload = encodeSbdPayload('mo', 'mcv-07', [encodeItem(message(1, '道路塌方')), encodeItem(message(2))]);
    const first = await ingestRockblockPush(deps(), claims(7, payload), 'RockBLOCK push from 127.0.0.1', () => T0);
    const number = rockblockSessionNumber(IMEI, 7, SESSION_AT);
    expect(first).toEqual({
      outcome: 'taken',
      reason: `CDR ${number} from IMEI ${IMEI} (RockBLOCK push from 127.0.0.1): mcv-07, MOMSN 7, 2 of 2 items held`,
    });
    const again = await ingestRockblockPush(deps(), claims(7, payload), 'RockBLOCK push from 127.0.0.1', () => T0 + 1);
    expect(again).toEqual({
      outcome: 'again',
      reason: `MOMSN 7 from IMEI ${IMEI} (RockBLOCK push from 127.0.0.1): pushed again; taken before for mcv-07, nothing stored twice`,
    });

    const items = await store.deskItems({ after: 0, limit: 10, vehicleId: 'mcv-07' });
    expect(items.map((i) => [i.seq, i.via])).toEqual([
      [1, { path: 'sbd', cdrReference: number, momsn: 7, sessionAt: SESSION_AT, otherPathAt: null }],
      [2, { path: 'sbd', cdrReference: number, momsn: 7, sessionAt: SESSION_AT, otherPathAt: null }],
    ]);
    expect(await store.iridium.moSessions('mcv-07', 10)).toEqual([
      {
        cdrReference: number,
        imei: IMEI,
        vehicleId: 'mcv-07',
        sessionStatus: 0,
        momsn: 7,
        sessionAt: SESSION_AT,
        receivedAt: T0,
        payloadBytes: payload.length,
        items: 2,
        held: 2,
        location: { latitude: 31.2504, longitude: 103.6, cepKm: 3 },
      },
    ]);
  });

  it('takes the next number when another session holds the hashed one', async () => {
    const number = rockblockSessionNumber(IMEI, 9, SESSION_AT);
    await store.iridium.recordMo({
      cdrReference: number,
      imei: '300234010750000',
      vehicleId: 'mcv-07',
      sessionStatus: 0,
      momsn: 9,
      sessionAt: SESSION_AT,
      receivedAt: T0,
      payloadBytes: 0,
      items: 0,
      held: 0,
      location: null,
    });
    const payload = encodeSbdPayload('mo', 'mcv-07', [encodeItem(message(1))]);
    expect((await ingestRockblockPush(deps(), claims(9, payload), 'test', () => T0)).outcome).toBe('taken');
    expect((await store.iridium.moSessions('mcv-07', 10)).map((s) => s.cdrReference).sort()).toEqual([number, number + 1]);
    expect((await ingestRockblockPush(deps(), claims(9, payload), 'test', () => T0)).outcome).toBe('again');
  });

  it('refuses for good an IMEI no vehicle has and a payload of another vehicle, storing nothing', async () => {
    const payload = encodeSbdPayload('mo', 'mcv-07', [encodeItem(message(1))]);
    const stranger = await ingestRockblockPush(deps(), claims(1, payload, '300234010759999'), 'test', () => T0);
    expect(stranger.outcome).toBe('refused');
    expect(stranger.reason).toContain('no vehicle has this IMEI');
    const foreign = encodeSbdPayload('mo', 'mcv-99', [encodeItem(message(1))]);
    const wrong = await ingestRockblockPush(deps(), claims(2, foreign), 'test', () => T0);
    expect(wrong.outcome).toBe('refused');
    expect(wrong.reason).toMatch(/payload refused/);
    expect(await store.deskItems({ after: 0, limit: 10 })).toEqual([]);
    expect(await store.iridium.moSessions('mcv-07', 10)).toEqual([]);
  });
});

describe('iridium.rockblock config', () => {
  function settingsOf(iridium: unknown) {
    const file = join(dir, 'center.json');
    writeFileSync(file, JSON.stringify({ iridium }));
    return resolveServeSettings({ config: file });
  }

  it('fills the defaults, resolves the key file against the config file, and stands without directIp', () => {
    expect(settingsOf({ rockblock: { publicKeyFile: 'keys/rock7.pem' } }).iridium).toEqual({
      rockblock: { path: '/iridium/v1/rockblock', publicKeyFile: join(dir, 'keys/rock7.pem'), maxAgeSeconds: 3600 },
    });
  });

  it('refuses no key file, an unknown key, a path outside /iridium/, and an iridium block with neither ingest', () => {
    expect(() => settingsOf({ rockblock: {} })).toThrow(/iridium\.rockblock\.publicKeyFile/);
    expect(() => settingsOf({ rockblock: { publicKeyFile: 'k.pem', maxAge: 5 } })).toThrow(/maxAge/);
    expect(() => settingsOf({ rockblock: { publicKeyFile: 'k.pem', path: '/sync/v1/exchange' } })).toThrow(/starts with \/iridium\//);
    expect(() => settingsOf({})).toThrow(/give iridium\.directIp, iridium\.rockblock, or both/);
  });
});

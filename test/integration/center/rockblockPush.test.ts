import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { rockblockSessionNumber } from '../../../center/iridium/rockblockIngest';
import { generateRockblockKeys, rockblockPushBody, sendRockblockPush } from '../../../fixtures/iridium-gateway/rockblockPush';
import { DeskIridiumResponse, deskIridiumPath } from '../../../protocol/sbd/deskIridium';
import { RockblockPushAnswer, transmitTimeMs } from '../../../protocol/sbd/rockblockPush';
import { encodeSbdPayload } from '../../../protocol/sbd/sbdPayload';
import { CenterError } from '../../../protocol/sync/centerErrors';
import { encodeItem } from '../../../protocol/sync/codec';
import { DeskItemsResponse } from '../../../protocol/sync/desk';
import { HEALTH_PATH } from '../../../protocol/sync/http';
import type { SyncItem } from '../../../protocol/sync/items';
import { uuidv7 } from '../../../protocol/sync/uuid';
import { runCenterCli, startCenter, type CenterProcess } from '../../support/centerProcess';
import { call, desk, json } from './centerHttp';

/**
 * The real center with `iridium.rockblock` on (no DirectIP), Rock7 played by the push
 * simulator with a key pair made here (docs/center.md, "RockBLOCK web push").
 */

const IMEI = '300234010753372';
const keys = generateRockblockKeys();
const T = Math.floor(Date.now() / 1000) * 1000 - 60_000;
let configDir: string;
let center: CenterProcess;
let pushUrl: string;

const message = (seq: number, text: string): SyncItem => ({
  kind: 'message',
  seq,
  id: uuidv7(T + seq),
  priority: 'flash',
  createdAt: T + seq * 1000,
  body: { text, latitude: 31.25, longitude: 103.6 },
});

async function items() {
  return DeskItemsResponse.parse(json(await desk(center.url, center.staffToken, `/desk/v1/vehicles/${center.vehicleId}/items?limit=100`)))
    .items;
}

async function logged(text: string | RegExp) {
  await vi.waitFor(() => expect(center.output()).toMatch(text), { timeout: 5000, interval: 50 });
}

beforeAll(async () => {
  configDir = mkdtempSync(join(tmpdir(), 'mcv-rockblock-'));
  writeFileSync(join(configDir, 'rock7.pem'), keys.publicKeyPem);
  const config = { iridium: { rockblock: { publicKeyFile: 'rock7.pem', allow: ['127.0.0.1'] } } };
  writeFileSync(join(configDir, 'center.json'), JSON.stringify(config));
  center = await startCenter({ args: ['--config', join(configDir, 'center.json')] });
  pushUrl = `${center.url}/iridium/v1/rockblock`;
  await logged(`RockBLOCK push on POST ${pushUrl}, JWTs checked against ${join(configDir, 'rock7.pem')}`);
  const set = await runCenterCli(['vehicles', 'set', center.vehicleId, '--imei', IMEI, '--data-dir', center.dataDir]);
  expect(set.code, set.stderr).toBe(0);
});

afterAll(async () => {
  expect(await center?.stop()).toBe(0);
  await center?.dispose();
  rmSync(configDir, { recursive: true, force: true });
});

describe('RockBLOCK web push', () => {
  const sent = message(1, '道路塌方，请求支援') as SyncItem & { body: { text: string } };
  const moOf = (seq: number, text: string) => ({
    imei: IMEI,
    momsn: 40 + seq,
    payload: encodeSbdPayload('mo', center.vehicleId, [encodeItem(seq === 1 ? sent : message(seq, text))]),
    transmittedAt: T,
    location: { latitude: 31.2504, longitude: 103.6, cepKm: 4 },
  });

  it('takes a signed push: the desk sees the item once with path sbd; the same push again answers 200 and stores nothing twice', async () => {
    const mo = moOf(1, sent.body.text);
    const body = rockblockPushBody(mo, keys.privateKey);
    const first = await sendRockblockPush(pushUrl, body);
    expect(first.status).toBe(200);
    expect(RockblockPushAnswer.parse(first.body).outcome).toBe('taken');

    const session = rockblockSessionNumber(IMEI, 41, transmitTimeMs(body.transmit_time as string)!);
    const via = { path: 'sbd', cdrReference: session, momsn: 41, sessionAt: Math.floor(T / 1000) * 1000, otherPathAt: null };
    expect((await items()).map((i) => [i.seq, i.id, (i.body as { text: string }).text, i.via])).toEqual([
      [1, sent.id, '道路塌方，请求支援', via],
    ]);
    const iridium = DeskIridiumResponse.parse(json(await desk(center.url, center.staffToken, deskIridiumPath(center.vehicleId))));
    expect(iridium.mo).toHaveLength(1);
    expect(iridium.mo[0]).toMatchObject({ cdrReference: session, momsn: 41, items: 1, held: 1 });
    expect(iridium.mo[0]!.location).toEqual({ latitude: 31.2504, longitude: 103.6, cepKm: 4 });

    // Rock7 did not get our 200 (say) and pushes again, with a fresh JWT.
    const again = await sendRockblockPush(pushUrl, rockblockPushBody(mo, keys.privateKey));
    expect(again.status).toBe(200);
    expect(RockblockPushAnswer.parse(again.body)).toEqual({
      outcome: 'again',
      reason: `MOMSN 41 from IMEI ${IMEI} (RockBLOCK push from 127.0.0.1): pushed again; taken before for ${center.vehicleId}, nothing stored twice`,
    });
    expect(await items()).toHaveLength(1);
    await logged(`CDR ${session} from IMEI ${IMEI} (RockBLOCK push from 127.0.0.1): ${center.vehicleId}, MOMSN 41, 1 of 1 items held`);
  });

  it('answers 200 "refused" for an IMEI no vehicle has: a retry could not make it known', async () => {
    const stranger = { ...moOf(3, 'who'), imei: '300234010759999' };
    const answer = await sendRockblockPush(pushUrl, rockblockPushBody(stranger, keys.privateKey));
    expect(answer.status).toBe(200);
    const parsed = RockblockPushAnswer.parse(answer.body);
    expect(parsed.outcome).toBe('refused');
    expect(parsed.reason).toMatch(/IMEI 300234010759999 .*no vehicle has this IMEI/);
    await logged('RockBLOCK push refused: CDR');
  });

  it('refuses forged and malformed pushes with a coded JSON error, logs why, stores nothing, and keeps serving', async () => {
    const before = await items();
    const next = moOf(2, 'forged?');
    const refusal = async (answer: Promise<{ status: number; body: unknown }>, status: number, code: string, start: string) => {
      const { status: got, body } = await answer;
      expect(got).toBe(status);
      const error = CenterError.parse(body);
      expect(error.code).toBe(code);
      expect(error.message.startsWith(start), error.message).toBe(true);
    };

    const otherKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    await refusal(sendRockblockPush(pushUrl, rockblockPushBody(next, otherKey)), 401, 'unauthorized', 'bad-signature: ');
    await logged(/RockBLOCK push from 127\.0\.0\.1 refused \(401 unauthorized\): bad-signature: .*; nothing stored/);
    await refusal(
      sendRockblockPush(pushUrl, rockblockPushBody(next, keys.privateKey, { alg: 'HS256', hmacSecret: keys.publicKeyPem })),
      401,
      'unauthorized',
      'wrong-alg: ',
    );
    await refusal(
      sendRockblockPush(pushUrl, rockblockPushBody(next, keys.privateKey, { iss: 'Rock 8' })),
      401,
      'unauthorized',
      'wrong-issuer: ',
    );
    const old = rockblockPushBody(next, keys.privateKey, { iat: Math.floor(Date.now() / 1000) - 7200 });
    await refusal(sendRockblockPush(pushUrl, old), 401, 'unauthorized', 'too-old: ');
    const tampered = { ...rockblockPushBody(next, keys.privateKey), data: 'ff' };
    await refusal(sendRockblockPush(pushUrl, tampered), 401, 'unauthorized', 'body-mismatch: ');
    await refusal(sendRockblockPush(pushUrl, null, { raw: '{"momsn": 1,' }), 400, 'malformed', 'RockBLOCK push is not JSON');
    await refusal(sendRockblockPush(pushUrl, { momsn: 1 }), 400, 'malformed', 'RockBLOCK push: ');
    await refusal(
      sendRockblockPush(pushUrl, null, { raw: `imei=${IMEI}&momsn=43`, contentType: 'application/x-www-form-urlencoded' }),
      415,
      'unsupported-media-type',
      'expected Content-Type application/json',
    );
    await refusal(sendRockblockPush(pushUrl, { pad: 'x'.repeat(5000) }), 413, 'too-large', 'RockBLOCK push of ');
    await refusal(
      sendRockblockPush(pushUrl, rockblockPushBody(next, keys.privateKey), { localAddress: '127.0.0.2' }),
      403,
      'forbidden',
      'source 127.0.0.2 is not in iridium.rockblock.allow',
    );
    expect((await call(center.url, '/iridium/v1/rockblock')).status).toBe(405);

    expect(await items()).toEqual(before);
    // Still serving: health, and the genuine push goes through.
    expect((await call(center.url, HEALTH_PATH)).status).toBe(200);
    const genuine = await sendRockblockPush(pushUrl, rockblockPushBody(next, keys.privateKey));
    expect(genuine.status).toBe(200);
    expect((await items()).map((i) => i.seq)).toEqual([1, 2]);
  });
});

describe('startup with iridium.rockblock', () => {
  it("refuses to start without Rock7's key, naming the file", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mcv-rockblock-nokey-'));
    try {
      writeFileSync(join(dir, 'center.json'), JSON.stringify({ iridium: { rockblock: { publicKeyFile: 'absent.pem' } } }));
      const run = await runCenterCli(['serve', '--port', '0', '--echo-port', '0', '--data-dir', dir, '--config', join(dir, 'center.json')]);
      expect(run.code).toBe(1);
      expect(`${run.stdout}${run.stderr}`.trim()).toBe(
        `Cannot read Rock7's public key ${join(dir, 'absent.pem')} (ENOENT); check iridium.rockblock.publicKeyFile.`,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

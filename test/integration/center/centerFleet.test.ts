import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeItem } from '../../../protocol/sync/codec';
import { ExchangeResponse, type ExchangeRequest } from '../../../protocol/sync/exchange';
import type { SyncItem } from '../../../protocol/sync/items';
import { derivedUuidv7 } from '../../../protocol/sync/uuid';
import { addCredential, runCenterCli, startCenter, type CenterProcess } from '../../support/centerProcess';
import { cborOf, exchangeOk, postExchange } from './centerHttp';

/**
 * The fleet part of the exchange on the built center process: vehicles asking with
 * `fleetSince` get the other vehicles' latest positions, never their own, each once.
 */

let center: CenterProcess;
beforeAll(async () => {
  center = await startCenter();
});
afterAll(async () => {
  expect(await center?.stop()).toBe(0);
  await center?.dispose();
});

const T = Math.floor(Date.now() / 1000) * 1000 - 600_000;
const position = (vehicleId: string, seq: number, latitude: number, longitude: number): SyncItem => ({
  kind: 'position',
  seq,
  id: derivedUuidv7(vehicleId, seq, T + seq * 1000),
  priority: 'routine',
  createdAt: T + seq * 1000,
  body: { latitude, longitude, fix: '3d' },
});
const request = (items: SyncItem[], extra: Partial<ExchangeRequest> = {}): ExchangeRequest => ({
  v: 1,
  items: items.map(encodeItem),
  downAck: 0,
  ...extra,
});

describe('the center sends other vehicles’ positions down (fleet)', () => {
  it('to A: B’s latest position, not A’s own; nothing again from the revision; only B’s move next; never a revoked vehicle', async () => {
    const a = await addCredential(center.dataDir, 'vehicles', '应急一号');
    const b = await addCredential(center.dataDir, 'vehicles', '应急二号');
    const c = await addCredential(center.dataDir, 'vehicles', '应急三号');
    await exchangeOk(center.url, b.token, request([position(b.id, 1, 30.6, 114.3), position(b.id, 2, 30.61, 114.31)]));
    await exchangeOk(center.url, c.token, request([position(c.id, 1, 30.5, 114.2)]));

    const first = await exchangeOk(center.url, a.token, request([position(a.id, 1, 30.7, 114.4)], { fleetSince: 0 }));
    const fixAt = (seq: number) => Math.floor((T + seq * 1000) / 1000);
    expect(first.fleet!.vehicles).toEqual([
      [b.id, '应急二号', 3_061_000, 11_431_000, fixAt(2), 3],
      [c.id, '应急三号', 3_050_000, 11_420_000, fixAt(1), 3],
    ]);
    const rev = first.fleet!.rev;
    expect(rev).toBeGreaterThan(0);

    const again = await exchangeOk(center.url, a.token, request([], { fleetSince: rev }));
    expect(again.fleet).toEqual({ rev, vehicles: [] });

    await exchangeOk(center.url, b.token, request([position(b.id, 3, 30.62, 114.32)]));
    const moved = await exchangeOk(center.url, a.token, request([], { fleetSince: rev }));
    expect(moved.fleet!.vehicles).toEqual([[b.id, '应急二号', 3_062_000, 11_432_000, fixAt(3), 3]]);
    expect(moved.fleet!.rev).toBeGreaterThan(rev);

    expect((await runCenterCli(['vehicles', 'revoke', c.id, '--data-dir', center.dataDir])).code).toBe(0);
    // A console holding C hears it is gone; one asking afresh never sees it.
    const revoked = await exchangeOk(center.url, a.token, request([], { fleetSince: moved.fleet!.rev }));
    expect(revoked.fleet).toEqual({ rev: moved.fleet!.rev + 1, vehicles: [], gone: [c.id] });
    const afterRevoke = await exchangeOk(center.url, a.token, request([], { fleetSince: 0 }));
    expect(afterRevoke.fleet!.vehicles.map((entry) => entry[0])).toEqual([b.id]);
  });

  it('answers a request without fleetSince with no fleet key at all (an older console refuses unknown keys)', async () => {
    const a = await addCredential(center.dataDir, 'vehicles', 'MCV-old');
    const answer = await postExchange(center.url, a.token, request([]));
    expect(answer.status).toBe(200);
    const body = cborOf(answer) as Record<string, unknown>;
    expect(Object.keys(body)).not.toContain('fleet');
    expect(ExchangeResponse.parse(body).fleet).toBeUndefined();
  });

  it('refuses a bad fleetSince with 400 and stores nothing', async () => {
    const a = await addCredential(center.dataDir, 'vehicles', 'MCV-bad');
    const answer = await postExchange(center.url, a.token, {
      ...request([position(a.id, 1, 30, 114)]),
      fleetSince: -3,
    } as ExchangeRequest);
    expect(answer.status).toBe(400);
    const next = await exchangeOk(center.url, a.token, request([]));
    expect(next.ack).toBe(0);
  });
});

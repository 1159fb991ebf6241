import { afterEach, describe, expect, it } from 'vitest';
import { applyExchange } from '../../../center/ingest/applyExchange';
import { hashToken } from '../../../center/credentials/tokens';
import type { SqliteCenterStore } from '../../../center/store/sqlite/SqliteCenterStore';
import { ExchangeResponse } from '../../../protocol/sync/exchange';
import { MAX_FLEET_ENTRIES } from '../../../protocol/sync/fleet';
import { useTempDirs } from '../../support/tempDir';
import { T0, exchange, position, storeWithVehicle } from './helpers';

const A = 'mcv-a';
const tempDir = useTempDirs();
const stores: SqliteCenterStore[] = [];
afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
});

async function open(others: readonly string[]): Promise<SqliteCenterStore> {
  const store = await storeWithVehicle(tempDir(), A);
  stores.push(store);
  for (const id of others) {
    await store.addCredential({ role: 'vehicle', id, name: id.toUpperCase(), tokenSha256: hashToken(`token-of-${id}`), createdAt: T0 });
  }
  return store;
}

async function ask(store: SqliteCenterStore, vehicleId: string, since: number | undefined, items = [] as ReturnType<typeof position>[]) {
  const response = await applyExchange(store, vehicleId, exchange(items, 0, since === undefined ? {} : { fleetSince: since }), () => T0);
  return ExchangeResponse.parse(response);
}

describe('the exchange answer: other vehicles of the center (fleet)', () => {
  it('answers only a request that asked, never with the asker itself', async () => {
    const store = await open(['mcv-b']);
    await ask(store, 'mcv-b', undefined, [position('mcv-b', 1, T0 + 1000, 30.6, 114.3)]);
    expect((await ask(store, A, undefined)).fleet).toBeUndefined();
    const first = await ask(store, A, 0, [position(A, 1, T0 + 2000, 30.7, 114.4)]);
    expect(first.fleet).toEqual({ rev: 2, vehicles: [['mcv-b', 'MCV-B', 3_060_000, 11_430_000, (T0 + 1000) / 1000, 3]] });
  });

  it('does not move a vehicle back in time: a back-filled report takes no revision', async () => {
    const store = await open(['mcv-b']);
    await ask(store, 'mcv-b', undefined, [position('mcv-b', 2, T0 + 5000, 30.65, 114.3)]);
    await ask(store, 'mcv-b', undefined, [position('mcv-b', 1, T0 + 1000, 30.6, 114.3)]);
    const answer = await ask(store, A, 0);
    expect(answer.fleet).toEqual({ rev: 1, vehicles: [['mcv-b', 'MCV-B', 3_065_000, 11_430_000, (T0 + 5000) / 1000, 3]] });
    expect((await ask(store, A, 1)).fleet).toEqual({ rev: 1, vehicles: [] });
  });

  it(`sends at most ${MAX_FLEET_ENTRIES} vehicles and a revision that continues after the last one sent`, async () => {
    const others = Array.from({ length: MAX_FLEET_ENTRIES + 2 }, (_, i) => `mcv-${String(i).padStart(3, '0')}`);
    const store = await open(others);
    await Promise.all(others.map((id, i) => ask(store, id, undefined, [position(id, 1, T0 + 1000, 30 + i / 1000, 114)])));
    const first = await ask(store, A, 0);
    expect(first.fleet!.vehicles).toHaveLength(MAX_FLEET_ENTRIES);
    expect(first.fleet!.rev).toBe(MAX_FLEET_ENTRIES);
    const rest = await ask(store, A, first.fleet!.rev);
    expect(rest.fleet!.rev).toBe(MAX_FLEET_ENTRIES + 2);
    expect(rest.fleet!.vehicles).toHaveLength(2);
    const ids = new Set([...first.fleet!.vehicles, ...rest.fleet!.vehicles].map((entry) => entry[0]));
    expect(ids).toEqual(new Set(others));
  });
});

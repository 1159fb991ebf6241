import { join } from 'node:path';
import DatabaseConstructor from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { applyExchange } from '../../../center/ingest/applyExchange';
import { hashToken } from '../../../center/credentials/tokens';
import { MIGRATIONS } from '../../../center/store/sqlite/migrations';
import { SqliteCenterStore } from '../../../center/store/sqlite/SqliteCenterStore';
import { migrate } from '../../../platform/sqlite/migrations';
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

  it('names a vehicle revoked since in `gone` (a revocation takes a revision), never among the vehicles', async () => {
    const store = await open(['mcv-b', 'mcv-c']);
    await ask(store, 'mcv-b', undefined, [position('mcv-b', 1, T0 + 1000, 30.6, 114.3)]);
    await ask(store, 'mcv-c', undefined, [position('mcv-c', 1, T0 + 1000, 30.5, 114.2)]);
    expect((await ask(store, A, 0)).fleet!.rev).toBe(2);
    expect(await store.revokeCredential('vehicle', 'mcv-c', T0 + 5000)).toBe(true);
    expect((await ask(store, A, 2)).fleet).toEqual({ rev: 3, vehicles: [], gone: ['mcv-c'] });
    // Revoking twice takes no second revision.
    await store.revokeCredential('vehicle', 'mcv-c', T0 + 9000);
    expect((await ask(store, A, 3)).fleet).toEqual({ rev: 3, vehicles: [] });
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

describe('migration 15 (fleet revision)', () => {
  it('gives positions held before it one revision, so a vehicle asking from 0 gets them; and finds the top revision by its index (each exchange and each position asks)', async () => {
    const file = join(tempDir(), 'center.db');
    const old = new DatabaseConstructor(file);
    migrate(old, MIGRATIONS, 14);
    const insert = old.prepare('INSERT INTO credentials (role, id, name, token_sha256, created_at) VALUES (?, ?, ?, ?, ?)');
    insert.run('vehicle', A, 'MCV-A', hashToken('a'), T0);
    insert.run('vehicle', 'mcv-b', 'MCV-B', hashToken('b'), T0);
    old.prepare('INSERT INTO vehicles (id) VALUES (?)').run(A);
    old.prepare("INSERT INTO vehicles (id, pos_lat, pos_lon, pos_fix, pos_at) VALUES ('mcv-b', 30.6, 114.3, '3d', ?)").run(T0);
    old.close();

    const store = SqliteCenterStore.open({ file });
    stores.push(store);
    expect((await ask(store, A, 0)).fleet).toEqual({ rev: 1, vehicles: [['mcv-b', 'MCV-B', 3_060_000, 11_430_000, T0 / 1000, 3]] });

    const db = new DatabaseConstructor(file, { readonly: true });
    const plan = db.prepare('EXPLAIN QUERY PLAN SELECT id FROM vehicles WHERE pos_rev > ? ORDER BY pos_rev LIMIT 501').all(0) as Array<{
      detail: string;
    }>;
    db.close();
    expect(plan.map((row) => row.detail).join(' | ')).toContain('USING INDEX vehicles_by_pos_rev');
  });
});

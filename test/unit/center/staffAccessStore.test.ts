import { join } from 'node:path';
import DatabaseConstructor from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { hashToken } from '../../../center/credentials/tokens';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../../center/store/sqlite/migrations';
import { SqliteCenterStore } from '../../../center/store/sqlite/SqliteCenterStore';
import { migrate } from '../../../platform/sqlite/migrations';
import { useTempDirs } from '../../support/tempDir';
import { T0 } from './helpers';

const tempDir = useTempDirs();
const closers: Array<() => unknown> = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

function open(file: string): SqliteCenterStore {
  const store = SqliteCenterStore.open({ file });
  closers.push(() => store.close());
  return store;
}

const sha = (s: string) => hashToken(s);

/** Two groups' vehicles, a revoked one in `a`, and staff of every kind. */
async function fleet(store: SqliteCenterStore): Promise<void> {
  await store.addCredential({ role: 'vehicle', id: 'a1', name: 'A1', tokenSha256: sha('a1'), createdAt: T0, groups: ['a'] });
  await store.addCredential({ role: 'vehicle', id: 'ab', name: 'AB', tokenSha256: sha('ab'), createdAt: T0, groups: ['b', 'a'] });
  await store.addCredential({ role: 'vehicle', id: 'b1', name: 'B1', tokenSha256: sha('b1'), createdAt: T0, groups: ['b'] });
  await store.addCredential({ role: 'vehicle', id: 'a-old', name: 'A old', tokenSha256: sha('ao'), createdAt: T0, groups: ['a'] });
  await store.revokeCredential('vehicle', 'a-old', T0 + 1);
  await store.addCredential({
    role: 'staff',
    staffRole: 'desk',
    id: 'wang',
    name: 'Wang',
    tokenSha256: sha('w'),
    createdAt: T0,
    groups: ['a'],
  });
  await store.addCredential({ role: 'staff', staffRole: 'admin', id: 'li', name: 'Li', tokenSha256: sha('l'), createdAt: T0 });
}

describe('staff roles and vehicle groups in the SQLite store', () => {
  it('keeps each credential’s role and groups, sorted, and finds the vehicles of some groups', async () => {
    const store = open(join(tempDir(), 'center.db'));
    await fleet(store);
    expect(await store.getCredential('vehicle', 'ab')).toMatchObject({ groups: ['a', 'b'], staffRole: null });
    expect(await store.getCredential('staff', 'wang')).toMatchObject({ groups: ['a'], staffRole: 'desk' });
    expect(await store.getCredential('staff', 'li')).toMatchObject({ groups: [], staffRole: 'admin' });
    expect((await store.listCredentials('staff')).map((c) => [c.id, c.staffRole])).toEqual([
      ['li', 'admin'],
      ['wang', 'desk'],
    ]);
    // Revoked vehicles stay visible to their groups: their items stay on the desk.
    expect(await store.vehiclesInGroups(['a'])).toEqual(['a-old', 'a1', 'ab']);
    expect(await store.vehiclesInGroups(['a', 'b'])).toEqual(['a-old', 'a1', 'ab', 'b1']);
    expect(await store.vehiclesInGroups([])).toEqual([]);
    expect(await store.vehiclesInGroups(['nobody'])).toEqual([]);
    expect(await store.groupUsage()).toEqual([
      { group: 'a', vehicles: 2, staff: 1 },
      { group: 'b', vehicles: 2, staff: 0 },
    ]);
  });

  it('changes groups and role atomically, and says when there is no such credential', async () => {
    const store = open(join(tempDir(), 'center.db'));
    await fleet(store);
    expect(await store.setAccess('staff', 'wang', { staffRole: 'admin', groups: ['b'] })).toBe(true);
    expect(await store.getCredential('staff', 'wang')).toMatchObject({ staffRole: 'admin', groups: ['b'] });
    expect(await store.setAccess('staff', 'wang', { groups: [] })).toBe(true);
    expect(await store.getCredential('staff', 'wang')).toMatchObject({ staffRole: 'admin', groups: [] });
    expect(await store.setAccess('vehicle', 'b1', { groups: ['a', 'c'] })).toBe(true);
    expect(await store.vehiclesInGroups(['c'])).toEqual(['b1']);
    expect(await store.setAccess('staff', 'nobody', { staffRole: 'desk' })).toBe(false);
    // A role for a vehicle is a bug, refused before anything is written.
    await expect(store.setAccess('vehicle', 'b1', { staffRole: 'admin' })).rejects.toThrow('only staff have a role');
  });

  it('lists only the given vehicles’ items, in the store, so a page is full and `next` skips nothing', async () => {
    const store = open(join(tempDir(), 'center.db'));
    await fleet(store);
    const body = { text: 'x' };
    let seq = 0;
    for (const vehicleId of ['a1', 'b1', 'a1', 'b1', 'ab']) {
      seq += 1;
      await store.withExchange(vehicleId, async (tx) => {
        await tx.insertItem({
          seq,
          id: `00000000-0000-7000-8000-00000000000${seq}`,
          kind: 'message',
          priority: 'routine',
          createdAt: T0,
          receivedAt: T0,
          digest: new Uint8Array(32),
          wire: new Uint8Array(1),
          body,
          arrival: { path: 'ip' },
        });
      });
    }
    const page = await store.deskItems({ after: 0, limit: 2, vehicleIds: ['a1', 'ab'] });
    expect(page.map((item) => item.vehicleId)).toEqual(['a1', 'a1']);
    const rest = await store.deskItems({ after: page.at(-1)!.cursor, limit: 2, vehicleIds: ['a1', 'ab'] });
    expect(rest.map((item) => item.vehicleId)).toEqual(['ab']);
    expect(await store.deskItems({ after: 0, limit: 10, vehicleIds: [] })).toEqual([]);
    expect(await store.deskItems({ after: 0, limit: 10 })).toHaveLength(5);
  });

  it('finds the vehicles of some groups through the group index', async () => {
    const file = join(tempDir(), 'center.db');
    await open(file).close();
    const db = new DatabaseConstructor(file, { readonly: true });
    const plan = db
      .prepare(
        `EXPLAIN QUERY PLAN SELECT id FROM credential_groups WHERE role = 'vehicle' AND group_name IN (SELECT value FROM json_each(?))`,
      )
      .all('["a"]') as Array<{ detail: string }>;
    db.close();
    expect(plan.map((row) => row.detail).join('\n')).toMatch(/USING (COVERING )?INDEX credential_groups_by_group/);
  });
});

describe('the upgrade to staff roles (migration 12)', () => {
  it('makes staff who existed before roles admins, so nobody loses access, and leaves vehicles without a role', async () => {
    const file = join(tempDir(), 'center.db');
    // A database as the center before roles left it: schema version 10 with its credentials.
    const old = new DatabaseConstructor(file);
    migrate(old, MIGRATIONS, 10);
    const insert = old.prepare('INSERT INTO credentials (role, id, name, token_sha256, created_at) VALUES (?, ?, ?, ?, ?)');
    insert.run('staff', 'wang', 'Wang', sha('w'), T0);
    insert.run('vehicle', 'mcv-07', 'MCV-07', sha('v'), T0);
    old.prepare('INSERT INTO vehicles (id) VALUES (?)').run('mcv-07');
    old.close();

    const store = open(file);
    expect(store.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    expect(await store.getCredential('staff', 'wang')).toMatchObject({ staffRole: 'admin', groups: [] });
    expect(await store.getCredential('vehicle', 'mcv-07')).toMatchObject({ staffRole: null, groups: [] });
    // Staff added after the upgrade are whatever they are told to be.
    await store.addCredential({ role: 'staff', staffRole: 'desk', id: 'li', name: 'Li', tokenSha256: sha('l'), createdAt: T0 });
    expect(await store.getCredential('staff', 'li')).toMatchObject({ staffRole: 'desk' });
  });
});

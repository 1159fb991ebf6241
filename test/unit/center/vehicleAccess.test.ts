import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { hashToken } from '../../../center/credentials/tokens';
import { loadStaffAccess, requireVehicleAccess, vehicleFilter, visibleVehicleIds } from '../../../center/http/access';
import type { Principal } from '../../../center/http/auth';
import { CenterHttpError } from '../../../center/http/errors';
import { SqliteCenterStore } from '../../../center/store/sqlite/SqliteCenterStore';
import { useTempDirs } from '../../support/tempDir';
import { T0 } from './helpers';

const tempDir = useTempDirs();
const closers: Array<() => unknown> = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

const desk = (groups: string[], vehicleIds: string[]): Principal => ({
  role: 'staff',
  id: 'wang',
  name: 'Wang',
  access: { role: 'desk', groups, vehicleIds: new Set(vehicleIds) },
});
const admin: Principal = { role: 'staff', id: 'li', name: 'Li', access: { role: 'admin', groups: [], vehicleIds: new Set() } };

async function refusal(promise: Promise<unknown>): Promise<CenterHttpError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CenterHttpError);
  return error as CenterHttpError;
}

describe('the vehicle access rule', () => {
  it('lets an admin see and command every vehicle, known or not (the route answers 404 for unknown ones)', async () => {
    await expect(requireVehicleAccess(admin, 'anything')).resolves.toBeUndefined();
    const visible = await vehicleFilter(admin);
    expect(['a1', 'b1', 'zz'].every(visible)).toBe(true);
    expect(visibleVehicleIds(admin)).toBe('all');
  });

  it('lets desk staff see only the vehicles of their groups, and refuses others with 403 vehicle-not-in-your-groups', async () => {
    const wang = desk(['a'], ['a1', 'ab']);
    await expect(requireVehicleAccess(wang, 'a1')).resolves.toBeUndefined();
    const refused = await refusal(requireVehicleAccess(wang, 'b1'));
    expect(refused).toMatchObject({ status: 403, code: 'vehicle-not-in-your-groups' });
    expect(refused.message).toBe('vehicle "b1" is not in your groups (a)');
    // A vehicle that does not exist gets the very same answer: no probing for ids.
    const missing = await refusal(requireVehicleAccess(wang, 'nope'));
    expect(missing).toMatchObject({ status: 403, code: 'vehicle-not-in-your-groups' });
    expect(missing.message).toBe(refused.message.replace('b1', 'nope'));
    const visible = await vehicleFilter(wang);
    expect(['a1', 'ab', 'b1', 'nope'].filter(visible)).toEqual(['a1', 'ab']);
    expect([...(visibleVehicleIds(wang) as ReadonlySet<string>)]).toEqual(['a1', 'ab']);
  });

  it('shows desk staff in no group nothing, and says why when they name a vehicle', async () => {
    const none = desk([], []);
    expect(['a1', 'b1'].filter(await vehicleFilter(none))).toEqual([]);
    const refused = await refusal(requireVehicleAccess(none, 'a1'));
    expect(refused.code).toBe('vehicle-not-in-your-groups');
    expect(refused.message).toMatch(/you are in no vehicle group/);
  });

  it('refuses a principal without staff access (a vehicle) rather than waving it through', async () => {
    const vehicle: Principal = { role: 'vehicle', id: 'a1', name: 'A1' };
    expect(await refusal(requireVehicleAccess(vehicle, 'a1'))).toMatchObject({ status: 403, code: 'forbidden' });
    await expect(vehicleFilter(vehicle)).rejects.toMatchObject({ code: 'forbidden' });
    expect(await refusal(requireVehicleAccess({ role: 'staff', id: 'x', name: 'X' }, 'a1'))).toMatchObject({ code: 'forbidden' });
  });

  it('loads what a staff member may see from the store: their groups’ vehicles for desk staff, no query for an admin', async () => {
    const store = SqliteCenterStore.open({ file: join(tempDir(), 'center.db') });
    closers.push(() => store.close());
    const add = (id: string, groups: string[]) =>
      store.addCredential({ role: 'vehicle', id, name: id, tokenSha256: hashToken(id), createdAt: T0, groups });
    await add('a1', ['a']);
    await add('ab', ['a', 'b']);
    await add('b1', ['b']);
    await add('none', []);
    const staff = (id: string, staffRole: 'desk' | 'admin', groups: string[]) =>
      store.addCredential({ role: 'staff', staffRole, id, name: id, tokenSha256: hashToken(id), createdAt: T0, groups });
    await staff('wang', 'desk', ['b']);
    await staff('zhao', 'desk', []);
    await staff('li', 'admin', ['a']);
    const load = async (id: string) => loadStaffAccess(store, (await store.getCredential('staff', id))!);
    expect(await load('wang')).toEqual({ role: 'desk', groups: ['b'], vehicleIds: new Set(['ab', 'b1']) });
    expect(await load('zhao')).toEqual({ role: 'desk', groups: [], vehicleIds: new Set() });
    expect(await load('li')).toEqual({ role: 'admin', groups: ['a'], vehicleIds: new Set() });
  });
});

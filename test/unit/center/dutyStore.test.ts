import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { hashToken } from '../../../center/credentials/tokens';
import { SqliteCenterStore } from '../../../center/store/sqlite/SqliteCenterStore';
import type { DutyBody } from '../../../protocol/sync/duty';
import { uuidv7 } from '../../../protocol/sync/uuid';
import { useTempDirs } from '../../support/tempDir';
import { T0 } from './helpers';

const tempDir = useTempDirs();
const closers: Array<() => unknown> = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

async function storeWith(...vehicles: string[]): Promise<SqliteCenterStore> {
  const store = SqliteCenterStore.open({ file: join(tempDir(), 'center.db') });
  closers.push(() => store.close());
  for (const id of vehicles)
    await store.addCredential({ role: 'vehicle', id, name: id.toUpperCase(), tokenSha256: hashToken(`t-${id}`), createdAt: T0 });
  return store;
}

const apply = (store: SqliteCenterStore, vehicleId: string, body: DutyBody, createdAt: number, id = uuidv7(createdAt)) =>
  store.withExchange(vehicleId, (tx) => tx.applyDuty(body, id, createdAt));

describe('the center duty store', () => {
  it('keeps a shift by its id: the newest copy wins, whatever order they arrive in', async () => {
    const store = await storeWith('mcv-07');
    const shiftId = uuidv7(T0);
    const started: DutyBody = { type: 'shift', shiftId, onDuty: ['王伟'], leader: '张强', startAt: T0 };
    await apply(store, 'mcv-07', { ...started, endAt: T0 + 3_600_000 }, T0 + 3_600_000);
    await apply(store, 'mcv-07', started, T0);
    const record = await store.duty.dutyRecord('mcv-07', 10);
    expect(record.shifts).toEqual([{ id: shiftId, onDuty: ['王伟'], leader: '张强', startAt: T0, endAt: T0 + 3_600_000 }]);
    expect((await store.duty.dutyVehicles('all', 5))[0]).toMatchObject({ vehicleId: 'mcv-07', name: 'MCV-07', shift: null });
  });

  it('keeps a call passed on, and never lets another vehicle overwrite a record by its id', async () => {
    const store = await storeWith('mcv-07', 'mcv-08');
    const callId = uuidv7(T0);
    const call: DutyBody = { type: 'call', callId, at: T0, unit: '青山镇', caller: '刘明', phone: '138', summary: '河堤渗水' };
    await apply(store, 'mcv-07', call, T0);
    await apply(store, 'mcv-07', { ...call, passedTo: '张强' }, T0 + 1000);
    await apply(store, 'mcv-08', { ...call, summary: 'forged' }, T0 + 2000);
    expect((await store.duty.dutyRecord('mcv-07', 10)).calls).toEqual([
      expect.objectContaining({ id: callId, summary: '河堤渗水', passedTo: '张强' }),
    ]);
    expect((await store.duty.dutyRecord('mcv-08', 10)).calls).toEqual([]);
  });

  it("stores entries by item id (a replay once) and keeps the center's own duty apart from the vehicles'", async () => {
    const store = await storeWith('mcv-07');
    const entryId = uuidv7(T0);
    const entry: DutyBody = { type: 'entry', topic: 'link', text: 'Link 4G: up → down' };
    await apply(store, 'mcv-07', entry, T0, entryId);
    await apply(store, 'mcv-07', entry, T0, entryId);
    await store.duty.centerStartShift({ id: uuidv7(T0), onDuty: ['周敏'], leader: '吴刚', startAt: T0, endAt: null });
    expect((await store.duty.dutyRecord('mcv-07', 10)).entries).toEqual([
      { id: entryId, shiftId: null, topic: 'link', text: 'Link 4G: up → down', by: null, at: T0, auto: true },
    ]);
    expect((await store.duty.dutyRecord('mcv-07', 10)).shifts).toEqual([]);
    expect(await store.duty.centerShift()).toMatchObject({ onDuty: ['周敏'], leader: '吴刚' });
  });
});

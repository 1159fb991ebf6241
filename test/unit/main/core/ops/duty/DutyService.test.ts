import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DutyService } from '../../../../../../main/core/ops/duty/DutyService';
import { NotFoundError } from '../../../../../../main/core/ops/MessageService';
import { ConflictError } from '../../../../../../main/core/ops/orderSteps';
import { currentShift, listEntries } from '../../../../../../main/core/store/dutyRepo';
import { Store } from '../../../../../../main/core/store/Store';
import { DutyBody } from '../../../../../../protocol/sync/duty';
import type { LinkStatus } from '../../../../../../protocol/links/linkStatus';
import { useTempDirs } from '../../../../../support/tempDir';

const T0 = 1_800_000_000_000;
const tempDir = useTempDirs();

function setup(links: Partial<LinkStatus>[] = []) {
  const store = Store.open({ file: join(tempDir(), 'console.db') });
  let now = T0;
  let wakes = 0;
  const changed: string[] = [];
  const duty = new DutyService({
    store,
    links: () => links as LinkStatus[],
    language: () => 'en',
    onOutbox: () => wakes++,
    now: () => now,
  });
  duty.on('changed', (c) => changed.push(c.what));
  const outbox = () =>
    (
      store.db.prepare('SELECT kind, priority, body FROM outbox ORDER BY seq').all() as { kind: string; priority: string; body: string }[]
    ).map((r) => ({ kind: r.kind, priority: r.priority, body: DutyBody.parse(JSON.parse(r.body)) }));
  return { store, duty, outbox, changed, wakes: () => wakes, advance: (ms: number) => (now += ms) };
}

describe('DutyService', () => {
  it('starts a shift: the record and its routine `duty` item are written together, and the sync engine is woken', () => {
    const { store, duty, outbox, changed, wakes } = setup();
    const shift = duty.startShift({ onDuty: ['王伟', '李娜'], leader: '张强' });
    expect(currentShift(store.db)).toEqual({ id: shift.id, onDuty: ['王伟', '李娜'], leader: '张强', startAt: T0, endAt: null });
    expect(outbox()).toEqual([
      {
        kind: 'duty',
        priority: 'routine',
        body: { type: 'shift', shiftId: shift.id, onDuty: ['王伟', '李娜'], leader: '张强', startAt: T0 },
      },
    ]);
    expect(changed).toEqual(['shift']);
    expect(wakes()).toBe(1);
    store.close();
  });

  it('refuses a second shift while one is on, and ending none, with CONFLICT and nothing written', () => {
    const { store, duty, outbox } = setup();
    expect(() => duty.endShift()).toThrow(ConflictError);
    duty.startShift({ onDuty: ['王伟'], leader: '张强' });
    expect(() => duty.startShift({ onDuty: ['李娜'], leader: '张强' })).toThrow(ConflictError);
    expect(outbox()).toHaveLength(1);
    store.close();
  });

  it('ends a shift by sending the same shiftId again with its end', () => {
    const { store, duty, outbox, advance } = setup();
    const shift = duty.startShift({ onDuty: ['王伟'], leader: '张强' });
    advance(3_600_000);
    const ended = duty.endShift();
    expect(ended.endAt).toBe(T0 + 3_600_000);
    expect(currentShift(store.db)).toBeNull();
    expect(outbox().map((o) => o.body)).toEqual([
      { type: 'shift', shiftId: shift.id, onDuty: ['王伟'], leader: '张强', startAt: T0 },
      { type: 'shift', shiftId: shift.id, onDuty: ['王伟'], leader: '张强', startAt: T0, endAt: T0 + 3_600_000 },
    ]);
    store.close();
  });

  it('writes a manual entry in the shift on duty; its id is its outbox item id', () => {
    const { store, duty, outbox } = setup();
    const shift = duty.startShift({ onDuty: ['王伟'], leader: '张强' });
    const entry = duty.addEntry({ text: '检查发电机油量', by: '王伟' });
    expect(entry).toMatchObject({ shiftId: shift.id, topic: 'manual', text: '检查发电机油量', by: '王伟', auto: false });
    expect(outbox()[1]!.body).toEqual({ type: 'entry', topic: 'manual', text: '检查发电机油量', shiftId: shift.id, by: '王伟' });
    const ids = store.db.prepare("SELECT id FROM outbox WHERE kind = 'duty' ORDER BY seq").all() as { id: string }[];
    expect(ids[1]!.id).toBe(entry.id);
    expect(listEntries(store.db, { limit: 10 }).map((e) => e.text)).toEqual(['检查发电机油量']);
    store.close();
  });

  it('records a call (接报) and sends it again under the same callId when it is passed on', () => {
    const { store, duty, outbox } = setup();
    const call = duty.addCall({ unit: '青山镇政府', caller: '刘明', phone: '13800000000', summary: '河堤渗水', at: T0 - 60_000 });
    const passed = duty.updateCall({ id: call.id, passedTo: '带班领导 张强' });
    expect(passed).toEqual({ ...call, passedTo: '带班领导 张强' });
    expect(duty.getCall(call.id)).toEqual(passed);
    const bodies = outbox().map((o) => o.body);
    expect(bodies).toHaveLength(2);
    expect(bodies.every((b) => b.type === 'call' && b.callId === call.id)).toBe(true);
    expect(bodies[1]).toMatchObject({ passedTo: '带班领导 张强', at: T0 - 60_000 });
    expect(() => duty.getCall('0190a0b0-0000-7000-8000-000000000000')).toThrow(NotFoundError);
    store.close();
  });

  it('fills the handover in from the links, the outbox and the calls not passed on', () => {
    const { store, duty } = setup([
      { id: 'lte1', name: '4G 中国移动', state: 'up' },
      { id: 'bgan', name: 'BGAN', state: 'down' },
    ]);
    duty.startShift({ onDuty: ['王伟'], leader: '张强' });
    const open = duty.addCall({ unit: '', caller: '刘明', phone: '', summary: '河堤渗水' });
    const passed = duty.addCall({ unit: '', caller: '赵六', phone: '', summary: '道路塌方' });
    duty.updateCall({ id: passed.id, passedTo: '交通局' });
    const prefill = duty.handoverPrefill();
    expect(prefill.links).toEqual([
      { id: 'lte1', name: '4G 中国移动', state: 'up' },
      { id: 'bgan', name: 'BGAN', state: 'down' },
    ]);
    expect(prefill.openCalls.map((c) => c.id)).toEqual([open.id]);
    expect(prefill.queued).toBe(4);
    expect(prefill.parked).toBe(0);
    store.close();
  });

  it('signs a handover: the outgoing shift ends, the incoming starts, and four items go up in one transaction', () => {
    const { store, duty, outbox, advance } = setup();
    const outgoing = duty.startShift({ onDuty: ['王伟'], leader: '张强' });
    advance(8 * 3_600_000);
    const signed = duty.signHandover({
      done: '巡查河堤三次',
      pending: '青山镇渗水点待复查',
      tasks: '每两小时报一次水位',
      equipment: '4G 正常；BGAN 中断',
      hazards: '夜间降雨',
      outgoing: '王伟',
      incoming: '李娜',
      outgoingConfirmed: true,
      incomingConfirmed: true,
      next: { onDuty: ['李娜'], leader: '陈静' },
    });
    const at = T0 + 8 * 3_600_000;
    expect(signed.ended).toEqual({ ...outgoing, endAt: at });
    expect(signed.started).toMatchObject({ onDuty: ['李娜'], leader: '陈静', startAt: at, endAt: null });
    expect(currentShift(store.db)?.id).toBe(signed.started.id);
    expect(signed.handover).toMatchObject({ shiftId: outgoing.id, outgoing: '王伟', incoming: '李娜', signedAt: at });
    expect(outbox().map((o) => o.body.type)).toEqual(['shift', 'handover', 'shift', 'shift', 'entry']);
    expect(listEntries(store.db, { limit: 5 })[0]).toMatchObject({ topic: 'handover', text: 'Handover signed: 王伟 → 李娜', auto: true });
    store.close();
  });

  it('refuses a handover with no shift on duty, writing nothing', () => {
    const { store, duty, outbox } = setup();
    expect(() =>
      duty.signHandover({
        done: '',
        pending: '',
        tasks: '',
        equipment: '',
        hazards: '',
        outgoing: '王伟',
        incoming: '李娜',
        outgoingConfirmed: true,
        incomingConfirmed: true,
        next: { onDuty: ['李娜'], leader: '陈静' },
      }),
    ).toThrow(ConflictError);
    expect(outbox()).toEqual([]);
    store.close();
  });

  it('keeps neither the record nor its item when the outbox write fails', () => {
    const { store, duty } = setup();
    store.db.exec(`CREATE TRIGGER no_duty BEFORE INSERT ON outbox WHEN NEW.kind = 'duty' BEGIN SELECT RAISE(ABORT, 'disk trouble'); END`);
    expect(() => duty.startShift({ onDuty: ['王伟'], leader: '张强' })).toThrow();
    expect(() => duty.addCall({ unit: '', caller: '刘明', phone: '', summary: '河堤渗水' })).toThrow();
    expect(store.db.prepare('SELECT (SELECT COUNT(*) FROM duty_shifts) + (SELECT COUNT(*) FROM duty_calls) AS n').get()).toEqual({ n: 0 });
    store.close();
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import type { DutyCallView, DutyCurrent, DutyShiftView, SignedHandover } from '../../../protocol/api/duty';
import type { LinkStatus } from '../../../protocol/links/linkStatus';
import type { DeskCenterDuty, DeskDutyVehicle, DutyRecord } from '../../../protocol/sync/deskDuty';
import { DESK_PATHS } from '../../../protocol/sync/http';
import { useTempDirs } from '../../support/tempDir';
import { RIG_LINK, SyncRig, waitForAsync } from '../../support/syncRig';

/**
 * The duty log from the vehicle to the desk, through the real center: the crew's shift,
 * entries, calls and handover arrive as `duty` items and the desk's duty routes show them
 * (a call passed on replaces its first copy); the center's staff keep their own duty
 * through the desk API, with the same refusals.
 */

const tempDir = useTempDirs();
const rigs: SyncRig[] = [];
afterEach(async () => {
  for (const r of rigs.splice(0)) await r.close();
});

describe('duty log', () => {
  it(
    "reaches the desk: a vehicle's shift, entries, calls and handover; the center's own duty through the desk API",
    { timeout: 90_000 },
    async () => {
      const r = await SyncRig.start(tempDir(), { profile: 'clear', capacityKbps: 2000 });
      rigs.push(r);
      await waitForAsync('link up', async () => (await r.call<LinkStatus[]>('links.list')).find((l) => l.id === RIG_LINK)?.state === 'up');

      // Names for the shift come from the directory the center sends.
      await r.desk(DESK_PATHS.directory, { method: 'POST', body: { entries: [{ name: '王伟', role: '值班员', contact: '13800000001' }] } });
      const current = await waitForAsync('the directory names', async () => {
        const c = await r.call<DutyCurrent>('duty.current');
        return c.names.length > 0 && c;
      });
      expect(current).toEqual({ shift: null, names: [{ name: '王伟', role: '值班员' }] });

      const shift = await r.call<DutyShiftView>('duty.startShift', { onDuty: ['王伟'], leader: '张强' });
      await r.call('duty.addEntry', { text: '检查发电机油量', by: '王伟' });
      const call = await r.call<DutyCallView>('duty.addCall', {
        unit: '青山镇政府',
        caller: '刘明',
        phone: '13800000000',
        summary: '河堤渗水',
      });
      await r.call('duty.updateCall', { id: call.id, passedTo: '带班领导 张强' });
      const refused = await r.core.dispatch('duty.startShift', { onDuty: ['李娜'], leader: '张强' });
      expect(refused).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
      const bad = await r.core.dispatch('duty.addCall', { caller: '', summary: '' });
      expect(bad).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
      const signed = await r.call<SignedHandover>('duty.signHandover', {
        done: '巡查河堤三次',
        pending: '青山镇渗水点待复查',
        tasks: '每两小时报一次水位',
        equipment: 'VSAT-1 正常',
        hazards: '夜间降雨',
        outgoing: '王伟',
        incoming: '李娜',
        outgoingConfirmed: true,
        incomingConfirmed: true,
        next: { onDuty: ['李娜'], leader: '陈静' },
      });

      const vehicleDuty = await waitForAsync('the duty record at the desk', async () => {
        const { duty } = await r.desk<{ duty: DutyRecord }>(`${DESK_PATHS.vehicles}/${r.center.vehicleId}/duty`);
        return duty.handovers.length === 1 && duty.shifts.length === 2 && duty.entries.length >= 2 && duty;
      });
      expect(vehicleDuty.shifts.map((s) => [s.id, s.leader, s.endAt === null])).toEqual(
        expect.arrayContaining([
          [shift.id, '张强', false],
          [signed.started.id, '陈静', true],
        ]),
      );
      expect(vehicleDuty.calls).toEqual([expect.objectContaining({ id: call.id, caller: '刘明', passedTo: '带班领导 张强' })]);
      expect(vehicleDuty.handovers[0]).toMatchObject({ shiftId: shift.id, outgoing: '王伟', incoming: '李娜', hazards: '夜间降雨' });
      expect(vehicleDuty.entries.map((e) => e.text)).toEqual(expect.arrayContaining(['检查发电机油量']));

      const { vehicles } = await r.desk<{ vehicles: DeskDutyVehicle[] }>('/desk/v1/duty/vehicles');
      expect(vehicles.find((v) => v.vehicleId === r.center.vehicleId)?.shift).toMatchObject({ id: signed.started.id, onDuty: ['李娜'] });

      // The center's own duty, with the same steps and refusals.
      await r.desk('/desk/v1/duty/center/shift', { method: 'POST', body: { onDuty: ['周敏'], leader: '吴刚' } });
      const conflict = await fetch(new URL('/desk/v1/duty/center/shift', r.center.url), {
        method: 'POST',
        headers: { authorization: `Bearer ${r.center.staffToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ onDuty: ['周敏'], leader: '吴刚' }),
      });
      expect(conflict.status).toBe(409);
      expect(await conflict.json()).toMatchObject({ code: 'conflict' });
      const badCall = await fetch(new URL('/desk/v1/duty/center/calls', r.center.url), {
        method: 'POST',
        headers: { authorization: `Bearer ${r.center.staffToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ caller: '赵六' }),
      });
      expect(badCall.status).toBe(400);
      await r.desk('/desk/v1/duty/center/entries', { method: 'POST', body: { text: '省厅来电询问汛情' } });
      const { call: centerCall } = await r.desk<{ call: DutyCallView }>('/desk/v1/duty/center/calls', {
        method: 'POST',
        body: { unit: '气象台', caller: '赵六', phone: '12121', summary: '今晚有暴雨' },
      });
      await r.desk(`/desk/v1/duty/center/calls/${centerCall.id}`, { method: 'POST', body: { passedTo: '吴刚' } });
      await r.desk('/desk/v1/duty/center/handover', {
        method: 'POST',
        body: {
          done: '接报 1 起',
          pending: '',
          tasks: '',
          equipment: '',
          hazards: '暴雨',
          outgoing: '周敏',
          incoming: '郑洁',
          outgoingConfirmed: true,
          incomingConfirmed: true,
          next: { onDuty: ['郑洁'], leader: '吴刚' },
        },
      });
      const own = await r.desk<DeskCenterDuty>('/desk/v1/duty/center');
      expect(own.shift).toMatchObject({ onDuty: ['郑洁'], leader: '吴刚', endAt: null });
      expect(own.duty.shifts).toHaveLength(2);
      expect(own.duty.calls).toEqual([expect.objectContaining({ caller: '赵六', passedTo: '吴刚', recordedBy: 'Desk Wang' })]);
      expect(own.duty.handovers).toEqual([expect.objectContaining({ outgoing: '周敏', incoming: '郑洁', hazards: '暴雨' })]);
      expect(own.duty.entries.map((e) => [e.topic, e.by])).toEqual(
        expect.arrayContaining([
          ['manual', 'Desk Wang'],
          ['handover', '郑洁'],
        ]),
      );
      // The center's own log stays out of every vehicle's.
      const again = await r.desk<{ duty: DutyRecord }>(`${DESK_PATHS.vehicles}/${r.center.vehicleId}/duty`);
      expect(again.duty.calls.map((c) => c.caller)).toEqual(['刘明']);
    },
  );
});

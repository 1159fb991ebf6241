import { z } from 'zod';
import { DutyCallView, DutyEntryView, DutyHandoverView, DutyShiftView, HandoverPrefill } from '../../../protocol/api/duty';
import { DeskCenterDuty, DeskDutyVehicles, DeskVehicleDuty, DESK_DUTY_PATHS } from '../../../protocol/sync/deskDuty';
import { DESK_PATHS } from '../../../protocol/sync/http';
import type { DutyBackend } from '../../duty/dutyBackend';
import type { DeskApi } from '../deskApi';

const center = (rest = '') => `${DESK_DUTY_PATHS.center}${rest}`;

/** Each visible vehicle's shift and newest entries. */
export async function dutyVehicles(api: DeskApi) {
  return (await api.duty(DESK_DUTY_PATHS.vehicles, DeskDutyVehicles)).vehicles;
}

/** One vehicle's duty record. */
export async function vehicleDuty(api: DeskApi, vehicleId: string) {
  return (await api.duty(`${DESK_PATHS.vehicles}/${encodeURIComponent(vehicleId)}${DESK_DUTY_PATHS.vehicleSuffix}`, DeskVehicleDuty)).duty;
}

/** The center's own duty, kept by its staff through the desk API (the same screens as a vehicle's crew). */
export function deskDutyBackend(api: DeskApi): DutyBackend {
  return {
    async load() {
      const own = await api.duty(center(), DeskCenterDuty);
      return { shift: own.shift, names: own.names, entries: own.duty.entries, calls: own.duty.calls, handovers: own.duty.handovers };
    },
    startShift: (p) => api.duty(center('/shift'), z.object({ shift: DutyShiftView }), p),
    endShift: () => api.duty(center('/shift'), z.object({ shift: DutyShiftView }), { end: true }),
    addEntry: (p) => api.duty(center('/entries'), z.object({ entry: DutyEntryView }), p),
    addCall: (p) => api.duty(center('/calls'), z.object({ call: DutyCallView }), p),
    updateCall: ({ id, ...rest }) => api.duty(center(`/calls/${encodeURIComponent(id)}`), z.object({ call: DutyCallView }), rest),
    prefill: () => api.duty(center('/handover'), HandoverPrefill),
    signHandover: (p) => api.duty(center('/handover'), z.object({ handover: DutyHandoverView }), p),
  };
}

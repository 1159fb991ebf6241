import { z } from 'zod';
import { DutyCallView, DutyEntryView, DutyHandoverView, DutyName, DutyShiftView } from '../api/duty';

/**
 * The duty log at the desk: each vehicle's (from its `duty` items) and the center's own
 * (kept by the center's staff with the same screens). Paths under `/desk/v1`.
 */
export const DESK_DUTY_PATHS = {
  /** GET: each visible vehicle's current shift and latest entries. */
  vehicles: '/desk/v1/duty/vehicles',
  /** GET `/desk/v1/vehicles/<id>/duty`: one vehicle's shifts, log, calls, handovers. */
  vehicleSuffix: '/duty',
  /** The center's own duty: GET the whole record; GET/POST `…/shift`, `…/entries`, `…/calls` (`…/calls/<id>` to update), `…/handover`. */
  center: '/desk/v1/duty/center',
} as const;

export const DutyRecord = z.object({
  shifts: z.array(DutyShiftView),
  entries: z.array(DutyEntryView),
  calls: z.array(DutyCallView),
  handovers: z.array(DutyHandoverView),
});
export type DutyRecord = z.infer<typeof DutyRecord>;

export const DeskDutyVehicle = z.object({
  vehicleId: z.string(),
  name: z.string(),
  shift: DutyShiftView.nullable(),
  /** The newest few entries, newest first. */
  latest: z.array(DutyEntryView),
});
export type DeskDutyVehicle = z.infer<typeof DeskDutyVehicle>;

export const DeskDutyVehicles = z.object({ vehicles: z.array(DeskDutyVehicle) });
export const DeskVehicleDuty = z.object({ vehicleId: z.string(), duty: DutyRecord });
export const DeskCenterDuty = z.object({ duty: DutyRecord, shift: DutyShiftView.nullable(), names: z.array(DutyName) });
export type DeskCenterDuty = z.infer<typeof DeskCenterDuty>;

/** `POST …/shift`: start one (its officers and leader), or `{ end: true }` to end the one on duty. */
export const CenterShiftRequest = z.union([
  z.object({ end: z.literal(true) }).strict(),
  z.object({ onDuty: z.array(z.string().trim().min(1).max(50)).min(1).max(3), leader: z.string().trim().min(1).max(50) }).strict(),
]);

/** Feed event `duty`: a vehicle's (or, with `vehicleId` null, the center's) duty log changed. */
export const FeedDuty = z.object({ vehicleId: z.string().nullable(), what: z.enum(['shift', 'entry', 'call', 'handover']) }).strict();
export type FeedDuty = z.infer<typeof FeedDuty>;

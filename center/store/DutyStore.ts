import type { DutyCallView, DutyEntryView, DutyHandoverView, DutyShiftView } from '../../protocol/api/duty';
import type { DeskDutyVehicle, DutyRecord } from '../../protocol/sync/deskDuty';
import type { DutyBody } from '../../protocol/sync/duty';

/**
 * The duty log at the center (migration 14): each vehicle's, as its `duty` items arrive
 * (kept by shiftId / callId / item id; the newest `createdAt` wins), and the center's own,
 * kept by its staff (the same shapes, vehicle NULL).
 */

/** Inside an exchange's unit of work: a newly stored `duty` item updates the tables. */
export interface DutyExchangeTx {
  applyDuty(body: DutyBody, itemId: string, createdAt: number): Promise<void>;
}

/** The center's own duty, as one handover writes it: all or nothing. */
export interface CenterHandover {
  handover: Omit<DutyHandoverView, 'id' | 'shiftId' | 'signedAt'>;
  next: { onDuty: string[]; leader: string };
  entryText: string;
}

export interface DutyStore {
  /** Each of these vehicles' current shift (or none) and newest entries. */
  dutyVehicles(vehicleIds: readonly string[] | 'all', latest: number): Promise<DeskDutyVehicle[]>;
  /** One vehicle's duty record (null: the center's own), newest first. */
  dutyRecord(vehicleId: string | null, limit: number): Promise<DutyRecord>;
  /** The center's shift on duty. */
  centerShift(): Promise<DutyShiftView | null>;
  centerStartShift(shift: DutyShiftView): Promise<void>;
  centerEndShift(shiftId: string, at: number): Promise<void>;
  centerAddEntry(entry: DutyEntryView): Promise<void>;
  /** Adds or replaces a call (by id) of the center's own phone log. */
  centerPutCall(call: DutyCallView): Promise<void>;
  centerCall(id: string): Promise<DutyCallView | undefined>;
  /** Ends the center's shift on duty, stores the handover, starts the next and logs it, in one transaction. */
  centerHandover(outgoing: DutyShiftView, handover: DutyHandoverView, started: DutyShiftView, entry: DutyEntryView): Promise<void>;
}

import type {
  AddCallParams,
  AddEntryParams,
  DutyCallView,
  DutyEntryView,
  DutyHandoverView,
  DutyName,
  DutyShiftView,
  HandoverPrefill,
  SignHandoverParams,
  StartShiftParams,
  UpdateCallParams,
} from '../../protocol/api/duty';

/** Everything a duty screen shows at once. */
export interface DutySnapshot {
  shift: DutyShiftView | null;
  names: DutyName[];
  entries: DutyEntryView[];
  calls: DutyCallView[];
  handovers: DutyHandoverView[];
}

/**
 * Where a duty screen reads and writes: the console core (the vehicle's duty) or the
 * center's desk API (the center's own). The screens are the same; only this differs.
 */
export interface DutyBackend {
  load(): Promise<DutySnapshot>;
  startShift(p: StartShiftParams): Promise<unknown>;
  endShift(): Promise<unknown>;
  addEntry(p: AddEntryParams): Promise<unknown>;
  addCall(p: Partial<AddCallParams> & Pick<AddCallParams, 'caller' | 'summary'>): Promise<unknown>;
  updateCall(p: UpdateCallParams): Promise<unknown>;
  prefill(): Promise<HandoverPrefill>;
  signHandover(p: SignHandoverParams): Promise<{ handover: DutyHandoverView }>;
}

import type {
  AddCallParams,
  AddEntryParams,
  DutyCallView,
  DutyChanged,
  DutyCurrent,
  DutyEntryView,
  DutyName,
  DutyShiftView,
  HandoverPrefill,
  SignedHandover,
  SignHandoverParams,
  StartShiftParams,
  UpdateCallParams,
} from '../../../../protocol/api/duty';
import type { Language } from '../../../../protocol/common';
import type { LinkStatus } from '../../../../protocol/links/linkStatus';
import { uuidv7 } from '../../../../protocol/sync/uuid';
import { SafeEmitter } from '../../../../platform/events/SafeEmitter';
import { callById, countEntries, currentShift, directoryNames, listCalls } from '../../store/dutyRepo';
import { recordCall, recordEntry, recordHandover, recordShiftEnd, recordShiftStart, type NewEntry } from '../../store/dutyWrites';
import { queueCounts } from '../../store/outboxRepo';
import type { Store } from '../../store/Store';
import { storeError } from '../../store/StoreError';
import { NotFoundError } from '../MessageService';
import { ConflictError } from '../orderSteps';
import { dutyPhrases } from './dutyPhrases';

export interface DutyServiceOptions {
  store: Store;
  links: () => readonly LinkStatus[];
  language: () => Language;
  onOutbox: () => void;
  now?: () => number;
}

/**
 * The duty log's operations: shifts, entries, the phone log and the handover. Checks what
 * the state allows (one shift at a time, a handover needs a shift on duty) before writing;
 * every write is a record and its `duty` outbox item in one transaction (dutyWrites.ts).
 */
export class DutyService extends SafeEmitter<{ changed: [DutyChanged] }> {
  readonly #o: DutyServiceOptions;
  readonly #now: () => number;

  constructor(options: DutyServiceOptions) {
    super();
    this.#o = options;
    this.#now = options.now ?? Date.now;
  }

  #write<T>(what: DutyChanged['what'], work: () => T): T {
    let result: T;
    try {
      result = work();
    } catch (error) {
      throw storeError(error, this.#o.store.file);
    }
    this.#o.onOutbox();
    this.safeEmit('changed', { what });
    return result;
  }

  get #db() {
    return this.#o.store.db;
  }

  current(): DutyCurrent {
    return { shift: currentShift(this.#db), names: this.names() };
  }

  /** Names for a shift, from the latest directory the center sent (free text is allowed too). */
  names(): DutyName[] {
    return directoryNames(this.#db);
  }

  startShift(p: StartShiftParams): DutyShiftView {
    const on = currentShift(this.#db);
    if (on) throw new ConflictError(`a shift is on duty since ${new Date(on.startAt).toISOString()}: end it or hand it over first`);
    return this.#write('shift', () => recordShiftStart(this.#db, dedupe(p.onDuty), p.leader, this.#now()));
  }

  endShift(): DutyShiftView {
    const on = currentShift(this.#db);
    if (!on) throw new ConflictError('no shift is on duty');
    return this.#write('shift', () => recordShiftEnd(this.#db, on, this.#now()));
  }

  addEntry(p: AddEntryParams): DutyEntryView {
    return this.autoOrManual({ topic: 'manual', text: p.text, by: p.by, auto: false });
  }

  /** An entry in the shift on duty (or none); automatic entries come here too. */
  autoOrManual(e: Omit<NewEntry, 'shiftId'>): DutyEntryView {
    return this.#write('entry', () => recordEntry(this.#db, { ...e, shiftId: currentShift(this.#db)?.id ?? null }, this.#now()));
  }

  addCall(p: AddCallParams): DutyCallView {
    const now = this.#now();
    const call: DutyCallView = {
      id: uuidv7(now),
      shiftId: currentShift(this.#db)?.id ?? null,
      at: p.at ?? now,
      unit: p.unit,
      caller: p.caller,
      phone: p.phone,
      summary: p.summary,
      passedTo: p.passedTo || null,
      incidentId: null,
      recordedBy: p.recordedBy ?? null,
    };
    return this.#write('call', () => recordCall(this.#db, call, now));
  }

  getCall(id: string): DutyCallView {
    const call = callById(this.#db, id);
    if (!call) throw new NotFoundError(`no call with id ${id}`);
    return call;
  }

  updateCall(p: UpdateCallParams): DutyCallView {
    const call = this.getCall(p.id);
    const next: DutyCallView = {
      ...call,
      ...(p.summary !== undefined ? { summary: p.summary } : {}),
      ...(p.passedTo !== undefined ? { passedTo: p.passedTo || null } : {}),
      ...(p.incidentId !== undefined ? { incidentId: p.incidentId } : {}),
    };
    return this.#write('call', () => recordCall(this.#db, next, this.#now()));
  }

  handoverPrefill(): HandoverPrefill {
    const shift = currentShift(this.#db);
    const counts = queueCounts(this.#db);
    return {
      shift,
      links: this.#o.links().map((l) => ({ id: l.id, name: l.name, state: l.state })),
      queued: counts.queued.reduce((n, q) => n + q.count, 0),
      parked: counts.parked,
      openCalls: shift ? listCalls(this.#db, shift.id, 200).filter((c) => !c.passedTo && !c.incidentId) : [],
      entries: shift ? countEntries(this.#db, shift.id) : 0,
      names: this.names(),
    };
  }

  signHandover(p: SignHandoverParams): SignedHandover {
    const on = currentShift(this.#db);
    if (!on) throw new ConflictError('no shift is on duty to hand over');
    const { outgoingConfirmed: _o, incomingConfirmed: _i, next, ...record } = p;
    const text = dutyPhrases(this.#o.language()).handover(record.outgoing, record.incoming);
    return this.#write('handover', () =>
      recordHandover(this.#db, on, record, { onDuty: dedupe(next.onDuty), leader: next.leader }, text, this.#now()),
    );
  }
}

function dedupe(names: string[]): string[] {
  return [...new Set(names)];
}

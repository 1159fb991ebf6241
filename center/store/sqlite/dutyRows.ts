import type { Database } from 'better-sqlite3';
import type { DutyCallView, DutyEntryView, DutyHandoverView, DutyShiftView } from '../../../protocol/api/duty';
import type { DeskDutyVehicle, DutyRecord } from '../../../protocol/sync/deskDuty';
import type { DutyBody, DutyTopic } from '../../../protocol/sync/duty';
import type { DutyStore } from '../DutyStore';
import type { Statements } from './statements';

/** The duty tables (migration 14): vehicles' duty items applied, the center's own duty kept, and both read for the desk. */

interface ShiftRow {
  id: string;
  on_duty: string;
  leader: string;
  start_at: number;
  end_at: number | null;
}
type EntryRow = { id: string; shift_id: string | null; topic: string; text: string; by: string | null; at: number; auto: number };
type CallRow = {
  id: string;
  shift_id: string | null;
  at: number;
  unit: string;
  caller: string;
  phone: string;
  summary: string;
  passed_to: string | null;
  incident_id: string | null;
  recorded_by: string | null;
};
type HandoverRow = Omit<DutyHandoverView, 'shiftId' | 'signedAt'> & { shift_id: string; signed_at: number };

const shiftOf = (r: ShiftRow): DutyShiftView => ({
  id: r.id,
  onDuty: JSON.parse(r.on_duty) as string[],
  leader: r.leader,
  startAt: r.start_at,
  endAt: r.end_at,
});
const entryOf = (r: EntryRow): DutyEntryView => ({
  id: r.id,
  shiftId: r.shift_id,
  topic: r.topic as DutyTopic,
  text: r.text,
  by: r.by,
  at: r.at,
  auto: r.auto === 1,
});
const callOf = (r: CallRow): DutyCallView => ({
  id: r.id,
  shiftId: r.shift_id,
  at: r.at,
  unit: r.unit,
  caller: r.caller,
  phone: r.phone,
  summary: r.summary,
  passedTo: r.passed_to,
  incidentId: r.incident_id,
  recordedBy: r.recorded_by,
});
const handoverOf = (r: HandoverRow): DutyHandoverView => ({
  id: r.id,
  shiftId: r.shift_id,
  done: r.done,
  pending: r.pending,
  tasks: r.tasks,
  equipment: r.equipment,
  hazards: r.hazards,
  outgoing: r.outgoing,
  incoming: r.incoming,
  signedAt: r.signed_at,
});

// Newer copies replace older ones, and only the same owner's (a vehicle cannot overwrite another's record by its id).
const NEWER = (table: string) => `WHERE excluded.created_at >= ${table}.created_at AND ${table}.vehicle_id IS excluded.vehicle_id`;

function putShift(s: Statements, vehicleId: string | null, shift: DutyShiftView, createdAt: number): void {
  s.get(
    `INSERT INTO duty_shifts (id, vehicle_id, on_duty, leader, start_at, end_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET on_duty = excluded.on_duty, leader = excluded.leader, start_at = excluded.start_at,
       end_at = excluded.end_at, created_at = excluded.created_at ${NEWER('duty_shifts')}`,
  ).run(shift.id, vehicleId, JSON.stringify(shift.onDuty), shift.leader, shift.startAt, shift.endAt, createdAt);
}

function putEntry(s: Statements, vehicleId: string | null, e: DutyEntryView): void {
  s.get('INSERT OR IGNORE INTO duty_entries (id, vehicle_id, shift_id, topic, text, by, at, auto) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
    e.id,
    vehicleId,
    e.shiftId,
    e.topic,
    e.text,
    e.by,
    e.at,
    e.auto ? 1 : 0,
  );
}

function putCall(s: Statements, vehicleId: string | null, c: DutyCallView, createdAt: number): void {
  s.get(
    `INSERT INTO duty_calls (id, vehicle_id, shift_id, at, unit, caller, phone, summary, passed_to, incident_id, recorded_by, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET shift_id = excluded.shift_id, at = excluded.at, unit = excluded.unit, caller = excluded.caller,
       phone = excluded.phone, summary = excluded.summary, passed_to = excluded.passed_to, incident_id = excluded.incident_id,
       recorded_by = excluded.recorded_by, created_at = excluded.created_at ${NEWER('duty_calls')}`,
  ).run(c.id, vehicleId, c.shiftId, c.at, c.unit, c.caller, c.phone, c.summary, c.passedTo, c.incidentId, c.recordedBy, createdAt);
}

function putHandover(s: Statements, vehicleId: string | null, h: DutyHandoverView, createdAt: number): void {
  s.get(
    `INSERT INTO duty_handovers (shift_id, id, vehicle_id, done, pending, tasks, equipment, hazards, outgoing, incoming, signed_at, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (shift_id) DO UPDATE SET done = excluded.done, pending = excluded.pending, tasks = excluded.tasks,
       equipment = excluded.equipment, hazards = excluded.hazards, outgoing = excluded.outgoing, incoming = excluded.incoming,
       signed_at = excluded.signed_at, created_at = excluded.created_at ${NEWER('duty_handovers')}`,
  ).run(h.shiftId, h.id, vehicleId, h.done, h.pending, h.tasks, h.equipment, h.hazards, h.outgoing, h.incoming, h.signedAt, createdAt);
}

/** A vehicle's newly stored `duty` item, applied in the exchange's unit of work. */
export function applyDutyItem(s: Statements, vehicleId: string, body: DutyBody, itemId: string, createdAt: number): void {
  switch (body.type) {
    case 'shift':
      putShift(
        s,
        vehicleId,
        { id: body.shiftId, onDuty: body.onDuty, leader: body.leader, startAt: body.startAt, endAt: body.endAt ?? null },
        createdAt,
      );
      return;
    case 'entry':
      putEntry(s, vehicleId, {
        id: itemId,
        shiftId: body.shiftId ?? null,
        topic: body.topic,
        text: body.text,
        by: body.by ?? null,
        at: createdAt,
        auto: body.topic !== 'manual',
      });
      return;
    case 'call':
      putCall(
        s,
        vehicleId,
        {
          id: body.callId,
          shiftId: body.shiftId ?? null,
          at: body.at,
          unit: body.unit,
          caller: body.caller,
          phone: body.phone,
          summary: body.summary,
          passedTo: body.passedTo ?? null,
          incidentId: body.incidentId ?? null,
          recordedBy: body.recordedBy ?? null,
        },
        createdAt,
      );
      return;
    case 'handover': {
      const { type: _type, ...rest } = body;
      putHandover(s, vehicleId, { id: itemId, ...rest }, createdAt);
      return;
    }
  }
}

const OWNER = 'vehicle_id IS ?';

function record(s: Statements, vehicleId: string | null, limit: number): DutyRecord {
  return {
    shifts: (s.get(`SELECT * FROM duty_shifts WHERE ${OWNER} ORDER BY start_at DESC LIMIT ?`).all(vehicleId, limit) as ShiftRow[]).map(
      shiftOf,
    ),
    entries: (s.get(`SELECT * FROM duty_entries WHERE ${OWNER} ORDER BY at DESC, id DESC LIMIT ?`).all(vehicleId, limit) as EntryRow[]).map(
      entryOf,
    ),
    calls: (s.get(`SELECT * FROM duty_calls WHERE ${OWNER} ORDER BY at DESC LIMIT ?`).all(vehicleId, limit) as CallRow[]).map(callOf),
    handovers: (
      s.get(`SELECT * FROM duty_handovers WHERE ${OWNER} ORDER BY signed_at DESC LIMIT ?`).all(vehicleId, limit) as HandoverRow[]
    ).map(handoverOf),
  };
}

function openShift(s: Statements, vehicleId: string | null): DutyShiftView | null {
  const row = s.get(`SELECT * FROM duty_shifts WHERE ${OWNER} AND end_at IS NULL ORDER BY start_at DESC LIMIT 1`).get(vehicleId) as
    ShiftRow | undefined;
  return row ? shiftOf(row) : null;
}

/** The DutyStore half of the SQLite center store; `serial` runs work in the store's turn. */
export function sqliteDutyStore(db: Database, s: Statements, serial: <T>(fn: () => T) => Promise<T>): DutyStore {
  const inTx = <T>(fn: () => T) => serial(() => db.transaction(fn).immediate());
  return {
    dutyVehicles: (vehicleIds, latest) =>
      serial(() => {
        const rows = s.get(`SELECT c.id, c.name FROM credentials c WHERE c.role = 'vehicle' ORDER BY c.name`).all() as {
          id: string;
          name: string;
        }[];
        const shown = vehicleIds === 'all' ? rows : rows.filter((r) => vehicleIds.includes(r.id));
        return shown.map((r): DeskDutyVehicle => ({
          vehicleId: r.id,
          name: r.name,
          shift: openShift(s, r.id),
          latest: (
            s.get(`SELECT * FROM duty_entries WHERE vehicle_id = ? ORDER BY at DESC, id DESC LIMIT ?`).all(r.id, latest) as EntryRow[]
          ).map(entryOf),
        }));
      }),
    dutyRecord: (vehicleId, limit) => serial(() => record(s, vehicleId, limit)),
    centerShift: () => serial(() => openShift(s, null)),
    centerStartShift: (shift) => inTx(() => putShift(s, null, shift, shift.startAt)),
    centerEndShift: (shiftId, at) =>
      inTx(() => {
        s.get('UPDATE duty_shifts SET end_at = ?, created_at = ? WHERE id = ? AND vehicle_id IS NULL AND end_at IS NULL').run(
          at,
          at,
          shiftId,
        );
      }),
    centerAddEntry: (entry) => inTx(() => putEntry(s, null, entry)),
    centerPutCall: (call) => inTx(() => putCall(s, null, call, Date.now())),
    centerCall: (id) =>
      serial(() => {
        const row = s.get('SELECT * FROM duty_calls WHERE id = ? AND vehicle_id IS NULL').get(id) as CallRow | undefined;
        return row ? callOf(row) : undefined;
      }),
    centerHandover: (outgoing, handover, started, entry) =>
      inTx(() => {
        putShift(s, null, outgoing, handover.signedAt);
        putHandover(s, null, handover, handover.signedAt);
        putShift(s, null, started, handover.signedAt);
        putEntry(s, null, entry);
      }),
  };
}

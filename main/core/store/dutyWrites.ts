import type { Database } from 'better-sqlite3';
import type { DutyCallView, DutyEntryView, DutyHandoverView, DutyShiftView } from '../../../protocol/api/duty';
import type { DutyBody, DutyTopic } from '../../../protocol/sync/duty';
import { uuidv7 } from '../../../protocol/sync/uuid';
import { estimateWireBytes } from '../sync/outboxItem';
import { enqueueOutbox } from './outboxRepo';

/**
 * The duty log's writes: each record with its `duty` outbox item (routine: the center's
 * record of the vehicle's duty, not a task) in one transaction, so a crash keeps both or
 * neither. A shift ended or a call updated goes up again under the same shiftId/callId;
 * the center keeps the newest. A log entry's id is its outbox item's id.
 */

/** Queues one duty body; call it inside the transaction that writes the record. Returns the item id. */
function enqueueDuty(db: Database, body: DutyBody, now: number, id = uuidv7(now)): string {
  enqueueOutbox(db, {
    id,
    kind: 'duty',
    priority: 'routine',
    createdAt: now,
    body,
    bytes: estimateWireBytes({ kind: 'duty', id, priority: 'routine', createdAt: now, body }),
  });
  return id;
}

function shiftBody(s: DutyShiftView): DutyBody {
  return {
    type: 'shift',
    shiftId: s.id,
    onDuty: s.onDuty,
    leader: s.leader,
    startAt: s.startAt,
    ...(s.endAt !== null ? { endAt: s.endAt } : {}),
  };
}

function putShift(db: Database, s: DutyShiftView, now: number): void {
  db.prepare(
    `INSERT INTO duty_shifts (id, on_duty, leader, start_at, end_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET on_duty = excluded.on_duty, leader = excluded.leader, end_at = excluded.end_at`,
  ).run(s.id, JSON.stringify(s.onDuty), s.leader, s.startAt, s.endAt);
  enqueueDuty(db, shiftBody(s), now);
}

export interface NewEntry {
  shiftId: string | null;
  topic: DutyTopic;
  text: string;
  by?: string | undefined;
  auto: boolean;
}

function putEntry(db: Database, e: NewEntry, now: number): DutyEntryView {
  const text = e.text.trim().slice(0, 2000);
  const id = uuidv7(now);
  db.prepare('INSERT INTO duty_entries (id, shift_id, topic, text, by, at, auto) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
    id,
    e.shiftId,
    e.topic,
    text,
    e.by ?? null,
    now,
    e.auto ? 1 : 0,
  );
  const body: DutyBody = {
    type: 'entry',
    topic: e.topic,
    text,
    ...(e.shiftId ? { shiftId: e.shiftId } : {}),
    ...(e.by ? { by: e.by } : {}),
  };
  enqueueDuty(db, body, now, id);
  return { id, shiftId: e.shiftId, topic: e.topic, text, by: e.by ?? null, at: now, auto: e.auto };
}

/** Starts a shift (the caller checked none is on). */
export function recordShiftStart(db: Database, onDuty: string[], leader: string, now: number): DutyShiftView {
  const shift: DutyShiftView = { id: uuidv7(now), onDuty, leader, startAt: now, endAt: null };
  db.transaction(() => putShift(db, shift, now)).immediate();
  return shift;
}

/** Ends a shift without a handover. */
export function recordShiftEnd(db: Database, shift: DutyShiftView, now: number): DutyShiftView {
  const ended = { ...shift, endAt: Math.max(now, shift.startAt) };
  db.transaction(() => putShift(db, ended, now)).immediate();
  return ended;
}

/** A log entry, written or automatic. */
export function recordEntry(db: Database, entry: NewEntry, now: number): DutyEntryView {
  return db.transaction(() => putEntry(db, entry, now)).immediate();
}

function putCall(db: Database, c: DutyCallView, now: number): void {
  db.prepare(
    `INSERT INTO duty_calls (id, shift_id, at, unit, caller, phone, summary, passed_to, incident_id, recorded_by)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET summary = excluded.summary, passed_to = excluded.passed_to, incident_id = excluded.incident_id`,
  ).run(c.id, c.shiftId, c.at, c.unit, c.caller, c.phone, c.summary, c.passedTo, c.incidentId, c.recordedBy);
  const body: DutyBody = {
    type: 'call',
    callId: c.id,
    at: c.at,
    unit: c.unit,
    caller: c.caller,
    phone: c.phone,
    summary: c.summary,
    ...(c.shiftId ? { shiftId: c.shiftId } : {}),
    ...(c.passedTo ? { passedTo: c.passedTo } : {}),
    ...(c.incidentId ? { incidentId: c.incidentId } : {}),
    ...(c.recordedBy ? { recordedBy: c.recordedBy } : {}),
  };
  enqueueDuty(db, body, now);
}

/** A phone call taken (接报), new or changed (passed on, turned into an incident). */
export function recordCall(db: Database, call: DutyCallView, now: number): DutyCallView {
  db.transaction(() => putCall(db, call, now)).immediate();
  return call;
}

export interface HandoverRecord {
  done: string;
  pending: string;
  tasks: string;
  equipment: string;
  hazards: string;
  outgoing: string;
  incoming: string;
}

/**
 * 交接班 in one transaction: the handover, the outgoing shift ended, the incoming one
 * started and a log entry saying so — four items, all or none.
 */
export function recordHandover(
  db: Database,
  outgoingShift: DutyShiftView,
  record: HandoverRecord,
  next: { onDuty: string[]; leader: string },
  entryText: string,
  now: number,
): { handover: DutyHandoverView; ended: DutyShiftView; started: DutyShiftView } {
  const ended: DutyShiftView = { ...outgoingShift, endAt: Math.max(now, outgoingShift.startAt) };
  const started: DutyShiftView = { id: uuidv7(now), onDuty: next.onDuty, leader: next.leader, startAt: now, endAt: null };
  const handover: DutyHandoverView = { id: uuidv7(now), shiftId: outgoingShift.id, ...record, signedAt: now };
  db.transaction(() => {
    db.prepare(
      `INSERT INTO duty_handovers (id, shift_id, done, pending, tasks, equipment, hazards, outgoing, incoming, signed_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      handover.id,
      handover.shiftId,
      record.done,
      record.pending,
      record.tasks,
      record.equipment,
      record.hazards,
      record.outgoing,
      record.incoming,
      now,
    );
    enqueueDuty(db, { type: 'handover', shiftId: outgoingShift.id, ...record, signedAt: now }, now, handover.id);
    putShift(db, ended, now);
    putShift(db, started, now);
    putEntry(db, { shiftId: started.id, topic: 'handover', text: entryText, by: record.incoming, auto: true }, now);
  }).immediate();
  return { handover, ended, started };
}

import type { Database } from 'better-sqlite3';
import type { DutyName, DutyCallView, DutyEntryView, DutyHandoverView, DutyLogQuery, DutyShiftView } from '../../../protocol/api/duty';
import type { DutyTopic } from '../../../protocol/sync/duty';
import type { DirectoryBody } from '../../../protocol/sync/items';

/** Reads of the duty log (migration 0060). Writes, each with its outbox item, are in dutyWrites.ts. */

interface ShiftRow {
  id: string;
  on_duty: string;
  leader: string;
  start_at: number;
  end_at: number | null;
}
interface EntryRow {
  id: string;
  shift_id: string | null;
  topic: string;
  text: string;
  by: string | null;
  at: number;
  auto: number;
}
interface CallRow {
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
}
interface HandoverRow {
  id: string;
  shift_id: string;
  done: string;
  pending: string;
  tasks: string;
  equipment: string;
  hazards: string;
  outgoing: string;
  incoming: string;
  signed_at: number;
}

const shiftView = (r: ShiftRow): DutyShiftView => ({
  id: r.id,
  onDuty: JSON.parse(r.on_duty) as string[],
  leader: r.leader,
  startAt: r.start_at,
  endAt: r.end_at,
});
const entryView = (r: EntryRow): DutyEntryView => ({
  id: r.id,
  shiftId: r.shift_id,
  topic: r.topic as DutyTopic,
  text: r.text,
  by: r.by,
  at: r.at,
  auto: r.auto === 1,
});
const callView = (r: CallRow): DutyCallView => ({
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
const handoverView = (r: HandoverRow): DutyHandoverView => ({
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

export function currentShift(db: Database): DutyShiftView | null {
  const row = db.prepare('SELECT * FROM duty_shifts WHERE end_at IS NULL').get() as ShiftRow | undefined;
  return row ? shiftView(row) : null;
}

export function shiftById(db: Database, id: string): DutyShiftView | undefined {
  const row = db.prepare('SELECT * FROM duty_shifts WHERE id = ?').get(id) as ShiftRow | undefined;
  return row ? shiftView(row) : undefined;
}

export function listShifts(db: Database, limit: number): DutyShiftView[] {
  return (db.prepare('SELECT * FROM duty_shifts ORDER BY start_at DESC LIMIT ?').all(limit) as ShiftRow[]).map(shiftView);
}

export function listEntries(db: Database, query: DutyLogQuery): DutyEntryView[] {
  const conditions: [string, unknown][] = [];
  if (query.from !== undefined) conditions.push(['at >= ?', query.from]);
  if (query.to !== undefined) conditions.push(['at < ?', query.to]);
  if (query.shiftId !== undefined) conditions.push(['shift_id = ?', query.shiftId]);
  if (query.auto !== undefined) conditions.push(['auto = ?', query.auto ? 1 : 0]);
  const where = conditions.map(([c]) => c);
  const args = conditions.map(([, v]) => v);
  const sql = `SELECT * FROM duty_entries ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY at DESC, id DESC LIMIT ?`;
  return (db.prepare(sql).all(...args, query.limit) as EntryRow[]).map(entryView);
}

export function entryById(db: Database, id: string): DutyEntryView | undefined {
  const row = db.prepare('SELECT * FROM duty_entries WHERE id = ?').get(id) as EntryRow | undefined;
  return row ? entryView(row) : undefined;
}

export function countEntries(db: Database, shiftId: string): number {
  return (db.prepare('SELECT COUNT(*) AS n FROM duty_entries WHERE shift_id = ?').get(shiftId) as { n: number }).n;
}

export function listCalls(db: Database, shiftId: string | undefined, limit: number): DutyCallView[] {
  const rows = shiftId
    ? db.prepare('SELECT * FROM duty_calls WHERE shift_id = ? ORDER BY at DESC LIMIT ?').all(shiftId, limit)
    : db.prepare('SELECT * FROM duty_calls ORDER BY at DESC LIMIT ?').all(limit);
  return (rows as CallRow[]).map(callView);
}

export function callById(db: Database, id: string): DutyCallView | undefined {
  const row = db.prepare('SELECT * FROM duty_calls WHERE id = ?').get(id) as CallRow | undefined;
  return row ? callView(row) : undefined;
}

export function listHandovers(db: Database, limit: number): DutyHandoverView[] {
  return (db.prepare('SELECT * FROM duty_handovers ORDER BY signed_at DESC LIMIT ?').all(limit) as HandoverRow[]).map(handoverView);
}

export function handoverById(db: Database, id: string): DutyHandoverView | undefined {
  const row = db.prepare('SELECT * FROM duty_handovers WHERE id = ?').get(id) as HandoverRow | undefined;
  return row ? handoverView(row) : undefined;
}

/** Names for a shift, from the latest directory the center sent. */
export function directoryNames(db: Database): DutyName[] {
  const row = db.prepare(`SELECT body FROM inbox WHERE kind = 'directory' ORDER BY received_at DESC LIMIT 1`).get() as
    { body: string } | undefined;
  if (!row) return [];
  const body = JSON.parse(row.body) as DirectoryBody;
  return body.entries.map((e) => ({ name: e.name.slice(0, 50), role: e.role }));
}

/** Reports the center now holds (delivered after `since`), for the automatic log. */
export function reportsDeliveredSince(db: Database, since: number): { deliveredAt: number; stage: string; number: number }[] {
  const rows = db
    .prepare(
      `SELECT delivered_at AS at, body FROM outbox WHERE kind = 'report' AND state = 'delivered' AND delivered_at > ? ORDER BY delivered_at`,
    )
    .all(since) as { at: number; body: string }[];
  return rows.map((r) => {
    const body = JSON.parse(r.body) as { stage?: string; number?: number };
    return { deliveredAt: r.at, stage: body.stage ?? 'first', number: body.number ?? 0 };
  });
}

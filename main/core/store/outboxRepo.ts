import type { Database } from 'better-sqlite3';
import type { WaitingFile } from '../../../protocol/api/syncStatus';
import type { VehicleQueue } from '../../../protocol/sync/exchange';
import { knownProblemCode, storedProblem, storedProblemCode, type SyncProblemCode } from '../../../protocol/api/syncProblems';
import { PRIORITY_RANK, type ItemKind, type Priority, type RejectCode } from '../../../protocol/sync/items';

/** One row of the outbox: an item the center must see, and where it stands. */
export interface OutboxEntry {
  seq: number;
  id: string;
  kind: Extract<ItemKind, 'message' | 'position' | 'attachment' | 'order-state' | 'receipt' | 'report' | 'duty'>;
  priority: Priority;
  createdAt: number;
  body: Record<string, unknown>;
  bytes: number;
  state: 'queued' | 'delivered' | 'parked';
  attempts: number;
  nextAttemptAt: number;
  lastError: string | null;
  parkCode: RejectCode | 'too-large' | null;
  parkReason: string | null;
  deliveredAt: number | null;
  attachmentId: string | null;
}

export interface OutboxRow {
  seq: number;
  id: string;
  kind: string;
  priority: string;
  created_at: number;
  body: string;
  bytes: number;
  state: string;
  attempts: number;
  next_attempt_at: number;
  last_error: string | null;
  park_code: string | null;
  park_reason: string | null;
  delivered_at: number | null;
  attachment_id: string | null;
}

export function toOutboxEntry(row: OutboxRow): OutboxEntry {
  return {
    seq: row.seq,
    id: row.id,
    kind: row.kind as OutboxEntry['kind'],
    priority: row.priority as Priority,
    createdAt: row.created_at,
    body: JSON.parse(row.body) as Record<string, unknown>,
    bytes: row.bytes,
    state: row.state as OutboxEntry['state'],
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    lastError: row.last_error,
    parkCode: row.park_code as OutboxEntry['parkCode'],
    parkReason: row.park_reason,
    deliveredAt: row.delivered_at,
    attachmentId: row.attachment_id,
  };
}

export interface NewOutboxItem {
  id: string;
  kind: OutboxEntry['kind'];
  priority: Priority;
  createdAt: number;
  body: object;
  bytes: number;
  attachmentId?: string;
}

/** Adds an item; call it inside the transaction that writes the record itself. Returns its seq. */
export function enqueueOutbox(db: Database, item: NewOutboxItem): number {
  const result = db
    .prepare('INSERT INTO outbox (id, kind, priority, rank, created_at, body, bytes, attachment_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
    .run(
      item.id,
      item.kind,
      item.priority,
      PRIORITY_RANK[item.priority],
      item.createdAt,
      JSON.stringify(item.body),
      item.bytes,
      item.attachmentId ?? null,
    );
  return Number(result.lastInsertRowid);
}

/**
 * Queued items due by `now`, most urgent first, then oldest first; only of `priorities`
 * (those that have a link now) and of `kind` when given.
 */
export function dueOutbox(
  db: Database,
  now: number,
  limit: number,
  priorities?: readonly Priority[],
  kind?: OutboxEntry['kind'],
): OutboxEntry[] {
  if (priorities?.length === 0) return [];
  const ranks = priorities ? ` AND rank IN (${priorities.map((p) => PRIORITY_RANK[p]).join(',')})` : '';
  const ofKind = kind ? ' AND kind = ?' : '';
  const rows = db
    .prepare(`SELECT * FROM outbox WHERE state = 'queued' AND next_attempt_at <= ?${ranks}${ofKind} ORDER BY rank, seq LIMIT ?`)
    .all(...(kind ? [now, kind, limit] : [now, limit])) as OutboxRow[];
  return rows.map(toOutboxEntry);
}

export function outboxEntry(db: Database, seq: number): OutboxEntry | undefined {
  const row = db.prepare('SELECT * FROM outbox WHERE seq = ?').get(seq) as OutboxRow | undefined;
  return row && toOutboxEntry(row);
}

/** The earliest time a deferred item becomes due, if any waits. */
export function nextDeferredAt(db: Database, now: number): number | undefined {
  const row = db.prepare("SELECT min(next_attempt_at) AS at FROM outbox WHERE state = 'queued' AND next_attempt_at > ?").get(now) as {
    at: number | null;
  };
  return row.at ?? undefined;
}

export function markDelivered(db: Database, seqs: readonly number[], at: number): number {
  const update = db.prepare(
    "UPDATE outbox SET state = 'delivered', delivered_at = ?, last_error = NULL, last_error_code = NULL WHERE seq = ? AND state = 'queued'",
  );
  let changed = 0;
  for (const seq of seqs) changed += update.run(at, seq).changes;
  return changed;
}

/** Refused for good: kept, shown with why, never retried unless the operator asks. */
export function parkOutbox(db: Database, seq: number, code: string, reason: string): void {
  db.prepare("UPDATE outbox SET state = 'parked', park_code = ?, park_reason = ? WHERE seq = ? AND state = 'queued'").run(
    code,
    reason.slice(0, 500),
    seq,
  );
}

/** Why a try failed, as an item keeps it: the code the UI translates and the English detail. */
export interface TryProblem {
  code: SyncProblemCode;
  message: string;
}

/** Not taken this time: try again from `until`. */
export function deferOutbox(db: Database, seq: number, until: number, problem: TryProblem): void {
  db.prepare("UPDATE outbox SET next_attempt_at = ?, last_error = ?, last_error_code = ? WHERE seq = ? AND state = 'queued'").run(
    until,
    storedProblem(problem.code, problem.message).slice(0, 500),
    problem.code,
    seq,
  );
}

/** A try of these items failed: counted on each, with its code and detail (what the Messages view shows). */
export function recordAttempt(db: Database, seqs: readonly number[], problem: TryProblem): void {
  const update = db.prepare('UPDATE outbox SET attempts = attempts + 1, last_error = ?, last_error_code = ? WHERE seq = ?');
  const text = storedProblem(problem.code, problem.message).slice(0, 500);
  db.transaction(() => {
    for (const seq of seqs) update.run(text, problem.code, seq);
  })();
}

/** The outbox columns an item's delivery shows its last failed try from (alias `o`). */
export const LAST_ERROR_COLUMNS = 'o.last_error, o.last_error_code';

/**
 * The code of an item's last failed try, as stored (migration 90). A row from before it
 * has none, and a code a later release dropped is not one: then the code is read from the
 * start of its text, which rows older than the codes lack (null: the UI shows the text).
 */
export function lastErrorCode(row: { last_error: string | null; last_error_code: string | null }): SyncProblemCode | null {
  return knownProblemCode(row.last_error_code) ?? storedProblemCode(row.last_error);
}

/** Every deferred item due now: a link came up, so waiting for a timer helps nobody. */
export function clearDeferrals(db: Database): number {
  return db.prepare("UPDATE outbox SET next_attempt_at = 0 WHERE state = 'queued' AND next_attempt_at > 0").run().changes;
}

/** The operator asks to try parked items again (all, or one). */
export function requeueParked(db: Database, seq?: number): number {
  const sql =
    "UPDATE outbox SET state = 'queued', park_code = NULL, park_reason = NULL, attempts = 0, next_attempt_at = 0 WHERE state = 'parked'";
  return seq === undefined ? db.prepare(sql).run().changes : db.prepare(`${sql} AND seq = ?`).run(seq).changes;
}

export interface QueueCounts {
  priority: Priority;
  count: number;
  bytes: number;
}

/** Count and bytes of queued items per priority, and how many are parked. */
export function queueCounts(db: Database): { queued: QueueCounts[]; parked: number; delivered: number } {
  const rows = db
    .prepare("SELECT priority, count(*) AS count, sum(bytes) AS bytes FROM outbox WHERE state = 'queued' GROUP BY priority")
    .all() as Array<{
    priority: Priority;
    count: number;
    bytes: number;
  }>;
  const byPriority = new Map(rows.map((r) => [r.priority, r]));
  const queued = (Object.keys(PRIORITY_RANK) as Priority[]).map((priority) => ({
    priority,
    count: byPriority.get(priority)?.count ?? 0,
    bytes: byPriority.get(priority)?.bytes ?? 0,
  }));
  const other = db.prepare("SELECT sum(state = 'parked') AS parked, sum(state = 'delivered') AS delivered FROM outbox").get() as {
    parked: number | null;
    delivered: number | null;
  };
  return { queued, parked: other.parked ?? 0, delivered: other.delivered ?? 0 };
}

/** The first `limit` queued files, most urgent first, with what the center holds of each (the partial index of items with a file keeps this cheap beside thousands of messages). */
export function waitingFiles(db: Database, limit: number): { first: WaitingFile[]; total: number } {
  const total = db.prepare("SELECT count(*) AS n FROM outbox WHERE attachment_id IS NOT NULL AND state = 'queued'").get() as { n: number };
  const first = db
    .prepare(
      `SELECT o.seq, o.priority, a.name, a.mime, a.size AS bytes, a.confirmed, a.created_at AS createdAt
         FROM outbox o JOIN attachments a ON a.id = o.attachment_id
        WHERE o.attachment_id IS NOT NULL AND o.state = 'queued'
        ORDER BY o.rank, o.seq LIMIT ?`,
    )
    .all(limit) as WaitingFile[];
  return { first, total: total.n };
}

export function parkedOutbox(db: Database, limit: number): OutboxEntry[] {
  return (db.prepare("SELECT * FROM outbox WHERE state = 'parked' ORDER BY seq DESC LIMIT ?").all(limit) as OutboxRow[]).map(toOutboxEntry);
}

/** Where and when the last position report was queued (sent or not), so a restart does not report again at once. */
export function lastPositionReport(db: Database): { at: number; latitude: number; longitude: number } | undefined {
  const row = db.prepare("SELECT created_at AS at, body FROM outbox WHERE kind = 'position' ORDER BY seq DESC LIMIT 1").get() as
    { at: number; body: string } | undefined;
  if (!row) return undefined;
  const body = JSON.parse(row.body) as { latitude: number; longitude: number };
  return { at: row.at, latitude: body.latitude, longitude: body.longitude };
}

export function maxOutboxSeq(db: Database): number {
  return (db.prepare('SELECT coalesce(max(seq), 0) AS seq FROM outbox').get() as { seq: number }).seq;
}

/** What waits in the outbox besides `sending`, per priority: the desk shows what the vehicle still holds. */
export function waitingBeside(db: Database, sending: readonly OutboxEntry[]): VehicleQueue {
  const queue: VehicleQueue = { flash: 0, immediate: 0, priority: 0, routine: 0, bulk: 0 };
  for (const line of queueCounts(db).queued) queue[line.priority] = line.count;
  for (const entry of sending) queue[entry.priority] = Math.max(0, queue[entry.priority] - 1);
  return queue;
}

import type { Database } from 'better-sqlite3';
import type {
  FollowupRequestView,
  IncidentDetail,
  IncidentSummary,
  ReportFileState,
  ReportFileView,
  ReportView,
} from '../../../protocol/api/incidents';
import type { Delivery } from '../../../protocol/api/messaging';
import {
  firstReportDeadline,
  firstReportDue,
  type ChainSoFar,
  type FirstReportDeadlines,
  type IncidentHeader,
  type ReportBody,
} from '../../../protocol/sync/incidents';
import { SBD_MARK_COLUMNS, SBD_MARK_JOIN, sbdMark } from './sbdRepo';
import { LAST_ERROR_COLUMNS, lastErrorCode } from './outboxRepo';
import type { Priority } from '../../../protocol/sync/items';

/** Reads of incidents, their report chains and files, the center's follow-up requests. */

interface IncidentRow {
  id: string;
  category: string;
  type: string;
  level: string;
  title: string;
  place_text: string | null;
  latitude: number | null;
  longitude: number | null;
  occurred_at: number;
  status: 'open' | 'closed';
  opened_at: number;
  closed_at: number | null;
}

interface OutboxState {
  priority: string | null;
  state: string | null;
  delivered_at: number | null;
  attempts: number | null;
  last_error: string | null;
  last_error_code: string | null;
  park_code: string | null;
  park_reason: string | null;
  sbd_sent_at?: number | null;
  sbd_momsn?: number | null;
}

const OUTBOX_COLUMNS = `o.priority, o.state, o.delivered_at, o.attempts, ${LAST_ERROR_COLUMNS}, o.park_code, o.park_reason`;

function delivery(row: OutboxState): Delivery | null {
  if (row.state === null) return null;
  return {
    state: row.state as Delivery['state'],
    deliveredAt: row.delivered_at,
    attempts: row.attempts ?? 0,
    lastError: row.last_error,
    lastErrorCode: lastErrorCode(row),
    parkCode: row.park_code,
    parkReason: row.park_reason,
    ...(row.sbd_sent_at !== undefined ? { sbd: sbdMark({ sbd_sent_at: row.sbd_sent_at, sbd_momsn: row.sbd_momsn ?? null }) } : {}),
  };
}

function header(row: IncidentRow): IncidentHeader {
  return {
    category: row.category as IncidentHeader['category'],
    type: row.type,
    level: row.level as IncidentHeader['level'],
    title: row.title,
    ...(row.place_text ? { placeText: row.place_text } : {}),
    ...(row.latitude !== null && row.longitude !== null ? { latitude: row.latitude, longitude: row.longitude } : {}),
    occurredAt: row.occurred_at,
  };
}

/** The chain so far, oldest first (what reportChainError and nextFollowupNumber need). */
export function chainOf(db: Database, incidentId: string): ChainSoFar {
  const stages = db
    .prepare('SELECT stage, number FROM reports WHERE incident_id = ? ORDER BY created_at, rowid')
    .all(incidentId) as ChainSoFar['stages'][number][];
  return { stages };
}

export function incidentExists(db: Database, id: string): boolean {
  return db.prepare('SELECT 1 FROM incidents WHERE id = ?').get(id) !== undefined;
}

function summary(db: Database, row: IncidentRow, deadlines: FirstReportDeadlines, now: number): IncidentSummary {
  const counts = db
    .prepare(
      `SELECT count(*) AS reports, count(r.acked_at) AS acked, sum(o.state = 'queued') AS waiting, max(r.created_at) AS last,
              max(CASE WHEN r.stage = 'first' THEN o.delivered_at END) AS reached
         FROM reports r LEFT JOIN outbox o ON o.id = r.id WHERE r.incident_id = ?`,
    )
    .get(row.id) as { reports: number; acked: number; waiting: number | null; last: number | null; reached: number | null };
  const asked = db
    .prepare('SELECT count(*) AS n FROM followup_requests WHERE incident_id = ? AND answered_at IS NULL AND dismissed_at IS NULL')
    .get(row.id) as { n: number };
  const h = header(row);
  const due = firstReportDue(h.level, h.occurredAt, deadlines);
  const deadline = firstReportDeadline(due, counts.reached, now);
  return {
    id: row.id,
    header: h,
    status: row.status,
    openedAt: row.opened_at,
    closedAt: row.closed_at,
    deadline: { due, state: deadline.state, msLeft: Math.round(deadline.msLeft), reachedAt: counts.reached },
    reports: counts.reports,
    acked: counts.acked,
    waiting: counts.waiting ?? 0,
    lastReportAt: counts.last ?? row.opened_at,
    followupsAsked: asked.n,
  };
}

/** Newest first; open ones only, closed ones only, or all. */
export function listIncidents(
  db: Database,
  status: 'open' | 'closed' | undefined,
  limit: number,
  deadlines: FirstReportDeadlines,
  now: number,
): IncidentSummary[] {
  const rows = (
    status
      ? db.prepare('SELECT * FROM incidents WHERE status = ? ORDER BY opened_at DESC LIMIT ?').all(status, limit)
      : db.prepare('SELECT * FROM incidents ORDER BY opened_at DESC LIMIT ?').all(limit)
  ) as IncidentRow[];
  return rows.map((row) => summary(db, row, deadlines, now));
}

function fileState(db: Database, id: string): ReportFileState {
  const row = db
    .prepare(
      `SELECT a.size, a.confirmed, a.complete, ${OUTBOX_COLUMNS}
         FROM attachments a LEFT JOIN outbox o ON o.attachment_id = a.id WHERE a.id = ? ORDER BY o.seq DESC LIMIT 1`,
    )
    .get(id) as OutboxState & { size: number; confirmed: number; complete: number };
  return {
    id,
    size: row.size,
    priority: row.priority as Priority | null,
    confirmed: row.confirmed,
    complete: row.complete === 1,
    delivery: delivery(row),
  };
}

/** The report's files in the order its body names them. */
function filesOf(db: Database, reportId: string, order: readonly string[]): ReportFileView[] {
  const rows = db
    .prepare(
      `SELECT f.original_id, f.thumbnail_id, f.width, f.height, a.name, a.mime
         FROM report_files f JOIN attachments a ON a.id = f.original_id WHERE f.report_id = ?`,
    )
    .all(reportId) as Array<{
    original_id: string;
    thumbnail_id: string | null;
    width: number | null;
    height: number | null;
    name: string;
    mime: string;
  }>;
  rows.sort((a, b) => order.indexOf(a.original_id) - order.indexOf(b.original_id));
  return rows.map((r) => ({
    id: r.original_id,
    name: r.name,
    mime: r.mime,
    original: fileState(db, r.original_id),
    thumbnail: r.thumbnail_id ? fileState(db, r.thumbnail_id) : null,
    width: r.width,
    height: r.height,
  }));
}

function chainViews(db: Database, incidentId: string): ReportView[] {
  const rows = db
    .prepare(
      `SELECT r.*, ${OUTBOX_COLUMNS}, ${SBD_MARK_COLUMNS} FROM reports r LEFT JOIN outbox o ON o.id = r.id ${SBD_MARK_JOIN}
        WHERE r.incident_id = ? ORDER BY r.created_at, r.rowid`,
    )
    .all(incidentId) as Array<
    OutboxState & {
      id: string;
      stage: string;
      number: number;
      body: string;
      created_at: number;
      acked_at: number | null;
      acked_by: string | null;
      priority: string;
    }
  >;
  return rows.map((r) => {
    const body = JSON.parse(r.body) as ReportBody;
    return {
      id: r.id,
      incidentId,
      stage: r.stage as ReportView['stage'],
      number: r.number,
      priority: r.priority as Priority,
      body,
      createdAt: r.created_at,
      delivery: delivery(r) ?? { state: 'queued', deliveredAt: null, attempts: 0, lastError: null, parkCode: null, parkReason: null },
      ackedAt: r.acked_at,
      ackedBy: r.acked_by,
      files: filesOf(db, r.id, body.attachments ?? []),
    };
  });
}

export function incidentDetail(db: Database, id: string, deadlines: FirstReportDeadlines, now: number): IncidentDetail | undefined {
  const row = db.prepare('SELECT * FROM incidents WHERE id = ?').get(id) as IncidentRow | undefined;
  if (!row) return undefined;
  return { ...summary(db, row, deadlines, now), chain: chainViews(db, id), followups: followupsOf(db, 'incident_id = ?', [id]) };
}

interface FollowupRow {
  id: string;
  incident_id: string;
  title: string | null;
  from_name: string;
  text: string;
  received_at: number;
  answered_at: number | null;
  dismissed_at: number | null;
}

function followupsOf(db: Database, where: string, params: unknown[]): FollowupRequestView[] {
  const rows = db
    .prepare(
      `SELECT f.*, i.title FROM followup_requests f LEFT JOIN incidents i ON i.id = f.incident_id WHERE ${where} ORDER BY f.received_at DESC LIMIT 100`,
    )
    .all(...params) as FollowupRow[];
  return rows.map((r) => ({
    id: r.id,
    incidentId: r.incident_id,
    incidentTitle: r.title,
    from: r.from_name,
    text: r.text,
    receivedAt: r.received_at,
    answeredAt: r.answered_at,
    dismissedAt: r.dismissed_at,
  }));
}

/** Follow-up requests not answered by a 续报 nor dismissed: what raises the alert (it survives a restart). */
export function openFollowups(db: Database): FollowupRequestView[] {
  return followupsOf(db, 'f.answered_at IS NULL AND f.dismissed_at IS NULL', []);
}

export function followupById(db: Database, id: string): FollowupRequestView | undefined {
  return followupsOf(db, 'f.id = ?', [id])[0];
}

/** The incidents whose reports or files sit at these outbox seqs (to announce a delivery). */
export function incidentsForSeqs(db: Database, seqs: readonly number[]): string[] {
  if (seqs.length === 0) return [];
  const rows = db
    .prepare(
      `SELECT DISTINCT r.incident_id AS id FROM outbox o
         LEFT JOIN report_files f ON f.original_id = o.attachment_id OR f.thumbnail_id = o.attachment_id
         JOIN reports r ON r.id = o.id OR r.id = f.report_id
        WHERE o.seq IN (SELECT value FROM json_each(?)) AND o.kind IN ('report', 'attachment')`,
    )
    .all(JSON.stringify(seqs)) as Array<{ id: string }>;
  return rows.map((r) => r.id);
}

import type { Database } from 'better-sqlite3';
import type { IncidentHeader, ReportBody } from '../../../protocol/sync/incidents';
import type { AttachmentBody, Priority, SyncItem } from '../../../protocol/sync/items';
import { uuidv7 } from '../../../protocol/sync/uuid';
import { estimateWireBytes } from '../sync/outboxItem';
import { attachmentEntry, insertAttachment, type AttachmentEntry, type AttachmentRecord } from './attachmentsRepo';
import { enqueueOutbox } from './outboxRepo';

/**
 * The crew's incident writes: each report with its outbox items (the report, then per file
 * the thumbnail and then the original) in one transaction, so a crash keeps all or none.
 * The caller checked the chain (reportChainError) and the files (stagedFilesFor).
 */

/** A file the report carries, its thumbnail (if any) and how urgent the original is. */
export interface FileToSend {
  originalId: string;
  thumbnailId: string | null;
  priority: Priority;
}

export interface NewReport {
  /** The report's id: its outbox item's id too. */
  id: string;
  body: ReportBody;
  priority: Priority;
  createdAt: number;
  files: readonly FileToSend[];
  /** Priority of the thumbnails (ahead of the originals). */
  thumbnailPriority: Priority;
}

/** Opens the incident and writes its 初报 with everything it carries. */
export function recordFirstReport(db: Database, header: IncidentHeader, report: NewReport): void {
  db.transaction(() => {
    db.prepare(
      `INSERT INTO incidents (id, category, type, level, title, place_text, latitude, longitude, occurred_at, opened_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      report.body.incidentId,
      header.category,
      header.type,
      header.level,
      header.title,
      header.placeText ?? null,
      header.latitude ?? null,
      header.longitude ?? null,
      header.occurredAt,
      report.createdAt,
    );
    writeReport(db, report);
  }).immediate();
}

/**
 * A 续报 or 终报: a 续报 answers the incident's open follow-up requests; a 终报 closes the
 * incident (and answers them too: nothing follows it).
 */
export function recordLaterReport(db: Database, report: NewReport): void {
  db.transaction(() => {
    writeReport(db, report);
    db.prepare('UPDATE followup_requests SET answered_at = ? WHERE incident_id = ? AND answered_at IS NULL AND dismissed_at IS NULL').run(
      report.createdAt,
      report.body.incidentId,
    );
    if (report.body.stage === 'final')
      db.prepare(`UPDATE incidents SET status = 'closed', closed_at = ? WHERE id = ?`).run(report.createdAt, report.body.incidentId);
  }).immediate();
}

function writeReport(db: Database, report: NewReport): void {
  const { id, body, priority, createdAt } = report;
  db.prepare('INSERT INTO reports (id, incident_id, stage, number, priority, body, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
    id,
    body.incidentId,
    body.stage,
    body.number,
    priority,
    JSON.stringify(body),
    createdAt,
  );
  enqueueOutbox(db, {
    id,
    kind: 'report',
    priority,
    createdAt,
    body,
    bytes: estimateWireBytes({ kind: 'report', id, priority, createdAt, body }),
  });
  const bind = db.prepare('UPDATE report_files SET report_id = ? WHERE original_id = ? AND report_id IS NULL');
  // Every thumbnail before any original: the upload lane takes the most urgent, then the oldest.
  for (const file of report.files)
    if (file.thumbnailId) enqueueFile(db, file.thumbnailId, report.thumbnailPriority, createdAt, file.originalId);
  for (const file of report.files) {
    if (bind.run(id, file.originalId).changes !== 1) throw new Error(`file ${file.originalId} is not staged for a report`);
    enqueueFile(db, file.originalId, file.priority, createdAt);
  }
}

function enqueueFile(db: Database, attachmentId: string, priority: Priority, createdAt: number, thumbnailOf?: string): void {
  const file: AttachmentEntry | undefined = attachmentEntry(db, attachmentId);
  if (!file) throw new Error(`no attachment ${attachmentId}`);
  const body: AttachmentBody = {
    attachmentId,
    name: file.name,
    mime: file.mime,
    size: file.size,
    sha256: file.sha256,
    ...(thumbnailOf ? { thumbnailOf } : {}),
  };
  const itemId = uuidv7(createdAt);
  enqueueOutbox(db, {
    id: itemId,
    kind: 'attachment',
    priority,
    createdAt,
    body,
    bytes: file.size + estimateWireBytes({ kind: 'attachment', id: itemId, priority, createdAt, body }),
    attachmentId,
  });
}

/** The center's 签收 of a report; the incident it belongs to, when the report is ours. */
export function applyReportAck(db: Database, reportId: string, by: string, at: number): string | undefined {
  db.prepare('UPDATE reports SET acked_at = ?, acked_by = ? WHERE id = ? AND acked_at IS NULL').run(at, by, reportId);
  return (db.prepare('SELECT incident_id AS id FROM reports WHERE id = ?').get(reportId) as { id: string } | undefined)?.id;
}

/** The center asks for a 续报: kept (once, by its item id) until one goes or the crew dismisses it. */
export function storeFollowupRequest(
  db: Database,
  request: { id: string; incidentId: string; from: string; text: string },
  at: number,
): void {
  db.prepare(
    'INSERT INTO followup_requests (id, incident_id, from_name, text, received_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING',
  ).run(request.id, request.incidentId, request.from, request.text, at);
}

export function dismissFollowupRequest(db: Database, id: string, at: number): boolean {
  return (
    db.prepare('UPDATE followup_requests SET dismissed_at = ? WHERE id = ? AND answered_at IS NULL AND dismissed_at IS NULL').run(at, id)
      .changes > 0
  );
}

/** A file the renderer finished (and its thumbnail), recorded as staged: attachments no item points at yet. */
export function stageReportFile(
  db: Database,
  original: AttachmentRecord,
  thumbnail: AttachmentRecord | undefined,
  meta: { width: number | null; height: number | null; latitude: number | null; longitude: number | null },
): void {
  db.transaction(() => {
    insertAttachment(db, original);
    if (thumbnail) insertAttachment(db, thumbnail);
    db.prepare(
      'INSERT INTO report_files (original_id, thumbnail_id, width, height, latitude, longitude, staged_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ).run(original.id, thumbnail?.id ?? null, meta.width, meta.height, meta.latitude, meta.longitude, original.createdAt);
  }).immediate();
}

/** A staged or sent report file: its thumbnail and the report that carries it (null while staged). */
export function reportFile(db: Database, originalId: string): { thumbnailId: string | null; reportId: string | null } | undefined {
  const row = db.prepare('SELECT thumbnail_id, report_id FROM report_files WHERE original_id = ?').get(originalId) as
    { thumbnail_id: string | null; report_id: string | null } | undefined;
  return row && { thumbnailId: row.thumbnail_id, reportId: row.report_id };
}

/**
 * A report-ack (签收) or a follow-up request from the center, in the downlink's transaction.
 * Returns the incident it concerns ('' when the report is not this vehicle's), or undefined
 * when the item is of another kind.
 */
export function applyIncidentDownlink(db: Database, item: SyncItem, receivedAt: number): string | undefined {
  if (item.kind === 'report-ack') return applyReportAck(db, item.body.reportId, item.body.by, item.createdAt) ?? '';
  if (item.kind === 'followup-request') {
    storeFollowupRequest(db, { id: item.id, ...item.body }, receivedAt);
    return item.body.incidentId;
  }
  return undefined;
}

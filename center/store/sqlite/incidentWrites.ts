import type { IncidentHeader } from '../../../protocol/sync/incidents';
import type { NewCenterIncident, NewReport } from '../IncidentStore';
import type { Statements } from './statements';

/**
 * Writes of incidents and reports, each inside the caller's transaction (the exchange's
 * unit of work for ingest, the desk's own transaction for the center's incidents).
 */

/**
 * Stores a report and brings its incident up to date: created by the first of its reports
 * to arrive; the header from the report written last by the crew (createdAt, not arrival);
 * the 初报's arrival time; closed by the 终报. Its files get their report.
 */
export function insertReport(statements: Statements, vehicleId: string, report: NewReport): void {
  const { body } = report;
  statements
    .get(
      `INSERT INTO incidents (id, vehicle_id, created_at, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET updated_at = MAX(updated_at, excluded.updated_at)`,
    )
    .run(body.incidentId, vehicleId, report.receivedAt, report.receivedAt);
  if (body.incident) setHeaderIfNewer(statements, body.incidentId, body.incident, report.createdAt);
  if (body.stage === 'first')
    statements
      .get('UPDATE incidents SET first_report_at = COALESCE(first_report_at, ?) WHERE id = ?')
      .run(report.receivedAt, body.incidentId);
  if (body.stage === 'final') statements.get(`UPDATE incidents SET status = 'closed' WHERE id = ?`).run(body.incidentId);
  statements
    .get(
      `INSERT INTO reports (id, incident_id, vehicle_id, stage, number, body_json, created_at, received_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(report.id, body.incidentId, vehicleId, body.stage, body.number, JSON.stringify(body), report.createdAt, report.receivedAt);
  (body.attachments ?? []).forEach((originalId, position) => {
    statements
      .get(
        `INSERT INTO report_files (vehicle_id, original_id, report_id, position) VALUES (?, ?, ?, ?)
         ON CONFLICT (vehicle_id, original_id) DO UPDATE SET report_id = excluded.report_id, position = excluded.position`,
      )
      .run(vehicleId, originalId, report.id, position);
  });
}

function setHeaderIfNewer(statements: Statements, incidentId: string, header: IncidentHeader, writtenAt: number): void {
  statements
    .get(
      `UPDATE incidents SET category = ?, type = ?, level = ?, title = ?, place_text = ?, latitude = ?, longitude = ?,
         occurred_at = ?, header_at = ?
       WHERE id = ? AND (header_at IS NULL OR header_at <= ?)`,
    )
    .run(
      header.category,
      header.type,
      header.level,
      header.title,
      header.placeText ?? null,
      header.latitude ?? null,
      header.longitude ?? null,
      header.occurredAt,
      writtenAt,
      incidentId,
      writtenAt,
    );
}

/** A thumbnail's attachment item arrived: links it to its original (the row may be the first word of either). */
export function insertThumbnailLink(statements: Statements, vehicleId: string, originalId: string, thumbnailId: string): void {
  statements
    .get(
      `INSERT INTO report_files (vehicle_id, original_id, thumbnail_id) VALUES (?, ?, ?)
       ON CONFLICT (vehicle_id, original_id) DO UPDATE SET thumbnail_id = excluded.thumbnail_id`,
    )
    .run(vehicleId, originalId, thumbnailId);
}

/** An incident opened at the center: its 初报 is the call that reached the staff member now. */
export function insertCenterIncident(statements: Statements, incident: NewCenterIncident): void {
  const { header } = incident;
  statements
    .get(
      `INSERT INTO incidents (id, vehicle_id, category, type, level, title, place_text, latitude, longitude, occurred_at,
         header_at, first_report_at, created_at, updated_at, opened_by, note)
       VALUES (?, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      incident.id,
      header.category,
      header.type,
      header.level,
      header.title,
      header.placeText ?? null,
      header.latitude ?? null,
      header.longitude ?? null,
      header.occurredAt,
      incident.at,
      incident.at,
      incident.at,
      incident.at,
      incident.openedBy,
      incident.note ?? null,
    );
}

/** Marks a report receipted (签收); returns its vehicle when this was the first time, undefined otherwise (or when unknown). */
export function markReportAcked(statements: Statements, reportId: string, by: string, at: number): string | undefined {
  const row = statements
    .get('UPDATE reports SET acked_at = ?, acked_by = ? WHERE id = ? AND acked_at IS NULL RETURNING vehicle_id')
    .get(at, by, reportId) as { vehicle_id: string } | undefined;
  return row?.vehicle_id;
}

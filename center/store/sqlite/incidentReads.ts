import { deskAttachmentUrl, type DeskIncident, type DeskReport, type DeskReportFile } from '../../../protocol/sync/deskIncidents';
import type {
  FirstReportDeadlines,
  IncidentCategory,
  IncidentHeader,
  IncidentLevel,
  IncidentStatus,
  ReportBody,
  ReportStage,
} from '../../../protocol/sync/incidents';
import { chainState, incidentDeadline } from '../incidentView';
import type { IncidentFilter } from '../IncidentStore';
import type { Statements } from './statements';
import { viaColumns, viaOf, type ViaRow } from './uplinkRows';

/** The desk's reads of incidents, reports and their files. */

interface IncidentRow {
  id: string;
  vehicle_id: string | null;
  vehicle_name: string | null;
  category: string | null;
  type: string | null;
  level: string | null;
  title: string | null;
  place_text: string | null;
  latitude: number | null;
  longitude: number | null;
  occurred_at: number | null;
  status: string;
  first_report_at: number | null;
  created_at: number;
  updated_at: number;
  opened_by: string | null;
  note: string | null;
}

interface ReportRow extends ViaRow {
  id: string;
  incident_id: string;
  vehicle_id: string;
  vehicle_name: string | null;
  stage: string;
  number: number;
  body_json: string;
  created_at: number;
  received_at: number;
  acked_at: number | null;
  acked_by: string | null;
}

interface FileRow {
  report_id: string;
  vehicle_id: string;
  original_id: string;
  thumbnail_id: string | null;
  name: string | null;
  mime: string | null;
  size: number | null;
  original_done: number | null;
  thumbnail_done: number | null;
}

const INCIDENT_SELECT = `SELECT i.*, c.name AS vehicle_name FROM incidents i
  LEFT JOIN credentials c ON c.role = 'vehicle' AND c.id = i.vehicle_id`;
const REPORT_SELECT = `SELECT r.*, c.name AS vehicle_name, ${viaColumns('u')} FROM reports r
  LEFT JOIN credentials c ON c.role = 'vehicle' AND c.id = r.vehicle_id
  LEFT JOIN uplink_items u ON u.vehicle_id = r.vehicle_id AND u.id = r.id`;
const FILE_SELECT = `SELECT f.report_id, f.vehicle_id, f.original_id, f.thumbnail_id, o.name, o.mime, o.size,
    o.completed_at AS original_done, t.completed_at AS thumbnail_done
  FROM report_files f
  LEFT JOIN attachments o ON o.vehicle_id = f.vehicle_id AND o.attachment_id = f.original_id
  LEFT JOIN attachments t ON t.vehicle_id = f.vehicle_id AND t.attachment_id = f.thumbnail_id`;

/** Incidents matching `filter`, newest activity first, as the list shows them. */
export function selectIncidents(
  statements: Statements,
  filter: IncidentFilter,
  now: number,
  deadlines: FirstReportDeadlines,
): DeskIncident[] {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (clause: string, value: unknown) => {
    where.push(clause);
    params.push(value);
  };
  if (filter.vehicleId !== undefined) add('i.vehicle_id = ?', filter.vehicleId);
  if (filter.category !== undefined) add('i.category = ?', filter.category);
  if (filter.level !== undefined) add('i.level = ?', filter.level);
  if (filter.status !== undefined) add('i.status = ?', filter.status);
  if (filter.vehicleIds !== undefined)
    add('(i.vehicle_id IS NULL OR i.vehicle_id IN (SELECT value FROM json_each(?)))', JSON.stringify(filter.vehicleIds));
  // "Late" depends on now, so it is decided per row below; without it the store can stop at the limit.
  const limit = filter.late === undefined ? ' LIMIT ?' : '';
  if (limit) params.push(filter.limit);
  const sql = `${INCIDENT_SELECT}${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY i.updated_at DESC, i.id DESC${limit}`;
  const rows = statements.get(sql).all(...params) as IncidentRow[];
  const incidents = deskIncidents(statements, rows, now, deadlines);
  const shown = filter.late === undefined ? incidents : incidents.filter((i) => (i.deadline.state === 'late') === filter.late);
  return shown.slice(0, filter.limit);
}

/** One incident's row, its note, and its reports oldest first. */
export function selectIncidentDetail(
  statements: Statements,
  incidentId: string,
  now: number,
  deadlines: FirstReportDeadlines,
): { incident: DeskIncident; note: string | null; reports: DeskReport[] } | undefined {
  const row = statements.get(`${INCIDENT_SELECT} WHERE i.id = ?`).get(incidentId) as IncidentRow | undefined;
  if (!row) return undefined;
  const [incident] = deskIncidents(statements, [row], now, deadlines);
  const reportRows = statements.get(`${REPORT_SELECT} WHERE r.incident_id = ? ORDER BY r.created_at, r.id`).all(incidentId) as ReportRow[];
  const files = filesOf(
    statements,
    reportRows.map((r) => r.id),
  );
  return { incident: incident!, note: row.note, reports: reportRows.map((r) => deskReport(r, files.get(r.id) ?? [])) };
}

export function selectReport(statements: Statements, reportId: string): DeskReport | undefined {
  const row = statements.get(`${REPORT_SELECT} WHERE r.id = ?`).get(reportId) as ReportRow | undefined;
  return row ? deskReport(row, filesOf(statements, [row.id]).get(row.id) ?? []) : undefined;
}

function deskIncidents(statements: Statements, rows: IncidentRow[], now: number, deadlines: FirstReportDeadlines): DeskIncident[] {
  if (rows.length === 0) return [];
  const ids = JSON.stringify(rows.map((r) => r.id));
  const reports = statements
    .get(`SELECT id, incident_id, stage, number, created_at, acked_at FROM reports WHERE incident_id IN (SELECT value FROM json_each(?))`)
    .all(ids) as Array<{
    id: string;
    incident_id: string;
    stage: ReportStage;
    number: number;
    created_at: number;
    acked_at: number | null;
  }>;
  const byIncident = groupBy(reports, (r) => r.incident_id);
  const files = filesOf(
    statements,
    reports.map((r) => r.id),
  );
  const orders = new Map(
    (
      statements
        .get(
          `SELECT json_extract(d.body_json, '$.incident.id') AS incident_id, COUNT(DISTINCT r.order_id) AS n
           FROM downlink_items d JOIN order_recipients r ON r.item_id = d.id
           WHERE d.kind = 'order' AND json_extract(d.body_json, '$.incident.id') IN (SELECT value FROM json_each(?))
           GROUP BY 1`,
        )
        .all(ids) as Array<{ incident_id: string; n: number }>
    ).map((o) => [o.incident_id, o.n]),
  );
  return rows.map((row) => {
    const chain = byIncident.get(row.id) ?? [];
    const header = headerOf(row);
    const newestFirst = [...chain].sort((a, b) => b.created_at - a.created_at);
    const photo = newestFirst
      .flatMap((r) => files.get(r.id) ?? [])
      .find((f) => f.thumbnailUrl !== null || (f.originalUrl !== null && f.mime?.startsWith('image/')));
    return {
      id: row.id,
      vehicleId: row.vehicle_id,
      vehicleName: row.vehicle_name,
      openedBy: row.opened_by,
      header,
      status: row.status as IncidentStatus,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      firstReportAt: row.first_report_at,
      reportCount: chain.length,
      lastReportAt: newestFirst[0]?.created_at ?? null,
      unacked: chain.filter((r) => r.acked_at === null).length,
      deadline: incidentDeadline(header, row.first_report_at, now, deadlines),
      chain: chainState(chain),
      photo: photo ?? null,
      orderCount: orders.get(row.id) ?? 0,
    };
  });
}

function headerOf(row: IncidentRow): IncidentHeader | null {
  if (row.category === null || row.type === null || row.level === null || row.title === null || row.occurred_at === null) return null;
  return {
    category: row.category as IncidentCategory,
    type: row.type,
    level: row.level as IncidentLevel,
    title: row.title,
    ...(row.place_text !== null ? { placeText: row.place_text } : {}),
    ...(row.latitude !== null && row.longitude !== null ? { latitude: row.latitude, longitude: row.longitude } : {}),
    occurredAt: row.occurred_at,
  };
}

function deskReport(row: ReportRow, files: DeskReportFile[]): DeskReport {
  return {
    id: row.id,
    vehicleId: row.vehicle_id,
    vehicleName: row.vehicle_name ?? row.vehicle_id,
    stage: row.stage as ReportStage,
    number: row.number,
    body: JSON.parse(row.body_json) as ReportBody,
    createdAt: row.created_at,
    receivedAt: row.received_at,
    ackedAt: row.acked_at,
    ackedBy: row.acked_by,
    files,
    ...viaOf(row),
  };
}

/** Each report's files in the order the report names them, with URLs for the parts that are complete at the center. */
function filesOf(statements: Statements, reportIds: readonly string[]): Map<string, DeskReportFile[]> {
  if (reportIds.length === 0) return new Map();
  const rows = statements
    .get(`${FILE_SELECT} WHERE f.report_id IN (SELECT value FROM json_each(?)) ORDER BY f.report_id, f.position`)
    .all(JSON.stringify(reportIds)) as FileRow[];
  const map = new Map<string, DeskReportFile[]>();
  for (const row of rows) {
    const list = map.get(row.report_id) ?? [];
    list.push(deskFile(row));
    map.set(row.report_id, list);
  }
  return map;
}

function deskFile(row: FileRow): DeskReportFile {
  const original = row.original_done !== null;
  return {
    vehicleId: row.vehicle_id,
    attachmentId: row.original_id,
    name: row.name,
    mime: row.mime,
    size: row.size,
    thumbnailUrl:
      row.thumbnail_id !== null && row.thumbnail_done !== null ? deskAttachmentUrl(row.vehicle_id, row.thumbnail_id, true) : null,
    originalUrl: original ? deskAttachmentUrl(row.vehicle_id, row.original_id, true) : null,
    downloadUrl: original ? deskAttachmentUrl(row.vehicle_id, row.original_id, false) : null,
  };
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}

/** Which incidents these items of a vehicle touch: a report's own, and for an attachment the report naming it (or its original). */
export function selectIncidentsOfItems(
  statements: Statements,
  vehicleId: string,
  items: ReadonlyArray<{ kind: string; id: string; body: Record<string, unknown> }>,
): string[] {
  const found = new Set<string>();
  const byFile = statements.get(
    `SELECT r.incident_id FROM report_files f JOIN reports r ON r.id = f.report_id
     WHERE f.vehicle_id = ? AND (f.original_id = ? OR f.thumbnail_id = ?)`,
  );
  for (const item of items) {
    if (item.kind === 'report' && typeof item.body.incidentId === 'string') found.add(item.body.incidentId);
    if (item.kind === 'attachment' && typeof item.body.attachmentId === 'string') {
      const row = byFile.get(vehicleId, item.body.attachmentId, item.body.attachmentId) as { incident_id: string } | undefined;
      if (row) found.add(row.incident_id);
    }
  }
  return [...found];
}

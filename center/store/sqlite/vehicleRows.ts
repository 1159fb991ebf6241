import type { DeskVehicle } from '../../../protocol/sync/desk';
import type { LinkSummary, VehicleQueue } from '../../../protocol/sync/exchange';
import type { UploadRecord, VehiclePosition, VehicleSyncState } from '../CenterStore';
import type { Statements } from './statements';

/** Row shapes and their mapping to domain records, shared by the store and its exchange unit. */

export interface VehicleRow {
  id: string;
  name: string;
  revoked_at: number | null;
  up_ack: number;
  item_count: number;
  down_seq: number;
  down_acked: number;
  last_contact_at: number | null;
  pos_lat: number | null;
  pos_lon: number | null;
  pos_fix: string | null;
  pos_at: number | null;
  links_json: string | null;
  links_at: number | null;
  queue_json: string | null;
  queue_at: number | null;
}

export const VEHICLE_SELECT = `
  SELECT c.id, c.name, c.revoked_at, v.up_ack, v.item_count, v.down_seq, v.down_acked, v.last_contact_at,
         v.pos_lat, v.pos_lon, v.pos_fix, v.pos_at, v.links_json, v.links_at, v.queue_json, v.queue_at
  FROM credentials c JOIN vehicles v ON v.id = c.id
  WHERE c.role = 'vehicle'`;

export function positionOf(row: VehicleRow): VehiclePosition | null {
  if (row.pos_lat === null || row.pos_lon === null || row.pos_at === null) return null;
  return { latitude: row.pos_lat, longitude: row.pos_lon, fix: row.pos_fix === '3d' ? '3d' : '2d', at: row.pos_at };
}

export function highestSeq(statements: Statements, vehicleId: string): number {
  const row = statements.get('SELECT MAX(seq) AS top FROM uplink_items WHERE vehicle_id = ?').get(vehicleId) as { top: number | null };
  return row.top ?? 0;
}

export function syncStateOf(row: VehicleRow, statements: Statements): VehicleSyncState {
  return {
    id: row.id,
    name: row.name,
    revoked: row.revoked_at !== null,
    upAck: row.up_ack,
    highestSeq: highestSeq(statements, row.id),
    downSeq: row.down_seq,
    downAcked: row.down_acked,
    lastContactAt: row.last_contact_at,
    position: positionOf(row),
  };
}

/** What the desk counts per vehicle beside its row: unread messages, open and overdue orders. */
export interface DeskCounts {
  unread: number;
  openOrders: number;
  overdueOrders: number;
}

const NO_COUNTS: DeskCounts = { unread: 0, openOrders: 0, overdueOrders: 0 };

export function deskVehicleOf(row: VehicleRow, counts: DeskCounts = NO_COUNTS): DeskVehicle {
  const position = positionOf(row);
  return {
    id: row.id,
    name: row.name,
    lastContactAt: row.last_contact_at,
    position,
    links: row.links_json ? (JSON.parse(row.links_json) as LinkSummary[]) : [],
    linksAt: row.links_at,
    upAck: row.up_ack,
    itemCount: row.item_count,
    downPending: Math.max(0, row.down_seq - row.down_acked),
    queued: row.queue_json ? (JSON.parse(row.queue_json) as VehicleQueue) : null,
    queuedAt: row.queue_at,
    ...counts,
  };
}

export interface UploadRow {
  vehicle_id: string;
  attachment_id: string;
  name: string;
  mime: string;
  size: number;
  sha256: string;
  received_bytes: number;
  created_at: number;
  completed_at: number | null;
}

export function uploadOf(row: UploadRow): UploadRecord {
  return {
    vehicleId: row.vehicle_id,
    attachmentId: row.attachment_id,
    name: row.name,
    mime: row.mime,
    size: row.size,
    sha256: row.sha256,
    offset: row.received_bytes,
    createdAt: row.created_at,
    completedAt: row.completed_at,
  };
}

export const UPLOAD_SELECT = 'SELECT * FROM attachments WHERE vehicle_id = ? AND attachment_id = ?';

export function vehicleRow(statements: Statements, vehicleId: string): VehicleRow | undefined {
  return statements.get(`${VEHICLE_SELECT} AND c.id = ?`).get(vehicleId) as VehicleRow | undefined;
}

export function linksJson(links: readonly LinkSummary[]): string {
  return JSON.stringify(links);
}

import type { ConversationEntry, ConversationResponse } from '../../../protocol/sync/desk';
import type { Priority } from '../../../protocol/sync/items';
import type { Statements } from './statements';
import { viaColumns, viaOf, type ViaRow } from './uplinkRows';

/** The conversation with one vehicle: its messages in, staff messages and orders out, with receipts both ways. */

interface EntryRow extends ViaRow {
  direction: 'in' | 'out';
  id: string;
  kind: 'message' | 'center-message' | 'order';
  priority: string;
  created_at: number;
  body_json: string;
  delivered_at: number | null;
  read_at: number | null;
  read_by: string | null;
}

/** The latest `limit` entries, oldest first, and how many of the vehicle's messages no staff member has read. */
export function selectConversation(statements: Statements, vehicleId: string, vehicleName: string, limit: number): ConversationResponse {
  const rows = statements
    .get(
      `SELECT * FROM (
         SELECT 'in' AS direction, u.id, u.kind, u.priority, u.created_at, u.body_json, u.received_at AS delivered_at, u.read_at,
                u.read_by, ${viaColumns('u')}
         FROM uplink_items u WHERE u.vehicle_id = ? AND u.kind = 'message'
         UNION ALL
         SELECT 'out', id, kind, priority, created_at, body_json, delivered_at, read_at, NULL, NULL, NULL, NULL, NULL, NULL
         FROM downlink_items WHERE vehicle_id = ? AND kind IN ('center-message', 'order')
         ORDER BY created_at DESC, id DESC LIMIT ?
       ) ORDER BY created_at, id`,
    )
    .all(vehicleId, vehicleId, limit) as EntryRow[];
  const { unread } = statements
    .get(`SELECT COUNT(*) AS unread FROM uplink_items WHERE vehicle_id = ? AND kind = 'message' AND read_at IS NULL`)
    .get(vehicleId) as { unread: number };
  return { entries: rows.map((row) => entryOf(row, vehicleName)), unread };
}

function entryOf(row: EntryRow, vehicleName: string): ConversationEntry {
  const body = JSON.parse(row.body_json) as { text?: unknown; from?: unknown };
  return {
    direction: row.direction,
    id: row.id,
    kind: row.kind,
    text: typeof body.text === 'string' ? body.text : '',
    priority: row.priority as Priority,
    from: row.direction === 'in' ? vehicleName : typeof body.from === 'string' ? body.from : '',
    createdAt: row.created_at,
    deliveredAt: row.delivered_at,
    readAt: row.read_at,
    readBy: row.read_by,
    ...viaOf(row),
  };
}

/** Marks the vehicle's messages among `ids` read by `by`; returns the ids that were unread until now. */
export function markUplinkRead(statements: Statements, vehicleId: string, ids: readonly string[], by: string, at: number): string[] {
  const list = JSON.stringify(ids);
  const unread = statements
    .get(
      `SELECT id FROM uplink_items WHERE vehicle_id = ? AND kind = 'message' AND read_at IS NULL
       AND id IN (SELECT value FROM json_each(?)) ORDER BY cursor`,
    )
    .all(vehicleId, list) as Array<{ id: string }>;
  if (unread.length === 0) return [];
  statements
    .get(
      `UPDATE uplink_items SET read_at = ?, read_by = ? WHERE vehicle_id = ? AND read_at IS NULL AND id IN (SELECT value FROM json_each(?))`,
    )
    .run(at, by, vehicleId, JSON.stringify(unread.map((r) => r.id)));
  return unread.map((r) => r.id);
}

/** Unread messages per vehicle (of one vehicle only, when given). */
export function unreadCounts(statements: Statements, vehicleId?: string): Map<string, number> {
  const one = vehicleId === undefined ? '' : 'AND vehicle_id = ?';
  const rows = statements
    .get(`SELECT vehicle_id, COUNT(*) AS unread FROM uplink_items WHERE kind = 'message' AND read_at IS NULL ${one} GROUP BY vehicle_id`)
    .all(...(vehicleId === undefined ? [] : [vehicleId])) as Array<{ vehicle_id: string; unread: number }>;
  return new Map(rows.map((r) => [r.vehicle_id, r.unread]));
}
